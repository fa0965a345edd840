"""The partner registry, duplicate warnings, matching, coordination log and the partner portal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tambonplan.accounts.scope import may_manage_province, may_see_contacts, require_manage_province
from tambonplan.areas.models import Province
from tambonplan.core.audit import audit_trail
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.partners import selectors, services
from tambonplan.partners.forms import AbbreviationForm, CoordinationForm, PartnerFilterForm, PartnerForm

PARTNERS_PER_PAGE = 50


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def partner_list(request):
    province_code = selectors.registry_province_code(request.user, request.GET.get("province"))
    form = PartnerFilterForm(request.GET or None, provinces=selectors.registry_provinces(request.user))
    filters = {}
    if form.is_valid():
        filters = {
            "partner_type": form.cleaned_data["partner_type"],
            "level": form.cleaned_data["level"],
            "category": form.cleaned_data["category"],
            "search": form.cleaned_data["q"],
        }
    partners = selectors.partner_list(request.user, province_code=province_code, **filters)
    page = Paginator(partners, PARTNERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "province_code": province_code,
        "filter_form": form,
        "page": page,
        "partners": page.object_list,
        "query_without_page": _query_without_page(request),
        "can_manage": bool(province_code) and services.may_manage_partners(request.user, province_code),
    }
    return render(request, "partners/partner_list.html", context)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _partner_form(request, *, province_code: str, partner=None, initial=None):
    def duplicates_of(name):
        return selectors.likely_duplicates(
            request.user, province_code=province_code, name=name, exclude_pk=partner.pk if partner else None
        )

    # When editing, warn only if the name itself was changed.
    check = duplicates_of
    if (
        partner is not None
        and request.method == "POST"
        and request.POST.get("name", "").strip() == partner.name
    ):
        check = None
    return PartnerForm(
        request.POST or None,
        area_choices=selectors.area_choices(province_code),
        duplicates_of=check,
        initial=initial,
    )


@login_required
def partner_create(request):
    province_code = selectors.partner_province_code(request.user, request.GET.get("province"))
    services.require_manage_partners(request.user, province_code)
    form = _partner_form(request, province_code=province_code)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_create(
                user=request.user,
                province=Province.objects.get(code=province_code),
                **form.service_arguments(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("ขึ้นทะเบียนภาคีแล้ว"))
            return redirect("partners:partner_detail", pk=partner.pk)
    return render(request, "partners/partner_form.html", {"form": form, "partner": None})


@login_required
def partner_edit(request, pk):
    partner = selectors.partner_for(request.user, pk)
    services.require_manage_partners(request.user, partner.province_id)
    initial = {
        **{name: getattr(partner, name) for name in services.PARTNER_FIELDS},
        "area_codes": list(partner.areas.values_list("area_code", flat=True)),
        "focus_categories": list(partner.focus_categories.all()),
        "version": partner.version,
    }
    form = _partner_form(request, province_code=partner.province_id, partner=partner, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(
                user=request.user,
                partner=partner,
                version=form.cleaned_data["version"] or 0,
                **form.service_arguments(),
            )
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("บันทึกข้อมูลภาคีแล้ว"))
            return redirect("partners:partner_detail", pk=partner.pk)
    return render(request, "partners/partner_form.html", {"form": form, "partner": partner})


@login_required
def partner_detail(request, pk):
    partner = selectors.partner_for(request.user, pk)
    context = {
        "page": selectors.partner_page(request.user, partner),
        "partner": partner,
        "can_manage": services.may_manage_partners(request.user, partner.province_id),
        "audit": audit_trail(partner, hide_contacts=not may_see_contacts(request.user)),
    }
    return render(request, "partners/partner_detail.html", context)


@login_required
def project_match(request, project_pk):
    project = selectors.project_for_matching(request.user, project_pk)
    context = {
        "project": project,
        "categories": selectors.project_categories(project),
        "suggestions": selectors.suggest_partners(request.user, project),
        "can_manage": services.may_manage_partners(request.user, project.plan.tambon_id[:2]),
    }
    return render(request, "partners/partner_match.html", context)


def _coordination_form(request, partner, *, initial=None):
    return CoordinationForm(
        request.POST or None,
        events=selectors.coordination_events(request.user, partner),
        projects=selectors.coordination_projects(request.user, partner),
        initial=initial,
    )


@login_required
def coordination_create(request, pk):
    partner = selectors.partner_for(request.user, pk)
    services.require_manage_partners(request.user, partner.province_id)
    form = _coordination_form(request, partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.coordination_create(user=request.user, partner=partner, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("บันทึกการประสานภาคีแล้ว"))
            return redirect("partners:partner_detail", pk=partner.pk)
    return render(
        request, "partners/coordination_form.html", {"form": form, "partner": partner, "record": None}
    )


@login_required
def coordination_edit(request, pk):
    record = selectors.coordination_for(request.user, pk)
    partner = record.partner
    services.require_manage_partners(request.user, partner.province_id)
    initial = {name: getattr(record, name) for name in services.COORDINATION_FIELDS}
    form = _coordination_form(request, partner, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.coordination_update(user=request.user, record=record, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("บันทึกการประสานภาคีแล้ว"))
            return redirect("partners:partner_detail", pk=partner.pk)
    context = {"form": form, "partner": partner, "record": record, "audit": audit_trail(record)}
    return render(request, "partners/coordination_form.html", context)


@login_required
@require_POST
def coordination_delete(request, pk):
    record = selectors.coordination_for(request.user, pk)
    partner_pk = record.partner_id
    services.coordination_delete(user=request.user, record=record)
    messages.success(request, _("ลบบันทึกการประสานแล้ว"))
    return redirect("partners:partner_detail", pk=partner_pk)


def _abbreviations_url(province_code: str) -> str:
    return f"{reverse('partners:abbreviation_list')}?province={province_code}"


def _abbreviation_page(request, *, province, form, editing=None):
    context = {
        "province": province,
        "page": selectors.abbreviation_page(province.code),
        "form": form,
        "editing": editing,
        "can_manage": may_manage_province(request.user, province.code),
        "list_url": _abbreviations_url(province.code),
    }
    return render(request, "partners/abbreviation_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def abbreviation_list(request):
    """The national abbreviations and the province's own; its officers add theirs here."""
    province = Province.objects.get(
        code=selectors.partner_province_code(request.user, request.GET.get("province"))
    )
    can_manage = may_manage_province(request.user, province.code)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = AbbreviationForm(request.POST or None) if can_manage else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.abbreviation_create(user=request.user, province=province, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("เพิ่มคำย่อแล้ว ชื่อภาคีของจังหวัดจะถูกเทียบด้วยคำย่อนี้ทันที"))
            return redirect(_abbreviations_url(province.code))
    return _abbreviation_page(request, province=province, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def abbreviation_edit(request, pk):
    row = selectors.abbreviation_for(request.user, pk)
    require_manage_province(request.user, row.province)
    initial = {"abbreviation": row.abbreviation, "full_form": row.full_form}
    form = AbbreviationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.abbreviation_update(user=request.user, row=row, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("บันทึกคำย่อแล้ว"))
            return redirect(_abbreviations_url(row.province_id))
    return _abbreviation_page(request, province=row.province, form=form, editing=row)


@login_required
@require_POST
def abbreviation_delete(request, pk):
    row = selectors.abbreviation_for(request.user, pk)
    province_code = row.province_id
    services.abbreviation_delete(user=request.user, row=row)
    messages.success(request, _("ลบคำย่อแล้ว"))
    return redirect(_abbreviations_url(province_code))


@login_required
def portal(request):
    return render(request, "partners/portal_home.html", {"portal": selectors.portal_for(request.user)})
