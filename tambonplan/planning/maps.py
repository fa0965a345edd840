"""The plan-progress maps of the overview pages (the Department's provinces, a province's districts or
tambons, a district's tambons), drawn from the rows the pages' tables show (selectors.*_progress): the same
figures."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tambonplan.maps.choropleth import (
    ChoroplethMap,
    Scale,
    category_scale,
    choropleth,
    percent_scale,
    quantile_scale,
)
from tambonplan.maps.pickers import chosen, picker
from tambonplan.thai.money import format_number

BANGKOK = "10"
PROGRESS, WORKSHOP, DENSITY = "progress", "workshop", "density"
LABELS = {
    PROGRESS: gettext_lazy("ความก้าวหน้าของแผน (ขั้นตอนที่เสร็จ)"),
    WORKSHOP: gettext_lazy("ตำบลที่จัดประชุมเชิงปฏิบัติการแล้ว"),
    DENSITY: gettext_lazy("โครงการต่อ 1,000 ครัวเรือน"),
}
TAMBON_ONLY = {DENSITY}  # households are known per tambon plan only

# level -> (the row's area attribute, the map level, the area page)
LEVELS = {
    "province": ("province", "provinces", "planning:province"),
    "district": ("district", "districts", "planning:district"),
    "tambon": ("tambon", "tambons", "planning:tambon"),
}


@dataclass(frozen=True)
class Measure:
    scale: Callable[[list], Scale]  # from the rows' values (a quantile scale needs them)
    value: Callable[[object], object]  # None: no figure (hatched)
    shown: Callable[[object], str]


def _has_plan(row) -> bool:
    return row.plan is not None if hasattr(row, "plan") else bool(row.plans)


def _workshop_share(row) -> int | None:
    return round(100 * row.workshops / row.tambons) if row.tambons else None


def _density(row) -> Decimal | None:
    if row.plan is None or not row.plan.households:
        return None
    return (Decimal(1000 * row.projects) / row.plan.households).quantize(Decimal("0.1"))


def _measure(key: str, level: str) -> Measure:
    if key == WORKSHOP and level == "tambon":
        held, not_held = _("จัดแล้ว"), _("ยังไม่จัด")
        return Measure(
            lambda values: category_scale([not_held, held]),
            lambda row: int(row.workshop_held),
            lambda row: held if row.workshop_held else not_held,
        )
    if key == WORKSHOP:
        return Measure(
            lambda values: percent_scale(),
            _workshop_share,
            lambda row: (
                f"{format_number(row.workshops)}/{format_number(row.tambons)} "
                f"({format_number(_workshop_share(row))}%)"
            ),
        )
    if key == DENSITY:
        return Measure(
            quantile_scale,
            _density,
            lambda row: (
                _("%(density)s (%(projects)s โครงการ %(households)s ครัวเรือน)")
                % {
                    "density": format_number(_density(row)),
                    "projects": format_number(row.projects),
                    "households": format_number(row.plan.households),
                }
            ),
        )
    return Measure(
        lambda values: percent_scale(),
        lambda row: row.percent_done if _has_plan(row) else None,
        lambda row: f"{format_number(row.percent_done)}%",
    )


def measures_for(level: str) -> list[str]:
    return [key for key in LABELS if level == "tambon" or key not in TAMBON_ONLY]


def measure_of(request, level: str) -> str:
    return chosen(request, "measure", measures_for(level), PROGRESS)


def by_of(request) -> str:
    return chosen(request, "by", ("district", "tambon"), "district")


def pickers(request, measure: str, level: str, *, by: str = "") -> list[dict]:
    """The map's pickers: the measure (those the level has), and on a province's page whether by district
    or by tambon."""
    options = [(key, LABELS[key]) for key in measures_for(level)]
    found = [picker(request, "measure", _("เลือกตัวชี้วัดของแผนที่"), options, measure)]
    if by:
        levels = (("district", _("รายอำเภอ")), ("tambon", _("รายตำบล")))
        found.append(picker(request, "by", _("แสดงแผนที่ตาม"), levels, by))
    return found


def progress_map(rows, *, level: str, measure: str, area_name: str) -> ChoroplethMap:
    """A map of the rows (TambonProgress, DistrictProgress or ProvinceProgress) by the measure."""
    attribute, map_level, url_name = LEVELS[level]
    rule = _measure(measure, level)
    rows = list(rows)

    def area(row):
        return getattr(row, attribute)

    return choropleth(
        key=f"{level}-{measure}",
        level=map_level,
        title=f"{LABELS[measure]} {area_name}",
        measure=str(LABELS[measure]),
        scale=rule.scale([rule.value(row) for row in rows]),
        rows=rows,
        code=lambda row: area(row).code,
        name=lambda row: area(row).display_name,
        url=lambda row: reverse(url_name, args=[area(row).code]),
        value=rule.value,
        shown=rule.shown,
        context_codes=[BANGKOK] if level == "province" else (),
        context_label=_("กรุงเทพมหานคร (นอกพื้นที่งานพัฒนาชุมชน)"),
    )
