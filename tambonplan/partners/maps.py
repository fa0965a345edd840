"""The budget map of the integration pages: each district (a province's page) or tambon (a district's page)
coloured by the share of its projects' need secured in the window, from the page's own rows
(integration.Integration.rows)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from tambonplan.maps.choropleth import ChoroplethMap, choropleth, percent_scale
from tambonplan.thai.money import format_baht, format_number

# page level -> (the rows' map level, the row's integration page)
LEVELS = {
    "province": ("districts", "partners:integration_district"),
    "district": ("tambons", "partners:integration_tambon"),
}


def _shown(row) -> str:
    totals = row.totals
    return _("%(percent)s%% (ได้รับ %(secured)s จากที่ต้องการ %(need)s บาท)") % {
        "percent": format_number(totals.secured_percent),
        "secured": format_baht(totals.secured_up_to_need),
        "need": format_baht(totals.need),
    }


def secured_map(data) -> ChoroplethMap | None:
    """None on a tambon's page (no rows to map)."""
    if data.level not in LEVELS:
        return None
    map_level, url_name = LEVELS[data.level]
    return choropleth(
        key="integration-secured",
        level=map_level,
        title=_("ร้อยละของงบประมาณที่ได้รับเทียบกับความต้องการ %(area)s") % {"area": data.area.display_name},
        measure=_("ได้รับแล้ว (ร้อยละของความต้องการ)"),
        scale=percent_scale(),
        rows=data.rows,
        code=lambda row: row.code,
        name=lambda row: row.name,
        url=lambda row: reverse(url_name, args=[row.code]),
        value=lambda row: row.totals.secured_percent,
        shown=_shown,
    )
