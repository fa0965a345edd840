"""Tambon development plans: the year's steps, village needs, projects, classification and forwarding."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.areas.models import Province, Tambon, Village
from tambonplan.core.history import HistoryChannel
from tambonplan.thai.language import LocalizedName


class StepKind(models.TextChoices):
    """What a step is, so each fact of the plan (reviewed, approved on, forwarded on) comes from one step."""

    VILLAGE_FORUMS = "village_forums", _("ทบทวนแผนหมู่บ้าน/เวทีประชาคม")
    WORKSHOP = "workshop", _("ประชุมเชิงปฏิบัติการจัดทำแผนพัฒนาตำบล")
    APPROVAL = "approval", _("ก.บ.ต. ให้ความเห็นชอบ")
    SEND_LOCAL = "send_local", _("ส่งแผนให้ อปท.")
    SEND_DISTRICT = "send_district", _("ส่งแผนให้อำเภอ (ก.บ.อ.)")
    COORDINATE = "coordinate", _("ประสานภาคีและบูรณาการงบประมาณ")
    FOLLOW_UP = "follow_up", _("ติดตามผล")
    OTHER = "other", _("อื่น ๆ")


class StepDefinition(LocalizedName, models.Model):
    """One step of a province's plan process for a fiscal year, with the due date the province set. The
    default steps carry an English name; a step the province adds or renames has none (shown as entered)."""

    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    sort_order = models.PositiveSmallIntegerField(_("ลำดับ"))
    name_th = models.CharField(_("ขั้นตอน"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    due_date = models.DateField(_("กำหนดแล้วเสร็จ"), null=True, blank=True)
    kind = models.CharField(_("ชนิดของขั้นตอน"), max_length=16, choices=StepKind.choices, default=StepKind.OTHER)
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {"province": "province_id"}

    class Meta:
        ordering = ["province", "fiscal_year", "sort_order"]
        verbose_name = _("ขั้นตอนการจัดทำแผน")
        verbose_name_plural = _("ขั้นตอนการจัดทำแผน")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "fiscal_year", "sort_order"], name="step_unique_order"
            ),
            models.UniqueConstraint(
                fields=["province", "fiscal_year", "kind"],
                condition=~models.Q(kind="other"),
                name="step_one_per_kind",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def area_code(self) -> str:
        return self.province_id


class TambonPlan(models.Model):
    """A tambon's development plan for one fiscal year."""

    tambon = models.ForeignKey(Tambon, on_delete=models.PROTECT, related_name="plans", verbose_name=_("ตำบล"))
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    population = models.PositiveIntegerField(_("จำนวนประชากร"), null=True, blank=True)
    households = models.PositiveIntegerField(_("จำนวนครัวเรือน"), null=True, blank=True)
    profile_note = models.TextField(_("ข้อมูลทั่วไปของตำบล"), blank=True)
    approval_note = models.CharField(_("มติ/หมายเหตุการเห็นชอบ"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(bases=[HistoryChannel], excluded_fields=["version"])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "tambon__district__province_id",
        "district": "tambon__district_id",
        "tambon": "tambon_id",
    }

    class Meta:
        ordering = ["tambon_id", "-fiscal_year"]
        verbose_name = _("แผนพัฒนาตำบล")
        verbose_name_plural = _("แผนพัฒนาตำบล")
        constraints = [
            models.UniqueConstraint(fields=["tambon", "fiscal_year"], name="plan_one_per_tambon_year")
        ]

    def __str__(self):
        return _("แผนพัฒนาตำบล%(tambon)s ปีงบประมาณ %(year)s") % {
            "tambon": self.tambon.display_name,
            "year": self.fiscal_year,
        }

    @property
    def area_code(self) -> str:
        return self.tambon_id

    @property
    def approved_on(self):
        """The day the ก.บ.ต. approved the plan: the done date of its approval step, None while that step is
        not done (a plan is approved when its approval step is done). Selectors annotate it
        (`selectors.with_approved_on`, as `approval_done_on`); otherwise it is read once and kept."""
        if not hasattr(self, "approval_done_on"):
            self.approval_done_on = (
                PlanStep.objects.filter(plan=self, definition__kind=StepKind.APPROVAL, status=StepStatus.DONE)
                .values_list("done_on", flat=True)
                .first()
            )
        return self.approval_done_on

    def forget_approval(self) -> None:
        """Drop the approval date read or annotated before (after its step changed)."""
        self.__dict__.pop("approval_done_on", None)

    def refresh_from_db(self, *args, **kwargs):
        self.forget_approval()
        super().refresh_from_db(*args, **kwargs)


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("ยังไม่เริ่ม")
    IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
    DONE = "done", _("เสร็จแล้ว")


class PlanStep(models.Model):
    plan = models.ForeignKey(TambonPlan, on_delete=models.CASCADE, related_name="steps")
    definition = models.ForeignKey(StepDefinition, on_delete=models.PROTECT, related_name="plan_steps")
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    done_on = models.DateField(_("วันที่เสร็จ"), null=True, blank=True)
    note = models.TextField(_("บันทึก"), blank=True)
    socho_took_part = models.BooleanField(_("ศอช. มีส่วนร่วม"), default=False)
    socho_members = models.ManyToManyField(
        "committees.Member", blank=True, related_name="plan_steps", verbose_name=_("กรรมการ ศอช. ที่มีส่วนร่วม")
    )
    history = HistoricalRecords(bases=[HistoryChannel], m2m_fields=[socho_members])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "plan__tambon__district__province_id",
        "district": "plan__tambon__district_id",
        "tambon": "plan__tambon_id",
    }

    class Meta:
        ordering = ["definition__sort_order"]
        verbose_name = _("ขั้นตอนของแผน")
        verbose_name_plural = _("ขั้นตอนของแผน")
        constraints = [models.UniqueConstraint(fields=["plan", "definition"], name="plan_step_once")]

    def __str__(self):
        return self.definition.display_name

    @property
    def area_code(self) -> str:
        return self.plan.tambon_id

    def is_overdue(self, today=None) -> bool:
        """Past its due date and not done: due at the end of the due date (Asia/Bangkok)."""
        today = today or timezone.localdate()
        due = self.definition.due_date
        return due is not None and self.status != StepStatus.DONE and today > due


def evidence_path(instance, filename: str) -> str:
    return f"plans/{instance.step.plan.tambon_id}/{instance.step.plan.fiscal_year}/{filename}"


class StepEvidence(models.Model):
    step = models.ForeignKey(PlanStep, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("ไฟล์หลักฐาน"), upload_to=evidence_path)
    caption = models.CharField(_("คำอธิบาย"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("หลักฐานประกอบขั้นตอน")
        verbose_name_plural = _("หลักฐานประกอบขั้นตอน")

    def __str__(self):
        return self.caption or self.file.name

    @property
    def area_code(self) -> str:
        return self.step.plan.tambon_id


class NeedCategory(LocalizedName, models.Model):
    name_th = models.CharField(_("ด้าน"), max_length=100, unique=True)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["sort_order", "name_th"]
        verbose_name = _("ด้านของปัญหา/ความต้องการ")
        verbose_name_plural = _("ด้านของปัญหา/ความต้องการ")

    def __str__(self):
        return self.display_name


class NeedSource(models.TextChoices):
    VILLAGE_PLAN = "village_plan", _("แผนหมู่บ้าน/แผนชุมชน")
    FORUM = "forum", _("เวทีประชาคม")
    JPT = "jpt", _("ข้อมูล จปฐ.")
    KCH2K = "kch2k", _("ข้อมูล กชช.2ค")
    OTHER = "other", _("อื่น ๆ")


class Need(models.Model):
    """A problem or need (ปัญหา/ความต้องการ) of a village, or of the whole tambon when no village is set."""

    plan = models.ForeignKey(TambonPlan, on_delete=models.CASCADE, related_name="needs")
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("หมู่บ้าน"),
    )
    category = models.ForeignKey(NeedCategory, on_delete=models.PROTECT, verbose_name=_("ด้าน"))
    description = models.CharField(_("ปัญหา/ความต้องการ"), max_length=500)
    source = models.CharField(
        _("ที่มา"), max_length=20, choices=NeedSource.choices, default=NeedSource.VILLAGE_PLAN
    )
    severity = models.PositiveSmallIntegerField(_("ความรุนแรง (1–5)"), default=3)
    votes = models.PositiveIntegerField(_("คะแนนเสียงประชาคม"), default=0)
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "plan__tambon__district__province_id",
        "district": "plan__tambon__district_id",
        "tambon": "plan__tambon_id",
    }

    class Meta:
        ordering = ["category__sort_order", "-severity", "-votes", "id"]
        verbose_name = _("ปัญหา/ความต้องการ")
        verbose_name_plural = _("ปัญหา/ความต้องการ")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(severity__gte=1, severity__lte=5), name="need_severity_1_5"
            )
        ]

    def __str__(self):
        return self.description

    @property
    def area_code(self) -> str:
        return self.plan.tambon_id


class ProjectClass(LocalizedName, models.Model):
    """Who can carry out a project: community itself, jointly, or request support (with a target)."""

    code = models.SlugField(_("รหัส"), max_length=20, unique=True)
    name_th = models.CharField(_("ประเภท"), max_length=100)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100, blank=True)
    needs_target = models.BooleanField(_("ต้องระบุผู้รับการขอสนับสนุน"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("ประเภทโครงการตามผู้ดำเนินการ")
        verbose_name_plural = _("ประเภทโครงการตามผู้ดำเนินการ")

    def __str__(self):
        return self.display_name


class TargetKind(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("องค์กรปกครองส่วนท้องถิ่น (เข้าแผนพัฒนาท้องถิ่น)")
    DISTRICT = "district", _("อำเภอ (แผนพัฒนาอำเภอ)")
    PROVINCE = "province", _("จังหวัด (แผนพัฒนาจังหวัด)")
    AGENCY = "agency", _("หน่วยงาน")
    PARTNER = "partner", _("ภาคีการพัฒนา")


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("เสนอ")
    ACCEPTED = "accepted", _("บรรจุในแผนแล้ว")
    FUNDED = "funded", _("ได้รับงบประมาณ")
    UNDER_WAY = "under_way", _("กำลังดำเนินการ")
    DONE = "done", _("ดำเนินการแล้วเสร็จ")
    NOT_DONE = "not_done", _("ไม่ได้ดำเนินการ")


def by_priority(path: str = "priority") -> models.OrderBy:
    """Projects in priority order, those without a priority (new, imported without one) after the ranked ones
    on every database; `path` reaches the priority from another model ("project__priority")."""
    return models.F(path).asc(nulls_last=True)


class Project(models.Model):
    """A project of the plan, after the local-plan project form (แบบ ผ.02)."""

    plan = models.ForeignKey(TambonPlan, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(_("ชื่อโครงการ"), max_length=300)
    development_issue = models.CharField(_("ประเด็นการพัฒนา"), max_length=300, blank=True)
    objective = models.TextField(_("วัตถุประสงค์"), blank=True)
    target_output = models.TextField(_("เป้าหมาย (ผลผลิต)"), blank=True)
    kpi = models.CharField(_("ตัวชี้วัด"), max_length=300, blank=True)
    expected_result = models.TextField(_("ผลที่คาดว่าจะได้รับ"), blank=True)
    lead_agency = models.CharField(_("หน่วยงานรับผิดชอบหลัก"), max_length=200, blank=True)
    budget_source = models.CharField(_("แหล่งงบประมาณที่คาดว่าจะได้รับ"), max_length=200, blank=True)
    priority = models.PositiveSmallIntegerField(_("ลำดับความสำคัญ"), null=True, blank=True)
    project_class = models.ForeignKey(ProjectClass, on_delete=models.PROTECT, verbose_name=_("ประเภท"))
    # The project's own category; the one a project counts in and is matched by is decided in categories.py.
    category = models.ForeignKey(
        NeedCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("ด้าน"),
    )
    target_kind = models.CharField(
        _("ขอรับการสนับสนุนจาก"), max_length=20, choices=TargetKind.choices, blank=True
    )
    target_name = models.CharField(_("ชื่อหน่วยงาน/ภาคีที่ขอรับการสนับสนุน"), max_length=200, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    villages = models.ManyToManyField(
        Village, blank=True, related_name="projects", verbose_name=_("หมู่บ้านเป้าหมาย")
    )
    needs = models.ManyToManyField(
        Need, blank=True, related_name="projects", verbose_name=_("ปัญหา/ความต้องการที่ตอบ")
    )
    # The project of an earlier year's plan this one carries forward (kept or revised at the carry-over).
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("ยกมาจากโครงการปีก่อน"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(bases=[HistoryChannel], excluded_fields=["version"])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "plan__tambon__district__province_id",
        "district": "plan__tambon__district_id",
        "tambon": "plan__tambon_id",
    }

    class Meta:
        # Projects without a priority (new, imported without one) after the ranked ones on every database.
        ordering = [by_priority(), "id"]
        verbose_name = _("โครงการ")
        verbose_name_plural = _("โครงการ")

    def __str__(self):
        return self.name

    @property
    def area_code(self) -> str:
        return self.plan.tambon_id


class ProjectBudget(models.Model):
    """The budget estimate of a project for one fiscal year (multi-year projects have several)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budgets")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    amount = models.DecimalField(_("งบประมาณ (บาท)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["fiscal_year"]
        verbose_name = _("ประมาณการงบประมาณ")
        verbose_name_plural = _("ประมาณการงบประมาณ")
        constraints = [
            models.UniqueConstraint(fields=["project", "fiscal_year"], name="budget_one_per_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budget_not_negative"),
        ]

    def __str__(self):
        return f"{self.fiscal_year}: {self.amount}"


class ForwardOutcome(models.TextChoices):
    PENDING = "pending", _("รอผล")
    ACCEPTED = "accepted", _("บรรจุในแผนแล้ว")
    REJECTED = "rejected", _("ไม่รับ")
    FUNDED = "funded", _("ได้รับงบประมาณ")
    UNDER_WAY = "under_way", _("กำลังดำเนินการ")
    DONE = "done", _("ดำเนินการแล้วเสร็จ")
    NOT_DONE = "not_done", _("ไม่ได้ดำเนินการ")


class Forwarding(models.Model):
    """Each time a project is sent on (to a local government, the district plan, an agency, a partner)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="forwardings")
    sent_on = models.DateField(_("วันที่ส่ง"))
    target_kind = models.CharField(_("ส่งถึง"), max_length=20, choices=TargetKind.choices)
    target_name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200)
    # The registered local government when the target is one (target_name then repeats its full name).
    local_government = models.ForeignKey(
        "localgov.LocalGovernment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forwardings",
        verbose_name=_("องค์กรปกครองส่วนท้องถิ่น"),
    )
    # The recipient's own headings the project is listed under in its plan (ยุทธศาสตร์, แผนงาน).
    recipient_strategy = models.CharField(_("ยุทธศาสตร์ของผู้รับ"), max_length=300, blank=True)
    recipient_programme = models.CharField(_("แผนงานของผู้รับ"), max_length=300, blank=True)
    letter_number = models.CharField(_("เลขที่หนังสือ"), max_length=50, blank=True)
    outcome = models.CharField(
        _("ผล"), max_length=12, choices=ForwardOutcome.choices, default=ForwardOutcome.PENDING
    )
    outcome_on = models.DateField(_("วันที่ทราบผล"), null=True, blank=True)
    accepted_plan = models.CharField(_("บรรจุในแผน"), max_length=200, blank=True)
    accepted_year = models.PositiveSmallIntegerField(_("ปีของแผน"), null=True, blank=True)
    reason = models.CharField(_("เหตุผล/หมายเหตุ"), max_length=300, blank=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        ordering = ["sent_on", "id"]
        verbose_name = _("การส่งต่อโครงการ")
        verbose_name_plural = _("การส่งต่อโครงการ")

    def __str__(self):
        return f"{self.project} → {self.target_name}"

    @property
    def area_code(self) -> str:
        return self.project.plan.tambon_id


class CarryOverDecision(models.TextChoices):
    KEEP = "keep", _("ยกไปตามเดิม")
    REVISE = "revise", _("ยกไปโดยปรับปรุง")
    DROP = "drop", _("ไม่ยกไป")


class CarryOver(models.Model):
    """The review of an earlier year's unfunded or unfinished project when a new year's plan opens: kept
    (a new project in the new plan, `Project.carried_from` pointing back), revised, or dropped with a
    reason."""

    plan = models.ForeignKey(TambonPlan, on_delete=models.CASCADE, related_name="carry_overs")
    previous = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="carry_over_reviews")
    decision = models.CharField(_("การพิจารณา"), max_length=8, choices=CarryOverDecision.choices)
    reason = models.CharField(_("เหตุผล"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "plan__tambon__district__province_id",
        "district": "plan__tambon__district_id",
        "tambon": "plan__tambon_id",
    }

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("การพิจารณาโครงการยกมา")
        verbose_name_plural = _("การพิจารณาโครงการยกมา")
        constraints = [
            models.UniqueConstraint(fields=["plan", "previous"], name="carry_over_once"),
            models.CheckConstraint(
                condition=~models.Q(decision="drop") | ~models.Q(reason=""), name="carry_over_drop_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.previous} → {self.get_decision_display()}"

    @property
    def area_code(self) -> str:
        return self.plan.tambon_id
