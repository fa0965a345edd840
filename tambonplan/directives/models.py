"""The province's circulars (หนังสือเวียน) to its districts: instructions, enclosures, acknowledgements."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.areas.models import District, Province
from tambonplan.core.history import HistoryChannel
from tambonplan.documents.letter import Secrecy, Urgency

DEFAULT_CLOSING = "จึงเรียนมาเพื่อพิจารณาดำเนินการ"


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a multi-line field, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs of a body text: separated by blank lines (a single line break joins nothing)."""
    return [" ".join(lines_of(block)) for block in (text or "").replace("\r\n", "\n").split("\n\n")
            if block.strip()]  # fmt: skip


class Circular(models.Model):
    """A province's circular letter to its districts (หนังสือเวียน), with its numbered instructions."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="circulars")
    office_name = models.CharField(_("ส่วนราชการเจ้าของหนังสือ"), max_length=200)
    office_address = models.TextField(_("ที่ตั้ง (บรรทัดละหนึ่งรายการ)"), blank=True)
    number = models.CharField(_("ที่"), max_length=50, help_text=_("เช่น อบ ๐๐๑๙/ว ๕๓๑"))
    issued_on = models.DateField(_("ลงวันที่"))
    urgency = models.CharField(_("ชั้นความเร็ว"), max_length=12, choices=Urgency.choices, blank=True)
    secrecy = models.CharField(_("ชั้นความลับ"), max_length=12, choices=Secrecy.choices, blank=True)
    subject = models.CharField(_("เรื่อง"), max_length=400)
    addressees = models.CharField(_("เรียน"), max_length=200, help_text=_("เช่น นายอำเภอ ทุกอำเภอ"))
    reference = models.TextField(_("อ้างถึง (บรรทัดละหนึ่งรายการ)"), blank=True)
    districts = models.ManyToManyField(District, related_name="circulars", verbose_name=_("อำเภอที่ได้รับหนังสือ"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    body = models.TextField(_("ข้อความ (ย่อหน้าคั่นด้วยบรรทัดว่าง)"), blank=True)
    closing = models.CharField(_("ข้อความปิด"), max_length=200, default=DEFAULT_CLOSING)
    signer_name = models.CharField(_("ชื่อผู้ลงนาม"), max_length=150, blank=True)
    signer_position = models.TextField(_("ตำแหน่งผู้ลงนาม (บรรทัดละหนึ่งรายการ)"), blank=True)
    contact = models.TextField(_("ส่วนราชการเจ้าของเรื่อง (บรรทัดละหนึ่งรายการ)"), blank=True)
    contact_phone = models.CharField(_("โทร."), max_length=50, blank=True)
    contact_fax = models.CharField(_("โทรสาร"), max_length=50, blank=True)
    contact_email = models.EmailField(_("ไปรษณีย์อิเล็กทรอนิกส์"), blank=True)
    copy_to = models.TextField(_("สำเนาส่ง (บรรทัดละหนึ่งรายการ)"), blank=True)
    report_due = models.DateField(_("กำหนดส่งรายงาน"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A draft until the province issues it: only then do the addressed districts see it (and its public links
    # open). Who issued it and when are kept.
    issued_at = models.DateTimeField(_("ออกหนังสือเมื่อ"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {"province": "province_id"}

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("หนังสือสั่งการ")
        verbose_name_plural = _("หนังสือสั่งการ")

    def __str__(self):
        return f"{self.number} {self.subject}"

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    @property
    def area_code(self) -> str:
        return self.province_id


class ReportTopic(models.TextChoices):
    """Which figures of the district report an instruction's result shows (the default report form)."""

    TRAINING = "training", _("การสร้างความเข้าใจ/อบรม")
    PLANS = "plans", _("การขับเคลื่อนแผนพัฒนาตำบล")
    COMMITTEES = "committees", _("คำสั่งแต่งตั้ง ก.บ.ต. และ ศอช.")
    SOCHO = "socho", _("การมีส่วนร่วมของ ศอช.")
    WORKSHOPS = "workshops", _("เวทีประชุมเชิงปฏิบัติการ")
    PARTNERS = "partners", _("ภาคีการพัฒนาและงบประมาณ")


# The default circular's instructions 1-6 in order (instruction 7, reporting itself, shows no figures).
DEFAULT_TOPICS = [
    ReportTopic.TRAINING,
    ReportTopic.PLANS,
    ReportTopic.COMMITTEES,
    ReportTopic.SOCHO,
    ReportTopic.WORKSHOPS,
    ReportTopic.PARTNERS,
]


class Instruction(models.Model):
    """A numbered instruction (ข้อ) of a circular."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="instructions")
    number = models.PositiveSmallIntegerField(_("ข้อ"))
    text = models.TextField(_("ข้อความ"))
    due_on = models.DateField(_("กำหนดเสร็จ"), null=True, blank=True)
    report_section = models.CharField(
        _("หัวข้อในแบบรายงาน"), max_length=200, blank=True, help_text=_("หัวข้อของแบบรายงานที่ข้อนี้รายงานผล")
    )
    topic = models.CharField(
        _("ตัวเลขที่แสดงในรายงานผล"),
        max_length=12,
        choices=ReportTopic.choices,
        blank=True,
        help_text=_("ตัวเลขจากข้อมูลในระบบที่อำเภอรายงานในข้อนี้"),
    )
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("ข้อสั่งการ")
        verbose_name_plural = _("ข้อสั่งการ")
        constraints = [
            models.UniqueConstraint(fields=["circular", "number"], name="instruction_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


def enclosure_path(instance, filename: str) -> str:
    return f"circulars/{instance.circular.province_id}/{filename}"


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Enclosure(models.Model):
    """An enclosure (สิ่งที่ส่งมาด้วย): a file downloaded from its own page, reached by a QR code."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="enclosures")
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    title = models.CharField(_("ชื่อเอกสาร"), max_length=300)
    quantity = models.CharField(_("จำนวน"), max_length=50, default="จำนวน ๑ ชุด", blank=True)
    file = models.FileField(_("ไฟล์"), upload_to=enclosure_path)
    original_name = models.CharField(_("ชื่อไฟล์เดิม"), max_length=255, blank=True)
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    # The QR code's link, opened without an account (directives/public_links.py); renewed to revoke it.
    public_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("สิ่งที่ส่งมาด้วย")
        verbose_name_plural = _("สิ่งที่ส่งมาด้วย")
        constraints = [models.UniqueConstraint(fields=["circular", "number"], name="enclosure_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else ""


class Acknowledgement(models.Model):
    """A district's receipt of a circular (รับทราบ), recorded once per district."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="acknowledgements")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("รับทราบเมื่อ"), default=timezone.now)

    class Meta:
        ordering = ["district_id"]
        verbose_name = _("การรับทราบ")
        verbose_name_plural = _("การรับทราบ")
        constraints = [
            models.UniqueConstraint(fields=["circular", "district"], name="acknowledgement_once_per_district")
        ]

    def __str__(self):
        return f"{self.circular.number} {self.district_id}"


class DownloadLog(models.Model):
    """One download of an enclosure's file; district is empty for province (and national) users."""

    enclosure = models.ForeignKey(Enclosure, on_delete=models.CASCADE, related_name="downloads")
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    via_public_link = models.BooleanField(_("ผ่านลิงก์สาธารณะ"), default=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("การดาวน์โหลดสิ่งที่ส่งมาด้วย")
        verbose_name_plural = _("การดาวน์โหลดสิ่งที่ส่งมาด้วย")

    def __str__(self):
        return f"{self.enclosure_id} {self.district_id or '-'} {self.at:%Y-%m-%d %H:%M}"
