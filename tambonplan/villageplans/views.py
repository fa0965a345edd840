"""Pages of village plans: a district's tambons, a tambon's villages with their plans of the year, a plan
with its items (and pulling them into the tambon plan), the forms, the communities register and the
import. Thin: forms parse, services write, selectors read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tambonplan.accounts.scope import DISTRICT, NATION, PROVINCE, TAMBONS, may_change, scope_of
from tambonplan.areas.models import District, Province
from tambonplan.areas.selectors import district_for, province_for, tambon_for
from tambonplan.core.audit import audit_trail
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.tabular import TabularError
from tambonplan.documents.responses import file_response, stored_file_response
from tambonplan.villageplans import imports, selectors, services
from tambonplan.villageplans.forms import (
    CommunityForm,
    ImportForm,
    ItemForm,
    PlanCreateForm,
    PlanForm,
    year_from,
)


def _year(request) -> int:
    return year_from(request.GET.get("year") or request.POST.get("year"), request.fiscal_year)


def _tambon_url(tambon_code: str, year: int) -> str:
    return f"{reverse('villageplans:tambon', kwargs={'code': tambon_code})}?year={year}"


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


# ---------------------------------------------------------------------------------------------- overviews


@login_required
@require_GET
def index(request):
    """The user's district (a district or tambon officer); the districts of a province to choose from."""
    scope = scope_of(request.user)
    if scope.level in (DISTRICT, TAMBONS):
        return redirect("villageplans:district", code=scope.district_code)
    if scope.level == PROVINCE:
        province = province_for(request.user, scope.province_code)
    elif scope.level == NATION:
        code = request.GET.get("province", "")
        province = province_for(request.user, code) if code else None
    else:
        raise Http404
    context = {
        "province": province,
        "provinces": Province.objects.filter(is_cd_area=True).order_by("code") if province is None else [],
        "districts": District.objects.active().filter(province=province).order_by("code") if province else [],
    }
    return render(request, "villageplans/index.html", context)


@login_required
@require_GET
def district(request, code):
    district = district_for(request.user, code)
    year = _year(request)
    rows = selectors.district_reviews(request.user, district=district, fiscal_year=year)
    context = {
        "district": district,
        "year": year,
        "rows": rows,
        "reviewed": sum(row.reviewed for row in rows),
        "total": sum(row.total for row in rows),
    }
    return render(request, "villageplans/district.html", context)


@login_required
@require_GET
def tambon(request, code):
    tambon = tambon_for(request.user, code)
    year = _year(request)
    context = {
        "tambon": tambon,
        "year": year,
        "page": selectors.tambon_plans(request.user, tambon=tambon, fiscal_year=year),
        "can_change": may_change(request.user, tambon),
    }
    return render(request, "villageplans/tambon.html", context)


@login_required
@require_POST
def pull_tambon(request, code):
    tambon = tambon_for(request.user, code)
    year = _year(request)
    try:
        count = services.pull_all(request.user, tambon=tambon, fiscal_year=year)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        _pulled_message(request, count)
    return redirect(_tambon_url(tambon.code, year))


def _pulled_message(request, count: int) -> None:
    if count:
        messages.success(request, _("ส่งเข้าแผนพัฒนาตำบลแล้ว %(n)s รายการ") % {"n": count})
    else:
        messages.info(request, _("ไม่มีรายการที่รอส่งเข้าแผนพัฒนาตำบล"))


# ---------------------------------------------------------------------------------------------- plans


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, code):
    tambon = tambon_for(request.user, code)
    if not may_change(request.user, tambon):
        raise PermissionDenied
    year = _year(request)
    initial = {"fiscal_year": year}
    if request.GET.get("village"):
        initial["place"] = f"v:{request.GET['village']}"
    elif request.GET.get("community"):
        initial["place"] = f"c:{request.GET['community']}"
    form = PlanCreateForm(
        request.POST or None,
        initial=initial,
        villages=list(tambon.villages.order_by("moo")),
        communities=[c for c in selectors.communities_of(request.user, tambon) if c.is_active],
        forums=selectors.all_forums(request.user, tambon=tambon),
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                user=request.user,
                tambon=tambon,
                fiscal_year=form.cleaned_data["fiscal_year"],
                forum=form.cleaned_data["forum"],
                **form.cleaned_data["place"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("สร้างแผนแล้ว เพิ่มรายการในแผนได้เลย"))
            return redirect("villageplans:plan", pk=plan.pk)
    context = {"form": form, "tambon": tambon, "year": year, "title": _("สร้างแผนพัฒนาหมู่บ้าน/แผนชุมชน")}
    return render(request, "villageplans/plan_create.html", context)


@login_required
@require_GET
def plan_detail(request, pk):
    plan = selectors.plan_for(request.user, pk)
    context = {
        "plan": plan,
        "page": selectors.plan_page(request.user, plan),
        "can_change": may_change(request.user, plan),
        "audit": audit_trail(plan),
    }
    return render(request, "villageplans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan = selectors.plan_for(request.user, pk)
    if not may_change(request.user, plan):
        raise PermissionDenied
    initial = {
        "forum": plan.forum,
        "approved_on": plan.approved_on,
        "approval_note": plan.approval_note,
        "version": plan.version,
    }
    form = PlanForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        forums=selectors.all_forums(request.user, tambon=plan.tambon),
        has_minutes=bool(plan.minutes),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_update(
                user=request.user,
                plan=plan,
                version=data["version"],
                forum=data["forum"],
                approved_on=data["approved_on"],
                approval_note=data["approval_note"],
                minutes=data["minutes"] or None,
                remove_minutes=data.get("remove_minutes", False),
            )
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกเวทีประชาคมและการเห็นชอบแล้ว"))
            return redirect("villageplans:plan", pk=plan.pk)
    context = {"form": form, "plan": plan, "title": _("เวทีประชาคมและการเห็นชอบของคณะกรรมการหมู่บ้าน")}
    return render(request, "villageplans/plan_form.html", context)


@login_required
@require_POST
def plan_delete(request, pk):
    plan = selectors.plan_for(request.user, pk)
    try:
        services.plan_delete(user=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect("villageplans:plan", pk=plan.pk)
    messages.success(request, _("ลบแผนแล้ว"))
    return redirect(_tambon_url(plan.tambon_id, plan.fiscal_year))


@login_required
@require_GET
def minutes(request, pk):
    plan = selectors.plan_for(request.user, pk)
    return stored_file_response(plan.minutes)


@login_required
@require_POST
def pull_plan(request, pk):
    plan = selectors.plan_for(request.user, pk)
    try:
        count = services.pull_all(request.user, tambon=plan.tambon, fiscal_year=plan.fiscal_year, plan=plan)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        _pulled_message(request, count)
    return redirect("villageplans:plan", pk=plan.pk)


# ---------------------------------------------------------------------------------------------- items


def _item_form(request, plan, item):
    initial = {"votes": 0}
    if item is not None:
        initial = {name: getattr(item, name) for name in services.ITEM_FIELDS}
        initial["version"] = item.version
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.item_save(user=request.user, plan=plan, item=item, version=version, **data)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกรายการแล้ว"))
            return None, redirect("villageplans:plan", pk=plan.pk)
    return form, None


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request, pk):
    plan = selectors.plan_for(request.user, pk)
    if not may_change(request.user, plan):
        raise PermissionDenied
    form, done = _item_form(request, plan, None)
    if done:
        return done
    context = {"form": form, "plan": plan, "item": None, "title": _("เพิ่มรายการในแผน")}
    return render(request, "villageplans/item_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = selectors.item_for(request.user, pk)
    if not may_change(request.user, item):
        raise PermissionDenied
    form, done = _item_form(request, item.plan, item)
    if done:
        return done
    context = {
        "form": form,
        "plan": item.plan,
        "item": item,
        "title": _("แก้ไขรายการในแผน"),
        "audit": audit_trail(item),
    }
    return render(request, "villageplans/item_form.html", context)


@login_required
@require_POST
def item_delete(request, pk):
    item = selectors.item_for(request.user, pk)
    try:
        services.item_delete(user=request.user, item=item)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("ลบรายการแล้ว"))
    return redirect("villageplans:plan", pk=item.plan_id)


@login_required
@require_POST
def item_pull(request, pk):
    item = selectors.item_for(request.user, pk)
    try:
        services.pull_into_tambon_plan(request.user, item)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("ส่ง '%(item)s' เข้าแผนพัฒนาตำบลแล้ว") % {"item": item.description})
    return redirect("villageplans:plan", pk=item.plan_id)


# ---------------------------------------------------------------------------------------------- communities


@login_required
@require_http_methods(["GET", "POST"])
def communities(request, code):
    tambon = tambon_for(request.user, code)
    can_change = may_change(request.user, tambon)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    form = CommunityForm(request.POST or None) if can_change else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.community_save(user=request.user, tambon=tambon, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกชุมชนแล้ว"))
            return redirect("villageplans:communities", code=tambon.code)
    context = {
        "tambon": tambon,
        "communities": selectors.communities_of(request.user, tambon),
        "form": form,
        "can_change": can_change,
        "year": _year(request),
    }
    return render(request, "villageplans/communities.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def community_edit(request, pk):
    community = selectors.community_for(request.user, pk)
    if not may_change(request.user, community):
        raise PermissionDenied
    initial = {"name_th": community.name_th, "number": community.number, "is_active": community.is_active}
    form = CommunityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.community_save(
                user=request.user, tambon=community.tambon, community=community, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกชุมชนแล้ว"))
            return redirect("villageplans:communities", code=community.tambon_id)
    context = {
        "form": form,
        "tambon": community.tambon,
        "community": community,
        "audit": audit_trail(community),
    }
    return render(request, "villageplans/community_form.html", context)


# ---------------------------------------------------------------------------------------------- import


@login_required
@require_GET
def import_template(request, code):
    tambon = tambon_for(request.user, code)
    return file_response(imports.template(tambon), f"แบบนำเข้าแผนพัฒนาหมู่บ้าน-{tambon.code}", "xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def plans_import(request, code):
    tambon = tambon_for(request.user, code)
    if not may_change(request.user, tambon):
        raise PermissionDenied
    year = _year(request)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        try:
            result = imports.plans_import(
                user=request.user, tambon=tambon, fiscal_year=year, upload=form.cleaned_data["file"]
            )
        except TabularError as error:
            errors = error.errors
    context = {"tambon": tambon, "year": year, "form": form, "errors": errors, "result": result}
    return render(request, "villageplans/import.html", context)
