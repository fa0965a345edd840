"""Pages of commitments, budget integration (tambon, district, province, with XLSX) and project progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tambonplan.accounts.scope import may_change, may_manage_province
from tambonplan.areas.selectors import district_for, province_for, tambon_for
from tambonplan.core.audit import audit_trail
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.documents.responses import file_response, stored_file_response
from tambonplan.partners import commitments, exports, integration, progress
from tambonplan.partners import maps as partner_maps
from tambonplan.partners.funding_forms import (
    CommitmentForm,
    EvidenceForm,
    MilestoneFormSet,
    OverrideForm,
    TransitionForm,
)
from tambonplan.partners.integration import SOURCES
from tambonplan.thai.digits import parse_int

# ---------------------------------------------------------------- commitments


def _require_change(user, obj) -> None:
    if not may_change(user, obj):
        raise PermissionDenied


def _form_arguments(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def commitment_create(request, project_pk):
    project = progress.project_for(request.user, project_pk)
    _require_change(request.user, project)
    partners = integration.partners_for_project(project)
    initial = {"fiscal_year": project.plan.fiscal_year, "kind": "budget"}
    chosen = parse_int(request.GET.get("partner"))
    if chosen is not None:
        initial["partner"] = partners.filter(pk=chosen).first()
    form = CommitmentForm(request.POST or None, request.FILES or None, initial=initial, partners=partners)
    if request.method == "POST" and form.is_valid():
        try:
            commitment = commitments.commitment_create(
                user=request.user, project=project, **_form_arguments(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกการสนับสนุนจากภาคีแล้ว"))
            return redirect("partners:commitment", pk=commitment.pk)
    return render(
        request,
        "partners/funding_commitment_form.html",
        {"form": form, "project": project, "plan": project.plan, "title": _("เพิ่มการสนับสนุนจากภาคี")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, pk):
    commitment = integration.commitment_for(request.user, pk)
    _require_change(request.user, commitment)
    project = commitment.project
    fields = (
        "partner",
        "kind",
        "amount",
        "in_kind_description",
        "estimated_value",
        "fiscal_year",
        "proposed_on",
        "note",
    )
    initial = {name: getattr(commitment, name) for name in fields}
    initial["version"] = commitment.version
    form = CommitmentForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        partners=integration.partners_for_project(project),
    )
    if request.method == "POST" and form.is_valid():
        try:
            commitments.commitment_update(
                user=request.user,
                commitment=commitment,
                version=form.cleaned_data.get("version"),
                **_form_arguments(form),
            )
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("บันทึกการสนับสนุนจากภาคีแล้ว"))
            return redirect("partners:commitment", pk=commitment.pk)
    return render(
        request,
        "partners/funding_commitment_form.html",
        {
            "form": form,
            "project": project,
            "plan": project.plan,
            "commitment": commitment,
            "title": _("แก้ไขการสนับสนุนจากภาคี"),
        },
    )


@login_required
def commitment_detail(request, pk):
    commitment = integration.commitment_for(request.user, pk)
    can_change = may_change(request.user, commitment)
    moves = [
        (status, str(commitments.S(status).label)) for status in commitments.allowed_moves(commitment.status)
    ]
    context = {
        "commitment": commitment,
        "project": commitment.project,
        "plan": commitment.project.plan,
        "can_change": can_change,
        "moves": moves if can_change else [],
        "transition_form": TransitionForm(),
        "audit": audit_trail(commitment),
    }
    return render(request, "partners/funding_commitment_detail.html", context)


@login_required
@require_POST
def commitment_transition(request, pk):
    commitment = integration.commitment_for(request.user, pk)
    _require_change(request.user, commitment)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ข้อมูลการเปลี่ยนสถานะไม่ถูกต้อง"))
        return redirect("partners:commitment", pk=commitment.pk)
    try:
        moved = commitments.commitment_transition(
            user=request.user, commitment=commitment, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("เปลี่ยนสถานะเป็น “%(status)s” แล้ว") % {"status": moved.get_status_display()}
        )
        if moved.status == commitments.S.APPROVED:
            warning = commitments.over_need_warning(moved)
            if warning:
                messages.warning(request, warning)
    return redirect("partners:commitment", pk=commitment.pk)


@login_required
def commitment_document(request, pk):
    commitment = integration.commitment_for(request.user, pk)
    return stored_file_response(commitment.document)


# ---------------------------------------------------------------- budget integration


def _integration(request, level: str, code: str):
    area = {"tambon": tambon_for, "district": district_for, "province": province_for}[level](
        request.user, code
    )
    return integration.integration(request.user, level=level, area=area, fiscal_year=request.fiscal_year)


@login_required
def integration_page(request, code, level: str):
    data = _integration(request, level, code)
    province_code = data.area.code[:2]
    window_url = (
        reverse("funding:window", args=[province_code])
        if may_manage_province(request.user, province_code)
        else ""
    )
    context = {
        "data": data,
        "area": data.area,
        "level": level,
        "sources": SOURCES,
        "window_url": window_url,
        "map": partner_maps.secured_map(data),
    }
    return render(request, f"partners/funding_integration_{level}.html", context)


@login_required
def integration_xlsx(request, code, level: str):
    data = _integration(request, level, code)
    return file_response(
        exports.integration_workbook(data), f"integration-{code}-{data.fiscal_year}.xlsx", "xlsx"
    )


# ---------------------------------------------------------------- progress


def _milestone_items(formset) -> list[dict]:
    items = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE") or not data.get("name"):
            continue
        items.append({k: data.get(k) for k in ("pk", "name", "weight", "due_on", "done_on")})
    return items


@login_required
@require_http_methods(["GET", "POST"])
def project_progress(request, pk):
    project = progress.project_for(request.user, pk)
    can_change = may_change(request.user, project)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    page = progress.progress_page(request.user, project)
    action = request.POST.get("action", "")
    initial = [
        {"pk": m.pk, "name": m.name, "weight": m.weight, "due_on": m.due_on, "done_on": m.done_on}
        for m in page.milestones
    ]
    formset = MilestoneFormSet(request.POST if action == "milestones" else None, initial=initial, prefix="m")
    evidence_form = EvidenceForm(
        request.POST if action == "evidence" else None,
        request.FILES if action == "evidence" else None,
        milestones=page.milestones,
    )
    override_form = OverrideForm(
        request.POST if action == "override" else None,
        initial={"percent": page.percent.value, "reason": page.override.reason if page.override else ""},
    )
    if action == "milestones" and formset.is_valid():
        try:
            progress.milestones_save(user=request.user, project=project, items=_milestone_items(formset))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("บันทึกขั้นตอนการดำเนินโครงการแล้ว"))
            return redirect("partners:project_progress", pk=project.pk)
    elif action == "evidence" and evidence_form.is_valid():
        milestone = next(m for m in page.milestones if m.pk == evidence_form.cleaned_data["milestone"])
        try:
            progress.evidence_add(
                user=request.user,
                milestone=milestone,
                upload=evidence_form.cleaned_data["image"],
                caption=evidence_form.cleaned_data["caption"],
                taken_on=evidence_form.cleaned_data["taken_on"],
            )
        except ValidationError as error:
            evidence_form.add_error("image", error)
        else:
            messages.success(request, _("แนบภาพหลักฐานแล้ว"))
            return redirect("partners:project_progress", pk=project.pk)
    elif action == "override" and override_form.is_valid():
        try:
            progress.progress_override_set(user=request.user, project=project, **override_form.cleaned_data)
        except ValidationError as error:
            override_form.add_error(None, error)
        else:
            messages.success(request, _("กำหนดความก้าวหน้าเองแล้ว"))
            return redirect("partners:project_progress", pk=project.pk)
    elif action == "clear_override":
        progress.progress_override_clear(user=request.user, project=project)
        messages.success(request, _("ยกเลิกการกำหนดความก้าวหน้าเองแล้ว"))
        return redirect("partners:project_progress", pk=project.pk)
    context = {
        "page": page,
        "project": project,
        "plan": project.plan,
        "can_change": can_change,
        "formset": formset,
        "evidence_form": evidence_form,
        "override_form": override_form,
    }
    return render(request, "partners/progress_project.html", context)


@login_required
def progress_evidence(request, pk):
    evidence = progress.evidence_for(request.user, pk)
    return stored_file_response(evidence.image, as_attachment=False)


@login_required
@require_POST
def progress_evidence_delete(request, pk):
    evidence = progress.evidence_for(request.user, pk)
    project_pk = evidence.milestone.project_id
    progress.evidence_delete(user=request.user, evidence=evidence)
    messages.success(request, _("ลบภาพหลักฐานแล้ว"))
    return redirect("partners:project_progress", pk=project_pk)
