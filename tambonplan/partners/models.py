"""Development partners, their commitments to plan projects, coordination with them, and project progress."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.areas.models import Province
from tambonplan.core.history import HistoryChannel


class PartnerType(models.TextChoices):
    GOVERNMENT = "government", _("หน่วยงานราชการ")
    LOCAL_GOVERNMENT = "local_government", _("องค์กรปกครองส่วนท้องถิ่น")
    PRIVATE = "private", _("ภาคเอกชน")
    CIVIL_SOCIETY = "civil_society", _("ภาคประชาสังคม/มูลนิธิ")
    ACADEMIC = "academic", _("สถาบันการศึกษา")
    RELIGIOUS = "religious", _("องค์กรศาสนา")
    COMMUNITY = "community", _("องค์กรชุมชน/วิสาหกิจชุมชน")
    INTERNATIONAL = "international", _("องค์การระหว่างประเทศ")


class PartnerLevel(models.TextChoices):
    NATIONAL = "national", _("ระดับประเทศ")
    PROVINCIAL = "provincial", _("ระดับจังหวัด")
    DISTRICT = "district", _("ระดับอำเภอ")
    LOCAL = "local", _("ระดับท้องถิ่น/ตำบล")


class Partner(models.Model):
    """A development partner (ภาคีการพัฒนา), registered by a province."""

    name = models.CharField(_("ชื่อภาคี"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    partner_type = models.CharField(_("ประเภท"), max_length=20, choices=PartnerType.choices)
    level = models.CharField(_("ระดับ"), max_length=12, choices=PartnerLevel.choices)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="partners", verbose_name=_("จังหวัดที่ขึ้นทะเบียน")
    )
    focus_categories = models.ManyToManyField(
        "planning.NeedCategory", blank=True, related_name="partners", verbose_name=_("ด้านที่สนับสนุน")
    )
    contact_name = models.CharField(_("ผู้ประสานงาน"), max_length=150, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    notes = models.TextField(_("หมายเหตุ"), blank=True)
    is_active = models.BooleanField(_("ใช้งานอยู่"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(
        bases=[HistoryChannel], excluded_fields=["version", "name_key"], m2m_fields=[focus_categories]
    )

    objects = ScopedQuerySet.as_manager()
    scope_paths = {"province": "province_id"}

    class Meta:
        ordering = ["name"]
        verbose_name = _("ภาคีการพัฒนา")
        verbose_name_plural = _("ภาคีการพัฒนา")

    def __str__(self):
        return self.name

    @property
    def area_code(self) -> str:
        return self.province_id


class PartnerAbbreviation(models.Model):
    """An abbreviation of organisation names and its full form, for matching partners' names.

    Rows without a province are the national dictionary (seeded by a migration); a province's own rows add
    to it, or override the national row with the same abbreviation, for the partners of that province.
    """

    abbreviation = models.CharField(_("คำย่อ"), max_length=40)
    full_form = models.CharField(_("คำเต็ม"), max_length=150)
    province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="partner_abbreviations",
        verbose_name=_("จังหวัด"),
    )
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("คำย่อชื่อภาคี")
        verbose_name_plural = _("คำย่อชื่อภาคี")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "abbreviation"], name="abbreviation_once_per_province"
            ),
            models.UniqueConstraint(
                fields=["abbreviation"],
                condition=models.Q(province=None),
                name="abbreviation_once_nationally",
            ),
        ]

    def __str__(self):
        return f"{self.abbreviation} = {self.full_form}"

    @property
    def area_code(self) -> str | None:
        return self.province_id


class PartnerArea(models.Model):
    """An area a partner works in: a province, district or tambon code (a code covers what lies below it)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="areas")
    area_code = models.CharField(_("รหัสพื้นที่"), max_length=6)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partner", "area_code"], name="partner_area_once")]

    def __str__(self):
        return self.area_code


class CommitmentKind(models.TextChoices):
    BUDGET = "budget", _("งบประมาณ")
    MATERIALS = "materials", _("วัสดุ")
    LABOUR = "labour", _("แรงงาน")
    TECHNICAL = "technical", _("วิชาการ/ที่ปรึกษา")
    EQUIPMENT = "equipment", _("เครื่องมืออุปกรณ์")


class CommitmentStatus(models.TextChoices):
    PROPOSED = "proposed", _("เสนอขอ")
    PLEDGED = "pledged", _("รับปาก")
    APPROVED = "approved", _("อนุมัติ")
    DELIVERED = "delivered", _("ส่งมอบแล้ว")
    CANCELLED = "cancelled", _("ยกเลิก")


def commitment_document_path(instance, filename: str) -> str:
    return f"commitments/{instance.project.plan.tambon_id}/{filename}"


class Commitment(models.Model):
    """What a partner brings to a plan project: money, or something in kind with an estimated value."""

    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("ภาคี")
    )
    project = models.ForeignKey(
        "planning.Project", on_delete=models.CASCADE, related_name="commitments", verbose_name=_("โครงการ")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    kind = models.CharField(_("ลักษณะการสนับสนุน"), max_length=12, choices=CommitmentKind.choices)
    amount = models.DecimalField(_("จำนวนเงิน (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True)
    in_kind_description = models.CharField(_("รายละเอียดสิ่งที่สนับสนุน"), max_length=300, blank=True)
    estimated_value = models.DecimalField(
        _("มูลค่าประมาณ (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=CommitmentStatus.choices, default=CommitmentStatus.PROPOSED
    )
    proposed_on = models.DateField(_("วันที่เสนอขอ"), null=True, blank=True)
    pledged_on = models.DateField(_("วันที่รับปาก"), null=True, blank=True)
    approved_on = models.DateField(_("วันที่อนุมัติ"), null=True, blank=True)
    delivered_on = models.DateField(_("วันที่ส่งมอบ"), null=True, blank=True)
    cancelled_on = models.DateField(_("วันที่ยกเลิก"), null=True, blank=True)
    document = models.FileField(_("หนังสือ/บันทึกข้อตกลง"), upload_to=commitment_document_path, blank=True)
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(bases=[HistoryChannel], excluded_fields=["version"])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "project__plan__tambon__district__province_id",
        "district": "project__plan__tambon__district_id",
        "tambon": "project__plan__tambon_id",
    }

    class Meta:
        ordering = ["-id"]
        verbose_name = _("การสนับสนุนจากภาคี")
        verbose_name_plural = _("การสนับสนุนจากภาคี")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0) | models.Q(amount=None),
                name="commitment_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(estimated_value__gte=0) | models.Q(estimated_value=None),
                name="commitment_value_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.partner} → {self.project}"

    @property
    def area_code(self) -> str:
        return self.project.plan.tambon_id

    @property
    def value(self):
        """The baht value the commitment counts for: the amount of money, else the in-kind estimate."""
        return self.amount if self.amount is not None else (self.estimated_value or 0)


class CoordinationKind(models.TextChoices):
    MEETING = "meeting", _("ประชุม")
    LETTER_OUT = "letter_out", _("หนังสือส่ง")
    LETTER_IN = "letter_in", _("หนังสือรับ")
    CALL = "call", _("โทรศัพท์/ประสานงาน")


class CoordinationRecord(models.Model):
    """A meeting, letter or call with a partner, optionally tied to a coordination event and a project."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="coordination")
    kind = models.CharField(_("ลักษณะ"), max_length=12, choices=CoordinationKind.choices)
    happened_on = models.DateField(_("วันที่"))
    subject = models.CharField(_("เรื่อง"), max_length=300)
    letter_number = models.CharField(_("เลขที่หนังสือ"), max_length=50, blank=True)
    note = models.TextField(_("รายละเอียด"), blank=True)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordination_records",
        verbose_name=_("การประชุมประสานภาคี"),
    )
    project = models.ForeignKey(
        "planning.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordination_records",
        verbose_name=_("โครงการ"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {"province": "partner__province_id"}

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("บันทึกการประสานภาคี")
        verbose_name_plural = _("บันทึกการประสานภาคี")

    def __str__(self):
        return self.subject

    @property
    def area_code(self) -> str:
        return self.partner.province_id


class Milestone(models.Model):
    """A step of carrying out a project, with its weight in the project's percent complete."""

    project = models.ForeignKey("planning.Project", on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("ขั้นตอน/งวดงาน"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("น้ำหนัก (%)"), default=0)
    due_on = models.DateField(_("กำหนด"), null=True, blank=True)
    done_on = models.DateField(_("วันที่แล้วเสร็จ"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "project__plan__tambon__district__province_id",
        "district": "project__plan__tambon__district_id",
        "tambon": "project__plan__tambon_id",
    }

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("ขั้นตอนการดำเนินโครงการ")
        verbose_name_plural = _("ขั้นตอนการดำเนินโครงการ")

    def __str__(self):
        return self.name

    @property
    def area_code(self) -> str:
        return self.project.plan.tambon_id


def milestone_evidence_path(instance, filename: str) -> str:
    return f"progress/{instance.milestone.project.plan.tambon_id}/{filename}"


class MilestoneEvidence(models.Model):
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="evidence")
    image = models.FileField(_("ภาพ/หลักฐาน"), upload_to=milestone_evidence_path)
    taken_on = models.DateField(_("วันที่"), null=True, blank=True)
    caption = models.CharField(_("คำอธิบาย"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.caption or self.image.name

    @property
    def area_code(self) -> str:
        return self.milestone.project.plan.tambon_id


class ProgressOverride(models.Model):
    """A percent complete set by hand for a project, shown as such, instead of the milestones' figure."""

    project = models.OneToOneField(
        "planning.Project", on_delete=models.CASCADE, related_name="progress_override"
    )
    percent = models.PositiveSmallIntegerField(_("ร้อยละความก้าวหน้า"))
    reason = models.CharField(_("เหตุผลที่กำหนดเอง"), max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="override_percent_max")
        ]

    def __str__(self):
        return f"{self.project}: {self.percent}%"
