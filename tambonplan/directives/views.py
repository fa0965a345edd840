import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tambonplan.areas.models import District, Province
from tambonplan.core.errors import error_page
from tambonplan.core.http import client_ip
from tambonplan.core.site_url import SiteUrlNotPublic, is_public_site_url, not_public_message
from tambonplan.directives import public_links, selectors, services
from tambonplan.directives.access import (
    is_province_user,
    may_acknowledge,
    may_change_circular,
    own_district_code,
    require_change_circular,
)
from tambonplan.directives.documents import circular_docx, circular_pdf
from tambonplan.directives.forms import CircularForm, EnclosureForm, InstructionForm
from tambonplan.directives.models import DEFAULT_CLOSING
from tambonplan.documents.responses import CONTENT_TYPES, file_response, stored_file_response, thai_document
from tambonplan.thai.dates import current_fiscal_year

logger = logging.getLogger(__name__)


def _changeable_provinces(user):
    """The provinces whose circulars the user may create: the officer's own, every province for admins."""
    codes = [code for code in Province.objects.in_scope(user).values_list("code", flat=True)
             if may_change_circular(user, code)]  # fmt: skip
    return Province.objects.filter(code__in=codes)


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
def circular_list(request):
    circulars = selectors.circulars_for(request.user)
    can_create = request.user.can_edit and _changeable_provinces(request.user).exists()
    return render(request, "directives/list.html", {"circulars": circulars, "can_create": can_create})


def _circular_fields(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("province", None)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def circular_create(request):
    provinces = _changeable_provinces(request.user)
    if not request.user.can_edit or not provinces.exists():
        raise PermissionDenied
    form = CircularForm(
        request.POST or None,
        provinces=provinces,
        initial={"fiscal_year": current_fiscal_year(), "closing": DEFAULT_CLOSING},
    )
    if request.method == "POST" and form.is_valid():
        try:
            circular = services.circular_create(
                user=request.user, province=form.cleaned_data["province"], **_circular_fields(form)
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("บันทึกหนังสือสั่งการแล้ว"))
            return redirect("directives:detail", pk=circular.pk)
    return render(request, "directives/circular_form.html", {"form": form, "circular": None})


@login_required
@require_http_methods(["GET", "POST"])
def circular_edit(request, pk):
    circular = selectors.circular_for(request.user, pk)
    require_change_circular(request.user, circular)
    initial = {name: getattr(circular, name) for name in services.CIRCULAR_FIELDS}
    initial["province"] = circular.province_id
    addressed = list(circular.districts.values_list("code", flat=True))
    all_count = District.objects.filter(province_id=circular.province_id, is_active=True).count()
    initial["districts"] = [] if len(addressed) == all_count else addressed
    form = CircularForm(
        request.POST or None,
        provinces=Province.objects.filter(code=circular.province_id),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.circular_update(user=request.user, circular=circular, **_circular_fields(form))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("บันทึกหนังสือสั่งการแล้ว"))
            return redirect("directives:detail", pk=circular.pk)
    return render(request, "directives/circular_form.html", {"form": form, "circular": circular})


@login_required
def circular_detail(request, pk):
    circular = selectors.circular_for(request.user, pk)
    province_view = is_province_user(request.user, circular.province_id)
    context = {
        "circular": circular,
        "instructions": circular.instructions.all(),
        "enclosures": circular.enclosures.all(),
        "districts": circular.districts.order_by("code"),
        "can_change": may_change_circular(request.user, circular),
        "can_acknowledge": may_acknowledge(request.user, circular),
        "acknowledgement": selectors.own_acknowledgement(request.user, circular),
        "receipt": selectors.receipt_of(circular) if province_view else None,
        "province_view": province_view,
        "report_district": own_district_code(request.user),
    }
    return render(request, "directives/circular_detail.html", context)


@login_required
@require_POST
def circular_issue(request, pk):
    circular = selectors.circular_for(request.user, pk)
    try:
        services.circular_issue(user=request.user, circular=circular)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("ออกหนังสือแล้ว อำเภอที่ได้รับหนังสือเห็นหนังสือนี้และได้รับอีเมลแจ้ง"))
    return redirect("directives:detail", pk=circular.pk)


@login_required
@require_POST
def circular_acknowledge(request, pk):
    circular = selectors.circular_for(request.user, pk)
    services.acknowledge(user=request.user, circular=circular)
    messages.success(request, _("บันทึกการรับทราบหนังสือแล้ว"))
    return redirect("directives:detail", pk=circular.pk)


@login_required
@thai_document
def circular_document(request, pk, kind):
    circular = selectors.circular_for(request.user, pk)
    render_document = circular_pdf if kind == "pdf" else circular_docx
    filename = f"หนังสือ {circular.number}"
    try:
        content = render_document(circular)
    except SiteUrlNotPublic as refusal:
        logger.warning("circular %s not rendered: SITE_URL %r is not public", circular.pk, refusal.site_url)
        heading = _("ยังดาวน์โหลดหนังสือที่มีคิวอาร์โค้ดไม่ได้")
        return error_page(request, 503, heading, not_public_message())
    return file_response(content, filename, kind)


@login_required
@require_http_methods(["GET", "POST"])
def instruction_edit(request, pk, instruction_pk=None):
    circular = selectors.circular_for(request.user, pk)
    require_change_circular(request.user, circular)
    instruction = None
    initial = {"number": circular.instructions.count() + 1}
    if instruction_pk is not None:
        instruction = get_object_or_404(circular.instructions, pk=instruction_pk)
        initial = {name: getattr(instruction, name) for name in services.INSTRUCTION_FIELDS}
    form = InstructionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.instruction_save(
                user=request.user, circular=circular, instruction=instruction, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("บันทึกข้อสั่งการแล้ว"))
            return redirect("directives:detail", pk=circular.pk)
    context = {"form": form, "circular": circular, "instruction": instruction}
    return render(request, "directives/instruction_form.html", context)


@login_required
@require_POST
def instruction_delete(request, pk, instruction_pk):
    circular = selectors.circular_for(request.user, pk)
    instruction = get_object_or_404(circular.instructions, pk=instruction_pk)
    services.instruction_delete(user=request.user, instruction=instruction)
    messages.success(request, _("ลบข้อสั่งการแล้ว"))
    return redirect("directives:detail", pk=circular.pk)


@login_required
@require_http_methods(["GET", "POST"])
def enclosure_add(request, pk):
    circular = selectors.circular_for(request.user, pk)
    require_change_circular(request.user, circular)
    form = EnclosureForm(
        request.POST or None, request.FILES or None, initial={"number": circular.enclosures.count() + 1}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.enclosure_add(user=request.user, circular=circular, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("เพิ่มสิ่งที่ส่งมาด้วยแล้ว"))
            return redirect("directives:detail", pk=circular.pk)
    return render(request, "directives/enclosure_form.html", {"form": form, "circular": circular})


@login_required
@require_POST
def enclosure_delete(request, pk, enclosure_pk):
    circular = selectors.circular_for(request.user, pk)
    enclosure = get_object_or_404(circular.enclosures, pk=enclosure_pk)
    services.enclosure_delete(user=request.user, enclosure=enclosure)
    messages.success(request, _("ลบสิ่งที่ส่งมาด้วยแล้ว"))
    return redirect("directives:detail", pk=circular.pk)


@login_required
def enclosure_page(request, token):
    """The enclosure's page: what it is, its download button, and its public link (the QR code's)."""
    enclosure = selectors.enclosure_by_token(request.user, token)
    context = {
        "enclosure": enclosure,
        "circular": enclosure.circular,
        "public_url": public_links.public_url(enclosure),
        "public_ready": settings.DEBUG or is_public_site_url(settings.SITE_URL),
        "issued": public_links.is_issued(enclosure.circular),
        "can_change": may_change_circular(request.user, enclosure.circular),
    }
    return render(request, "directives/enclosure_page.html", context)


@login_required
@require_POST
def enclosure_public_link_renew(request, pk, enclosure_pk):
    circular = selectors.circular_for(request.user, pk)
    enclosure = get_object_or_404(circular.enclosures, pk=enclosure_pk)
    public_links.public_link_renew(user=request.user, enclosure=enclosure)
    messages.success(request, _("ออกลิงก์ใหม่แล้ว ลิงก์และคิวอาร์โค้ดเดิมใช้ไม่ได้อีก ดาวน์โหลดหนังสือใหม่เพื่อพิมพ์คิวอาร์โค้ดใหม่"))
    return redirect("directives:enclosure", token=enclosure.token)


@login_required
def enclosure_file(request, token):
    """The enclosure's file; every download is counted for the user's district."""
    enclosure = selectors.enclosure_by_token(request.user, token)
    if not enclosure.file:
        raise Http404
    services.download_record(user=request.user, enclosure=enclosure)
    return _enclosure_file_response(enclosure)


@never_cache
@require_safe
def enclosure_public(request, token):
    """The file a printed QR code leads to, without an account (public_links); a wrong link is a 404 that
    says nothing of why."""
    address = client_ip(request)
    if public_links.rate_limited(address):
        heading = _("เปิดลิงก์เอกสารถี่เกินไป")
        return error_page(request, 429, heading, _("กรุณารอ 10 นาทีแล้วสแกนคิวอาร์โค้ดหรือเปิดลิงก์อีกครั้ง"))
    enclosure = public_links.public_enclosure(token)
    if enclosure is None:
        public_links.count_miss(address)
        heading = _("ไม่พบเอกสาร")
        explanation = _(
            "ลิงก์หรือคิวอาร์โค้ดนี้ใช้ไม่ได้ อาจพิมพ์ผิด ถูกยกเลิกแล้ว หรือเอกสารยังไม่เผยแพร่ "
            "โปรดใช้หนังสือฉบับล่าสุด หรือสอบถามส่วนราชการเจ้าของหนังสือ"
        )
        return error_page(request, 404, heading, explanation)
    public_links.count_download(address)
    if request.method == "GET":
        public_links.public_download_record(user=request.user, enclosure=enclosure)
    response = _enclosure_file_response(enclosure)
    response["X-Robots-Tag"] = "noindex"
    return response


IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png"}


def _enclosure_file_response(enclosure) -> FileResponse:
    kind = enclosure.extension
    content_type = CONTENT_TYPES.get(kind) or IMAGE_TYPES.get(kind, "application/octet-stream")
    filename = f"สิ่งที่ส่งมาด้วย {enclosure.number} {enclosure.title}"[:120]
    return stored_file_response(enclosure.file, filename=f"{filename}.{kind}", content_type=content_type)
