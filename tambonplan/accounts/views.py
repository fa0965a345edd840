from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tambonplan.accounts import selectors, services
from tambonplan.accounts.forms import PreferencesForm, UserForm
from tambonplan.core.audit import audit_trail


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


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, initial={"digit_style": request.user.digit_style})
    if request.method == "POST" and form.is_valid():
        services.user_set_preferences(user=request.user, digit_style=form.cleaned_data["digit_style"])
        messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form})
