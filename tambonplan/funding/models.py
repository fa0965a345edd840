"""What the recipients of a forwarded project answered, and the one ledger of secured money.

`ForwardingAnswer`: a recipient's reply to a forwarding (its letter, whether the project entered the
recipient's plan — for a local government which amendment of its local plan and which ผ.02 row — or why not).
`FundingEntry`: money (or an in-kind value) for a project in one fiscal year from one source. Partner
commitments write their entry (`ledger.record_commitment`), answers write theirs; secured money is counted
from this table only, each baht once, in the fiscal year it is for.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.core.history import HistoryChannel


class Inclusion(models.TextChoices):
    INCLUDED = "included", _("บรรจุในแผนแล้ว")
    NOT_INCLUDED = "not_included", _("ไม่บรรจุ")
    CONSIDERING = "considering", _("อยู่ระหว่างพิจารณา")


class AmendmentKind(models.TextChoices):
    ORIGINAL = "original", _("แผนฉบับหลัก")
    ADDITION = "addition", _("เพิ่มเติม")
    CHANGE = "change", _("เปลี่ยนแปลง")
    ADDITION_AND_CHANGE = "addition_change", _("เพิ่มเติมและเปลี่ยนแปลง")


def answer_scan_path(instance, filename: str) -> str:
    return f"answers/{instance.forwarding.project.plan.tambon_id}/{filename}"


class ForwardingAnswer(models.Model):
    """A recipient's answer to one forwarding: the reply letter and whether (and where) the project entered
    its plan. The money it brings is in `FundingEntry` rows pointing at the answer."""

    forwarding = models.ForeignKey(
        "planning.Forwarding", on_delete=models.CASCADE, related_name="answers", verbose_name=_("การส่งต่อ")
    )
    answered_on = models.DateField(_("วันที่ตอบ"))
    letter_number = models.CharField(_("เลขที่หนังสือตอบ"), max_length=50, blank=True)
    scan = models.FileField(_("สำเนาหนังสือตอบ"), upload_to=answer_scan_path, blank=True)
    inclusion = models.CharField(_("ผลการบรรจุในแผน"), max_length=12, choices=Inclusion.choices)
    plan_name = models.CharField(_("ชื่อแผนที่บรรจุ"), max_length=200, blank=True)
    amendment_kind = models.CharField(
        _("ลักษณะการบรรจุ"), max_length=16, choices=AmendmentKind.choices, blank=True
    )
    amendment_number = models.PositiveSmallIntegerField(_("ครั้งที่"), null=True, blank=True)
    amendment_year = models.PositiveSmallIntegerField(_("ปี พ.ศ. ของการแก้ไขแผน"), null=True, blank=True)
    plan_row = models.CharField(_("ลำดับในแบบ ผ.02"), max_length=30, blank=True)
    reason = models.CharField(_("เหตุผล/หมายเหตุ"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(bases=[HistoryChannel], excluded_fields=["version"])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "forwarding__project__plan__tambon__district__province_id",
        "district": "forwarding__project__plan__tambon__district_id",
        "tambon": "forwarding__project__plan__tambon_id",
    }

    class Meta:
        ordering = ["answered_on", "id"]
        verbose_name = _("คำตอบของผู้รับการส่งต่อ")
        verbose_name_plural = _("คำตอบของผู้รับการส่งต่อ")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amendment_number__isnull=True) | models.Q(amendment_number__gte=1),
                name="answer_amendment_number_positive",
            )
        ]

    def __str__(self):
        return f"{self.forwarding} — {self.get_inclusion_display()}"

    @property
    def area_code(self) -> str:
        return self.forwarding.project.plan.tambon_id

    @property
    def plan_text(self) -> str:
        """Where the project was included: the plan named in the answer, else the local plan with its
        amendment and ผ.02 row ("แผนพัฒนาท้องถิ่น เพิ่มเติม ครั้งที่ 2/2569 (ลำดับ 14)")."""
        if self.plan_name:
            name = self.plan_name
        elif self.forwarding.target_kind == "local_government":
            name = str(_("แผนพัฒนาท้องถิ่น"))
        else:
            name = self.forwarding.target_name
        if self.amendment_kind and self.amendment_kind != AmendmentKind.ORIGINAL:
            name = f"{name} {AmendmentKind(self.amendment_kind).label}"
            if self.amendment_number:
                name += str(_(" ครั้งที่ %(n)s")) % {"n": self.amendment_number}
                if self.amendment_year:
                    name += f"/{self.amendment_year}"
        if self.plan_row:
            name += str(_(" (ลำดับ %(row)s)")) % {"row": self.plan_row}
        return name


class SourceGroup(models.TextChoices):
    """Where money comes from, as the integration pages group it."""

    COMMUNITY = "community", _("ชุมชน")
    LOCAL_GOVERNMENT = "local_government", _("องค์กรปกครองส่วนท้องถิ่น")
    AGENCIES = "agencies", _("หน่วยงานรัฐ อำเภอ จังหวัด สถาบันการศึกษา องค์การระหว่างประเทศ")
    PARTNERS = "partners", _("ภาคเอกชน ประชาสังคม องค์กรศาสนา")


class EntryStatus(models.TextChoices):
    PLEDGED = "pledged", _("รับปาก")
    SECURED = "secured", _("ได้รับแล้ว")


class FundingEntry(models.Model):
    """Money for a project in one fiscal year from one source: a partner's commitment (pledged or secured)
    or a public budget named in an answer (an ordinance, an agency's budget). The only place secured money
    is counted."""

    project = models.ForeignKey(
        "planning.Project",
        on_delete=models.CASCADE,
        related_name="funding_entries",
        verbose_name=_("โครงการ"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    amount = models.DecimalField(_("จำนวนเงิน (บาท)"), max_digits=14, decimal_places=2)
    status = models.CharField(_("สถานะ"), max_length=8, choices=EntryStatus.choices)
    source_group = models.CharField(_("กลุ่มแหล่งงบประมาณ"), max_length=20, choices=SourceGroup.choices)
    source_name = models.CharField(_("แหล่งงบประมาณ"), max_length=300)
    reference = models.CharField(_("อ้างอิง (ข้อบัญญัติ/เอกสารงบประมาณ)"), max_length=300, blank=True)
    commitment = models.OneToOneField(
        "partners.Commitment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding_entry",
    )
    answer = models.ForeignKey(
        ForwardingAnswer, on_delete=models.CASCADE, null=True, blank=True, related_name="funding_entries"
    )
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    local_government = models.ForeignKey(
        "localgov.LocalGovernment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_entries",
    )
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "project__plan__tambon__district__province_id",
        "district": "project__plan__tambon__district_id",
        "tambon": "project__plan__tambon_id",
    }

    class Meta:
        ordering = ["fiscal_year", "id"]
        verbose_name = _("รายการงบประมาณที่ได้รับ")
        verbose_name_plural = _("บัญชีงบประมาณที่ได้รับ")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="funding_amount_not_negative"),
            models.CheckConstraint(
                condition=(
                    models.Q(commitment__isnull=False, answer__isnull=True)
                    | models.Q(commitment__isnull=True, answer__isnull=False)
                ),
                name="funding_from_commitment_or_answer",
            ),
        ]
        indexes = [models.Index(fields=["fiscal_year", "project"], name="funding_year_project")]

    def __str__(self):
        return f"{self.source_name} {self.fiscal_year}: {self.amount}"

    @property
    def area_code(self) -> str:
        return self.project.plan.tambon_id


class FundingWindow(models.Model):
    """How many fiscal years after a plan's year its projects' money is compared with their need, for one
    province: the integration of plan year Y counts budgets and secured money of fiscal years Y..Y+years;
    later money is shown apart. Without a row, `DEFAULT_WINDOW_YEARS`."""

    province = models.OneToOneField(
        "areas.Province", on_delete=models.CASCADE, related_name="funding_window", verbose_name=_("จังหวัด")
    )
    years = models.PositiveSmallIntegerField(
        _("จำนวนปีหลังปีของแผนที่นำมาเทียบ"), choices=[(1, _("1 ปี")), (2, _("2 ปี"))], default=1
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {"province": "province_id"}

    class Meta:
        verbose_name = _("ช่วงปีที่เทียบงบประมาณ")
        verbose_name_plural = _("ช่วงปีที่เทียบงบประมาณ")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years__gte=1, years__lte=2), name="funding_window_years"
            )
        ]

    def __str__(self):
        return f"{self.province}: {self.years}"

    @property
    def area_code(self) -> str:
        return self.province_id


DEFAULT_WINDOW_YEARS = 1
