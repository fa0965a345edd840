"""The plan-progress maps of the overview pages (the Department's provinces, a province's districts, a
district's tambons), drawn from the rows the pages' tables show (selectors.*_progress): the same figures."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tambonplan.maps.choropleth import ChoroplethMap, category_scale, choropleth, percent_scale
from tambonplan.maps.pickers import chosen, picker
from tambonplan.thai.money import format_number

BANGKOK = "10"
PROGRESS, WORKSHOP = "progress", "workshop"
MEASURES = {
    PROGRESS: gettext_lazy("ความก้าวหน้าของแผน (ขั้นตอนที่เสร็จ)"),
    WORKSHOP: gettext_lazy("ตำบลที่จัดประชุมเชิงปฏิบัติการแล้ว"),
}

# level -> (the row's area attribute, the map level, the area page)
LEVELS = {
    "province": ("province", "provinces", "planning:province"),
    "district": ("district", "districts", "planning:district"),
    "tambon": ("tambon", "tambons", "planning:tambon"),
}


def measure_of(request) -> str:
    return chosen(request, "measure", MEASURES, PROGRESS)


def by_of(request) -> str:
    return chosen(request, "by", ("district", "tambon"), "district")


def pickers(request, measure: str, *, by: str = "") -> list[dict]:
    """The map's pickers: the measure, and on a province's page whether by district or by tambon."""
    found = [picker(request, "measure", _("เลือกตัวชี้วัดของแผนที่"), MEASURES.items(), measure)]
    if by:
        levels = (("district", _("รายอำเภอ")), ("tambon", _("รายตำบล")))
        found.append(picker(request, "by", _("แสดงแผนที่ตาม"), levels, by))
    return found


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def progress_map(rows, *, level: str, measure: str, area_name: str) -> ChoroplethMap:
    """A map of the rows (TambonProgress, DistrictProgress or ProvinceProgress): the share of the plans'
    steps done, or the tambons that held their workshop (yes/no per tambon, a share above)."""
    attribute, map_level, url_name = LEVELS[level]

    def area(row):
        return getattr(row, attribute)

    if measure == WORKSHOP and level == "tambon":
        scale = category_scale([_("ยังไม่จัด"), _("จัดแล้ว")])

        def value(row):
            return int(row.workshop_held)

        def shown(row):
            return _("จัดแล้ว") if row.workshop_held else _("ยังไม่จัด")

    elif measure == WORKSHOP:
        scale = percent_scale()

        def value(row):
            return _percent(row.workshops, row.tambons)

        def shown(row):
            return (
                f"{format_number(row.workshops)}/{format_number(row.tambons)} ({format_number(value(row))}%)"
            )

    else:
        scale = percent_scale()

        def value(row):
            return row.percent_done if (row.plan if level == "tambon" else row.plans) else None

        def shown(row):
            return f"{format_number(row.percent_done)}%"

    return choropleth(
        key=f"{level}-{measure}",
        level=map_level,
        title=f"{MEASURES[measure]} {area_name}",
        measure=str(MEASURES[measure]),
        scale=scale,
        rows=rows,
        code=lambda row: area(row).code,
        name=lambda row: area(row).display_name,
        url=lambda row: reverse(url_name, args=[area(row).code]),
        value=value,
        shown=shown,
        context_codes=[BANGKOK] if level == "province" else (),
        context_label=_("กรุงเทพมหานคร (นอกพื้นที่งานพัฒนาชุมชน)"),
    )
