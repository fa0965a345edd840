"""Pages of answers to forwardings, a project's ledger and the province's budget-year window."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tambonplan.accounts.scope import may_change, may_manage_province, require_manage_province
from tambonplan.areas.selectors import province_for
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.documents.responses import stored_file_response
from tambonplan.funding import selectors, services
from tambonplan.funding.forms import AnswerForm, WindowForm
from tambonplan.funding.models import SourceGroup
from tambonplan.partners.integration import project_figures
from tambonplan.partners.progress import project_for


def _add_errors(form, error: ValidationError) -> None:
    """A service's errors on the form: under their field when the form has it, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _require_change(user, obj) -> None:
    if not may_change(user, obj):
        raise PermissionDenied


def _answer_page(request, form, forwarding, answer=None):
    project = forwarding.project
    title = _("แก้ไขคำตอบของผู้รับ") if answer else _("บันทึกคำตอบของผู้รับ")
    context = {
        "form": form,
        "forwarding": forwarding,
        "answer": answer,
        "project": project,
        "plan": project.plan,
        "title": title,
        "is_local_government": services.is_local_government(forwarding),
        "answers": selectors.answers_of_forwarding(request.user, forwarding),
    }
    return render(request, "funding/answer_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def answer_create(request, forwarding_pk):
    forwarding = selectors.forwarding_for(request.user, forwarding_pk)
    _require_change(request.user, forwarding)
    form = AnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_record(user=request.user, forwarding=forwarding, **form.arguments())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("บันทึกคำตอบของผู้รับแล้ว"))
            return redirect("funding:project_ledger", project_pk=forwarding.project_id)
    return _answer_page(request, form, forwarding)


@login_required
@require_http_methods(["GET", "POST"])
def answer_edit(request, pk):
    answer = selectors.answer_for(request.user, pk)
    _require_change(request.user, answer)
    form = AnswerForm(request.POST or None, request.FILES or None, initial=AnswerForm.initial_for(answer))
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_update(
                user=request.user, answer=answer, version=form.cleaned_data.get("version"), **form.arguments()
            )
        except ValidationError as error:
            _add_errors(form, error)
        except ConcurrentEditError:
            form.add_error(None, _("มีผู้แก้ไขคำตอบนี้ไปแล้วระหว่างที่ท่านแก้ไข กรุณาเปิดหน้าใหม่แล้วแก้อีกครั้ง"))
        else:
            messages.success(request, _("บันทึกการแก้ไขคำตอบแล้ว"))
            return redirect("funding:project_ledger", project_pk=answer.forwarding.project_id)
    return _answer_page(request, form, answer.forwarding, answer)


@login_required
@require_POST
def answer_delete(request, pk):
    answer = selectors.answer_for(request.user, pk)
    _require_change(request.user, answer)
    project_id = answer.forwarding.project_id
    services.answer_delete(user=request.user, answer=answer)
    messages.success(request, _("ลบคำตอบและงบประมาณที่บันทึกไว้กับคำตอบแล้ว (ผลการส่งต่อไม่ย้อนกลับ)"))
    return redirect("funding:project_ledger", project_pk=project_id)


@login_required
def answer_scan(request, pk):
    answer = selectors.answer_for(request.user, pk)
    return stored_file_response(answer.scan)


@login_required
def project_ledger(request, project_pk):
    project = project_for(request.user, project_pk)
    entries = selectors.project_entries(request.user, project)
    figures, window = project_figures(project)
    by_year: dict[int, list] = {}
    for entry in entries:
        by_year.setdefault(entry.fiscal_year, []).append(entry)
    forwardings = list(project.forwardings.select_related("local_government").order_by("sent_on", "id"))
    answers = {}
    for answer in selectors.answers_of_project(request.user, project):
        answers.setdefault(answer.forwarding_id, []).append(answer)
    context = {
        "project": project,
        "plan": project.plan,
        "entries": entries,
        "years": sorted(by_year.items()),
        "figures": figures,
        "window": window,
        "forwardings": [(f, answers.get(f.pk, [])) for f in forwardings],
        "can_change": may_change(request.user, project),
        "source_labels": dict(SourceGroup.choices),
        "window_url": _window_url(request.user, project.plan.tambon_id[:2]),
    }
    return render(request, "funding/project_ledger.html", context)


def _window_url(user, province_code: str) -> str:
    return reverse("funding:window", args=[province_code]) if may_manage_province(user, province_code) else ""


@login_required
@require_http_methods(["GET", "POST"])
def window_edit(request, code):
    province = province_for(request.user, code)
    require_manage_province(request.user, province)
    current = selectors.window_of(province)
    form = WindowForm(request.POST or None, initial={"years": current.years})
    if request.method == "POST" and form.is_valid():
        services.window_set(user=request.user, province=province, years=form.cleaned_data["years"])
        messages.success(request, _("บันทึกช่วงปีที่เทียบงบประมาณแล้ว"))
        return redirect("partners:integration_province", code=province.code)
    context = {"form": form, "province": province, "window": current, "fiscal_year": request.fiscal_year}
    return render(request, "funding/window_form.html", context)
