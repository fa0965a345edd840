"""The maps of a circular: each addressed district coloured by where its report stands, from the rows of the
rates page (selectors.rates_of), so the map, the rates page and the consolidation agree; and, for the
consolidated report, the province's tambons by whether they held their workshop."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tambonplan.accounts.scope import PROVINCE, Scope
from tambonplan.maps.choropleth import ChoroplethMap, category_scale, choropleth
from tambonplan.planning.maps import WORKSHOP, progress_map
from tambonplan.planning.selectors import tambon_progress_in
from tambonplan.reports.models import ReportState

# Lightest for nothing done yet, darkest for a report the province accepted.
STATES = (
    gettext_lazy("ยังไม่รับทราบหนังสือ"),
    gettext_lazy("รับทราบแล้ว ยังไม่เริ่มรายงาน"),
    gettext_lazy("กำลังจัดทำ/ส่งกลับให้แก้ไข"),
    gettext_lazy("ส่งแล้ว ล่าช้า"),
    gettext_lazy("ส่งแล้ว ทันกำหนด รอตรวจ"),
    gettext_lazy("จังหวัดรับรายงานแล้ว"),
)


def reporting_state(row) -> int:
    """The index in STATES of a rates row (selectors.RateRow)."""
    if row.state == ReportState.ACCEPTED:
        return 5
    if row.state == ReportState.SUBMITTED:
        return 4 if row.on_time else 3
    if row.report is not None:
        return 2
    return 1 if row.acknowledged_at else 0


def reporting_map(rates, *, key: str = "reporting") -> ChoroplethMap:
    circular = rates.circular
    return choropleth(
        key=key,
        level="districts",
        title=_("สถานะการรายงานของอำเภอ ตามหนังสือที่ %(number)s") % {"number": circular.number},
        measure=_("สถานะการรายงาน"),
        scale=category_scale(str(label) for label in STATES),
        rows=rates.rows,
        code=lambda row: row.district.code,
        name=lambda row: row.district.display_name,
        url=lambda row: (
            reverse("reports:district", args=[circular.pk, row.district.code]) if circular.pk else ""
        ),
        value=reporting_state,
        shown=lambda row: str(STATES[reporting_state(row)]),
    )


def workshop_map(circular, rates) -> ChoroplethMap:
    """The tambons of the circular's districts (the rows of its rates) by whether they held their tambon-plan
    workshop in the circular's fiscal year (the planning pages' rows, read for the whole province)."""
    rows = tambon_progress_in(
        Scope(PROVINCE, circular.province_id),
        fiscal_year=circular.fiscal_year,
        district_codes=[row.district.code for row in rates.rows],
    )
    return progress_map(rows, level="tambon", measure=WORKSHOP, area_name=circular.province.display_name)
