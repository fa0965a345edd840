from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.directives.access import is_province_user, may_change_circular
from tambonplan.directives.selectors import circular_for
from tambonplan.documents.responses import file_response, thai_document
from tambonplan.reports import documents, reminders, selectors, services
from tambonplan.reports.access import (
    may_review_report,
    may_write_report,
    own_district_code,
    require_review_report,
    require_write_report,
)
from tambonplan.reports.content import for_display, from_json
from tambonplan.reports.diff import changes_between
from tambonplan.reports.forms import CommentForm, DraftForm, ItemForm
from tambonplan.reports.models import ItemKind
from tambonplan.thai.dates import be_datetime
from tambonplan.thai.digits import parse_int


@login_required
def report_index(request):
    entries = selectors.report_index(request.user)
    return render(
        request, "reports/index.html", {"entries": entries, "district_code": own_district_code(request.user)}
    )


def _province_circular(request, pk):
    circular = circular_for(request.user, pk)
    if not is_province_user(request.user, circular.province_id):
        raise Http404
    return circular


@login_required
def rates(request, pk):
    circular = _province_circular(request, pk)
    circular_rates = selectors.rates_of(circular)
    context = {
        "circular": circular,
        "rates": circular_rates,
        "can_remind": may_change_circular(request.user, circular),
    }
    return render(request, "reports/rates.html", context)


@login_required
@require_POST
def remind(request, pk):
    circular = _province_circular(request, pk)
    if not may_change_circular(request.user, circular):
        raise PermissionDenied
    scheduled = reminders.remind_missing(circular=circular, user=request.user)
    if scheduled:
        messages.success(request, _("ส่งคำเตือนถึง %(n)s อำเภอที่ยังไม่ส่งรายงานแล้ว") % {"n": scheduled})
    else:
        messages.info(request, _("วันนี้เตือนทุกอำเภอที่ยังไม่ส่งรายงานไปแล้ว หรือไม่มีอำเภอที่ค้างส่ง"))
    return redirect("reports:rates", pk=circular.pk)


@login_required
def consolidation(request, pk):
    circular = _province_circular(request, pk)
    return render(
        request,
        "reports/consolidation.html",
        {"circular": circular, "consolidation": selectors.consolidation_of(circular)},
    )


CONSOLIDATION_DOCUMENTS = {
    "pdf": documents.consolidation_pdf,
    "docx": documents.consolidation_docx,
    "xlsx": documents.consolidation_xlsx,
}


@login_required
@thai_document
def consolidation_document(request, pk, kind):
    circular = _province_circular(request, pk)
    content = CONSOLIDATION_DOCUMENTS[kind](selectors.consolidation_of(circular))
    return file_response(
        content, _("รายงานสรุปจังหวัด %(province)s") % {"province": circular.province.name_th}, kind
    )


@login_required
@require_http_methods(["GET", "POST"])
def district_report(request, pk, district_code):
    """The district's report to the circular: opened (and started as a draft) by the district's officer."""
    circular = circular_for(request.user, pk)
    if not circular.districts.filter(code=district_code).exists():
        raise Http404
    if not (
        is_province_user(request.user, circular.province_id)
        or own_district_code(request.user) == district_code
    ):
        raise Http404
    if request.method == "POST" and not may_write_report(request.user, district_code):
        raise PermissionDenied
    report = selectors.report_of(circular, district_code)
    if report is not None:
        return redirect("reports:detail", pk=report.pk)
    if request.method == "POST":
        report = services.start_report(user=request.user, circular=circular, district_code=district_code)
        return redirect("reports:detail", pk=report.pk)
    return render(
        request,
        "reports/not_started.html",
        {
            "circular": circular,
            "district_code": district_code,
            "can_start": may_write_report(request.user, district_code),
        },
    )


def _item_lists(content, *, with_forms: bool) -> list[tuple]:
    """The problems and the suggestions, each with its add form when the report may be edited."""
    return [
        (
            kind,
            title,
            items,
            ItemForm(kind=kind) if with_forms else None,
        )
        for kind, title, items in (
            (ItemKind.PROBLEM, _("๓. ปัญหา/อุปสรรค"), content.problems),
            (ItemKind.SUGGESTION, _("๔. ข้อเสนอแนะ"), content.suggestions),
        )
    ]


def _report_context(request, report):
    versions = selectors.versions_of(report)
    content = selectors.content_of(request.user, report)
    can_write = may_write_report(request.user, report.district_id) and report.is_editable
    return {
        "report": report,
        "content": content,
        "versions": versions,
        "events": selectors.events_of(report),
        "can_write": can_write,
        "can_review": may_review_report(request.user, report),
        "problems_missing": services.submission_problems(content) if can_write else [],
        "item_lists": _item_lists(content, with_forms=can_write),
        "comment_form": CommentForm(),
    }


@login_required
def report_detail(request, pk):
    report = selectors.report_for(request.user, pk)
    return render(request, "reports/report_detail.html", _report_context(request, report))


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = selectors.report_for(request.user, pk)
    if not may_write_report(request.user, report.district_id):
        raise PermissionDenied
    if not report.is_editable:
        messages.error(request, _("รายงานที่ส่งแล้วแก้ไขไม่ได้ จนกว่าจังหวัดจะส่งกลับให้แก้ไข"))
        return redirect("reports:detail", pk=report.pk)
    content = selectors.content_of(request.user, report)
    initial = {
        "revision": report.revision,
        "reporter_name": report.reporter_name,
        "reporter_position": report.reporter_position,
        "reporter_phone": report.reporter_phone,
        "report_date": report.report_date,
    }
    form = DraftForm(request.POST or None, content=content, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_draft(
                user=request.user,
                report=report,
                revision=form.cleaned_data["revision"],
                results=form.results(),
                figures=form.figures(),
                reporter=form.reporter(),
                computed={key: figure.computed for key, figure in content.figures.items()},
            )
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("บันทึกร่างรายงานแล้ว"))
            return redirect("reports:detail", pk=report.pk)
    return render(request, "reports/report_form.html", {"report": report, "form": form, "content": content})


@login_required
@require_POST
def item_add(request, pk, kind):
    report = selectors.report_for(request.user, pk)
    if kind not in ItemKind.values:
        raise Http404
    require_write_report(request.user, report)
    form = ItemForm(request.POST, kind=kind)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect("reports:detail", pk=report.pk)
    try:
        services.add_item(user=request.user, report=report, kind=kind, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("เพิ่มรายการแล้ว"))
    return redirect(reverse("reports:detail", args=[report.pk]) + f"#{kind}s")


@login_required
@require_POST
def item_delete(request, pk, item_pk):
    report = selectors.report_for(request.user, pk)
    try:
        services.delete_item(user=request.user, report=report, item_pk=item_pk)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("ลบรายการแล้ว"))
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_submit(request, pk):
    report = selectors.report_for(request.user, pk)
    revision = parse_int(request.POST.get("revision"))
    try:
        version = services.submit(user=request.user, report=report, revision=revision)
    except ConcurrentEditError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if version.on_time:
            messages.success(request, _("ส่งรายงานแล้ว (ครั้งที่ %(n)s) ทันกำหนด") % {"n": version.number})
        else:
            messages.warning(request, _("ส่งรายงานแล้ว (ครั้งที่ %(n)s) หลังกำหนดส่ง") % {"n": version.number})
    return redirect("reports:detail", pk=report.pk)


def _review(request, pk, action, *, needs_comment: bool, done: str):
    report = selectors.report_for(request.user, pk)
    require_review_report(request.user, report)
    form = CommentForm(request.POST)
    if needs_comment and not form.is_valid():
        messages.error(request, _("กรุณาระบุความเห็น/สิ่งที่ต้องแก้ไข"))
        return redirect("reports:detail", pk=report.pk)
    arguments = {"comment": form.cleaned_data["comment"]} if needs_comment else {}
    try:
        action(user=request.user, report=report, **arguments)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_return(request, pk):
    return _review(
        request, pk, services.return_for_correction, needs_comment=True, done=_("ส่งรายงานกลับให้อำเภอแก้ไขแล้ว")
    )


@login_required
@require_POST
def report_accept(request, pk):
    return _review(request, pk, services.accept, needs_comment=False, done=_("รับรายงานแล้ว"))


@login_required
@require_POST
def report_reopen(request, pk):
    return _review(request, pk, services.reopen, needs_comment=True, done=_("เปิดรายงานให้อำเภอแก้ไขอีกครั้งแล้ว"))


@login_required
def version_detail(request, pk, number):
    report = selectors.report_for(request.user, pk)
    version = selectors.version_of(report, number)
    content = for_display(from_json(version.content))
    previous = selectors.version_of(report, number - 1) if number > 1 else None
    changes = changes_between(for_display(from_json(previous.content)), content) if previous else None
    context = {
        "report": report,
        "version": version,
        "content": content,
        "previous": previous,
        "changes": changes,
        "item_lists": _item_lists(content, with_forms=False),
    }
    return render(request, "reports/version_detail.html", context)


def _status_line(report, version) -> str:
    if version is None:
        return _("ร่าง ยังไม่ได้ส่ง")
    timing = _("ทันกำหนด") if version.on_time else _("หลังกำหนด")
    return _("ส่งครั้งที่ %(n)s เมื่อ %(at)s (%(timing)s) สถานะ: %(state)s") % {
        "n": version.number,
        "at": be_datetime(version.submitted_at),
        "timing": timing,
        "state": report.get_state_display(),
    }


@login_required
@thai_document
def report_document(request, pk, kind):
    """The report as it stands (the draft while it is edited, else the last version) as PDF, DOCX or XLSX."""
    report = selectors.report_for(request.user, pk)
    content = selectors.content_of(request.user, report)
    version = None if report.is_editable else selectors.latest_version(report)
    status = _status_line(report, version)
    if kind == "pdf":
        data = documents.report_pdf(content, status_line=status, draft=version is None)
    elif kind == "docx":
        data = documents.report_docx(content, status_line=status)
    else:
        data = documents.report_xlsx(content)
    return file_response(data, _("รายงานผล อำเภอ%(district)s") % {"district": report.district.name_th}, kind)
