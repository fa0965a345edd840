"""Village plans (แผนพัฒนาหมู่บ้าน) and municipal community plans (แผนชุมชน) under the tambon plan.

Each village's committee (กม.) reviews its plan at a village forum (an `events.Event` of kind village_forum,
with its attendance) and approves it. Items the village does itself stay in the village plan; items that need
others are pulled into the tambon plan: the tambon plan's `planning.Need` is linked from the item
(`VillagePlanItem.need`), never a second copy to keep in step.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.areas.models import Tambon, Village
from tambonplan.core.history import HistoryChannel

TAMBON_SCOPE = {
    "province": "tambon__district__province_id",
    "district": "tambon__district_id",
    "tambon": "tambon_id",
}


class Community(models.Model):
    """A municipal community (ชุมชน) of a municipality's area, where plans are made by community instead of
    by หมู่บ้าน."""

    tambon = models.ForeignKey(
        Tambon, on_delete=models.PROTECT, related_name="communities", verbose_name=_("ตำบล")
    )
    number = models.PositiveSmallIntegerField(_("ลำดับชุมชน"), null=True, blank=True)
    name_th = models.CharField(_("ชื่อชุมชน"), max_length=200)
    is_active = models.BooleanField(_("ยังมีอยู่"), default=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = TAMBON_SCOPE

    class Meta:
        ordering = ["tambon_id", "number", "name_th"]
        verbose_name = _("ชุมชน")
        verbose_name_plural = _("ชุมชน")
        constraints = [models.UniqueConstraint(fields=["tambon", "name_th"], name="community_name_once")]

    def __str__(self):
        return _("ชุมชน%(name)s") % {"name": self.name_th}

    @property
    def area_code(self) -> str:
        return self.tambon_id


def minutes_path(instance, filename: str) -> str:
    return f"village-plans/{instance.tambon_id}/{instance.fiscal_year}/{filename}"


class VillagePlan(models.Model):
    """One village's (or community's) plan for a fiscal year: its forum, the committee's approval, items."""

    tambon = models.ForeignKey(Tambon, on_delete=models.PROTECT, related_name="+", verbose_name=_("ตำบล"))
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("หมู่บ้าน"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("ชุมชน"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ"))
    forum = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="village_plans",
        verbose_name=_("เวทีประชาคม"),
    )
    approved_on = models.DateField(_("วันที่คณะกรรมการหมู่บ้านให้ความเห็นชอบ"), null=True, blank=True)
    approval_note = models.CharField(_("มติ/บันทึกการประชุม"), max_length=500, blank=True)
    minutes = models.FileField(_("รายงานการประชุม"), upload_to=minutes_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(bases=[HistoryChannel], excluded_fields=["version"])

    objects = ScopedQuerySet.as_manager()
    scope_paths = TAMBON_SCOPE

    class Meta:
        ordering = ["tambon_id", "village__moo", "community__number", "-fiscal_year"]
        verbose_name = _("แผนพัฒนาหมู่บ้าน")
        verbose_name_plural = _("แผนพัฒนาหมู่บ้าน")
        constraints = [
            models.UniqueConstraint(fields=["village", "fiscal_year"], name="village_plan_once_a_year"),
            models.UniqueConstraint(fields=["community", "fiscal_year"], name="community_plan_once_a_year"),
            models.CheckConstraint(
                condition=(
                    models.Q(village__isnull=False, community__isnull=True)
                    | models.Q(village__isnull=True, community__isnull=False)
                ),
                name="village_plan_of_village_or_community",
            ),
        ]

    def __str__(self):
        if self.village_id:
            return _("แผนพัฒนาหมู่บ้าน %(village)s ปีงบประมาณ %(year)s") % {
                "village": self.village,
                "year": self.fiscal_year,
            }
        return _("แผน%(community)s ปีงบประมาณ %(year)s") % {
            "community": self.community,
            "year": self.fiscal_year,
        }

    @property
    def area_code(self) -> str:
        return self.village.code if self.village_id else self.tambon_id

    @property
    def is_reviewed(self) -> bool:
        """Reviewed: the village committee approved it (the forum alone is not a review)."""
        return self.approved_on is not None


class VillagePlanItem(models.Model):
    """One item of a village plan, classed by who carries it out (ทำเอง / ทำร่วม with whom / ขอรับการสนับสนุน).
    Items beyond the village are pulled into the tambon plan as a need (`need`)."""

    plan = models.ForeignKey(VillagePlan, on_delete=models.CASCADE, related_name="items")
    description = models.CharField(_("ปัญหา/ความต้องการ/โครงการ"), max_length=500)
    category = models.ForeignKey("planning.NeedCategory", on_delete=models.PROTECT, verbose_name=_("ด้าน"))
    item_class = models.ForeignKey(
        "planning.ProjectClass", on_delete=models.PROTECT, verbose_name=_("ประเภท")
    )
    partner_name = models.CharField(_("ดำเนินการร่วมกับ/ขอรับการสนับสนุนจาก"), max_length=200, blank=True)
    estimated_budget = models.DecimalField(
        _("งบประมาณโดยประมาณ (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    priority = models.PositiveSmallIntegerField(_("ลำดับความสำคัญ"), null=True, blank=True)
    votes = models.PositiveIntegerField(_("คะแนนเสียงประชาคม"), default=0)
    need = models.OneToOneField(
        "planning.Need",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="village_item",
        verbose_name=_("ปัญหา/ความต้องการในแผนพัฒนาตำบล"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(bases=[HistoryChannel], excluded_fields=["version"])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {key: f"plan__{path}" for key, path in TAMBON_SCOPE.items()}

    class Meta:
        ordering = ["plan", models.F("priority").asc(nulls_last=True), "id"]
        verbose_name = _("รายการในแผนพัฒนาหมู่บ้าน")
        verbose_name_plural = _("รายการในแผนพัฒนาหมู่บ้าน")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(estimated_budget__gte=0) | models.Q(estimated_budget=None),
                name="village_item_budget_not_negative",
            )
        ]

    def __str__(self):
        return self.description

    @property
    def area_code(self) -> str:
        return self.plan.area_code
