from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from tambonplan.accounts.scope import NATION, NOTHING, may_change, scope_of
from tambonplan.areas.selectors import tambon_for, village_for
from tambonplan.core.tabular import TabularError
from tambonplan.documents.responses import file_response
from tambonplan.villagedata import selectors, services
from tambonplan.villagedata.forms import ResultsImportForm
from tambonplan.villagedata.scales import Survey
from tambonplan.villagedata.spreadsheets import template_workbook


def _require_area(user) -> None:
    """The village data is the offices' own: a user without an area (a partner's) finds nothing here."""
    if scope_of(user).level == NOTHING:
        raise Http404


@login_required
@require_GET
def index(request):
    _require_area(request.user)
    national = scope_of(request.user).level == NATION
    province = request.GET.get("province", "") if national else None
    provinces = list(selectors.provinces(request.user)) if national else []
    if national and province not in {p.code for p in provinces}:
        province = None
    context = {
        "rows": selectors.tambon_rows(request.user, request.fiscal_year, province=province),
        "national": national,
        "provinces": provinces,
        "province": province,
        "counts": selectors.result_counts(request.user),
        "can_import": request.user.can_edit,
    }
    return render(request, "villagedata/index.html", context)


@login_required
@require_GET
def tambon(request, code):
    _require_area(request.user)
    tambon = tambon_for(request.user, code)
    context = {
        "tambon": tambon,
        "rows": selectors.tambon_villages(request.user, tambon, request.fiscal_year),
        "can_import": may_change(request.user, tambon),
    }
    return render(request, "villagedata/tambon.html", context)


@login_required
@require_GET
def village(request, code):
    _require_area(request.user)
    village = village_for(request.user, code)
    context = {
        "village": village,
        "tambon": village.tambon,
        "surveys": selectors.village_results(request.user, village),
        "latest": selectors.failing_of(request.user, village, request.fiscal_year),
        "suggestions": selectors.severity_suggestions(request.user, village, request.fiscal_year),
    }
    return render(request, "villagedata/village.html", context)


@login_required
@require_GET
def indicators(request):
    _require_area(request.user)
    return render(request, "villagedata/indicators.html", {"groups": selectors.catalogue()})


@login_required
@require_http_methods(["GET", "POST"])
def results_import(request):
    _require_area(request.user)
    if not request.user.can_edit:
        raise PermissionDenied
    form = ResultsImportForm(request.POST or None, request.FILES or None)
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.results_import(
                user=request.user, survey=form.cleaned_data["survey"], upload=form.cleaned_data["file"]
            )
        except TabularError as error:
            errors = error.errors
    return render(request, "villagedata/import.html", {"form": form, "errors": errors, "result": result})


@login_required
@require_GET
def import_template(request):
    """The import template of the survey named by ?survey= (jpt, the default, or kch2k)."""
    _require_area(request.user)
    survey = request.GET.get("survey", Survey.JPT)
    if survey not in Survey.values:
        raise Http404
    if not request.user.can_edit:
        raise PermissionDenied
    villages = selectors.villages_to_import(request.user)
    content = template_workbook(survey=survey, villages=villages)
    return file_response(content, f"แบบนำเข้า-{Survey(survey).label}", "xlsx")
