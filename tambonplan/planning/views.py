from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tambonplan.accounts.scope import may_change, may_manage_province
from tambonplan.areas.selectors import district_for, province_for, tambon_for
from tambonplan.committees.selectors import socho_members_for_tambon
from tambonplan.core.audit import audit_trail
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.navigation import own_area_url
from tambonplan.core.tabular import TabularError
from tambonplan.documents.responses import file_response, stored_file_response
from tambonplan.localgov import selectors as localgov_selectors
from tambonplan.planning import exchange, forwarded, selectors, services
from tambonplan.planning import maps as plan_maps
from tambonplan.planning.defaults import STEPS, default_due_dates
from tambonplan.planning.file_views import PlanImportForm
from tambonplan.planning.forms import (
    AnswersImportForm,
    BulkStatusForm,
    CarryOverDecisionForm,
    CarryOverReviseForm,
    EvidenceForm,
    ForwardingForm,
    NeedForm,
    OutcomeForm,
    PlanProfileForm,
    ProjectForm,
    StepDefinitionForm,
    StepForm,
)
from tambonplan.planning.models import StepKind
from tambonplan.thai.digits import parse_int


@login_required
def index(request):
    url = own_area_url(request.user, "planning")
    if url is not None:
        return redirect(url)
    rows = selectors.national_progress(request.user, fiscal_year=request.fiscal_year)
    measure = plan_maps.measure_of(request, "province")
    context = {
        "rows": rows,
        "classes": selectors.project_classes(),
        "map": plan_maps.progress_map(rows, level="province", measure=measure, area_name=_("ทั้งประเทศ")),
        "map_pickers": plan_maps.pickers(request, measure, "province"),
    }
    return render(request, "planning/index.html", context)


@login_required
def province_progress(request, code):
    province = province_for(request.user, code)
    rows = selectors.district_progress(request.user, province=province, fiscal_year=request.fiscal_year)
    by = plan_maps.by_of(request)
    measure = plan_maps.measure_of(request, by)
    map_rows = rows
    if by == "tambon":
        map_rows = selectors.province_tambon_progress(
            request.user, districts=rows, fiscal_year=request.fiscal_year
        )
    context = {
        "province": province,
        "rows": rows,
        "map": plan_maps.progress_map(map_rows, level=by, measure=measure, area_name=province.display_name),
        "map_pickers": plan_maps.pickers(request, measure, by, by=by),
        "classes": selectors.project_classes(),
        "can_manage_steps": may_manage_province(request.user, province.code),
    }
    return render(request, "planning/province_progress.html", context)


@login_required
def district_progress(request, code):
    district = district_for(request.user, code)
    rows = selectors.tambon_progress(request.user, district=district, fiscal_year=request.fiscal_year)
    sort, only = request.GET.get("sort", "code"), request.GET.get("only", "")
    measure = plan_maps.measure_of(request, "tambon")
    context = {
        "district": district,
        "map": plan_maps.progress_map(rows, level="tambon", measure=measure, area_name=district.display_name),
        "map_pickers": plan_maps.pickers(request, measure, "tambon"),
        "rows": selectors.sort_and_filter(rows, sort=sort, only=only),
        "all_rows": rows,
        "classes": selectors.project_classes(),
        "sort": sort,
        "only": only,
        "steps": selectors.step_definitions(
            province_code=district.province_id, fiscal_year=request.fiscal_year
        ),
    }
    return render(request, "planning/district_progress.html", context)


@login_required
def tambon_plan(request, code):
    tambon = tambon_for(request.user, code)
    plan = selectors.plan_of(request.user, tambon=tambon, fiscal_year=request.fiscal_year)
    if plan is not None:
        return redirect("planning:plan", pk=plan.pk)
    context = {"tambon": tambon, "can_change": may_change(request.user, tambon)}
    return render(request, "planning/plan_missing.html", context)


@login_required
@require_POST
def plan_open(request, code):
    tambon = tambon_for(request.user, code)
    plan = services.plan_open(user=request.user, tambon=tambon, fiscal_year=request.fiscal_year)
    previous, pending = selectors.carry_over_pending_count(plan)
    if pending:
        messages.info(
            request,
            _("แผนปี %(year)s มีโครงการที่ยังไม่ได้รับงบประมาณหรือยังไม่เสร็จ %(n)s โครงการ กรุณาพิจารณาว่าจะยกมาหรือไม่")
            % {"year": previous.fiscal_year, "n": pending},
        )
        return redirect("planning:carry_over", pk=plan.pk)
    return redirect("planning:plan", pk=plan.pk)


@login_required
def plan_detail(request, pk):
    plan = selectors.plan_for(request.user, pk)
    previous, pending = selectors.carry_over_pending_count(plan)
    context = {
        "page": selectors.plan_page(request.user, plan),
        "plan": plan,
        "can_change": may_change(request.user, plan),
        "bulk_form": BulkStatusForm(),
        "audit": audit_trail(plan),
        "previous_plan": previous,
        "carry_over_pending": pending,
        "years": selectors.year_over_year(request.user, tambon=plan.tambon, fiscal_year=plan.fiscal_year),
    }
    return render(request, "planning/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_profile(request, pk):
    plan = selectors.plan_for(request.user, pk)
    if not may_change(request.user, plan):
        raise PermissionDenied
    initial = {name: getattr(plan, name) for name in PlanProfileForm.base_fields}
    form = PlanProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(user=request.user, plan=plan, **form.cleaned_data)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกข้อมูลแผนแล้ว"))
            return redirect("planning:plan", pk=plan.pk)
    approval_step = plan.steps.filter(definition__kind=StepKind.APPROVAL).select_related("definition").first()
    return render(
        request,
        "planning/simple_form.html",
        {
            "form": form,
            "plan": plan,
            "title": _("ข้อมูลตำบลและการเห็นชอบแผน"),
            "approval_step": approval_step,
            "show_approval": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def step_edit(request, pk):
    step = selectors.step_for(request.user, pk)
    if not may_change(request.user, step):
        raise PermissionDenied
    members = socho_members_for_tambon(request.user, step.plan.tambon).select_related(
        "order__committee__kind"
    )
    initial = {
        "status": step.status,
        "done_on": step.done_on,
        "note": step.note,
        "socho_took_part": step.socho_took_part,
        "socho_members": list(step.socho_members.all()),
    }
    form = StepForm(
        request.POST if "save_step" in request.POST else None, initial=initial, socho_members=members
    )
    evidence_form = EvidenceForm(
        request.POST if "add_evidence" in request.POST else None, request.FILES or None
    )
    if form.is_bound and form.is_valid():
        try:
            services.step_update(user=request.user, step=step, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกขั้นตอนแล้ว"))
            return redirect("planning:plan", pk=step.plan_id)
    if evidence_form.is_bound and evidence_form.is_valid():
        try:
            services.step_evidence_add(
                user=request.user,
                step=step,
                upload=evidence_form.cleaned_data["file"],
                caption=evidence_form.cleaned_data["caption"],
            )
        except ValidationError as error:
            evidence_form.add_error("file", error)
        else:
            messages.success(request, _("แนบหลักฐานแล้ว"))
            return redirect("planning:step", pk=step.pk)
    context = {
        "step": step,
        "plan": step.plan,
        "form": form,
        "evidence_form": evidence_form,
        "evidence": step.evidence.all(),
        "audit": audit_trail(step),
    }
    return render(request, "planning/step_form.html", context)


@login_required
def evidence_download(request, pk):
    evidence = selectors.evidence_for(request.user, pk)
    return stored_file_response(evidence.file)


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = selectors.evidence_for(request.user, pk)
    step_pk = evidence.step_id
    services.step_evidence_delete(user=request.user, evidence=evidence)
    messages.success(request, _("ลบหลักฐานแล้ว"))
    return redirect("planning:step", pk=step_pk)


def _villages(plan):
    return plan.tambon.villages.order_by("moo")


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request, plan_pk, pk=None):
    plan = selectors.plan_for(request.user, plan_pk)
    if not may_change(request.user, plan):
        raise PermissionDenied
    need = selectors.need_in_plan(plan, pk) if pk else None
    initial = {name: getattr(need, name) for name in services.NEED_FIELDS} if need else {}
    form = NeedForm(request.POST or None, initial=initial, villages=_villages(plan))
    if request.method == "POST" and form.is_valid():
        try:
            services.need_save(user=request.user, plan=plan, need=need, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกปัญหา/ความต้องการแล้ว"))
            return redirect("planning:plan", pk=plan.pk)
    title = _("แก้ไขปัญหา/ความต้องการ") if need else _("เพิ่มปัญหา/ความต้องการ")
    return render(
        request,
        "planning/need_form.html",
        {
            "form": form,
            "plan": plan,
            "title": title,
            "delete_url_name": "planning:need_delete" if need else "",
            "object": need,
        },
    )


@login_required
@require_POST
def need_delete(request, plan_pk, pk):
    plan = selectors.plan_for(request.user, plan_pk)
    need = selectors.need_in_plan(plan, pk)
    services.need_delete(user=request.user, need=need)
    messages.success(request, _("ลบปัญหา/ความต้องการแล้ว"))
    return redirect("planning:plan", pk=plan.pk)


def _budget_years(plan) -> list[int]:
    return [plan.fiscal_year, plan.fiscal_year + 1, plan.fiscal_year + 2]


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, plan_pk, pk=None):
    plan = selectors.plan_for(request.user, plan_pk)
    if not may_change(request.user, plan):
        raise PermissionDenied
    project = selectors.project_in_plan(plan, pk) if pk else None
    initial = {}
    if project is not None:
        initial = {name: getattr(project, name) for name in services.PROJECT_FIELDS}
        initial.update(
            villages=list(project.villages.all()), needs=list(project.needs.all()), version=project.version
        )
        initial.update({f"budget_{b.fiscal_year}": b.amount for b in project.budgets.all()})
    form = ProjectForm(
        request.POST or None,
        initial=initial,
        villages=_villages(plan),
        needs=plan.needs.all(),
        budget_years=_budget_years(plan),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.project_save(
                user=request.user, plan=plan, project=project, **form.service_arguments()
            )
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกโครงการแล้ว"))
            return redirect("planning:project", pk=saved.pk)
    title = _("แก้ไขโครงการ") if project else _("เพิ่มโครงการ")
    return render(
        request,
        "planning/simple_form.html",
        {
            "form": form,
            "plan": plan,
            "title": title,
            "delete_url_name": "planning:project_delete" if project else "",
            "object": project,
        },
    )


@login_required
def project_detail(request, pk):
    project = selectors.project_for(request.user, pk)
    forwardings = selectors.forwardings_with_answers(request.user, project)
    context = {
        "project": project,
        "plan": project.plan,
        "forwardings": forwardings,
        "chain": selectors.project_chain(project, forwardings),
        "budgets": project.budgets.all(),
        "can_change": may_change(request.user, project),
        "forwarding_form": ForwardingForm(
            local_governments=localgov_selectors.for_tambon(project.plan.tambon)
        ),
        "outcome_form": OutcomeForm(),
        "audit": audit_trail(project),
        "carried_from": selectors.carried_from_of(request.user, project),
        "carry_over": selectors.carry_over_of(project),
    }
    return render(request, "planning/project_detail.html", context)


@login_required
@require_POST
def project_delete(request, plan_pk, pk):
    plan = selectors.plan_for(request.user, plan_pk)
    project = selectors.project_in_plan(plan, pk)
    services.project_delete(user=request.user, project=project)
    messages.success(request, _("ลบโครงการแล้ว"))
    return redirect("planning:plan", pk=plan.pk)


@login_required
@require_POST
def projects_bulk_status(request, pk):
    plan = selectors.plan_for(request.user, pk)
    if not may_change(request.user, plan):
        raise PermissionDenied
    form = BulkStatusForm(request.POST)
    ids = [number for value in request.POST.getlist("project") if (number := parse_int(value)) is not None]
    if not form.is_valid() or not ids:
        messages.error(request, _("กรุณาเลือกโครงการและสถานะ"))
        return redirect("planning:plan", pk=plan.pk)
    try:
        changed = services.projects_set_status(
            user=request.user, plan=plan, project_ids=ids, status=form.cleaned_data["status"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("เปลี่ยนสถานะ %(n)s โครงการแล้ว") % {"n": changed})
    return redirect("planning:plan", pk=plan.pk)


@login_required
@require_POST
def forwarding_add(request, pk):
    project = selectors.project_for(request.user, pk)
    if not may_change(request.user, project):
        raise PermissionDenied
    form = ForwardingForm(request.POST, local_governments=localgov_selectors.for_tambon(project.plan.tambon))
    if form.is_valid():
        try:
            services.forwarding_add(user=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("บันทึกการส่งต่อโครงการแล้ว"))
    else:
        messages.error(
            request,
            _("ข้อมูลการส่งต่อไม่ครบ: %(errors)s")
            % {"errors": "; ".join(f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items())},
        )
    return redirect("planning:project", pk=project.pk)


@login_required
@require_POST
def forwarding_outcome(request, pk):
    forwarding = selectors.forwarding_for(request.user, pk)
    if not may_change(request.user, forwarding):
        raise PermissionDenied
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.forwarding_record_outcome(user=request.user, forwarding=forwarding, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("บันทึกผลการส่งต่อแล้ว"))
    else:
        messages.error(request, _("ข้อมูลผลการส่งต่อไม่ถูกต้อง"))
    return redirect("planning:project", pk=forwarding.project_id)


@login_required
@require_http_methods(["GET", "POST"])
def step_settings(request, code, pk=None):
    province = province_for(request.user, code)
    can_manage = may_manage_province(request.user, province.code)
    definition = None
    if pk is not None:
        definition = selectors.step_definition_for(province=province, pk=pk, fiscal_year=request.fiscal_year)
    form = None
    if can_manage:
        initial = (
            {
                "name_th": definition.name_th,
                "kind": definition.kind,
                "due_date": definition.due_date,
                "sort_order": definition.sort_order,
            }
            if definition
            else {}
        )
        form = StepDefinitionForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                data = dict(form.cleaned_data, kind=form.cleaned_data.get("kind") or None)
                services.step_definition_save(
                    user=request.user,
                    province=province,
                    fiscal_year=request.fiscal_year,
                    definition=definition,
                    **data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("บันทึกขั้นตอนแล้ว"))
                return redirect("planning:step_settings", code=province.code)
    elif request.method == "POST":
        raise PermissionDenied
    definitions = selectors.step_definitions(province_code=province.code, fiscal_year=request.fiscal_year)
    why = {step.kind: step.why for step in STEPS}
    context = {
        "province": province,
        "definitions": definitions,
        "rows": [(d, why.get(d.kind, "")) for d in definitions],
        "form": form,
        "editing": definition,
        "can_manage": can_manage,
        "default_calendar": list(zip(STEPS, default_due_dates(request.fiscal_year), strict=True)),
    }
    return render(request, "planning/step_settings.html", context)


@login_required
@require_POST
def step_definition_delete(request, code, pk):
    province = province_for(request.user, code)
    definition = selectors.step_definition_for(province=province, pk=pk)
    try:
        services.step_definition_delete(user=request.user, definition=definition)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("ลบขั้นตอนแล้ว"))
    return redirect("planning:step_settings", code=province.code)


# ---------------------------------------------------------------------------------------------- carry-over


@login_required
def carry_over(request, pk):
    """ทบทวนโครงการยกมา: the previous plan's unfunded or unfinished projects, kept, revised or dropped."""
    plan = selectors.plan_for(request.user, pk)
    context = {
        "plan": plan,
        "page": selectors.carry_over_page(request.user, plan),
        "can_change": may_change(request.user, plan),
    }
    return render(request, "planning/carry_over.html", context)


@login_required
@require_POST
def carry_over_decide(request, pk, project_pk):
    plan = selectors.plan_for(request.user, pk)
    if not may_change(request.user, plan):
        raise PermissionDenied
    previous = selectors.previous_project_for(plan, project_pk)
    form = CarryOverDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกว่าจะยกโครงการมาหรือไม่"))
        return redirect("planning:carry_over", pk=plan.pk)
    try:
        services.carry_over_decide(user=request.user, plan=plan, previous=previous, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if form.cleaned_data["decision"] == "drop":
            messages.success(request, _('บันทึกว่าไม่ยกโครงการ "%(name)s" มาแล้ว') % {"name": previous.name})
        else:
            messages.success(request, _('ยกโครงการ "%(name)s" มาในแผนปีนี้แล้ว') % {"name": previous.name})
    return redirect("planning:carry_over", pk=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def carry_over_revise(request, pk, project_pk):
    plan = selectors.plan_for(request.user, pk)
    if not may_change(request.user, plan):
        raise PermissionDenied
    previous = selectors.previous_project_for(plan, project_pk)
    shift = plan.fiscal_year - previous.plan.fiscal_year
    budgets = {b.fiscal_year + shift: b.amount for b in previous.budgets.all()}
    years = sorted(set(_budget_years(plan)) | set(budgets))
    initial = {"name": previous.name, **{f"budget_{year}": amount for year, amount in budgets.items()}}
    form = CarryOverReviseForm(request.POST or None, initial=initial, budget_years=years)
    if request.method == "POST" and form.is_valid():
        try:
            services.carry_over_decide(
                user=request.user, plan=plan, previous=previous, decision="revise", **form.service_arguments()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _('ยกโครงการ "%(name)s" มาโดยปรับปรุงแล้ว') % {"name": previous.name})
            return redirect("planning:carry_over", pk=plan.pk)
    context = {"plan": plan, "previous": previous, "form": form}
    return render(request, "planning/carry_over_revise.html", context)


# ---------------------------------------------------------------------------------------------- แบบ ผ.02


@login_required
@require_GET
def exchange_xlsx(request, pk):
    """The plan's projects in the layout of แบบ ผ.02, for a local government's own plan: `?period=` a year
    of the local plan's period (default: the plan's year), `?paper=a4|a3`. A page says why when it cannot
    be exported (money outside the period, an unknown period or paper)."""
    plan = selectors.plan_for(request.user, pk)
    try:
        period = exchange.export_period(plan, request.GET.get("period"))
        paper = exchange.export_paper(request.GET.get("paper"))
        with translation.override("th"):  # แบบ ผ.02 goes into the local government's plan: written in Thai
            content = exchange.form_workbook(plan, period=period, paper=paper)
    except exchange.ExportRefused as refusal:
        context = {"plan": plan, "refusal": refusal, "paper": request.GET.get("paper", "a4")}
        return render(request, "planning/exchange_refused.html", context, status=refusal.status)
    # The whole plan for the tambon's own use, never named as a local government's ผ.02.
    name = f"แผนพัฒนาตำบล-ทุกโครงการ-ตำบล{plan.tambon.name_th}-{plan.tambon_id}-{plan.fiscal_year}"
    name += f"-งบ{period[0]}-{period[-1]}"
    return file_response(content, f"{name}-A3" if paper == "a3" else name, "xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def exchange_import(request, pk):
    """A ผ.02 file back from a local government: every row checked, all or nothing."""
    plan = selectors.plan_for(request.user, pk)
    if not may_change(request.user, plan):
        raise PermissionDenied
    form = PlanImportForm(request.POST, request.FILES) if request.method == "POST" else PlanImportForm()
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        try:
            result = exchange.form_import(user=request.user, plan=plan, upload=form.cleaned_data["file"])
        except TabularError as error:
            errors = error.errors
    context = {
        "plan": plan,
        "form": form,
        "errors": errors,
        "result": result,
        "years": exchange.budget_years(plan),
    }
    return render(request, "planning/exchange_import.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def local_governments(request, pk):
    """The plan's projects by the local government they were forwarded to: each body's own ผ.02 to send,
    and its filled file read back as answers (the approved plan is not changed)."""
    plan = selectors.plan_for(request.user, pk)
    recipients = forwarded.recipients_of(plan)
    bodies = [body for body, _count in recipients]
    can_change = may_change(request.user, plan)
    form = AnswersImportForm(request.POST or None, request.FILES or None, bodies=bodies)
    errors, recorded = [], None
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                recorded = forwarded.answers_import(
                    user=request.user,
                    plan=plan,
                    body=form.cleaned_data["local_government"],
                    upload=form.cleaned_data["file"],
                    answered_on=form.cleaned_data["answered_on"],
                    letter_number=form.cleaned_data["letter_number"],
                )
            except TabularError as error:
                errors = error.errors
            else:
                recipients = forwarded.recipients_of(plan)  # the answered counts after the import
    context = {
        "plan": plan,
        "recipients": recipients,
        "form": form,
        "errors": errors,
        "recorded": recorded,
        "can_change": can_change,
    }
    return render(request, "planning/local_governments.html", context)


@login_required
@require_GET
def local_government_xlsx(request, pk, body_pk):
    """A local government's own ผ.02: `?period=` a year of the local plan's period (default: the plan's
    year); a page says why when a project forwarded to it has money outside the period."""
    plan = selectors.plan_for(request.user, pk)
    body = next((b for b, _count in forwarded.recipients_of(plan) if b.pk == body_pk), None)
    if body is None:
        raise Http404
    try:
        period = exchange.export_period(plan, request.GET.get("period"))
        with translation.override("th"):
            content = forwarded.local_government_workbook(plan, body, period=period)
    except exchange.ExportRefused as refusal:
        download = reverse("planning:local_government_xlsx", args=[plan.pk, body.pk])
        context = {"plan": plan, "refusal": refusal, "download_url": download, "recipient": body}
        return render(request, "planning/exchange_refused.html", context, status=refusal.status)
    name = f"ผ.02-{body.short_name}-จากแผนตำบล{plan.tambon.name_th}-{plan.fiscal_year}"
    name += f"-แผน{period[0]}-{period[-1]}"
    return file_response(content, name, "xlsx")
