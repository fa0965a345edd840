"""The notification pages: the user's list, marking as read, preferences, LINE linking, the province's rule,
the administrators' failed deliveries, and LINE's webhook."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from tambonplan.accounts.scope import may_manage_province
from tambonplan.notifications import line, selectors, services
from tambonplan.notifications.channels import line_enabled
from tambonplan.notifications.forms import PreferencesForm, ProvincePolicyForm
from tambonplan.notifications.models import LinkPurpose

PER_PAGE = 30
# The session keeps the codes just made, to show them on the settings page until they expire.
SESSION_CODES = "notifications_line_codes"


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_of(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_read(request, pk):
    services.notification_read(user=request.user, notification=selectors.own_notification(request.user, pk))
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_read_all(request):
    count = services.notifications_read_all(user=request.user)
    messages.success(request, _("ทำเครื่องหมายว่าอ่านแล้ว %(count)s รายการ") % {"count": count})
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    rows = selectors.preference_rows(request.user)
    form = PreferencesForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_save(user=request.user, enabled=form.enabled())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกการตั้งค่าการแจ้งเตือนแล้ว"))
            return redirect("notifications:preferences")
    province_code = _managed_province(request.user)
    policy_form = None
    if province_code:
        policy = selectors.province_policy_of(province_code)
        policy_form = ProvincePolicyForm(
            initial={"deadline_reminders_mandatory": bool(policy and policy.deadline_reminders_mandatory)}
        )
    context = {"form": form, "policy_form": policy_form, "line_enabled": line_enabled()}
    return render(request, "notifications/preferences.html", context)


def _managed_province(user) -> str:
    """The province whose rule this user sets (a province officer's own), or ""."""
    code = user.province_id if not user.district_id else ""
    return code if code and may_manage_province(user, code) else ""


@login_required
@require_POST
def province_policy(request):
    """The province officer's rule for the province's users (their own province)."""
    form = ProvincePolicyForm(request.POST)
    province_code = _managed_province(request.user)
    if not province_code or not form.is_valid():
        raise PermissionDenied
    mandatory = form.cleaned_data["deadline_reminders_mandatory"]
    services.province_policy_set(
        user=request.user, province_code=province_code, deadline_reminders_mandatory=mandatory
    )
    if mandatory:
        messages.success(request, _("ผู้ใช้ในจังหวัดจะได้รับการแจ้งเตือนกำหนดส่งรายงานผลทุกช่องทาง ปิดเองไม่ได้"))
    else:
        messages.success(request, _("ผู้ใช้ในจังหวัดเลือกรับการแจ้งเตือนกำหนดส่งรายงานผลเองได้"))
    return redirect("notifications:preferences")


def _new_code(request, purpose: str):
    try:
        code, expires_at = services.line_code_new(user=request.user, purpose=purpose)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        codes = request.session.get(SESSION_CODES, {})
        codes[purpose] = {"code": code, "expires_at": expires_at.isoformat()}
        request.session[SESSION_CODES] = codes
    return redirect(reverse("accounts:preferences") + "#line")


def _unlinked(request, unlinked: bool):
    if unlinked:
        messages.success(request, _("ยกเลิกการเชื่อมต่อ LINE แล้ว จะไม่มีการแจ้งเตือนส่งไปที่นั่นอีก"))
    return redirect(reverse("accounts:preferences") + "#line")


@never_cache
@login_required
@require_POST
def line_link(request):
    """A one-time code to link the user's LINE, shown on the settings page for 10 minutes."""
    return _new_code(request, LinkPurpose.USER)


@login_required
@require_POST
def line_unlink(request):
    return _unlinked(request, services.line_unlink(user=request.user))


@never_cache
@login_required
@require_POST
def line_group_link(request):
    """A one-time code to link the LINE group of the officer's district (or province)."""
    return _new_code(request, LinkPurpose.GROUP)


@login_required
@require_POST
def line_group_unlink(request):
    return _unlinked(request, services.line_group_unlink(user=request.user))


@login_required
def failures(request):
    """Deliveries that failed, for administrators (also in the admin, filtered by status)."""
    if not selectors.is_site_admin(request.user):
        raise PermissionDenied
    page = Paginator(selectors.failed_deliveries(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/failures.html", {"page": page})


@csrf_exempt
@require_POST
def line_webhook(request):
    """LINE's webhook: signed with the channel secret, or refused before anything is read."""
    signature = request.headers.get("X-Line-Signature", "")
    if not signature:
        return HttpResponseBadRequest()
    try:
        events = line.parse_webhook(request.body, signature)
    except line.BadSignature:
        return HttpResponseForbidden()
    except ValueError:
        return HttpResponseBadRequest()
    line.handle_events(events)
    return HttpResponse("OK")
