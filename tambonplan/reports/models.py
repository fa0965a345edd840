"""District reports (แบบรายงานผล) to a province's circular: the draft, its submitted versions, the province's
review, and the reminders sent about it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.areas.models import District
from tambonplan.core.history import HistoryChannel
from tambonplan.directives.models import Circular, Instruction
from tambonplan.documents.letter import Urgency


class ReportState(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("ส่งแล้ว รอตรวจ")
    RETURNED = "returned", _("ส่งกลับให้แก้ไข")
    ACCEPTED = "accepted", _("รับรายงานแล้ว")


EDITABLE_STATES = (ReportState.DRAFT, ReportState.RETURNED)


class DistrictReport(models.Model):
    """A district's report to one circular: one per district per circular. Edited while a draft (or returned
    for correction); each submission freezes its whole content into an immutable ReportVersion."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="reports")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("สถานะ"), max_length=12, choices=ReportState.choices, default=ReportState.DRAFT
    )
    reporter_title = models.CharField(_("คำนำหน้าชื่อ"), max_length=50, blank=True)
    reporter_name = models.CharField(_("ชื่อผู้รายงาน"), max_length=150, blank=True)
    reporter_position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    reporter_phone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    report_date = models.DateField(_("วันที่รายงาน"), null=True, blank=True)
    review_comment = models.TextField(_("ความเห็นของจังหวัด"), blank=True)
    revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {"province": "district__province_id", "district": "district_id"}

    class Meta:
        ordering = ["circular_id", "district_id"]
        verbose_name = _("รายงานผลของอำเภอ")
        verbose_name_plural = _("รายงานผลของอำเภอ")
        constraints = [
            models.UniqueConstraint(fields=["circular", "district"], name="report_once_per_district")
        ]

    def __str__(self):
        return f"{self.circular.number} {self.district_id}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES


class LetterFields(models.Model):
    """What an office fills in on a cover letter (หนังสือนำส่ง), a หนังสือภายนอก: its number and date, the
    office that sends it, the signer, and the contact block at its foot. The rest of the letter (เรื่อง,
    เรียน, อ้างถึง, the text) comes from the report it sends."""

    number = models.CharField(_("ที่"), max_length=60)
    issued_on = models.DateField(_("ลงวันที่"))
    urgency = models.CharField(_("ชั้นความเร็ว"), max_length=12, choices=Urgency.choices, blank=True)
    office_name = models.CharField(_("ส่วนราชการเจ้าของหนังสือ"), max_length=200)
    office_address = models.TextField(_("ที่ตั้ง (บรรทัดละหนึ่งรายการ)"), blank=True)
    signer_name = models.CharField(_("ชื่อผู้ลงนาม"), max_length=150)
    signer_position = models.TextField(_("ตำแหน่งผู้ลงนาม (บรรทัดละหนึ่งรายการ)"))
    contact = models.TextField(_("ส่วนราชการเจ้าของเรื่อง (บรรทัดละหนึ่งรายการ)"), blank=True)
    phone = models.CharField(_("โทร."), max_length=50, blank=True)
    fax = models.CharField(_("โทรสาร"), max_length=50, blank=True)
    email = models.EmailField(_("ไปรษณีย์อิเล็กทรอนิกส์"), blank=True)
    copy_to = models.TextField(_("สำเนาส่ง (บรรทัดละหนึ่งรายการ)"), blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ReportLetter(LetterFields):
    """The district's cover letter that sends its report to the province (หนังสือนำส่งรายงาน)."""

    report = models.OneToOneField(DistrictReport, on_delete=models.CASCADE, related_name="letter")
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        verbose_name = _("หนังสือนำส่งรายงานของอำเภอ")
        verbose_name_plural = _("หนังสือนำส่งรายงานของอำเภอ")

    def __str__(self):
        return f"{self.number} {self.report}"


class ConsolidationRecord(LetterFields):
    """What the province records of its consolidated report to a circular: its date, who prepared it and who
    approved it, and the cover letter that sends it to the Department (with the Department's letter it
    answers, if any)."""

    circular = models.OneToOneField(Circular, on_delete=models.CASCADE, related_name="consolidation_record")
    prepared_on = models.DateField(_("วันที่จัดทำรายงาน"))
    preparer_name = models.CharField(_("ชื่อผู้จัดทำรายงาน"), max_length=150)
    preparer_position = models.CharField(_("ตำแหน่งผู้จัดทำรายงาน"), max_length=200)
    approver_name = models.CharField(_("ชื่อผู้รับรองรายงาน"), max_length=150)
    approver_position = models.CharField(_("ตำแหน่งผู้รับรองรายงาน"), max_length=200)
    reference_number = models.CharField(_("หนังสือกรมการพัฒนาชุมชนที่อ้างถึง ที่"), max_length=60, blank=True)
    reference_date = models.DateField(_("หนังสือกรมการพัฒนาชุมชนที่อ้างถึง ลงวันที่"), null=True, blank=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        verbose_name = _("ข้อมูลรายงานสรุปของจังหวัด")
        verbose_name_plural = _("ข้อมูลรายงานสรุปของจังหวัด")

    def __str__(self):
        return f"{self.circular.number} {self.number}"

    def clean(self):
        if bool(self.reference_number.strip()) != bool(self.reference_date):
            message = _("หนังสือกรมการพัฒนาชุมชนที่อ้างถึงต้องมีทั้งเลขที่และวันที่ หรือเว้นว่างทั้งสองช่อง")
            field = "reference_date" if self.reference_number.strip() else "reference_number"
            raise ValidationError({field: message})


class ResultStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("ยังไม่ดำเนินการ")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    DONE = "done", _("ดำเนินการแล้ว")


class InstructionResult(models.Model):
    """The district's result for one instruction of the circular: status and narrative."""

    report = models.ForeignKey(DistrictReport, on_delete=models.CASCADE, related_name="results")
    instruction = models.ForeignKey(Instruction, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("ผลการดำเนินงาน"), max_length=12, choices=ResultStatus.choices, default=ResultStatus.NOT_STARTED
    )
    narrative = models.TextField(_("รายละเอียด"), blank=True)

    class Meta:
        ordering = ["instruction__number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "instruction"], name="result_once_per_instruction")
        ]

    def __str__(self):
        return f"{self.report_id} {self.instruction_id} {self.status}"


class FigureOverride(models.Model):
    """A prefilled figure the district corrected by hand, with the reason it gave."""

    report = models.ForeignKey(DistrictReport, on_delete=models.CASCADE, related_name="overrides")
    key = models.CharField(max_length=60)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    reason = models.TextField(_("เหตุผลที่แก้ตัวเลข"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="override_once_per_figure")]

    def __str__(self):
        return f"{self.report_id} {self.key}={self.value}"


class ItemKind(models.TextChoices):
    PROBLEM = "problem", _("ปัญหา/อุปสรรค")
    SUGGESTION = "suggestion", _("ข้อเสนอแนะ")


class ItemCategory(models.TextChoices):
    KNOWLEDGE = "knowledge", _("ความรู้ความเข้าใจ/บุคลากร")
    PROCESS = "process", _("กระบวนการจัดทำแผน")
    TIME = "time", _("ระยะเวลา")
    BUDGET = "budget", _("งบประมาณ")
    COMMITTEE = "committee", _("คณะกรรมการ/ศอช.")
    PARTNERS = "partners", _("ภาคีการพัฒนา/การบูรณาการ")
    DATA = "data", _("ข้อมูลและระบบงาน")
    OTHER = "other", _("อื่น ๆ")


class AddressedTo(models.TextChoices):
    PROVINCE = "province", _("จังหวัด")
    DEPARTMENT = "department", _("กรมการพัฒนาชุมชน")


class ReportItem(models.Model):
    """One problem/obstacle or one suggestion, item by item; a suggestion is addressed to the province or the
    Department."""

    report = models.ForeignKey(DistrictReport, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("ประเภท"), max_length=12, choices=ItemKind.choices)
    category = models.CharField(_("ด้าน"), max_length=12, choices=ItemCategory.choices)
    text = models.TextField(_("ข้อความ"), max_length=1000)
    addressed_to = models.CharField(_("เสนอต่อ"), max_length=12, choices=AddressedTo.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "created_at", "id"]

    def __str__(self):
        return self.text[:60]


class ImmutableVersionError(Exception):
    """A submitted version is never changed or deleted."""


class ReportVersion(models.Model):
    """What the district submitted, frozen: the whole report content as it was, with when and whether on
    time. Never changed or deleted."""

    report = models.ForeignKey(DistrictReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("ครั้งที่ส่ง"))
    submitted_at = models.DateTimeField(_("ส่งเมื่อ"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    on_time = models.BooleanField(_("ส่งทันกำหนด"))
    content = models.JSONField()

    class Meta:
        ordering = ["report_id", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="version_number_unique")]

    def __str__(self):
        return f"{self.report} #{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableVersionError(self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableVersionError(self.pk)


class ReviewAction(models.TextChoices):
    SUBMITTED = "submitted", _("ส่งรายงาน")
    RETURNED = "returned", _("ส่งกลับให้แก้ไข")
    ACCEPTED = "accepted", _("รับรายงาน")
    REOPENED = "reopened", _("เปิดให้แก้ไขอีกครั้ง")


class ReportEvent(models.Model):
    """The report's history of submissions and reviews: who, when, and the province's comment."""

    report = models.ForeignKey(DistrictReport, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=ReviewAction.choices)
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, null=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.report_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("ใกล้ถึงกำหนดส่งรายงาน")
    OVERDUE = "overdue", _("เลยกำหนดส่งรายงาน")
    MANUAL = "manual", _("จังหวัดขอให้ส่งรายงาน")


class Reminder(models.Model):
    """A reminder to a district about its report. One per (circular, district, kind, day): the unique key is
    what keeps a reminder from ever being sent twice."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="reminders")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    for_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "district_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["circular", "district", "kind", "for_date"], name="reminder_once_per_day"
            )
        ]

    def __str__(self):
        return f"{self.circular_id} {self.district_id} {self.kind} {self.for_date}"
