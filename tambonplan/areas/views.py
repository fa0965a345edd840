from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tambonplan.accounts.scope import may_change, require_change
from tambonplan.areas import selectors, services
from tambonplan.areas.forms import VillageForm, VillageImportForm
from tambonplan.core.audit import audit_trail
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.tabular import TabularError, build_xlsx_template
from tambonplan.localgov import selectors as localgov_selectors


@login_required
def province_list(request):
    return render(
        request, "areas/province_list.html", {"provinces": selectors.provinces_with_counts(request.user)}
    )


@login_required
def province_detail(request, code):
    province = selectors.province_for(request.user, code)
    districts = selectors.districts_with_counts(request.user, province)
    context = {"province": province, "districts": districts, "audit": audit_trail(province)}
    return render(request, "areas/province_detail.html", context)


@login_required
def district_detail(request, code):
    district = selectors.district_for(request.user, code)
    tambons = selectors.tambons_with_counts(request.user, district)
    context = {"district": district, "tambons": tambons, "audit": audit_trail(district)}
    return render(request, "areas/district_detail.html", context)


@login_required
def tambon_detail(request, code):
    tambon = selectors.tambon_for(request.user, code)
    context = {
        "tambon": tambon,
        "villages": selectors.villages_of(request.user, tambon),
        "local_governments": localgov_selectors.for_tambon(tambon),
        "can_change": may_change(request.user, tambon),
        "audit": audit_trail(tambon),
    }
    return render(request, "areas/tambon_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def village_create(request, code):
    tambon = selectors.tambon_for(request.user, code)
    require_change(request.user, tambon)
    form = VillageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            village = services.village_create(
                user=request.user,
                tambon=tambon,
                moo=form.cleaned_data["moo"],
                name_th=form.cleaned_data["name_th"],
                name_en=form.cleaned_data["name_en"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("เพิ่ม %(village)s แล้ว") % {"village": village})
            return redirect("areas:tambon", code=tambon.code)
    return render(request, "areas/village_form.html", {"tambon": tambon, "form": form, "village": None})


@login_required
def village_detail(request, code):
    village = selectors.village_for(request.user, code)
    context = {
        "village": village,
        "tambon": village.tambon,
        "can_change": may_change(request.user, village),
        "audit": audit_trail(village),
    }
    return render(request, "areas/village_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def village_edit(request, code):
    village = selectors.village_for(request.user, code)
    require_change(request.user, village)
    initial = {
        "moo": village.moo,
        "name_th": village.name_th,
        "name_en": village.name_en,
        "version": village.version,
    }
    form = VillageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            village = services.village_update(
                user=request.user,
                village=village,
                version=form.cleaned_data["version"] or 0,
                moo=form.cleaned_data["moo"],
                name_th=form.cleaned_data["name_th"],
                name_en=form.cleaned_data["name_en"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("บันทึก %(village)s แล้ว") % {"village": village})
            return redirect("areas:village", code=village.code)
    return render(
        request, "areas/village_form.html", {"tambon": village.tambon, "form": form, "village": village}
    )


@login_required
@require_POST
def village_delete(request, code):
    village = selectors.village_for(request.user, code)
    tambon_code = village.tambon_id
    try:
        services.village_delete(user=request.user, village=village)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("areas:village", code=village.code)
    messages.success(request, _("ลบ %(village)s แล้ว") % {"village": village})
    return redirect("areas:tambon", code=tambon_code)


@login_required
@require_http_methods(["GET", "POST"])
def village_import(request):
    if not request.user.is_area_manager:
        raise PermissionDenied
    form = VillageImportForm(request.POST or None, request.FILES or None)
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.villages_import(user=request.user, upload=form.cleaned_data["file"])
        except TabularError as error:
            errors = error.errors
    return render(request, "areas/village_import.html", {"form": form, "errors": errors, "result": result})


@login_required
def village_import_template(request):
    tambon_codes = selectors.tambon_codes_of(request.user)
    content = build_xlsx_template(
        services.VILLAGE_COLUMNS,
        sheet_title=_("หมู่บ้าน"),
        # the example is a village of the first tambon the user may import into
        example_rows=[[f"{code}01", code, "1", "บ้านตัวอย่าง", "Ban Tua Yang"] for code in tambon_codes[:1]],
        notes=[
            _("ใส่รหัสหมู่บ้าน 8 หลัก หรือใส่รหัสตำบล 6 หลักกับหมู่ที่"),
            _("รหัสตำบล: เลือกจากรายการ (ตำบลในพื้นที่ที่ท่านรับผิดชอบ)"),
            _("ใช้เลขไทยหรือเลขอารบิกก็ได้"),
            _("นำเข้าไฟล์เดิมซ้ำได้ ระบบจะไม่สร้างหมู่บ้านซ้ำ"),
        ],
        choices={"tambon_code": tambon_codes},
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="villages-template.xlsx"'
    return response
