"""Committees (ก.บ.ต., ศอช. at every level, ก.บ.อ., village committees), their orders and members."""

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.areas.models import District, Province, Tambon, Village
from tambonplan.committees.defaults import Wording
from tambonplan.core.history import HistoryChannel
from tambonplan.thai.language import LocalizedName, localized


class Level(models.TextChoices):
    PROVINCE = "province", _("จังหวัด")
    DISTRICT = "district", _("อำเภอ")
    TAMBON = "tambon", _("ตำบล")
    VILLAGE = "village", _("หมู่บ้าน")


AREA_FORMATS = {
    Level.PROVINCE: _("จังหวัด%(name)s"),
    Level.DISTRICT: _("อำเภอ%(name)s"),
    Level.TAMBON: _("ตำบล%(name)s"),
}


def area_label(level: str, area) -> str:
    """'ตำบลหัวเรือ', 'อำเภอเมืองอุบลราชธานี', 'หมู่ที่ 1 บ้านโนนสูง'."""
    if level == Level.VILLAGE:
        return str(area)
    return AREA_FORMATS[level] % {"name": area.display_name}


class CommitteeKind(LocalizedName, models.Model):
    """A kind of committee; seeded with the six kinds the circular names, editable by administrators."""

    code = models.SlugField(_("รหัส"), max_length=20, unique=True)
    short_name = models.CharField(_("ชื่อย่อ"), max_length=30)
    short_name_en = models.CharField(_("ชื่อย่อภาษาอังกฤษ"), max_length=30, blank=True)
    name_th = models.CharField(_("ชื่อเต็ม"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    level = models.CharField(_("ระดับ"), max_length=10, choices=Level.choices)
    is_socho = models.BooleanField(_("เป็นคณะกรรมการ ศอช."), default=False)
    is_reviewed = models.BooleanField(
        _("ต้องทบทวนคำสั่งทุกปี"), default=True, help_text=_("นับในภาพรวมการทบทวนคำสั่งของอำเภอและจังหวัด")
    )
    sort_order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    # How long an order of the kind lasts (ศอช.: 2 years by default, not confirmed from the regulation's
    # text); empty: no term, the order lasts until it is replaced. A province may set its own on its template.
    term_years = models.PositiveSmallIntegerField(
        _("วาระการดำรงตำแหน่ง (ปี)"),
        null=True,
        blank=True,
        help_text=_("เว้นว่างถ้าคำสั่งไม่มีวาระ ใช้ได้จนกว่าจะออกคำสั่งใหม่"),
    )
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("ประเภทคณะกรรมการ")
        verbose_name_plural = _("ประเภทคณะกรรมการ")

    def __str__(self):
        return self.display_short_name

    @property
    def display_short_name(self) -> str:
        """ "ก.บ.ต.", or "KBT" in English mode."""
        return localized(self.short_name, self.short_name_en)


class Position(LocalizedName, models.Model):
    """A position in a committee (ประธาน, รองประธาน, กรรมการ, กรรมการและเลขานุการ ...)."""

    name_th = models.CharField(_("ตำแหน่งในคณะกรรมการ"), max_length=100, unique=True)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100, blank=True)
    is_chair = models.BooleanField(_("เป็นประธาน"), default=False)
    is_secretary = models.BooleanField(_("เป็นเลขานุการ"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("ลำดับในคำสั่ง"), default=0)

    class Meta:
        ordering = ["sort_order", "name_th"]
        verbose_name = _("ตำแหน่งในคณะกรรมการ")
        verbose_name_plural = _("ตำแหน่งในคณะกรรมการ")

    def __str__(self):
        return self.display_name


class CompositionTemplate(models.Model):
    """The expected make-up of a kind of committee: the default (no province) or a province's own."""

    kind = models.ForeignKey(CommitteeKind, on_delete=models.CASCADE, related_name="templates")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    min_members = models.PositiveSmallIntegerField(_("จำนวนกรรมการขั้นต่ำ"), null=True, blank=True)
    max_members = models.PositiveSmallIntegerField(_("จำนวนกรรมการสูงสุด"), null=True, blank=True)
    requires_chair = models.BooleanField(_("ต้องมีประธาน"), default=True)
    requires_secretary = models.BooleanField(_("ต้องมีเลขานุการ"), default=True)
    # The province's own term for the kind's orders; empty: the kind's (`CommitteeKind.term_years`); 0: none.
    term_years = models.PositiveSmallIntegerField(_("วาระการดำรงตำแหน่ง (ปี)"), null=True, blank=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        verbose_name = _("แม่แบบองค์ประกอบคณะกรรมการ")
        verbose_name_plural = _("แม่แบบองค์ประกอบคณะกรรมการ")
        constraints = [
            models.UniqueConstraint(fields=["kind", "province"], name="template_one_per_kind_and_province"),
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(province=None), name="template_one_default_per_kind"
            ),
        ]

    def __str__(self):
        return f"{self.kind} ({self.province or _('ค่าเริ่มต้น')})"

    def clean(self):
        if self.min_members and self.max_members and self.min_members > self.max_members:
            raise ValidationError(_("จำนวนกรรมการขั้นต่ำต้องไม่มากกว่าจำนวนสูงสุด"))

    @property
    def term(self) -> int | None:
        """The years an order of the kind lasts under this template (its own term, else the kind's); None when
        orders have no term."""
        years = self.term_years if self.term_years is not None else self.kind.term_years
        return years or None


class SeatCount(models.TextChoices):
    """How many seats a template line stands for: one, or one for each village or each local government of
    the committee's tambon (sized from the registers: `areas.Village`, `localgov.LocalGovernment`)."""

    ONE = "one", _("หนึ่งที่นั่ง")
    PER_VILLAGE = "per_village", _("หนึ่งที่นั่งต่อหมู่บ้านในตำบล")
    PER_LOCAL_GOVERNMENT = "per_local_government", _("หนึ่งที่นั่งต่อ อปท. ในตำบล")


class TemplateSlot(models.Model):
    """One line of a composition template: a position, optionally held ex officio by a named post, once or
    once per village / local government of the tambon (`seats`)."""

    template = models.ForeignKey(CompositionTemplate, on_delete=models.CASCADE, related_name="slots")
    position = models.ForeignKey(Position, on_delete=models.PROTECT, verbose_name=_("ตำแหน่งในคณะกรรมการ"))
    ex_officio_post = models.CharField(
        _("โดยตำแหน่ง"), max_length=150, blank=True, help_text=_("เช่น ปลัดอำเภอผู้รับผิดชอบตำบล, กำนัน, นายก อบต.")
    )
    required = models.BooleanField(_("ต้องมี"), default=True)
    seats = models.CharField(_("จำนวนที่นั่ง"), max_length=24, choices=SeatCount.choices, default=SeatCount.ONE)
    sort_order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("ตำแหน่งตามแม่แบบ")
        verbose_name_plural = _("ตำแหน่งตามแม่แบบ")

    def __str__(self):
        return f"{self.position} {self.ex_officio_post}".strip()


# A number someone typed before a duty ("1. ", "๒) ", "(3)"): the order numbers the duties itself.
DUTY_NUMBER_RE = re.compile(r"^\s*\(?[0-9๐-๙]{1,3}\s*[.)]\s*")


def duty_lines(text: str) -> tuple[str, ...]:
    """The duties written one per line, without blank lines or typed numbers."""
    lines = (DUTY_NUMBER_RE.sub("", line).strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


class OrderWording(models.Model):
    """A province's wording of one kind's appointment orders: their legal basis and the committee's duties.
    Without one the order says what `defaults.WORDINGS` says for the kind."""

    kind = models.ForeignKey(CommitteeKind, on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+")
    regulation = models.CharField(
        _("ระเบียบหรือกฎหมายที่อาศัยอำนาจ"),
        max_length=300,
        help_text=_("ชื่อเต็มพร้อมปี พ.ศ. ตามที่ประกาศในราชกิจจานุเบกษา"),
    )
    clause = models.CharField(
        _("ข้อหรือมาตรา"), max_length=100, blank=True, help_text=_("เช่น ข้อ ๙ หรือ ข้อ ๑๒ (๑)")
    )
    guideline = models.CharField(
        _("แนวทางหรือหนังสือสั่งการประกอบ"),
        max_length=300,
        blank=True,
        help_text=_('พิมพ์ต่อจาก "ประกอบกับ" เช่น แนวทางปฏิบัติรองรับการดำเนินการตามระเบียบฯ'),
    )
    purpose = models.CharField(_("วัตถุประสงค์"), max_length=300, blank=True, help_text=_('ขึ้นต้นด้วย "เพื่อให้"'))
    duties = models.TextField(_("อำนาจหน้าที่"), help_text=_("บรรทัดละหนึ่งข้อ ระบบใส่เลขข้อให้เอง"))
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(bases=[HistoryChannel], excluded_fields=["version"])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {"province": "province_id"}

    class Meta:
        verbose_name = _("ข้อความในคำสั่งแต่งตั้ง")
        verbose_name_plural = _("ข้อความในคำสั่งแต่งตั้ง")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "province"], name="order_wording_one_per_kind_and_province"
            )
        ]

    def __str__(self):
        return f"{self.kind} ({self.province})"

    @property
    def area_code(self) -> str:
        return self.province_id

    @property
    def wording(self) -> Wording:
        return Wording(
            regulation=self.regulation,
            clause=self.clause,
            guideline=self.guideline,
            purpose=self.purpose,
            duties=duty_lines(self.duties),
        )


class Committee(models.Model):
    """One committee of a kind for one area (the kind's level decides which area field is set)."""

    kind = models.ForeignKey(CommitteeKind, on_delete=models.PROTECT, related_name="committees")
    area_code = models.CharField(_("รหัสพื้นที่"), max_length=8, db_index=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="committees")
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="committees"
    )
    tambon = models.ForeignKey(
        Tambon, on_delete=models.PROTECT, null=True, blank=True, related_name="committees"
    )
    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, null=True, blank=True, related_name="committees"
    )
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {"province": "province_id", "district": "district_id", "tambon": "tambon_id"}

    class Meta:
        ordering = ["area_code", "kind__sort_order"]
        verbose_name = _("คณะกรรมการ")
        verbose_name_plural = _("คณะกรรมการ")
        constraints = [
            models.UniqueConstraint(fields=["kind", "area_code"], name="committee_one_per_kind_and_area")
        ]

    def __str__(self):
        return f"{self.kind.display_short_name} {self.area_name}"

    @property
    def area(self):
        return self.village or self.tambon or self.district or self.province

    @property
    def area_name(self) -> str:
        return area_label(self.kind.level, self.area)


class OrderState(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    IN_FORCE = "in_force", _("มีผลใช้บังคับ")
    SUPERSEDED = "superseded", _("ถูกแทนที่แล้ว")


def order_scan_path(instance, filename: str) -> str:
    return f"orders/{instance.committee.area_code}/{instance.committee.kind.code}/{filename}"


class AppointmentOrder(models.Model):
    """An appointment order (คำสั่งแต่งตั้ง). Drafts are edited; issuing one supersedes the order in force."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="orders")
    state = models.CharField(_("สถานะ"), max_length=12, choices=OrderState.choices, default=OrderState.DRAFT)
    number = models.CharField(_("เลขที่คำสั่ง"), max_length=30, blank=True, help_text=_("เช่น ๑๒/๒๕๖๖"))
    signed_on = models.DateField(_("ลงวันที่"), null=True, blank=True)
    effective_on = models.DateField(_("มีผลตั้งแต่วันที่"), null=True, blank=True)
    signer_name = models.CharField(_("ชื่อผู้ลงนาม"), max_length=150, blank=True)
    signer_position = models.CharField(_("ตำแหน่งผู้ลงนาม"), max_length=200, blank=True)
    issuing_office = models.CharField(_("หน่วยงานที่ออกคำสั่ง"), max_length=200, blank=True)
    subject = models.CharField(_("เรื่อง"), max_length=300, blank=True)
    scan = models.FileField(_("สำเนาคำสั่ง (PDF หรือรูปภาพ)"), upload_to=order_scan_path, blank=True)
    issued_at = models.DateTimeField(_("บันทึกว่ามีผลเมื่อ"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("ถูกแทนที่เมื่อ"), null=True, blank=True)
    # The legal basis and duties the order was issued with (a `Wording` as JSON), kept when the province later
    # rewords its orders; empty for a draft, which says what the province's wording says today.
    issued_wording = models.JSONField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(bases=[HistoryChannel], excluded_fields=["version"])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "committee__province_id",
        "district": "committee__district_id",
        "tambon": "committee__tambon_id",
    }

    class Meta:
        ordering = ["-effective_on", "-signed_on", "-id"]
        verbose_name = _("คำสั่งแต่งตั้ง")
        verbose_name_plural = _("คำสั่งแต่งตั้ง")
        constraints = [
            models.UniqueConstraint(
                fields=["committee"],
                condition=models.Q(state="in_force"),
                name="order_one_in_force_per_committee",
            ),
            models.UniqueConstraint(
                fields=["committee"], condition=models.Q(state="draft"), name="order_one_draft_per_committee"
            ),
        ]

    def __str__(self):
        return _("คำสั่งที่ %(number)s") % {"number": self.number or "-"}

    @property
    def area_code(self) -> str:
        return self.committee.area_code

    @property
    def wording_as_issued(self) -> Wording | None:
        if not self.issued_wording:
            return None
        return Wording(**{**self.issued_wording, "duties": tuple(self.issued_wording["duties"])})

    @property
    def document_date(self) -> date:
        """The date the order speaks for, on which its members are counted (see `sits_on`).

        An issued order (in force or superseded) is the order as it was signed: its date is the date it was
        signed ("สั่ง ณ วันที่"), else the date it took effect, so that its PDF and Word files and its page
        name whoever sat then, including a member who has since left or whose recorded leaving date is still
        to come. A draft, and an issued order recorded without either date, speak for today.
        """
        if self.state != OrderState.DRAFT:
            issued = self.signed_on or self.effective_on
            if issued is not None:
                return issued
        return timezone.localdate()


class Basis(models.TextChoices):
    EX_OFFICIO = "ex_officio", _("โดยตำแหน่ง")
    EXPERT = "expert", _("ผู้ทรงคุณวุฒิ")
    ELECTED = "elected", _("ผู้แทนที่ได้รับเลือก")
    APPOINTED = "appointed", _("แต่งตั้ง")


class MemberStatus(models.TextChoices):
    SERVING = "serving", _("ปฏิบัติหน้าที่")
    LEFT_POST = "left_post", _("พ้นจากตำแหน่งที่ได้รับแต่งตั้ง")
    RESIGNED = "resigned", _("ลาออก")
    DIED = "died", _("เสียชีวิต")


def sits_on(member, day: date) -> bool:
    """Whether a member (a `Member` or anything with its `status` and `status_on`) sits on `day`: the one
    rule of who counts, used by the order page, its PDF and Word files and the currency verdict.

    A serving member sits. A member who left (left_post, resigned, died) counts until the date they leave:
    they still sit on any day before their `status_on` (a resignation recorded for a future date), and no
    longer on that date or after. One who left on a date not recorded no longer sits. A successor to a seat
    held by position (`holds_since`) sits from that date on.
    """
    since = getattr(member, "holds_since", None)
    if since is not None and since > day:
        return False
    if member.status == MemberStatus.SERVING:
        return True
    return member.status_on is not None and member.status_on > day


def sitting_q(day: date, prefix: str = "") -> Q:
    """`sits_on` as a query filter on Member (or on a relation to it, with `prefix` such as "members__")."""
    left_later = Q(**{f"{prefix}status": MemberStatus.SERVING}) | Q(**{f"{prefix}status_on__gt": day})
    return left_later & (Q(**{f"{prefix}holds_since": None}) | Q(**{f"{prefix}holds_since__lte": day}))


def sitting_on(members, day: date) -> list:
    """The members (in their given order) who sit on `day`, by `sits_on`."""
    return [member for member in members if sits_on(member, day)]


def person_name(title: str, first_name: str, last_name: str) -> str:
    """ "นายสมชาย ใจดี": the title joined to the first name, as Thai documents write it."""
    return f"{title}{first_name} {last_name}".strip()


class Member(models.Model):
    """A member named in an appointment order."""

    order = models.ForeignKey(AppointmentOrder, on_delete=models.CASCADE, related_name="members")
    title = models.CharField(_("คำนำหน้า"), max_length=50, blank=True)
    first_name = models.CharField(_("ชื่อ"), max_length=100)
    last_name = models.CharField(_("นามสกุล"), max_length=100, blank=True)
    position = models.ForeignKey(Position, on_delete=models.PROTECT, verbose_name=_("ตำแหน่งในคณะกรรมการ"))
    basis = models.CharField(_("ที่มา"), max_length=12, choices=Basis.choices, default=Basis.APPOINTED)
    ex_officio_post = models.CharField(_("ตำแหน่งที่ดำรง (โดยตำแหน่ง)"), max_length=150, blank=True)
    affiliation = models.CharField(_("สังกัด/หน่วยงาน/องค์กร"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=12, choices=MemberStatus.choices, default=MemberStatus.SERVING
    )
    status_on = models.DateField(_("ตั้งแต่วันที่"), null=True, blank=True)
    acting = models.BooleanField(_("รักษาการ"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    # A seat held by position passes to the post's next holder without a new order (services.member_succeed):
    # the successor is a member of the same order, linked to the one it follows, sitting from `holds_since`.
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("ดำรงตำแหน่งแทน"),
    )
    holds_since = models.DateField(_("ดำรงตำแหน่งในคณะกรรมการตั้งแต่"), null=True, blank=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "order__committee__province_id",
        "district": "order__committee__district_id",
        "tambon": "order__committee__tambon_id",
    }

    class Meta:
        ordering = ["position__sort_order", "sort_order", "id"]
        verbose_name = _("กรรมการ")
        verbose_name_plural = _("กรรมการ")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return person_name(self.title, self.first_name, self.last_name)

    @property
    def area_code(self) -> str:
        return self.order.committee.area_code


class OrderReview(models.Model):
    """A district officer's confirmation that the order in force is still valid for a fiscal year."""

    order = models.ForeignKey(AppointmentOrder, on_delete=models.CASCADE, related_name="reviews")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    reviewed_on = models.DateField(_("วันที่ทบทวน"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = _("การทบทวนคำสั่ง")
        verbose_name_plural = _("การทบทวนคำสั่ง")

    def __str__(self):
        return f"{self.order} ({self.reviewed_on})"


class ReviewDeadline(models.Model):
    """The date set by a province for a fiscal year: orders issued or reviewed before it need review."""

    province = models.ForeignKey(Province, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    review_date = models.DateField(_("วันที่กำหนดให้ทบทวน"))
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {"province": "province_id"}

    class Meta:
        verbose_name = _("วันที่กำหนดทบทวนคำสั่ง")
        verbose_name_plural = _("วันที่กำหนดทบทวนคำสั่ง")
        constraints = [
            models.UniqueConstraint(fields=["province", "fiscal_year"], name="review_deadline_one_per_year")
        ]

    def __str__(self):
        return f"{self.province_id} {self.fiscal_year}: {self.review_date}"

    @property
    def area_code(self) -> str:
        return self.province_id
