"""Implementation progress of plan projects: milestones with weights, photo evidence, a manual override.

Percent complete = the weights of the done milestones (or done / total when no milestone has a weight); a
manual override (with its reason) replaces it and is shown as "กำหนดเอง" wherever the percent appears.
Services (writes) and selectors (reads) of progress both live here.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change
from tambonplan.core.uploads import checked_upload
from tambonplan.partners.models import Milestone, MilestoneEvidence, ProgressOverride
from tambonplan.planning.models import Project

PHOTO_TYPES = ("jpg", "png")


# ---------------------------------------------------------------- the percent, as a pure function


@dataclass(frozen=True)
class Percent:
    value: int
    overridden: bool = False
    reason: str = ""


def milestone_percent(milestones) -> int:
    """Weights of the done milestones, or done / total when no weight is set; 0 without milestones."""
    items = list(milestones)
    if not items:
        return 0
    if any(m.weight for m in items):
        return min(100, sum(m.weight for m in items if m.done_on is not None))
    return round(100 * sum(1 for m in items if m.done_on is not None) / len(items))


def project_percent(milestones, override: ProgressOverride | None) -> Percent:
    if override is not None:
        return Percent(override.percent, True, override.reason)
    return Percent(milestone_percent(milestones))


def percents_for(project_ids, *, among=None) -> dict[int, Percent]:
    """Percent complete of each project, in two queries whatever the number of projects. `among`, a
    queryset of project ids that contains them, filters in the database instead of sending thousands of ids
    as parameters."""
    ids = list(project_ids)
    selected = {"project_id__in": ids if among is None else among}
    milestones: dict[int, list[Milestone]] = {pk: [] for pk in ids}
    for milestone in Milestone.objects.filter(**selected).only("project_id", "weight", "done_on"):
        if milestone.project_id in milestones:
            milestones[milestone.project_id].append(milestone)
    overrides = {o.project_id: o for o in ProgressOverride.objects.filter(**selected)}
    return {pk: project_percent(milestones[pk], overrides.get(pk)) for pk in ids}


@dataclass
class Rollup:
    """Progress of several projects weighted by each one's budget for the year; projects without a budget
    are left out of the average and counted apart."""

    weighted: Decimal = Decimal(0)
    weight: Decimal = Decimal(0)
    projects: int = 0
    no_budget: int = 0
    overridden: int = 0

    def add(self, percent: Percent, budget: Decimal) -> None:
        self.projects += 1
        self.overridden += 1 if percent.overridden else 0
        if budget > 0:
            self.weighted += budget * percent.value
            self.weight += budget
        else:
            self.no_budget += 1

    @property
    def percent(self) -> Decimal | None:
        if not self.weight:
            return None
        return (self.weighted / self.weight).quantize(Decimal("0.1"))


# ---------------------------------------------------------------- reads


def project_for(user, pk: int) -> Project:
    return get_object_or_404(
        Project.objects.in_scope(user).select_related("plan__tambon__district__province", "project_class"),
        pk=pk,
    )


@dataclass
class ProgressPage:
    project: Project
    milestones: list[Milestone]
    percent: Percent
    computed: int
    override: ProgressOverride | None
    weights_total: int = 0
    late: list[Milestone] = field(default_factory=list)


def progress_page(user, project: Project) -> ProgressPage:
    milestones = list(project.milestones.prefetch_related("evidence"))
    override = ProgressOverride.objects.filter(project=project).select_related("set_by").first()
    today = timezone.localdate()
    return ProgressPage(
        project=project,
        milestones=milestones,
        percent=project_percent(milestones, override),
        computed=milestone_percent(milestones),
        override=override,
        weights_total=sum(m.weight for m in milestones),
        late=[m for m in milestones if m.done_on is None and m.due_on is not None and m.due_on < today],
    )


def milestone_of(project: Project, pk: int) -> Milestone:
    return get_object_or_404(Milestone, pk=pk, project=project)


def evidence_for(user, pk: int) -> MilestoneEvidence:
    evidence = get_object_or_404(
        MilestoneEvidence.objects.select_related("milestone__project__plan"),
        pk=pk,
        milestone__project__in=Project.objects.in_scope(user),
    )
    return evidence


# ---------------------------------------------------------------- writes


def _check_weights(items: list[dict]) -> None:
    total = sum(item.get("weight") or 0 for item in items)
    if total and total != 100:
        raise ValidationError(_("น้ำหนักของทุกขั้นตอนรวมกันต้องเท่ากับ 100 (ขณะนี้รวม %(total)s)") % {"total": total})


@transaction.atomic
def milestones_save(*, user, project: Project, items: list[dict]) -> list[Milestone]:
    """Replace the project's milestones with `items` (dicts: pk or None, name, weight, due_on, done_on);
    milestones not listed are deleted with their evidence. Weights must total 100 when any is set."""
    require_change(user, project)
    today = timezone.localdate()
    for item in items:
        if not (item.get("name") or "").strip():
            raise ValidationError(_("กรุณาระบุชื่อขั้นตอน"))
        if item.get("done_on") and item["done_on"] > today:
            raise ValidationError(_("วันที่แล้วเสร็จต้องไม่เป็นวันในอนาคต"))
    _check_weights(items)
    existing = {m.pk: m for m in Milestone.objects.select_for_update().filter(project=project)}
    kept = {item["pk"] for item in items if item.get("pk")}
    if kept - set(existing):
        raise ValidationError(_("ขั้นตอนไม่ใช่ของโครงการนี้"))
    for pk, milestone in existing.items():
        if pk not in kept:
            for evidence in milestone.evidence.all():
                evidence.image.delete(save=False)
            milestone.delete()
    saved = []
    for order, item in enumerate(items, start=1):
        milestone = existing.get(item.get("pk")) or Milestone(project=project)
        milestone.name = item["name"].strip()
        milestone.weight = item.get("weight") or 0
        milestone.due_on = item.get("due_on")
        milestone.done_on = item.get("done_on")
        milestone.sort_order = order
        milestone.save()
        saved.append(milestone)
    return saved


@transaction.atomic
def milestone_set_done(*, user, milestone: Milestone, done_on) -> Milestone:
    require_change(user, milestone)
    if done_on is not None and done_on > timezone.localdate():
        raise ValidationError(_("วันที่แล้วเสร็จต้องไม่เป็นวันในอนาคต"))
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    return milestone


@transaction.atomic
def evidence_add(
    *, user, milestone: Milestone, upload, caption: str = "", taken_on=None
) -> MilestoneEvidence:
    require_change(user, milestone)
    return MilestoneEvidence.objects.create(
        milestone=milestone,
        image=checked_upload(upload, allowed=PHOTO_TYPES),
        caption=caption.strip(),
        taken_on=taken_on,
        uploaded_by=user,
    )


@transaction.atomic
def evidence_delete(*, user, evidence: MilestoneEvidence) -> None:
    require_change(user, evidence)
    evidence.image.delete(save=False)
    evidence.delete()


@transaction.atomic
def progress_override_set(*, user, project: Project, percent: int, reason: str) -> ProgressOverride:
    require_change(user, project)
    if percent is None or not 0 <= percent <= 100:
        raise ValidationError({"percent": _("ร้อยละต้องอยู่ระหว่าง 0 ถึง 100")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่กำหนดความก้าวหน้าเอง")})
    override, _created = ProgressOverride.objects.update_or_create(
        project=project, defaults={"percent": percent, "reason": reason.strip(), "set_by": user}
    )
    return override


@transaction.atomic
def progress_override_clear(*, user, project: Project) -> None:
    require_change(user, project)
    ProgressOverride.objects.filter(project=project).delete()
