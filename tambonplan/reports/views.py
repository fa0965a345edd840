from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.directives.access import is_province_user, may_change_circular
from tambonplan.directives.selectors import circular_for
from tambonplan.documents.letter import letter_docx
from tambonplan.documents.responses import file_response, thai_document
from tambonplan.reports import documents, reminders, selectors, services, timeliness
from tambonplan.reports.access import (
    may_review_report,
    may_write_report,
    own_district_code,
    require_review_report,
    require_write_report,
)
from tambonplan.reports.content import for_display, from_json
from tambonplan.reports.diff import changes_between
from tambonplan.reports.forms import (
    REPORTER_FIELDS,
    TITLES,
    CommentForm,
    ConsolidationRecordForm,
    DraftForm,
    ItemForm,
    LetterForm,
)
from tambonplan.reports.maps import reporting_map
from tambonplan.reports.models import ItemKind
from tambonplan.thai.dates import BANGKOK, bangkok_today, time_of_day
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
        "map": reporting_map(circular_rates),
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
    context = {
        "circular": circular,
        "consolidation": selectors.consolidation_of(circular),
        "record": selectors.consolidation_record_of(circular),
        "can_change": may_change_circular(request.user, circular),
    }
    return render(request, "reports/consolidation.html", context)


@login_required
@thai_document
def consolidation_document(request, pk, kind):
    circular = _province_circular(request, pk)
    consolidated = selectors.consolidation_of(circular)
    if kind == "xlsx":
        content = documents.consolidation_xlsx(consolidated)
    else:
        record = selectors.consolidation_record_of(circular)
        render_document = documents.consolidation_pdf if kind == "pdf" else documents.consolidation_docx
        content = render_document(consolidated, record)
    return file_response(
        content, _("รายงานสรุปจังหวัด %(province)s") % {"province": circular.province.name_th}, kind
    )


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal on the form: at the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _letter_initial(letter) -> dict:
    return {name: getattr(letter, name) for name in ("version", *services.LETTER_FIELDS)}


@login_required
@require_http_methods(["GET", "POST"])
def consolidation_record_edit(request, pk):
    """The consolidated report's date, preparer and approver, and the cover letter to the Department."""
    circular = _province_circular(request, pk)
    if not may_change_circular(request.user, circular):
        raise PermissionDenied
    record = selectors.consolidation_record_of(circular)
    initial = {name: getattr(record, name) for name in ("version", *services.CONSOLIDATION_FIELDS)}
    if record.pk is None:
        initial["preparer_name"] = request.user.get_full_name()
        initial["preparer_position"] = request.user.position
    form = ConsolidationRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.consolidation_record_save(
                user=request.user,
                circular=circular,
                version=form.cleaned_data["version"],
                **form.letter_fields(),
            )
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("บันทึกข้อมูลรายงานสรุปและหนังสือนำส่งแล้ว"))
            return redirect("reports:consolidation", pk=circular.pk)
    return render(request, "reports/consolidation_record_form.html", {"circular": circular, "form": form})


@login_required
@thai_document
def consolidation_letter(request, pk, kind):
    """The province's cover letter that sends the consolidated report to the Department."""
    circular = _province_circular(request, pk)
    letter = documents.consolidation_letter_content(
        selectors.consolidation_of(circular), selectors.consolidation_record_of(circular)
    )
    content = documents.letter_pdf(letter) if kind == "pdf" else letter_docx(letter)
    return file_response(
        content, _("หนังสือนำส่งรายงานสรุป จังหวัด%(province)s") % {"province": circular.province.name_th}, kind
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
        "can_write_letter": may_write_report(request.user, report.district_id),
        "letter": selectors.report_letter_of(report),
        "problems_missing": services.submission_problems(content) if can_write else [],
        "item_lists": _item_lists(content, with_forms=can_write),
        "comment_form": CommentForm(),
    }


@login_required
def report_detail(request, pk):
    report = selectors.report_for(request.user, pk)
    return render(request, "reports/report_detail.html", _report_context(request, report))


def _draft_form(request, report, content) -> DraftForm:
    initial = {name: getattr(report, name) for name in ("revision", *REPORTER_FIELDS)}
    return DraftForm(request.POST or None, content=content, initial=initial, user=request.user)


def _save_draft(request, report, form, content):
    """The form's entries saved through the one draft service, for the save button and the autosave alike:
    the saved report, or None with the refusals at the fields they name. A stale revision raises
    ConcurrentEditError for the caller to say so."""
    if not form.is_valid():
        return None
    try:
        return services.save_draft(
            user=request.user,
            report=report,
            revision=form.cleaned_data["revision"],
            results=form.results(),
            figures=form.figures(),
            reporter=form.reporter(),
            computed={key: figure.computed for key, figure in content.figures.items()},
        )
    except ValidationError as error:
        _add_errors(form, error)
        return None


def _checklist_context(report, content) -> dict:
    checklist = services.report_checklist(content)
    return {"report": report, "checklist": checklist, "ready": not any(item.required for item in checklist)}


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
    form = _draft_form(request, report, content)
    if request.method == "POST":
        try:
            saved = _save_draft(request, report, form, content)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        else:
            if saved is not None:
                messages.success(request, _("บันทึกร่างรายงานแล้ว"))
                return redirect("reports:detail", pk=report.pk)
    context = {"form": form, "content": content, "titles": TITLES, **_checklist_context(report, content)}
    return render(request, "reports/report_form.html", context)


@login_required
@require_POST
def report_autosave(request, pk):
    """The draft saved by the form's autosave (static/js/report-form.js): the same form and service as the
    save button; answers JSON with the new revision, the time and the checklist, or the refusal (400, a stale
    revision 409) in Thai."""
    report = selectors.report_for(request.user, pk)
    require_write_report(request.user, report)
    if not report.is_editable:
        message = _("รายงานที่ส่งแล้วแก้ไขไม่ได้ จนกว่าจังหวัดจะส่งกลับให้แก้ไข")
        return JsonResponse({"message": message}, status=400)
    content = selectors.content_of(request.user, report)
    form = _draft_form(request, report, content)
    try:
        saved = _save_draft(request, report, form, content)
    except ConcurrentEditError as error:
        return JsonResponse({"message": str(error.message)}, status=409)
    if saved is None:
        errors = {
            form[name].auto_id if name in form.fields else "": [str(text) for text in texts]
            for name, texts in form.errors.items()
        }
        message = _("บันทึกร่างอัตโนมัติไม่ได้: กรุณาแก้ช่องที่มีข้อความสีแดง")
        return JsonResponse({"message": message, "errors": errors}, status=400)
    content = selectors.content_of(request.user, saved)
    moment = timezone.localtime(timezone.now(), BANGKOK)
    return JsonResponse(
        {
            "revision": saved.revision,
            "message": _("บันทึกร่างอัตโนมัติแล้ว เวลา %(time)s") % {"time": time_of_day(moment)},
            "checklist": render_to_string(
                "reports/_checklist.html", _checklist_context(saved, content), request=request
            ),
        }
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_letter_edit(request, pk):
    """The district's cover letter to the province: its number, date, signer and contact block."""
    report = selectors.report_for(request.user, pk)
    require_write_report(request.user, report)
    letter = selectors.report_letter_of(report)
    initial = _letter_initial(letter)
    if letter.pk is None:
        initial["issued_on"] = bangkok_today()
    form = LetterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_letter_save(
                user=request.user, report=report, version=form.cleaned_data["version"], **form.letter_fields()
            )
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("บันทึกหนังสือนำส่งรายงานแล้ว"))
            return redirect(reverse("reports:detail", args=[report.pk]) + "#cover-letter")
    return render(request, "reports/report_letter_form.html", {"report": report, "form": form})


@login_required
@thai_document
def report_letter(request, pk, kind):
    """The district's cover letter that sends its report to the province, as PDF or DOCX."""
    report = selectors.report_for(request.user, pk)
    letter = documents.report_letter_content(report, selectors.report_letter_of(report))
    content = documents.letter_pdf(letter) if kind == "pdf" else letter_docx(letter)
    return file_response(
        content, _("หนังสือนำส่งรายงาน อำเภอ%(district)s") % {"district": report.district.name_th}, kind
    )


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
        sent = _("ส่งรายงานแล้ว (ครั้งที่ %(n)s) %(timeliness)s") % {
            "n": version.number,
            "timeliness": timeliness.label(version.on_time),
        }
        (messages.success if version.on_time else messages.warning)(request, sent)
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


@login_required
@thai_document
def report_document(request, pk, kind):
    """The report as it stands (the draft while it is edited, else the last version) as PDF, DOCX or XLSX;
    a version's number and date go in the margin, not in the title."""
    report = selectors.report_for(request.user, pk)
    content = selectors.content_of(request.user, report)
    version = None if report.is_editable else selectors.latest_version(report)
    note = documents.version_note(version.number, version.submitted_at) if version else ""
    if kind == "pdf":
        data = documents.report_pdf(content, version_note=note, draft=version is None)
    elif kind == "docx":
        data = documents.report_docx(content, version_note=note)
    else:
        data = documents.report_xlsx(content)
    return file_response(data, _("รายงานผล อำเภอ%(district)s") % {"district": report.district.name_th}, kind)
