"""Small builders for village plan tests: plans of a village or a community, items of each class, forums."""

from decimal import Decimal

from tambonplan.events.models import EventKind
from tambonplan.planning.models import NeedCategory, ProjectClass
from tambonplan.villageplans.models import Community, VillagePlan, VillagePlanItem
from tests.events import factories as ef
from tests.planning import factories as pf

HUA_RUEA = pf.HUA_RUEA
NONG_KHON = pf.NONG_KHON
WARIN_TAMBON = pf.WARIN_TAMBON


def category(name: str = "ด้านโครงสร้างพื้นฐาน") -> NeedCategory:
    return NeedCategory.objects.get(name_th=name)


def item_class(code: str) -> ProjectClass:
    return ProjectClass.objects.get(code=code)


def community(tambon: str = HUA_RUEA, name: str = "วัดใต้", number: int | None = 1) -> Community:
    return Community.objects.create(tambon_id=tambon, name_th=name, number=number)


def plan(tambon: str = HUA_RUEA, moo: int | None = 1, *, year: int | None = None, community=None, **fields):
    village = pf.village(tambon, moo) if community is None else None
    return VillagePlan.objects.create(
        tambon_id=tambon,
        fiscal_year=year or pf.fiscal_year(),
        village=village,
        community=community,
        **fields,
    )


def item(
    village_plan: VillagePlan,
    description: str = "ถนนเข้าหมู่บ้านชำรุด ต้องการถนนคอนกรีต",
    class_code: str = "support",
    **fields,
) -> VillagePlanItem:
    fields.setdefault("category", category())
    if class_code == "joint":
        fields.setdefault("partner_name", "โรงพยาบาลส่งเสริมสุขภาพตำบล")
    fields.setdefault("votes", 40)
    fields.setdefault("estimated_budget", Decimal("250000"))
    return VillagePlanItem.objects.create(
        plan=village_plan, description=description, item_class=item_class(class_code), **fields
    )


def forum(tambon: str = HUA_RUEA, moo: int | None = 1, **extra):
    """A village forum held yesterday in the village (the whole tambon when `moo` is None)."""
    from datetime import timedelta

    if moo is not None:
        pf.village(tambon, moo)
    area = tambon if moo is None else f"{tambon}{moo:02d}"
    extra.setdefault("starts_in", timedelta(days=-1))
    return ef.event(area, kind=EventKind.VILLAGE_FORUM, title="เวทีประชาคมหมู่บ้าน", **extra)
