from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.utils.translation import gettext_lazy as _

from tambonplan.accounts import lockout, password_reset, totp
from tambonplan.accounts.models import DigitStyle, Role, User
from tambonplan.accounts.scope import DISTRICT, NATION, scope_of
from tambonplan.accounts.selectors import assignable_areas
from tambonplan.accounts.services import assignable_roles, user_password_reset
from tambonplan.core.forms import StyledForm
from tambonplan.core.http import client_ip
from tambonplan.partners.models import Partner
from tambonplan.thai.forms import ModelIdChoiceField


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.display_name}"


class AreaMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("%(code)s %(name)s (อ.%(district)s)") % {
            "code": obj.code,
            "name": obj.display_name,
            "district": obj.district.display_name,
        }


class UserForm(StyledForm):
    username = forms.RegexField(
        label=_("ชื่อผู้ใช้"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        help_text=_("ตัวอักษรภาษาอังกฤษ ตัวเลข และ @ . + - _ เท่านั้น"),
    )
    first_name = forms.CharField(label=_("ชื่อ"), max_length=150)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=150)
    email = forms.EmailField(label=_("อีเมล"), required=False)
    position = forms.CharField(label=_("ตำแหน่ง"), max_length=150, required=False)
    phone = forms.CharField(label=_("โทรศัพท์"), max_length=30, required=False)
    role = forms.ChoiceField(label=_("บทบาท"))
    province = AreaChoiceField(label=_("จังหวัด"), queryset=None, required=False)
    district = AreaChoiceField(label=_("อำเภอ"), queryset=None, required=False)
    tambons = AreaMultipleChoiceField(
        label=_("ตำบลที่รับผิดชอบ (สำหรับพัฒนากร)"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    partner = ModelIdChoiceField(label=_("ภาคีการพัฒนา (สำหรับผู้ใช้ของภาคี)"), queryset=None, required=False)
    is_active = forms.BooleanField(label=_("เปิดใช้งาน"), required=False, initial=True)
    password1 = forms.CharField(label=_("รหัสผ่าน"), widget=forms.PasswordInput, required=False)
    password2 = forms.CharField(label=_("ยืนยันรหัสผ่าน"), widget=forms.PasswordInput, required=False)

    def __init__(self, *args, actor: User, editing: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        self.fields["role"].choices = [(r, Role(r).label) for r in assignable_roles(actor)]
        areas = assignable_areas(actor)
        self.fields["province"].queryset = areas["provinces"]
        self.fields["district"].queryset = areas["districts"]
        self.fields["tambons"].queryset = areas["tambons"]
        self.actor = actor
        if Role.PARTNER in assignable_roles(actor):
            self.fields["partner"].queryset = Partner.objects.in_scope(actor).filter(is_active=True)
        else:
            del self.fields["partner"]
        if scope_of(actor).level != NATION:
            del self.fields["province"]
        if scope_of(actor).level == DISTRICT:
            self.fields["district"].initial = actor.district_id
        if editing is not None:
            del self.fields["username"], self.fields["password1"], self.fields["password2"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("มีชื่อผู้ใช้นี้แล้ว"))
        return username

    def clean(self):
        cleaned = super().clean()
        if "password1" in self.fields:
            password = cleaned.get("password1")
            if not password:
                self.add_error("password1", _("กรุณาตั้งรหัสผ่าน"))
            elif password != cleaned.get("password2"):
                self.add_error("password2", _("รหัสผ่านทั้งสองช่องไม่ตรงกัน"))
            else:
                try:
                    validate_password(password, User(username=cleaned.get("username", "")))
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("password2", None)
        if "password1" in data:
            data["password"] = data.pop("password1")
        data["tambons"] = list(data["tambons"])
        data.setdefault("province", self.actor.province)
        data.setdefault("partner", None)
        return data


class PreferencesForm(StyledForm):
    digit_style = forms.ChoiceField(
        label=_("รูปแบบตัวเลขบนหน้าจอ"), choices=DigitStyle.choices, widget=forms.RadioSelect
    )


def locked_message() -> str:
    return _("เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป กรุณารอประมาณ %(minutes)s นาทีแล้วลองใหม่") % {
        "minutes": lockout.lockout_minutes()
    }


class LockoutAuthenticationForm(AuthenticationForm):
    """Django's login form, refusing a username or address that failed too often (tambonplan.accounts.lockout)
    before the password is even checked, and counting every failure."""

    locked = False

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return super().clean()
        ip = client_ip(self.request)
        if lockout.is_locked(username, ip):
            self.locked = True
            raise forms.ValidationError(locked_message(), code="locked")
        try:
            return super().clean()
        except forms.ValidationError:
            lockout.record_failure(username, ip)
            raise


class TotpCodeForm(StyledForm):
    code = forms.CharField(
        label=_("รหัสยืนยัน 6 หลักจากแอปยืนยันตัวตน"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def clean_code(self):
        code = totp.clean_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(_("กรุณากรอกรหัสตัวเลข 6 หลัก"))
        return code


class LoginCodeForm(TotpCodeForm):
    """The login's second step: the app's 6-digit code, or one of the user's backup codes (xxxxx-xxxxx)."""

    code = forms.CharField(
        label=_("รหัสยืนยัน 6 หลักจากแอป หรือรหัสสำรอง"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "size": 12}),
    )

    def clean_code(self):
        typed = self.cleaned_data["code"]
        code = totp.clean_code(typed)
        if code is not None:
            return code
        if totp.clean_backup_code(typed) is not None:
            return typed
        raise forms.ValidationError(_("กรุณากรอกรหัสตัวเลข 6 หลัก หรือรหัสสำรองแบบ xxxxx-xxxxx"))


class PasswordResetRequestForm(StyledForm, PasswordResetForm):
    """Django's reset request: one e-mail to each active user with the address, the link on SITE_URL."""

    email = forms.EmailField(
        label=_("อีเมลที่ลงทะเบียนไว้ในระบบ"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mailed: list[str] = []

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        context["link"] = password_reset.confirm_link(context["uid"], context["token"])
        self.mailed.append(context["user"].get_username())
        super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class ResetPasswordForm(StyledForm, SetPasswordForm):
    """The new password of a reset link, checked by the project's validators, saved by the service."""

    error_messages = {"password_mismatch": _("รหัสผ่านทั้งสองช่องไม่ตรงกัน")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("รหัสผ่านใหม่")
        self.fields["new_password1"].help_text = " ".join(password_validators_help_texts())
        self.fields["new_password2"].label = _("พิมพ์รหัสผ่านใหม่อีกครั้ง")
        self.fields["new_password2"].help_text = ""

    def save(self, commit=True):
        return user_password_reset(user=self.user, password=self.cleaned_data["new_password1"])
