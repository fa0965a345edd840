"""Downloads of a plan (PDF, Word, Excel and the import templates) and the spreadsheet imports."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tambonplan.accounts.scope import require_change
from tambonplan.areas.selectors import province_for
from tambonplan.core.forms import StyledForm
from tambonplan.core.tabular import TabularError
from tambonplan.documents.responses import file_response, thai_document
from tambonplan.planning import exports, imports
from tambonplan.planning.documents import plan_docx, plan_pdf
from tambonplan.planning.models import TambonPlan


class PlanImportForm(StyledForm):
    file = forms.FileField(
        label=gettext_lazy("ไฟล์ข้อมูล (XLSX หรือ CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


def _plan(request, pk: int) -> TambonPlan:
    return get_object_or_404(
        TambonPlan.objects.in_scope(request.user).select_related("tambon__district__province"), pk=pk
    )


def _name(plan: TambonPlan, what: str) -> str:
    return f"{what}-{plan.tambon_id}-{plan.fiscal_year}"


@login_required
@require_GET
def province_projects_xlsx(request, code):
    province = province_for(request.user, code)
    content = exports.province_projects_workbook(request.user, province, request.fiscal_year)
    return file_response(content, f"โครงการ-{province.name_th}-{request.fiscal_year}", "xlsx")


@login_required
@require_GET
@thai_document
def plan_pdf_download(request, pk):
    plan = _plan(request, pk)
    return file_response(plan_pdf(plan), _name(plan, "แผนพัฒนาตำบล"), "pdf")


@login_required
@require_GET
@thai_document
def plan_docx_download(request, pk):
    plan = _plan(request, pk)
    return file_response(plan_docx(plan), _name(plan, "แผนพัฒนาตำบล"), "docx")


@login_required
@require_GET
def plan_xlsx_download(request, pk):
    plan = _plan(request, pk)
    return file_response(exports.plan_workbook(plan), _name(plan, "แผนพัฒนาตำบล"), "xlsx")


TEMPLATES = {
    "needs": (exports.needs_template, "แบบนำเข้าปัญหาความต้องการ"),
    "projects": (exports.projects_template, "แบบนำเข้าโครงการ"),
    "status": (exports.status_template, "แบบปรับสถานะโครงการ"),
}


def _template_download(request, pk, kind: str):
    plan = _plan(request, pk)
    build, name = TEMPLATES[kind]
    return file_response(build(plan), _name(plan, name), "xlsx")


@login_required
@require_GET
def needs_template(request, pk):
    return _template_download(request, pk, "needs")


@login_required
@require_GET
def projects_template(request, pk):
    return _template_download(request, pk, "projects")


@login_required
@require_GET
def status_template(request, pk):
    return _template_download(request, pk, "status")


IMPORTS = {
    "needs": {
        "service": imports.needs_import,
        "title": gettext_lazy("นำเข้าปัญหาและความต้องการ"),
        "template": "planning:needs_template",
        "help": gettext_lazy(
            "หนึ่งแถวต่อหนึ่งปัญหา/ความต้องการ: หมู่ที่ (เว้นว่างหากเป็นของทั้งตำบล), ด้าน, ปัญหา/ความต้องการ, "
            "ที่มา, ความรุนแรง (1–5) และคะแนนเสียง ปัญหาที่หมู่บ้านและข้อความตรงกับที่มีอยู่จะถูกปรับปรุง ไม่สร้างซ้ำ"
        ),
    },
    "projects": {
        "service": imports.projects_import,
        "title": gettext_lazy("นำเข้าโครงการ"),
        "template": "planning:projects_template",
        "help": gettext_lazy(
            "หนึ่งแถวต่อหนึ่งโครงการตามแบบ ผ.02 พร้อมงบประมาณรายปี โครงการที่ชื่อตรงกับที่มีอยู่จะถูกปรับปรุง ไม่สร้างซ้ำ"
        ),
    },
    "status": {
        "service": imports.project_status_import,
        "title": gettext_lazy("ปรับสถานะโครงการจากไฟล์"),
        "template": "planning:status_template",
        "help": gettext_lazy("ดาวน์โหลดแบบฟอร์มซึ่งมีรายชื่อโครงการของแผนนี้อยู่แล้ว แก้ไขคอลัมน์สถานะ แล้วนำเข้า"),
    },
}


def _import(request, pk, kind: str):
    plan = _plan(request, pk)
    require_change(request.user, plan)
    spec = IMPORTS[kind]
    form = PlanImportForm(request.POST, request.FILES) if request.method == "POST" else PlanImportForm()
    errors, result = [], None
    if request.method == "POST" and form.is_valid():
        try:
            result = spec["service"](user=request.user, plan=plan, upload=form.cleaned_data["file"])
        except TabularError as error:
            errors = error.errors
    context = {
        "plan": plan,
        "kind": kind,
        "title": spec["title"],
        "help": spec["help"],
        "template_url": reverse(spec["template"], kwargs={"pk": plan.pk}),
        "form": form,
        "errors": errors,
        "result": result,
        "changed": result if kind == "status" else None,
    }
    return render(request, "planning/import_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def needs_import(request, pk):
    return _import(request, pk, "needs")


@login_required
@require_http_methods(["GET", "POST"])
def projects_import(request, pk):
    return _import(request, pk, "projects")


@login_required
@require_http_methods(["GET", "POST"])
def status_import(request, pk):
    return _import(request, pk, "status")
