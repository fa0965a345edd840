from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from tambonplan.accounts.scope import partner_of
from tambonplan.core.cockpit import cockpit_for
from tambonplan.core.fiscal_years import SESSION_KEY, fiscal_year_choices
from tambonplan.thai.digits import parse_int


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def home(request):
    if partner_of(request.user) is not None:
        return redirect("partners:portal")
    cockpit = cockpit_for(request.user, fiscal_year=request.fiscal_year)
    return render(request, "core/home.html", {"cockpit": cockpit, "summary": cockpit.summary})


@require_POST
def fiscal_year_select(request):
    year = parse_int(request.POST.get("fiscal_year"))
    if year in fiscal_year_choices():
        request.session[SESSION_KEY] = year
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)


def robots_txt(request):
    """Search engines may index the public open data and the API's documentation, nothing else."""
    lines = ["User-agent: *", "Allow: /open-data/", "Allow: /api/v1/docs", "Disallow: /", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def favicon(request):
    """Browsers and bots ask for /favicon.ico whatever the page links to: send them to the site's icon."""
    return redirect(static("img/favicon.svg"), permanent=True)
