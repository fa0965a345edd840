"""Every write to village and community plans: the communities of a tambon, a village's plan for a year with
its forum and the village committee's approval, the plan's items, and pulling the items beyond the village
into the tambon plan.

A pulled item's need is written only through planning's own services (`plan_open`, `need_save`,
`need_delete`), in the same transaction as the item, so the tambon plan validates and records it as it does
any need; the item keeps the link (`VillagePlanItem.need`), never a second copy.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import require_change, require_view
from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.core.uploads import checked_upload
from tambonplan.events.models import EventKind
from tambonplan.planning import services as planning_services
from tambonplan.planning.models import Need, NeedSource
from tambonplan.thai.dates import BANGKOK
from tambonplan.villageplans.models import Community, VillagePlan, VillagePlanItem

# The class of items the village carries out itself: they stay in the village plan.
COMMUNITY_CLASS = "community"
ITEM_FIELDS = (
    "description",
    "category",
    "item_class",
    "partner_name",
    "estimated_budget",
    "priority",
    "votes",
)
# The item's fields its need in the tambon plan carries (kept in step through planning's need service).
NEED_FIELDS = ("description", "category", "votes")
MAX_BUDGET = 10**12  # DecimalField(max_digits=14, decimal_places=2)
MAX_PRIORITY = 32767
MAX_VOTES = 2_147_483_647


def is_eligible(item: VillagePlanItem) -> bool:
    """Whether the item goes beyond the village (ทำร่วม / ขอรับการสนับสนุน) and so belongs in the tambon plan."""
    return item.item_class.code != COMMUNITY_CLASS


def place_name(plan: VillagePlan) -> str:
    """'หมู่ที่ 3' or 'ชุมชนวัดใต้': how messages name the plan's village or community."""
    if plan.village_id:
        return _("หมู่ที่ %(moo)s") % {"moo": plan.village.moo}
    return str(plan.community)


def _tidy(text: str | None) -> str:
    return " ".join((text or "").split())


def _locked(model, obj, version: int | None):
    """The row locked for the rest of the transaction; ConcurrentEditError when it changed since `version`."""
    locked = model.objects.select_for_update().get(pk=obj.pk)
    if version is None or locked.version != version:
        raise ConcurrentEditError
    return locked


# ---------------------------------------------------------------------------------------------- communities


@transaction.atomic
def community_save(
    *, user, tambon, community: Community | None = None, name_th: str, number: int | None = None,
    is_active: bool = True,
) -> Community:  # fmt: skip
    """Register a municipal community (ชุมชน) of the tambon, or change one: used where plans are made by
    community instead of by หมู่บ้าน."""
    require_change(user, tambon)
    if community is not None and community.tambon_id != tambon.code:
        raise ValidationError(_("ชุมชนนี้ไม่ได้อยู่ในตำบล%(tambon)s") % {"tambon": tambon.display_name})
    name = _tidy(name_th)
    if name.startswith("ชุมชน") and len(name) > len("ชุมชน"):
        name = name.removeprefix("ชุมชน").strip()  # stored without the word; shown as "ชุมชน<name>"
    if not name:
        raise ValidationError({"name_th": _("กรุณาระบุชื่อชุมชน")})
    if number is not None and not 1 <= number <= MAX_PRIORITY:
        raise ValidationError({"number": _("ลำดับชุมชนต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป")})
    same_name = Community.objects.filter(tambon_id=tambon.code, name_th=name)
    if community is not None:
        same_name = same_name.exclude(pk=community.pk)
    if same_name.exists():
        raise ValidationError(
            {
                "name_th": _("ตำบล%(tambon)s มีชุมชน%(name)s อยู่แล้ว")
                % {"tambon": tambon.display_name, "name": name}
            }
        )
    community = community or Community(tambon_id=tambon.code)
    community.name_th, community.number, community.is_active = name, number, is_active
    community.full_clean()
    community.save()
    return community


# ---------------------------------------------------------------------------------------------- plans


def _check_forum(plan: VillagePlan, forum, user) -> None:
    """The forum must be a village forum (เวทีประชาคมหมู่บ้าน) of the plan's tambon and fiscal year, and, when it
    was held for one village, for the plan's village."""
    if forum is None:
        return
    require_view(user, forum)
    if forum.kind != EventKind.VILLAGE_FORUM:
        raise ValidationError({"forum": _("กิจกรรม '%(title)s' ไม่ใช่เวทีประชาคมหมู่บ้าน") % {"title": forum.title}})
    if forum.tambon_id != plan.tambon_id:
        raise ValidationError(
            {"forum": _("เวทีประชาคม '%(title)s' ไม่ได้จัดในตำบลของแผนนี้") % {"title": forum.title}}
        )
    if forum.fiscal_year != plan.fiscal_year:
        raise ValidationError(
            {
                "forum": _("เวทีประชาคม '%(title)s' เป็นของปีงบประมาณ %(forum_year)s ไม่ใช่ปี %(year)s ของแผน")
                % {"title": forum.title, "forum_year": forum.fiscal_year, "year": plan.fiscal_year}
            }
        )
    if forum.village_id and forum.village_id != plan.village_id:
        raise ValidationError(
            {
                "forum": _("เวทีประชาคม '%(title)s' จัดสำหรับหมู่ที่ %(moo)s ไม่ใช่%(place)s")
                % {"title": forum.title, "moo": forum.village.moo, "place": place_name(plan)}
            }
        )


def forum_day(plan: VillagePlan) -> date | None:
    """The day (Bangkok) the plan's forum began."""
    if plan.forum_id is None:
        return None
    return timezone.localtime(plan.forum.starts_at, BANGKOK).date()


@transaction.atomic
def plan_create(
    *, user, tambon, fiscal_year: int, village=None, community: Community | None = None, forum=None
) -> VillagePlan:
    """A village's (or a municipal community's) plan for the fiscal year: one each per year."""
    require_change(user, tambon)
    if (village is None) == (community is None):
        raise ValidationError({"place": _("กรุณาเลือกหมู่บ้านหรือชุมชนอย่างใดอย่างหนึ่ง")})
    if village is not None and village.tambon_id != tambon.code:
        raise ValidationError({"place": _("หมู่บ้านต้องอยู่ในตำบล%(tambon)s") % {"tambon": tambon.display_name}})
    if community is not None and (community.tambon_id != tambon.code or not community.is_active):
        raise ValidationError(
            {"place": _("ชุมชนต้องเป็นชุมชนที่ยังมีอยู่ของตำบล%(tambon)s") % {"tambon": tambon.display_name}}
        )
    plan = VillagePlan(
        tambon_id=tambon.code, fiscal_year=fiscal_year, village=village, community=community, created_by=user
    )
    existing = VillagePlan.objects.filter(fiscal_year=fiscal_year)
    existing = (
        existing.filter(village=village) if village is not None else existing.filter(community=community)
    )
    if existing.exists():
        raise ValidationError(
            {
                "place": _("%(place)s มีแผนของปีงบประมาณ %(year)s อยู่แล้ว")
                % {"place": place_name(plan), "year": fiscal_year}
            }
        )
    _check_forum(plan, forum, user)
    plan.forum = forum
    plan.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:  # made at the same moment by someone else
        raise ValidationError(
            {
                "place": _("%(place)s มีแผนของปีงบประมาณ %(year)s อยู่แล้ว")
                % {"place": place_name(plan), "year": fiscal_year}
            }
        ) from None
    return plan


@transaction.atomic
def plan_update(
    *,
    user,
    plan: VillagePlan,
    version: int,
    forum=None,
    approved_on: date | None = None,
    approval_note: str = "",
    minutes=None,
    remove_minutes: bool = False,
) -> VillagePlan:
    """The plan's forum and the village committee's approval (date, resolution, minutes as PDF or image):
    approved on a day neither in the future nor before the forum."""
    require_change(user, plan)
    locked = _locked(VillagePlan, plan, version)
    _check_forum(locked, forum, user)
    locked.forum = forum
    if approved_on is not None:
        if approved_on > timezone.localdate():
            raise ValidationError({"approved_on": _("วันที่คณะกรรมการหมู่บ้านให้ความเห็นชอบต้องไม่เป็นวันในอนาคต")})
        held = forum_day(locked)
        if held is not None and approved_on < held:
            raise ValidationError({"approved_on": _("วันที่คณะกรรมการหมู่บ้านให้ความเห็นชอบต้องไม่ก่อนวันจัดเวทีประชาคม")})
    locked.approved_on = approved_on
    locked.approval_note = _tidy(approval_note)
    old_file = locked.minutes if locked.minutes and (minutes is not None or remove_minutes) else None
    if minutes is not None:
        locked.minutes = checked_upload(minutes)
    elif remove_minutes:
        locked.minutes = ""
    locked.version += 1
    locked.full_clean(validate_constraints=False)
    locked.save()
    if old_file:
        name, storage = old_file.name, old_file.storage
        transaction.on_commit(lambda: storage.delete(name))
    return locked


@transaction.atomic
def plan_delete(*, user, plan: VillagePlan) -> None:
    """Delete a plan made by mistake with its items; refused while any of its items is in the tambon plan."""
    require_change(user, plan)
    pulled = plan.items.filter(need__isnull=False).count()
    if pulled:
        raise ValidationError(
            _("แผนนี้มีรายการที่ส่งเข้าแผนพัฒนาตำบลแล้ว %(n)s รายการ ลบแผนไม่ได้ (ลบรายการเหล่านั้นก่อน)") % {"n": pulled}
        )
    minutes = plan.minutes.name if plan.minutes else ""
    storage = plan.minutes.storage
    plan.delete()
    if minutes:
        transaction.on_commit(lambda: storage.delete(minutes))


# ---------------------------------------------------------------------------------------------- items


def clean_item_fields(fields: dict) -> dict:
    """The item's fields tidied and checked (the import uses the same rule); ValidationError in Thai."""
    fields = dict(fields)
    errors = {}
    if "description" in fields:
        fields["description"] = _tidy(fields["description"])
        if not fields["description"]:
            errors["description"] = _("กรุณาระบุปัญหา/ความต้องการ/โครงการ")
        elif len(fields["description"]) > 500:
            errors["description"] = _("ปัญหา/ความต้องการ/โครงการยาวเกิน 500 ตัวอักษร")
    if "partner_name" in fields:
        fields["partner_name"] = _tidy(fields["partner_name"])
        if len(fields["partner_name"]) > 200:
            errors["partner_name"] = _("ชื่อผู้ดำเนินการร่วม/ผู้ให้การสนับสนุนยาวเกิน 200 ตัวอักษร")
    item_class = fields.get("item_class")
    if item_class is not None and item_class.code == "joint" and not fields.get("partner_name"):
        errors["partner_name"] = _("รายการที่ดำเนินการร่วมต้องระบุว่าดำเนินการร่วมกับใคร")
    budget = fields.get("estimated_budget")
    if budget is not None and not 0 <= budget < MAX_BUDGET:
        errors["estimated_budget"] = _("งบประมาณต้องไม่ติดลบและไม่เกิน 999,999,999,999.99 บาท")
    priority = fields.get("priority")
    if priority is not None and not 1 <= priority <= MAX_PRIORITY:
        errors["priority"] = _("ลำดับความสำคัญต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป")
    votes = fields.get("votes")
    if votes is not None and not 0 <= votes <= MAX_VOTES:
        errors["votes"] = _("คะแนนเสียงต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป")
    if "votes" in fields and votes is None:
        fields["votes"] = 0
    if errors:
        raise ValidationError(errors)
    return fields


def _refuse_community_class_if_pulled(item: VillagePlanItem, item_class) -> None:
    if item.need_id and item_class is not None and item_class.code == COMMUNITY_CLASS:
        raise ValidationError(
            {
                "item_class": _("รายการนี้ส่งเข้าแผนพัฒนาตำบลแล้ว เปลี่ยนเป็น '%(name)s' ไม่ได้")
                % {"name": item_class.display_name}
            }
        )


def sync_need(*, user, item: VillagePlanItem) -> Need | None:
    """A pulled item's need given the item's description, category and votes, through planning's need service
    (its checks and its history), when any of them differs."""
    if item.need_id is None:
        return None
    need = Need.objects.select_for_update(of=("self",)).select_related("plan").get(pk=item.need_id)
    wanted = {name: getattr(item, name) for name in NEED_FIELDS}
    if all(getattr(need, name) == value for name, value in wanted.items()):
        return need
    return planning_services.need_save(user=user, plan=need.plan, need=need, **wanted)


@transaction.atomic
def item_save(
    *, user, plan: VillagePlan, item: VillagePlanItem | None = None, version: int | None = None, **fields
) -> VillagePlanItem:
    """Add an item to the plan or change one (refused when someone changed it since `version` was read). A
    pulled item's description, category and votes are its need's too: changed together, in one transaction."""
    require_change(user, plan)
    fields = clean_item_fields({name: fields[name] for name in ITEM_FIELDS if name in fields})
    if item is None:
        item = VillagePlanItem(plan=plan)
    else:
        if item.plan_id != plan.pk:
            raise ValidationError(_("รายการนี้ไม่ได้อยู่ในแผนนี้"))
        item = _locked(VillagePlanItem, item, version)
        item.version += 1
    _refuse_community_class_if_pulled(item, fields.get("item_class"))
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean(validate_constraints=False)
    item.save()
    sync_need(user=user, item=item)
    return item


@transaction.atomic
def item_delete(*, user, item: VillagePlanItem) -> None:
    """Delete an item; a pulled item takes its need out of the tambon plan with it, and is refused while a
    project of the tambon plan answers that need."""
    require_change(user, item)
    item = VillagePlanItem.objects.select_for_update(of=("self",)).select_related("need").get(pk=item.pk)
    need = item.need
    if need is not None:
        projects = list(need.projects.order_by("name").values_list("name", flat=True)[:3])
        if projects:
            raise ValidationError(
                _("รายการนี้อยู่ในแผนพัฒนาตำบลแล้ว และมีโครงการที่ตอบปัญหานี้ (%(projects)s) ลบไม่ได้")
                % {"projects": ", ".join(projects)}
            )
    item.delete()
    if need is not None:
        planning_services.need_delete(user=user, need=need)


# ------------------------------------------------------------------------------------ into the tambon plan


def _pull(user, item: VillagePlanItem, tambon_plan) -> Need:
    plan = item.plan
    need = planning_services.need_save(
        user=user,
        plan=tambon_plan,
        village=plan.village if plan.village_id else None,
        category=item.category,
        description=item.description,
        votes=item.votes,
        source=NeedSource.VILLAGE_PLAN,
    )
    item.need = need
    item.version += 1
    item.save(update_fields=["need", "version"])
    return need


def _refuse_pull(item: VillagePlanItem) -> None:
    if item.need_id:
        raise ValidationError(
            _("รายการ '%(item)s' ส่งเข้าแผนพัฒนาตำบลแล้ว ส่งซ้ำไม่ได้") % {"item": item.description}
        )
    if not is_eligible(item):
        raise ValidationError(
            _("รายการ '%(item)s' เป็นรายการที่%(place)sดำเนินการเอง อยู่ในแผนพัฒนาหมู่บ้าน ไม่ส่งเข้าแผนพัฒนาตำบล")
            % {"item": item.description, "place": place_name(item.plan)}
        )


@transaction.atomic
def pull_into_tambon_plan(user, item: VillagePlanItem) -> Need:
    """The item (ทำร่วม / ขอรับการสนับสนุน) becomes a need of the tambon plan of the same tambon and year (the
    plan opened if it is not yet), in the item's village, with its category, description and votes, from
    the village plan; the item keeps the link. Refused for an item the village does itself or one already
    pulled."""
    require_change(user, item)
    locked = (
        VillagePlanItem.objects.select_for_update(of=("self",))
        .select_related("plan__tambon", "plan__village", "plan__community", "item_class", "category")
        .get(pk=item.pk)
    )
    _refuse_pull(locked)
    tambon_plan = planning_services.plan_open(
        user=user, tambon=locked.plan.tambon, fiscal_year=locked.plan.fiscal_year
    )
    return _pull(user, locked, tambon_plan)


def eligible_items(*, tambon, fiscal_year: int, plan: VillagePlan | None = None):
    """The items of the tambon's village plans of the year that belong in the tambon plan and are not there
    yet, in the order of the villages and the items."""
    items = (
        VillagePlanItem.objects.filter(plan__tambon_id=tambon.code, plan__fiscal_year=fiscal_year, need=None)
        .exclude(item_class__code=COMMUNITY_CLASS)
        .select_related("plan__tambon", "plan__village", "plan__community", "item_class", "category")
        .order_by("plan__village__moo", "plan__community__number", "plan__community__name_th", "plan_id")
    )
    return items.filter(plan=plan) if plan is not None else items


@transaction.atomic
def pull_all(user, *, tambon, fiscal_year: int, plan: VillagePlan | None = None) -> int:
    """Every eligible item not yet pulled, of the tambon's village plans of the year (or of one plan), into
    the tambon plan at once; how many were pulled."""
    require_change(user, plan if plan is not None else tambon)
    items = list(
        eligible_items(tambon=tambon, fiscal_year=fiscal_year, plan=plan).select_for_update(of=("self",))
    )
    if not items:
        return 0
    tambon_plan = planning_services.plan_open(user=user, tambon=tambon, fiscal_year=fiscal_year)
    for item in items:
        _pull(user, item, tambon_plan)
    return len(items)
