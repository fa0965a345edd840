from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tambonplan.accounts.scope import may_change, may_see_contacts, scope_of
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.core.audit import audit_trail
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.tabular import TabularError, build_xlsx_template
from tambonplan.localgov import selectors, services
from tambonplan.localgov.forms import LocalGovernmentForm, LocalGovernmentImportForm

PER_PAGE = 50


@login_required
def local_government_list(request):
    province = request.GET.get("province", "").strip()
    district = request.GET.get("district", "").strip()
    search = request.GET.get("q", "").strip()
    rows = selectors.local_governments(request.user, province=province, district=district, search=search)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in (("province", province), ("district", district), ("q", search)) if v})
    context = {
        "page": page,
        "query": query,
        "search": search,
        "province": province,
        "district": district,
        "provinces": Province.objects.active().in_scope(request.user).filter(is_cd_area=True),
        "districts": District.objects.active()
        .in_scope(request.user)
        .filter(province_id=province or scope_of(request.user).province_code or ""),
        "can_manage": request.user.is_area_manager,
    }
    return render(request, "localgov/list.html", context)


@login_required
def local_government_detail(request, pk):
    body = selectors.local_government_for(request.user, pk)
    context = {
        "body": body,
        "tambons": body.tambons.select_related("district").order_by("code"),
        "can_change": request.user.is_area_manager and may_change(request.user, body),
        "show_contacts": may_see_contacts(request.user),
        "audit": audit_trail(body),
    }
    return render(request, "localgov/detail.html", context)


def _form(request, data=None, initial=None):
    user = request.user
    return LocalGovernmentForm(
        data,
        initial=initial,
        provinces=Province.objects.active().in_scope(user).filter(is_cd_area=True),
        districts=District.objects.active().in_scope(user).select_related("province"),
        tambons=Tambon.objects.active().in_scope(user).order_by("code"),
    )


def _values(form) -> dict:
    data = form.cleaned_data
    keys = (
        "code",
        "kind",
        "name_th",
        "name_en",
        "address",
        "phone",
        "email",
        "contact_name",
        "contact_position",
    )
    return {key: data[key] for key in keys}


@login_required
@require_http_methods(["GET", "POST"])
def local_government_create(request):
    if not (request.user.can_edit and request.user.is_area_manager):
        raise PermissionDenied
    scope = scope_of(request.user)
    form = _form(
        request,
        request.POST or None,
        initial={"province": scope.province_code, "district": scope.district_code, "is_active": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            body = services.local_government_create(
                user=request.user,
                province=form.cleaned_data["province"],
                district=form.cleaned_data["district"],
                tambons=form.cleaned_data["tambons"],
                **_values(form),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("เพิ่ม %(name)s แล้ว") % {"name": body.full_name})
            return redirect("localgov:detail", pk=body.pk)
    return render(request, "localgov/form.html", {"form": form, "body": None})


@login_required
@require_http_methods(["GET", "POST"])
def local_government_update(request, pk):
    body = selectors.local_government_for(request.user, pk)
    if not (request.user.is_area_manager and may_change(request.user, body)):
        raise PermissionDenied
    initial = {
        **{key: getattr(body, key) for key in ("code", "kind", "name_th", "name_en", "address", "phone")},
        **{key: getattr(body, key) for key in ("email", "contact_name", "contact_position", "is_active")},
        "province": body.province_id,
        "district": body.district_id,
        "tambons": list(body.tambons.values_list("code", flat=True)),
        "version": body.version,
    }
    form = _form(request, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.local_government_update(
                user=request.user,
                body=body,
                version=form.cleaned_data["version"] or 0,
                province=form.cleaned_data["province"],
                district=form.cleaned_data["district"],
                tambons=form.cleaned_data["tambons"],
                is_active=form.cleaned_data["is_active"],
                **_values(form),
            )
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึก %(name)s แล้ว") % {"name": body.full_name})
            return redirect("localgov:detail", pk=body.pk)
    return render(request, "localgov/form.html", {"form": form, "body": body})


@login_required
@require_http_methods(["POST"])
def local_government_deactivate(request, pk):
    body = selectors.local_government_for(request.user, pk)
    if not (request.user.is_area_manager and may_change(request.user, body)):
        raise PermissionDenied
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        body = services.local_government_deactivate(user=request.user, body=body, version=version)
    except ConcurrentEditError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("บันทึกว่า %(name)s ยกเลิกแล้ว") % {"name": body.full_name})
    return redirect("localgov:detail", pk=body.pk)


@login_required
@require_http_methods(["GET", "POST"])
def local_government_import(request):
    if not (request.user.can_edit and request.user.is_area_manager):
        raise PermissionDenied
    form = LocalGovernmentImportForm(request.POST or None, request.FILES or None)
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.local_governments_import(user=request.user, upload=form.cleaned_data["file"])
        except TabularError as error:
            errors = error.errors
    return render(request, "localgov/import.html", {"form": form, "errors": errors, "result": result})


@login_required
def local_government_import_template(request):
    content = build_xlsx_template(
        services.COLUMNS,
        sheet_title=_("ทะเบียน อปท."),
        example_rows=services.EXAMPLE_ROWS,
        notes=[
            _("รหัส อปท.: รหัสของกรมส่งเสริมการปกครองท้องถิ่น 5–10 หลัก; นำเข้าซ้ำด้วยรหัสเดิมจะปรับปรุงข้อมูลเดิม"),
            _("ประเภท: อบต. ทต. ทม. ทน. หรือ อบจ. (หรือชื่อเต็ม)"),
            _("รหัสจังหวัด/อำเภอ: รหัสอำเภอ 4 หลักที่ตั้งสำนักงาน หรือรหัสจังหวัด 2 หลักสำหรับ อบจ."),
            _("รหัสตำบลในเขต: รหัสตำบล 6 หลัก คั่นด้วยจุลภาคหรือเว้นวรรค (อปท. หนึ่งแห่งครอบคลุมได้หลายตำบล)"),
            _("ระบบตรวจทุกแถวก่อน หากมีแถวใดผิดจะไม่บันทึกเลยสักแถว"),
        ],
        choices={"kind": ["อบต.", "ทต.", "ทม.", "ทน.", "อบจ."]},
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="local-governments-template.xlsx"'
    return response
