import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from tambonplan.accounts import lockout, password_reset, selectors, services, totp
from tambonplan.accounts.forms import (
    LockoutAuthenticationForm,
    LoginCodeForm,
    PasswordResetRequestForm,
    PreferencesForm,
    ResetPasswordForm,
    TotpCodeForm,
    UserForm,
    locked_message,
)
from tambonplan.accounts.models import User
from tambonplan.accounts.second_factor import mark_second_factor
from tambonplan.core import crypto
from tambonplan.core.audit import audit_trail
from tambonplan.core.http import client_ip
from tambonplan.core.qr import qr_svg

logger = logging.getLogger("tambonplan.accounts")
reset_logger = logging.getLogger("tambonplan.accounts.password_reset")

# The session keys of a login waiting for its two-factor code, and of a secret being set up.
PENDING_KEY = "accounts_totp_pending"
PENDING_SECONDS = 5 * 60
SETUP_KEY = "accounts_totp_setup_secret"


class LoginView(auth_views.LoginView):
    """Django's login with the lockout form; a user with two-factor login on is only authenticated after
    the code (login_code): the password step just remembers who is waiting, for five minutes."""

    template_name = "accounts/login.html"
    authentication_form = LockoutAuthenticationForm

    def form_valid(self, form):
        user = form.get_user()
        if user.totp_enabled:
            self.request.session[PENDING_KEY] = {
                "user": user.pk,
                "backend": user.backend,
                "at": time.time(),
                "next": self.get_redirect_url(),
            }
            return redirect("accounts:login_code")
        lockout.reset(user.get_username())
        return super().form_valid(form)


def _pending_user(request) -> tuple[User | None, dict]:
    pending = request.session.get(PENDING_KEY) or {}
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, {}
    user = User.objects.filter(pk=pending.get("user"), is_active=True).first()
    if user is None or not user.totp_enabled:
        return None, {}
    return user, pending


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def login_code(request):
    """The second login step: the 6-digit code of the user's authenticator app. Wrong codes count towards
    the same lockout as wrong passwords."""
    user, pending = _pending_user(request)
    if user is None:
        request.session.pop(PENDING_KEY, None)
        messages.error(request, _("กรุณาเข้าสู่ระบบใหม่อีกครั้ง"))
        return redirect("accounts:login")
    form = LoginCodeForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _code_accepted(request, user, form, step="two-factor code", allow_backup=True)
    ):
        request.session.pop(PENDING_KEY, None)
        lockout.reset(user.get_username())
        auth_login(request, user, backend=pending["backend"])
        mark_second_factor(request, user)
        target = pending.get("next") or ""
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = resolve_url(settings.LOGIN_REDIRECT_URL)
        return redirect(target)
    return render(request, "accounts/login_code.html", {"form": form})


def _code_accepted(request, user, form, *, step: str, allow_backup: bool = False) -> bool:
    """Whether the form's code is the user's current TOTP code (or, when allowed, an unused backup code).
    Refused while the username or address is locked out; a wrong code counts towards the lockout like a
    wrong password. The form gets the reason."""
    ip = client_ip(request)
    if lockout.is_locked(user.get_username(), ip):
        form.add_error(None, locked_message())
        return False
    code = form.cleaned_data["code"]
    if allow_backup and totp.clean_code(code) is None:
        if services.user_backup_code_use(user=user, code=code):
            return True
        lockout.record_failure(user.get_username(), ip, step=f"{step} (backup)")
        form.add_error("code", _("รหัสสำรองไม่ถูกต้องหรือถูกใช้ไปแล้ว"))
        return False
    try:
        secret = user.totp_secret
    except crypto.DecryptionError:
        logger.error("two-factor secret of %r cannot be decrypted with FIELD_ENCRYPTION_KEYS", user.username)
        form.add_error(None, _("ไม่สามารถตรวจรหัสยืนยันได้ กรุณาติดต่อผู้ดูแลระบบ"))
        return False
    result = totp.check_code(user, secret, code)
    if result == totp.ACCEPTED:
        return True
    if result == totp.USED:
        form.add_error("code", _("รหัสนี้ถูกใช้ไปแล้ว กรุณารอรหัสชุดถัดไปในแอป (เปลี่ยนทุก 30 วินาที)"))
        return False
    lockout.record_failure(user.get_username(), ip, step=step)
    form.add_error("code", _("รหัสยืนยันไม่ถูกต้องหรือหมดอายุแล้ว"))
    return False


class ResetMinutesMixin:
    """Puts how many minutes a reset link lives into the page's context."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"minutes": password_reset.timeout_minutes()}


class PasswordResetView(auth_views.PasswordResetView):
    """Forgotten password: a link by e-mail to the active users with the address. The answer is the same
    whether the address exists or not; requests are limited per address and per client (password_reset)."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    subject_template_name = "accounts/password_reset_subject.txt"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        ip = client_ip(self.request)
        if not password_reset.email_request_allowed(email, ip):
            reset_logger.warning("password reset e-mail refused: address %r from %s, too often", email, ip)
            form.add_error(None, password_reset.limited_message())
            return self.form_invalid(form)
        self.extra_email_context = {"minutes": password_reset.timeout_minutes()}
        response = super().form_valid(form)
        reset_logger.info(
            "password reset e-mail asked for address %r from %s: sent to %s",
            email,
            ip,
            ", ".join(repr(name) for name in form.mailed) or "no active user",
        )
        return response


class PasswordResetSentView(ResetMinutesMixin, auth_views.PasswordResetDoneView):
    """The same answer for every address: a link was sent if the address belongs to an active user."""

    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(ResetMinutesMixin, auth_views.PasswordResetConfirmView):
    """The link's page: a new password checked by the project's validators. It does not log in, so a user
    with two-factor login still gives the code at the next login."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = ResetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_logger.info(
            "password of user %r set with a reset link from %s", self.user.username, client_ip(self.request)
        )
        return response


def _require_manager(user):
    if not user.is_area_manager:
        raise PermissionDenied


@login_required
def user_list(request):
    _require_manager(request.user)
    return render(request, "accounts/user_list.html", {"users": selectors.users_managed_by(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    _require_manager(request.user)
    form = UserForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.service_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("สร้างผู้ใช้ %(name)s แล้ว") % {"name": user.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "editing": None})


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    _require_manager(request.user)
    editing = selectors.managed_user(request.user, pk)
    initial = {
        "first_name": editing.first_name,
        "last_name": editing.last_name,
        "email": editing.email,
        "position": editing.position,
        "phone": editing.phone,
        "role": editing.role,
        "province": editing.province_id,
        "district": editing.district_id,
        "tambons": list(editing.tambons.all()),
        "partner": editing.partner_id,
        "is_active": editing.is_active,
    }
    form = UserForm(request.POST or None, actor=request.user, editing=editing, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=editing, **form.service_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกผู้ใช้ %(name)s แล้ว") % {"name": editing.username})
            return redirect("accounts:user_list")
    context = {"form": form, "editing": editing, "audit": audit_trail(editing)}
    return render(request, "accounts/user_form.html", context)


@never_cache
@login_required
@require_http_methods(["POST"])
def user_password_link(request, pk):
    """A one-time link to set a new password, shown once to the manager to hand to the user (who may have no
    e-mail): as text to copy and as a QR code to scan."""
    _require_manager(request.user)
    editing = selectors.managed_user(request.user, pk)
    try:
        link = services.user_password_reset_link(actor=request.user, user=editing)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("accounts:user_edit", pk=editing.pk)
    context = {
        "editing": editing,
        "link": link,
        "qr": qr_svg(link),
        "expires_at": password_reset.link_expires_at(),
    }
    return render(request, "accounts/user_password_link.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, initial={"digit_style": request.user.digit_style})
    if request.method == "POST" and form.is_valid():
        services.user_set_preferences(user=request.user, digit_style=form.cleaned_data["digit_style"])
        messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form})


@never_cache
@login_required
def security(request):
    """The account's security: password, two-factor login and how many backup codes are left."""
    context = {
        "user_can_use_totp": request.user.can_use_totp,
        "backup_codes_left": selectors.backup_codes_left(request.user),
    }
    return render(request, "accounts/security.html", context)


@never_cache
@login_required
@require_http_methods(["POST"])
def backup_codes_new(request):
    """A new set of backup codes, shown once; the old set stops working."""
    if not request.user.totp_enabled:
        raise PermissionDenied
    return _show_backup_codes(request, services.user_backup_codes_new(user=request.user))


def _show_backup_codes(request, codes: list[str]):
    return render(request, "accounts/backup_codes.html", {"codes": codes})


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Turn two-factor login on (scan the QR code, confirm with a code) or off (confirm with a code)."""
    user = request.user
    if not user.can_use_totp:
        raise PermissionDenied
    form = TotpCodeForm(request.POST or None)
    if user.totp_enabled:
        turning_off = "two-factor code (turning off)"
        if (
            request.method == "POST"
            and form.is_valid()
            and _code_accepted(request, user, form, step=turning_off)
        ):
            services.user_disable_totp(user=user)
            messages.success(request, _("ปิดการยืนยันตัวตนสองขั้นตอนแล้ว"))
            return redirect("accounts:security")
        return render(request, "accounts/two_factor.html", {"form": form, "enabled": True})
    secret = request.session.get(SETUP_KEY)
    if not secret:
        secret = request.session[SETUP_KEY] = totp.new_secret()
    if request.method == "POST" and form.is_valid():
        if totp.accept_code(user, secret, form.cleaned_data["code"]):
            services.user_enable_totp(user=user, secret=secret)
            request.session.pop(SETUP_KEY, None)
            mark_second_factor(request, user)
            messages.success(request, _("เปิดการยืนยันตัวตนสองขั้นตอนแล้ว"))
            return _show_backup_codes(request, services.user_backup_codes_new(user=user))
        form.add_error("code", _("รหัสยืนยันไม่ถูกต้องหรือหมดอายุแล้ว"))
    context = {
        "form": form,
        "enabled": False,
        "secret": secret,
        "qr": totp.qr_svg(secret, user.get_username()),
    }
    return render(request, "accounts/two_factor.html", context)
