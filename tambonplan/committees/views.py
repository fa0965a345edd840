from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tambonplan.accounts.scope import (
    may_change,
    may_manage_province,
    require_change,
    require_manage_province,
)
from tambonplan.areas.selectors import district_for, province_for, provinces_with_counts
from tambonplan.committees import exports, selectors, services
from tambonplan.committees import maps as committee_maps
from tambonplan.committees.documents import order_docx, order_pdf, wording_preview
from tambonplan.committees.forms import (
    MemberForm,
    MembersImportForm,
    MemberStatusForm,
    OrderForm,
    OrderWordingForm,
    OverviewFilterForm,
    ReviewDeadlineForm,
    ReviewForm,
    SuccessorForm,
    TemplateForm,
    TemplateSlotForm,
)
from tambonplan.committees.models import Level, OrderState
from tambonplan.core.audit import audit_trail
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.navigation import own_area_url
from tambonplan.core.tabular import TabularError
from tambonplan.documents.responses import file_response, thai_document


@login_required
def index(request):
    url = own_area_url(request.user, "committees")
    if url is not None:
        return redirect(url)
    return render(request, "committees/index.html", {"provinces": provinces_with_counts(request.user)})


@login_required
def province_overview(request, code):
    province = province_for(request.user, code)
    rows = selectors.committee_rows(
        request.user, fiscal_year=request.fiscal_year, province_code=province.code
    )
    overview = selectors.overview_of(rows)
    table_kinds = [kind for kind in overview.kinds if kind.level != Level.PROVINCE]
    district_rows = [
        (overview.districts[code], [per_kind[kind.code] for kind in table_kinds])
        for code, per_kind in sorted(overview.by_district.items())
    ]
    chart, pickers = committee_maps.currency_map(request, rows, area_name=province.display_name)
    context = {
        "province": province,
        "map": chart,
        "map_pickers": pickers,
        "overview": overview,
        "table_kinds": table_kinds,
        "district_rows": district_rows,
        "province_rows": [row for row in rows if row.district is None],
        "review_date": selectors.review_date_for(province.code, request.fiscal_year),
        "deadline_form": ReviewDeadlineForm(),
        "can_manage": may_manage_province(request.user, province.code),
    }
    return render(request, "committees/province_overview.html", context)


@login_required
def province_export(request, code):
    province = province_for(request.user, code)
    rows = selectors.committee_rows(
        request.user, fiscal_year=request.fiscal_year, province_code=province.code
    )
    content = exports.province_workbook(selectors.overview_of(rows), rows)
    return file_response(content, f"committees-{province.code}-{request.fiscal_year}.xlsx", "xlsx")


@login_required
@require_POST
def review_deadline_set(request, code):
    province = province_for(request.user, code)
    require_manage_province(request.user, province)
    form = ReviewDeadlineForm(request.POST)
    if form.is_valid():
        services.review_deadline_set(
            user=request.user,
            province=province,
            fiscal_year=request.fiscal_year,
            review_date=form.cleaned_data["review_date"],
        )
        messages.success(request, _("บันทึกวันที่กำหนดให้ทบทวนคำสั่งแล้ว"))
    else:
        messages.error(request, "; ".join(form.errors.get("review_date", [])))
    return redirect("committees:province", code=province.code)


def _district_rows(request, district):
    rows = selectors.committee_rows(
        request.user,
        fiscal_year=request.fiscal_year,
        province_code=district.province_id,
        district_code=district.code,
    )
    overview = selectors.overview_of(rows)
    form = OverviewFilterForm(request.GET or None, kinds=overview.kinds)
    kind_code = state = ""
    if form.is_valid():
        kind_code, state = form.cleaned_data["kind"], form.cleaned_data["state"]
    return rows, overview, form, selectors.filter_rows(rows, kind_code=kind_code, state=state)


@login_required
def district_overview(request, code):
    district = district_for(request.user, code)
    rows, overview, form, shown = _district_rows(request, district)
    chart, pickers = committee_maps.currency_map(request, rows, area_name=district.display_name)
    context = {
        "district": district,
        "map": chart,
        "map_pickers": pickers,
        "overview": overview,
        "filter_form": form,
        "rows": shown,
        "query": request.GET.urlencode(),
    }
    return render(request, "committees/district_overview.html", context)


@login_required
def district_export(request, code):
    district = district_for(request.user, code)
    _rows, _overview, _form, shown = _district_rows(request, district)
    return file_response(
        exports.district_workbook(shown), f"committees-{district.code}-{request.fiscal_year}.xlsx", "xlsx"
    )


@login_required
def committee_detail(request, kind, area_code):
    page = selectors.committee_page(
        request.user, kind_code=kind, area_code=area_code, fiscal_year=request.fiscal_year
    )
    context = {
        "page": page,
        "can_change": may_change(request.user, page.area),
        "review_form": ReviewForm(),
        "audit": audit_trail(page.committee) if page.committee else [],
    }
    return render(request, "committees/committee_detail.html", context)


@login_required
@require_POST
def committee_review(request, kind, area_code):
    page = selectors.committee_page(
        request.user, kind_code=kind, area_code=area_code, fiscal_year=request.fiscal_year
    )
    if page.in_force is None:
        raise Http404
    form = ReviewForm(request.POST)
    if form.is_valid():
        services.order_review_confirm(
            user=request.user,
            order=page.in_force,
            fiscal_year=request.fiscal_year,
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("บันทึกการยืนยันว่าคำสั่งยังเป็นปัจจุบันแล้ว"))
    return redirect("committees:committee", kind=kind, area_code=area_code)


@login_required
@require_POST
def order_start(request, kind, area_code):
    committee_kind = selectors.kind_for(kind)
    area = selectors.area_for(request.user, committee_kind.level, area_code)
    draft = services.order_draft_start(user=request.user, kind=committee_kind, area=area)
    return redirect("committees:order", pk=draft.pk)


def _order_context(request, order, **extra):
    members = selectors.order_members(order)
    seats = selectors.order_seats(order, members)
    context = {
        "order": order,
        "committee": order.committee,
        "members": members,
        "sitting": [member for member in members if member.sitting],
        "expected_seats": seats.expected,
        "term_ends_on": seats.term_ends_on,
        "problems": seats.problems,
        "open_seats": seats.open if order.state == OrderState.DRAFT else [],
        "can_change": may_change(request.user, order),
        "audit": audit_trail(order),
    }
    context.update(extra)
    return context


def _order_form(request, order, *, bound: bool) -> OrderForm | None:
    """The draft's editing form, or None when the order is not an editable draft for this user."""
    if order.state != OrderState.DRAFT or not may_change(request.user, order):
        return None
    initial = {name: getattr(order, name) for name in services.ORDER_FIELDS}
    initial["version"] = order.version
    if bound:
        return OrderForm(request.POST, request.FILES, initial=initial)
    return OrderForm(initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def order_detail(request, pk):
    order = selectors.order_for(request.user, pk)
    form = _order_form(request, order, bound=request.method == "POST")
    if form is not None:
        if form.is_bound and form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.order_update(
                    user=request.user,
                    order=order,
                    version=data.pop("version"),
                    scan=data.pop("scan") or None,
                    **data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            except ConcurrentEditError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("บันทึกร่างคำสั่งแล้ว"))
                return redirect("committees:order", pk=order.pk)
    elif request.method == "POST":
        raise PermissionDenied
    context = _order_context(request, order, form=form, import_form=MembersImportForm())
    return render(request, "committees/order_detail.html", context)


@login_required
@require_POST
def order_issue(request, pk):
    order = selectors.order_for(request.user, pk)
    try:
        services.order_issue(user=request.user, order=order)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("committees:order", pk=order.pk)
    messages.success(request, _("คำสั่งมีผลใช้บังคับแล้ว คำสั่งเดิมถูกแทนที่"))
    return redirect(
        "committees:committee", kind=order.committee.kind.code, area_code=order.committee.area_code
    )


@login_required
@require_POST
def order_discard(request, pk):
    order = selectors.order_for(request.user, pk)
    committee = order.committee
    try:
        services.order_discard_draft(user=request.user, order=order)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("committees:order", pk=order.pk)
    messages.success(request, _("ลบร่างคำสั่งแล้ว"))
    return redirect("committees:committee", kind=committee.kind.code, area_code=committee.area_code)


@login_required
@thai_document
def order_document(request, pk, kind):
    order = selectors.order_for(request.user, pk)
    name = f"order-{order.committee.kind.code}-{order.committee.area_code}-{order.pk}.{kind}"
    content = order_pdf(order) if kind == "pdf" else order_docx(order)
    return file_response(content, name, kind)


@login_required
def order_scan(request, pk):
    order = selectors.order_for(request.user, pk)
    if not order.scan:
        raise Http404
    return FileResponse(
        order.scan.open("rb"), as_attachment=True, filename=order.scan.name.rsplit("/", 1)[-1]
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    order = selectors.order_for(request.user, pk)
    require_change(request.user, order)
    initial = {
        key: request.GET[key]
        for key in ("position", "ex_officio_post", "basis", "affiliation")
        if key in request.GET
    }
    form = MemberForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_add(user=request.user, order=order, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("เพิ่มกรรมการแล้ว"))
            return redirect("committees:order", pk=order.pk)
    return render(request, "committees/member_form.html", {"form": form, "order": order, "member": None})


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk):
    member = selectors.member_for(request.user, pk)
    order = member.order
    require_change(request.user, member)
    form_class = MemberForm if order.state == OrderState.DRAFT else MemberStatusForm
    initial = {name: getattr(member, name) for name in form_class.base_fields}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(user=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกข้อมูลกรรมการแล้ว"))
            return redirect("committees:order", pk=order.pk)
    context = {"form": form, "order": order, "member": member, "audit": audit_trail(member)}
    return render(request, "committees/member_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_succeed(request, pk):
    """Record the new holder of a seat held by position: the order stays in force and current."""
    member = selectors.member_for(request.user, pk)
    order = member.order
    require_change(request.user, member)
    form = SuccessorForm(request.POST or None, initial={"affiliation": member.affiliation})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_succeed(user=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("บันทึกผู้ดำรงตำแหน่ง%(post)sคนใหม่แล้ว คำสั่งยังมีผลใช้บังคับ") % {"post": member.ex_officio_post},
            )
            return redirect("committees:order", pk=order.pk)
    context = {"form": form, "order": order, "member": member}
    return render(request, "committees/member_succeed.html", context)


@login_required
@require_POST
def member_delete(request, pk):
    member = selectors.member_for(request.user, pk)
    order_pk = member.order_id
    try:
        services.member_delete(user=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("ลบกรรมการออกจากร่างคำสั่งแล้ว"))
    return redirect("committees:order", pk=order_pk)


@login_required
@require_POST
def members_import(request, pk):
    order = selectors.order_for(request.user, pk)
    require_change(request.user, order)
    form = MembersImportForm(request.POST, request.FILES)
    errors, result = [], None
    if form.is_valid():
        try:
            result = services.members_import(user=request.user, order=order, upload=form.cleaned_data["file"])
        except TabularError as error:
            errors = error.errors
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    context = _order_context(
        request,
        order,
        form=_order_form(request, order, bound=False),
        import_form=form,
        import_errors=errors,
        import_result=result,
    )
    return render(request, "committees/order_detail.html", context)


@login_required
def members_template(request, pk):
    order = selectors.order_for(request.user, pk)
    content = exports.members_template(order)
    return file_response(
        content, f"members-{order.committee.kind.code}-{order.committee.area_code}.xlsx", "xlsx"
    )


@login_required
def template_list(request, code):
    province = province_for(request.user, code)
    templates = selectors.templates_by_kind(province.code)
    kinds = selectors.all_kinds()
    own_wordings = selectors.own_wording_kinds(province.code)
    context = {
        "province": province,
        "rows": [
            (
                kind,
                templates.get(kind.id),
                selectors.term_years_of(kind, templates.get(kind.id)),
                kind.id in own_wordings,
            )
            for kind in kinds
        ],
        "can_manage": may_manage_province(request.user, province.code),
    }
    return render(request, "committees/template_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def order_wording_edit(request, code, kind):
    """The legal basis and the duties the province's orders of a kind print; the default until it saves."""
    province = province_for(request.user, code)
    committee_kind = selectors.kind_for(kind)
    can_manage = may_manage_province(request.user, province.code)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    own = selectors.own_wording(province.code, committee_kind)
    if request.method == "POST" and "reset" in request.POST:
        services.order_wording_reset(user=request.user, province=province, kind=committee_kind)
        messages.success(request, _("กลับไปใช้ข้อความค่าเริ่มต้นของระบบแล้ว"))
        return redirect("committees:order_wording", code=province.code, kind=kind)
    wording = selectors.wording_for(province.code, committee_kind)
    initial = {name: getattr(wording, name) for name in ("purpose", "clause", "regulation", "guideline")}
    initial.update(duties="\n".join(wording.duties), version=own.version if own else 0)
    form = None
    if can_manage:
        form = OrderWordingForm(request.POST if request.method == "POST" else None, initial=initial)
        if form.is_bound and form.is_valid():
            try:
                services.order_wording_save(
                    user=request.user, province=province, kind=committee_kind, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            except ConcurrentEditError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("บันทึกข้อความในคำสั่งแล้ว"))
                return redirect("committees:order_wording", code=province.code, kind=kind)
    context = {
        "province": province,
        "kind": committee_kind,
        "own": own,
        "preview": wording_preview(committee_kind, wording),
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "committees/order_wording.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request, code, kind):
    province = province_for(request.user, code)
    committee_kind = selectors.kind_for(kind)
    template = selectors.templates_by_kind(province.code).get(committee_kind.id)
    can_manage = may_manage_province(request.user, province.code)
    form = slot_form = None
    if can_manage:
        if request.method == "POST":
            template = services.template_customize(user=request.user, kind=committee_kind, province=province)
        initial = {name: getattr(template, name) for name in TemplateForm.base_fields} if template else {}
        form = TemplateForm(request.POST if "save_template" in request.POST else None, initial=initial)
        slot_form = TemplateSlotForm(request.POST if "add_slot" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                services.template_update(user=request.user, template=template, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("บันทึกแม่แบบแล้ว"))
                return redirect("committees:template_edit", code=province.code, kind=kind)
        if slot_form.is_bound and slot_form.is_valid():
            try:
                services.template_slot_add(user=request.user, template=template, **slot_form.cleaned_data)
            except ValidationError as error:
                slot_form.add_error(None, error)
            else:
                messages.success(request, _("เพิ่มตำแหน่งในแม่แบบแล้ว"))
                return redirect("committees:template_edit", code=province.code, kind=kind)
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "province": province,
        "kind": committee_kind,
        "template": template,
        "term_years": selectors.term_years_of(committee_kind, template),
        "form": form,
        "slot_form": slot_form,
        "can_manage": can_manage,
    }
    return render(request, "committees/template_edit.html", context)


@login_required
@require_POST
def template_slot_delete(request, pk):
    slot = selectors.template_slot_for(request.user, pk)
    province = slot.template.province
    services.template_slot_delete(user=request.user, slot=slot)
    messages.success(request, _("ลบตำแหน่งออกจากแม่แบบแล้ว"))
    return redirect(
        reverse("committees:template_edit", kwargs={"code": province.code, "kind": slot.template.kind.code})
    )
