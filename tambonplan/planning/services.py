"""Every write to plans: the province's steps, a tambon's plan and steps, needs, projects and forwarding."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change, require_manage_province
from tambonplan.committees.selectors import socho_members_for_tambon
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.uploads import checked_upload
from tambonplan.localgov import selectors as localgov_selectors
from tambonplan.planning.categories import category_id_of_needs
from tambonplan.planning.defaults import STEPS, default_due_dates
from tambonplan.planning.models import (
    CarryOver,
    CarryOverDecision,
    Forwarding,
    ForwardOutcome,
    Need,
    PlanStep,
    Project,
    ProjectBudget,
    ProjectStatus,
    StepDefinition,
    StepEvidence,
    StepKind,
    StepStatus,
    TambonPlan,
    TargetKind,
)
from tambonplan.planning.selectors import may_carry_over

# ---------------------------------------------------------------- the province's steps for a year


def step_definitions_ensure(*, province_code: str, fiscal_year: int) -> list[StepDefinition]:
    """The province's steps for the year, created from the defaults (with their kinds and the default calendar
    of `defaults.STEPS`) the first time they are needed."""
    existing = list(StepDefinition.objects.filter(province_id=province_code, fiscal_year=fiscal_year))
    if existing:
        return existing
    dues = default_due_dates(fiscal_year)
    return StepDefinition.objects.bulk_create(
        [
            StepDefinition(
                province_id=province_code,
                fiscal_year=fiscal_year,
                sort_order=index,
                name_th=step.name_th,
                name_en=step.name_en,
                due_date=due,
                kind=step.kind,
            )
            for index, (step, due) in enumerate(zip(STEPS, dues, strict=True), start=1)
        ]
    )


@transaction.atomic
def step_definition_save(
    *,
    user,
    province,
    fiscal_year: int,
    definition: StepDefinition | None,
    name_th: str,
    due_date,
    sort_order: int,
    kind: str | None = None,
) -> StepDefinition:
    """Add a step or change one's name, kind, position or due date (province officers). A kind other than
    "other" belongs to one step of the year: the plan's facts (approved on, forwarded on) are read from it."""
    require_manage_province(user, province)
    step_definitions_ensure(province_code=province.code, fiscal_year=fiscal_year)
    if not name_th.strip():
        raise ValidationError({"name_th": _("กรุณาระบุชื่อขั้นตอน")})
    siblings = StepDefinition.objects.filter(province=province, fiscal_year=fiscal_year).select_for_update()
    if definition is None:
        definition = StepDefinition(province=province, fiscal_year=fiscal_year)
    if kind is not None:
        if kind not in StepKind.values:
            raise ValidationError({"kind": _("ชนิดของขั้นตอนไม่ถูกต้อง")})
        holder = (
            siblings.filter(kind=kind).exclude(pk=definition.pk).first() if kind != StepKind.OTHER else None
        )
        if holder is not None:
            raise ValidationError(
                {
                    "kind": _('ปีนี้มีขั้นตอนชนิด "%(kind)s" แล้ว คือขั้นตอนที่ %(order)s "%(name)s"')
                    % {"kind": StepKind(kind).label, "order": holder.sort_order, "name": holder.display_name}
                }
            )
        definition.kind = kind
    ordered = [d for d in siblings.order_by("sort_order") if d.pk != definition.pk]
    position = max(0, min(sort_order - 1, len(ordered)))
    ordered.insert(position, definition)
    if definition.name_th != name_th.strip():
        # A renamed or new step is the province's own: its English name would no longer say the same.
        definition.name_th, definition.name_en = name_th.strip(), ""
    definition.due_date = due_date
    # Renumber through a high offset so the unique (province, year, order) holds at every step.
    for index, item in enumerate(ordered, start=1):
        if item.pk:
            StepDefinition.objects.filter(pk=item.pk).update(sort_order=1000 + index)
    for index, item in enumerate(ordered, start=1):
        item.sort_order = index
        item.save()
    return definition


@transaction.atomic
def step_definition_delete(*, user, definition: StepDefinition) -> None:
    require_manage_province(user, definition.province)
    # Progress is a status, but also evidence, a note or ศอช. participation recorded on a step not started:
    # deleting those would silently drop the tambon's records (and leave evidence files behind).
    recorded = (
        ~Q(status=StepStatus.NOT_STARTED)
        | Q(evidence__isnull=False)
        | ~Q(note="")
        | Q(socho_took_part=True)
        | Q(socho_members__isnull=False)
    )
    if definition.plan_steps.filter(recorded).exists():
        raise ValidationError(_("ขั้นตอนนี้มีตำบลบันทึกความก้าวหน้าแล้ว ลบไม่ได้ แก้ชื่อหรือกำหนดวันแทนได้"))
    definition.plan_steps.all().delete()
    definition.delete()


# ---------------------------------------------------------------- a tambon's plan


@transaction.atomic
def plan_open(*, user, tambon, fiscal_year: int) -> TambonPlan:
    """The tambon's plan for the year with one step per province step, created on first use."""
    require_change(user, tambon)
    plan, _created = TambonPlan.objects.get_or_create(tambon=tambon, fiscal_year=fiscal_year)
    definitions = step_definitions_ensure(province_code=tambon.code[:2], fiscal_year=fiscal_year)
    have = set(plan.steps.values_list("definition_id", flat=True))
    PlanStep.objects.bulk_create([PlanStep(plan=plan, definition=d) for d in definitions if d.pk not in have])
    return plan


def _check_version(model, obj, version: int):
    locked = model.objects.select_for_update().get(pk=obj.pk)
    if locked.version != version:
        raise ConcurrentEditError
    return locked


@transaction.atomic
def plan_update(*, user, plan: TambonPlan, version: int, **fields) -> TambonPlan:
    """The plan's profile and approval note (its approval date is its approval step's done date)."""
    require_change(user, plan)
    locked = _check_version(TambonPlan, plan, version)
    for name in ("population", "households", "profile_note", "approval_note"):
        if name in fields:
            setattr(locked, name, fields[name])
    locked.version += 1
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def step_update(
    *,
    user,
    step: PlanStep,
    status: str,
    done_on=None,
    note: str = "",
    socho_took_part: bool = False,
    socho_members=(),
) -> PlanStep:
    require_change(user, step)
    if status == StepStatus.DONE and done_on is None:
        done_on = timezone.localdate()
    if status != StepStatus.DONE:
        done_on = None
    if done_on is not None and done_on > timezone.localdate():
        raise ValidationError({"done_on": _("วันที่เสร็จต้องไม่เป็นวันในอนาคต")})
    allowed = set(socho_members_for_tambon(user, step.plan.tambon).values_list("pk", flat=True))
    chosen = list(socho_members)
    if any(member.pk not in allowed for member in chosen):
        raise ValidationError({"socho_members": _("เลือกได้เฉพาะกรรมการ ศอช. ของตำบลหรืออำเภอนี้")})
    step.status, step.done_on, step.note = status, done_on, note.strip()
    step.socho_took_part = socho_took_part or bool(chosen)
    step.save()
    step.socho_members.set(chosen)
    step.plan.forget_approval()
    return step


@transaction.atomic
def step_evidence_add(*, user, step: PlanStep, upload, caption: str = "") -> StepEvidence:
    require_change(user, step)
    return StepEvidence.objects.create(
        step=step, file=checked_upload(upload), caption=caption.strip(), uploaded_by=user
    )


@transaction.atomic
def step_evidence_delete(*, user, evidence: StepEvidence) -> None:
    require_change(user, evidence)
    evidence.file.delete(save=False)
    evidence.delete()


# ---------------------------------------------------------------- needs


def _check_need(plan: TambonPlan, fields: dict) -> None:
    village = fields.get("village")
    if village is not None and village.tambon_id != plan.tambon_id:
        raise ValidationError({"village": _("หมู่บ้านต้องอยู่ในตำบลของแผน")})
    if not 1 <= fields.get("severity", 3) <= 5:
        raise ValidationError({"severity": _("ความรุนแรงต้องอยู่ระหว่าง 1 ถึง 5")})


NEED_FIELDS = ("village", "category", "description", "source", "severity", "votes")


@transaction.atomic
def need_save(*, user, plan: TambonPlan, need: Need | None = None, **fields) -> Need:
    require_change(user, plan)
    _check_need(plan, fields)
    need = need or Need(plan=plan)
    for name in NEED_FIELDS:
        if name in fields:
            setattr(need, name, fields[name])
    need.full_clean()
    need.save()
    return need


@transaction.atomic
def need_delete(*, user, need: Need) -> None:
    require_change(user, need)
    need.delete()


# ---------------------------------------------------------------- projects

PROJECT_FIELDS = (
    "name",
    "development_issue",
    "objective",
    "target_output",
    "kpi",
    "expected_result",
    "lead_agency",
    "budget_source",
    "priority",
    "project_class",
    "category",
    "target_kind",
    "target_name",
    "status",
)


def _check_project(plan: TambonPlan, fields: dict, villages, needs) -> None:
    errors = {}
    project_class = fields.get("project_class")
    if project_class is not None and project_class.needs_target and not fields.get("target_kind"):
        errors["target_kind"] = _("โครงการขอรับการสนับสนุนต้องระบุว่าขอจากใคร")
    if project_class is not None and not project_class.needs_target:
        fields["target_kind"], fields["target_name"] = "", ""
    if any(village.tambon_id != plan.tambon_id for village in villages):
        errors["villages"] = _("หมู่บ้านเป้าหมายต้องอยู่ในตำบลของแผน")
    if any(need.plan_id != plan.pk for need in needs):
        errors["needs"] = _("เลือกได้เฉพาะปัญหา/ความต้องการของแผนนี้")
    if errors:
        raise ValidationError(errors)


def _save_budgets(project: Project, budgets: dict[int, Decimal | None]) -> None:
    for year, amount in budgets.items():
        if amount is None or amount == 0:
            ProjectBudget.objects.filter(project=project, fiscal_year=year).delete()
        elif amount < 0:
            raise ValidationError(_("งบประมาณต้องไม่ติดลบ"))
        else:
            ProjectBudget.objects.update_or_create(
                project=project, fiscal_year=year, defaults={"amount": amount}
            )


@transaction.atomic
def project_save(
    *,
    user,
    plan: TambonPlan,
    project: Project | None = None,
    version: int | None = None,
    villages=(),
    needs=(),
    budgets: dict[int, Decimal | None] | None = None,
    **fields,
) -> Project:
    require_change(user, plan)
    villages, needs = list(villages), list(needs)
    _check_project(plan, fields, villages, needs)
    if project is None:
        project = Project(plan=plan)
    else:
        project = _check_version(Project, project, version if version is not None else -1)
        project.version += 1
    for name in PROJECT_FIELDS:
        if name in fields:
            setattr(project, name, fields[name])
    if project.category_id is None:
        project.category_id = category_id_of_needs(needs)  # left blank: the category its needs share
    project.full_clean()
    project.save()
    project.villages.set(villages)
    project.needs.set(needs)
    _save_budgets(project, budgets or {})
    return project


@transaction.atomic
def project_delete(*, user, project: Project) -> None:
    require_change(user, project)
    project.delete()


@transaction.atomic
def projects_set_status(*, user, plan: TambonPlan, project_ids: list[int], status: str) -> int:
    """Change the status of many projects of one plan at once."""
    require_change(user, plan)
    if status not in ProjectStatus.values:
        raise ValidationError(_("สถานะไม่ถูกต้อง"))
    projects = list(Project.objects.select_for_update().filter(plan=plan, pk__in=project_ids))
    if len(projects) != len(set(project_ids)):
        raise ValidationError(_("มีโครงการที่ไม่อยู่ในแผนนี้"))
    changed = [p for p in projects if p.status != status]
    for project in changed:
        project.status = status
        project.version += 1
        project.save(update_fields=["status", "version"])
    return len(changed)


@transaction.atomic
def project_set_status(*, user, project: Project, status: str, version: int) -> Project:
    """One project's status (the API's write): refused if someone changed it since `version` was read."""
    require_change(user, project)
    if status not in ProjectStatus.values:
        raise ValidationError({"status": _("สถานะไม่ถูกต้อง")})
    locked = _check_version(Project, project, version)
    if locked.status != status:
        locked.status = status
        locked.version += 1
        locked.save(update_fields=["status", "version"])
    return locked


# ---------------------------------------------------------------- carry-over from the previous year's plan

# What a carried project takes from the one it carries forward (its status starts again at "proposed", and
# its priority is the new plan's to set).
CARRIED_FIELDS = tuple(name for name in PROJECT_FIELDS if name not in ("status", "priority"))


def _carried_needs(plan: TambonPlan, needs) -> list[Need]:
    """The previous plan's needs of a carried project as needs of the new plan: the one already there with
    the same village, category and description, else a copy."""
    existing = {(n.village_id, n.category_id, n.description): n for n in plan.needs.all()}
    carried = []
    for need in needs:
        key = (need.village_id, need.category_id, need.description)
        if key not in existing:
            existing[key] = Need.objects.create(
                plan=plan,
                village_id=need.village_id,
                category_id=need.category_id,
                description=need.description,
                source=need.source,
                severity=need.severity,
                votes=need.votes,
            )
        carried.append(existing[key])
    return carried


def _carry(plan: TambonPlan, previous: Project, *, name: str | None, budgets) -> Project:
    """A new project of `plan` carrying `previous` forward: its fields, villages and needs, its budgets moved
    by the years between the plans (or `budgets` when revised); the previous project is left as it was."""
    project = Project(plan=plan, carried_from=previous, status=ProjectStatus.PROPOSED)
    for field in CARRIED_FIELDS:
        setattr(project, field, getattr(previous, field))
    if name is not None:
        if not name.strip():
            raise ValidationError({"name": _("กรุณาระบุชื่อโครงการ")})
        project.name = name.strip()
    project.full_clean()
    project.save()
    project.villages.set(previous.villages.all())
    project.needs.set(_carried_needs(plan, previous.needs.all()))
    if budgets is None:
        shift = plan.fiscal_year - previous.plan.fiscal_year
        budgets = {budget.fiscal_year + shift: budget.amount for budget in previous.budgets.all()}
    _save_budgets(project, budgets)
    return project


@transaction.atomic
def carry_over_decide(
    *,
    user,
    plan: TambonPlan,
    previous: Project,
    decision: str,
    reason: str = "",
    name: str | None = None,
    budgets: dict[int, Decimal | None] | None = None,
) -> CarryOver:
    """Review a project of the tambon's previous plan that is unfunded or unfinished, once for this plan: keep
    it (a new project of this plan, `carried_from` the old one), revise it (the same with the `name` and
    `budgets` given), or drop it with a reason. The old project is never changed."""
    require_change(user, plan)
    if decision not in CarryOverDecision.values:
        raise ValidationError({"decision": _("การพิจารณาไม่ถูกต้อง")})
    locked = Project.objects.select_for_update().select_related("plan").get(pk=previous.pk)
    done = CarryOver.objects.filter(plan=plan, previous=locked).first()
    if done is not None:
        raise ValidationError(
            _('โครงการ "%(name)s" พิจารณาแล้ว (%(decision)s) พิจารณาซ้ำไม่ได้')
            % {"name": locked.name, "decision": done.get_decision_display()}
        )
    if not may_carry_over(plan, locked):
        raise ValidationError(
            _('โครงการ "%(name)s" ไม่ใช่โครงการที่ยังไม่ได้รับงบประมาณหรือยังไม่เสร็จของแผนปีก่อนของตำบลนี้')
            % {"name": locked.name}
        )
    reason = reason.strip()
    if decision == CarryOverDecision.DROP and not reason:
        raise ValidationError(
            {
                "reason": _('กรุณาระบุเหตุผลที่ไม่ยกโครงการ "%(name)s" มาในแผนปี %(year)s')
                % {"name": locked.name, "year": plan.fiscal_year}
            }
        )
    if decision != CarryOverDecision.DROP:
        revised = decision == CarryOverDecision.REVISE
        _carry(plan, locked, name=name if revised else None, budgets=budgets if revised else None)
    review = CarryOver(plan=plan, previous=locked, decision=decision, reason=reason, decided_by=user)
    review.full_clean()
    review.save()
    return review


# ---------------------------------------------------------------- forwarding

OUTCOME_STEPS = {
    ForwardOutcome.PENDING: {ForwardOutcome.ACCEPTED, ForwardOutcome.REJECTED},
    ForwardOutcome.ACCEPTED: {ForwardOutcome.FUNDED, ForwardOutcome.NOT_DONE},
    ForwardOutcome.FUNDED: {ForwardOutcome.UNDER_WAY, ForwardOutcome.NOT_DONE},
    ForwardOutcome.UNDER_WAY: {ForwardOutcome.DONE, ForwardOutcome.NOT_DONE},
    ForwardOutcome.REJECTED: set(),
    ForwardOutcome.DONE: set(),
    ForwardOutcome.NOT_DONE: set(),
}
PROJECT_STATUS_FOR_OUTCOME = {
    ForwardOutcome.ACCEPTED: ProjectStatus.ACCEPTED,
    ForwardOutcome.FUNDED: ProjectStatus.FUNDED,
    ForwardOutcome.UNDER_WAY: ProjectStatus.UNDER_WAY,
    ForwardOutcome.DONE: ProjectStatus.DONE,
    ForwardOutcome.NOT_DONE: ProjectStatus.NOT_DONE,
}
# Outcomes by which a recipient took the project into its plan (everything after "accepted").
TAKEN_INTO_A_PLAN = frozenset(PROJECT_STATUS_FOR_OUTCOME)


def _project_status_after(forwarding: Forwarding, outcome: str) -> str | None:
    """The project's status once `forwarding` has `outcome`, or None to leave it as it is.

    Accepted onwards, the forwarding's outcome is the project's status. A refusal ("ไม่รับ") takes a project
    that says "บรรจุในแผนแล้ว" back to "เสนอ" (the status it had before it was forwarded; there is no "not
    accepted" status of a project) unless another forwarding of it was taken into a plan. Other statuses
    (under way, done by the community itself...) are not claims that a recipient took it, so they stay."""
    if outcome in PROJECT_STATUS_FOR_OUTCOME:
        return PROJECT_STATUS_FOR_OUTCOME[outcome]
    if outcome != ForwardOutcome.REJECTED or forwarding.project.status != ProjectStatus.ACCEPTED:
        return None
    taken_elsewhere = (
        Forwarding.objects.filter(project_id=forwarding.project_id, outcome__in=TAKEN_INTO_A_PLAN)
        .exclude(pk=forwarding.pk)
        .exists()
    )
    return None if taken_elsewhere else ProjectStatus.PROPOSED


def _registered_named(registered, name: str):
    """The registered local government a typed name means ("อบต.หัวเรือ", "องค์การบริหารส่วนตำบลหัวเรือ"),
    or None."""
    wanted = "".join(name.split())
    for body in registered:
        if wanted in ("".join(body.full_name.split()), "".join(body.short_name.split())):
            return body
    return None


@transaction.atomic
def forwarding_add(
    *,
    user,
    project: Project,
    sent_on,
    target_kind: str,
    target_name: str = "",
    letter_number: str = "",
    local_government=None,
    recipient_strategy: str = "",
    recipient_programme: str = "",
) -> Forwarding:
    """Send a project on: to a registered local government of its tambon (or the province's อบจ.), the
    district, the province, or an agency or partner named in `target_name`."""
    require_change(user, project)
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("วันที่ส่งต้องไม่เป็นวันในอนาคต")})
    tambon = project.plan.tambon
    if target_kind == TargetKind.LOCAL_GOVERNMENT:
        registered = localgov_selectors.for_tambon(tambon)
        if local_government is None:
            local_government = _registered_named(registered, target_name)
        if local_government is not None:
            if local_government not in registered:
                raise ValidationError(
                    {
                        "local_government": _("%(name)s ไม่ครอบคลุมตำบล%(tambon)s")
                        % {"name": local_government.full_name, "tambon": tambon.name_th}
                    }
                )
            target_name = local_government.full_name
        elif registered:
            raise ValidationError(
                {
                    "local_government": _("กรุณาเลือก อปท. ที่ส่งถึงจากทะเบียน อปท. ของตำบล%(tambon)s")
                    % {"tambon": tambon.name_th}
                }
            )
        elif not target_name.strip():
            # A tambon whose local governments are not registered yet: the name as typed.
            raise ValidationError({"target_name": _("กรุณาระบุชื่อ อปท. ที่ส่งถึง")})
    else:
        local_government = None
        if target_kind == TargetKind.DISTRICT and not target_name.strip():
            target_name = _("อำเภอ%(name)s") % {"name": tambon.district.name_th}
        elif target_kind == TargetKind.PROVINCE and not target_name.strip():
            target_name = _("จังหวัด%(name)s") % {"name": tambon.district.province.name_th}
        if not target_name.strip():
            raise ValidationError({"target_name": _("กรุณาระบุชื่อหน่วยงานหรือภาคีที่ส่งถึง")})
    forwarding = Forwarding(
        project=project,
        sent_on=sent_on,
        target_kind=target_kind,
        target_name=target_name.strip(),
        letter_number=letter_number.strip(),
        local_government=local_government,
        recipient_strategy=recipient_strategy.strip(),
        recipient_programme=recipient_programme.strip(),
    )
    forwarding.full_clean()
    forwarding.save()
    return forwarding


@transaction.atomic
def forwarding_record_outcome(
    *,
    user,
    forwarding: Forwarding,
    outcome: str,
    outcome_on=None,
    accepted_plan: str = "",
    accepted_year: int | None = None,
    reason: str = "",
) -> Forwarding:
    """What came back; only forward moves along pending → accepted → funded → under way → done, or pending →
    rejected; each sets the project's status (see `_project_status_after`)."""
    require_change(user, forwarding)
    locked = Forwarding.objects.select_for_update().select_related("project").get(pk=forwarding.pk)
    # The project too: its status is read and written below, and a concurrent edit must not be lost.
    locked.project = Project.objects.select_for_update().get(pk=locked.project_id)
    if outcome not in ForwardOutcome.values:
        raise ValidationError({"outcome": _("ผลการส่งต่อไม่ถูกต้อง")})
    if outcome not in OUTCOME_STEPS[locked.outcome]:
        raise ValidationError(
            _("เปลี่ยนผลจาก '%(old)s' เป็น '%(new)s' ไม่ได้")
            % {"old": ForwardOutcome(locked.outcome).label, "new": ForwardOutcome(outcome).label}
        )
    if outcome == ForwardOutcome.REJECTED and not reason.strip():
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่ไม่รับ")})
    if outcome == ForwardOutcome.ACCEPTED and (not accepted_plan.strip() or not accepted_year):
        raise ValidationError({"accepted_plan": _("กรุณาระบุแผนและปีที่บรรจุโครงการ")})
    locked.outcome = outcome
    locked.outcome_on = outcome_on or timezone.localdate()
    if outcome == ForwardOutcome.ACCEPTED:
        locked.accepted_plan, locked.accepted_year = accepted_plan.strip(), accepted_year
    if reason.strip():
        locked.reason = reason.strip()
    new_status = _project_status_after(locked, outcome)
    locked.save()
    if new_status is not None and new_status != locked.project.status:
        project = locked.project
        project.status = new_status
        project.version += 1
        project.save(update_fields=["status", "version"])
    return locked
