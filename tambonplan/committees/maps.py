"""The order-currency map of a province's or a district's committee pages: each tambon coloured by the state
of its committee of the chosen kind (no order, needs review, current), from the rows the pages' tables
count (selectors.committee_rows)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from tambonplan.committees.currency import CURRENT, MISSING, NEEDS_REVIEW, state_labels
from tambonplan.committees.models import Level
from tambonplan.maps.choropleth import ChoroplethMap, category_scale, choropleth
from tambonplan.maps.pickers import chosen, picker

# Lightest for no order, darkest for current: the map reads "the darker, the better kept".
ORDER = (MISSING, NEEDS_REVIEW, CURRENT)


def tambon_kinds(rows) -> list:
    return sorted({row.kind for row in rows if row.kind.level == Level.TAMBON}, key=lambda k: k.sort_order)


def currency_map(request, rows, *, area_name: str) -> tuple[ChoroplethMap | None, list[dict]]:
    """The map for the kind asked for (`?kind=`, default the first tambon-level kind) and its picker."""
    kinds = tambon_kinds(rows)
    if not kinds:
        return None, []
    kind_code = chosen(request, "kind", [kind.code for kind in kinds], kinds[0].code)
    kind = next(kind for kind in kinds if kind.code == kind_code)
    labels = state_labels()
    chart = choropleth(
        key=f"committees-{kind.code}",
        level="tambons",
        title=_("สถานะคำสั่ง %(kind)s รายตำบล %(area)s") % {"kind": kind.display_short_name, "area": area_name},
        measure=_("สถานะคำสั่ง"),
        scale=category_scale(labels[state] for state in ORDER),
        rows=[row for row in rows if row.kind == kind],
        code=lambda row: row.area_code,
        name=lambda row: row.area_name,
        url=lambda row: reverse("committees:committee", args=[row.kind.code, row.area_code]),
        value=lambda row: ORDER.index(row.currency.state),
        shown=lambda row: labels[row.currency.state],
    )
    options = [(k.code, k.display_short_name) for k in kinds]
    return chart, [picker(request, "kind", _("เลือกคณะกรรมการ"), options, kind_code)]
