"""Spreadsheet exports of the committee overviews, built from the same rows the pages show."""

from django.utils.translation import gettext as _

from tambonplan.committees.currency import state_labels
from tambonplan.committees.selectors import CommitteeRow, Overview
from tambonplan.documents.xlsx import Sheet, build_xlsx


def _detail_sheet(rows: list[CommitteeRow]) -> Sheet:
    labels = state_labels()
    return Sheet(
        title=_("รายการคณะกรรมการ"),
        headers=[
            _("รหัสพื้นที่"),
            _("พื้นที่"),
            _("อำเภอ"),
            _("ประเภท"),
            _("สถานะ"),
            _("เลขที่คำสั่ง"),
            _("ลงวันที่"),
            _("เหตุผล"),
        ],
        rows=[
            [
                row.area_code,
                row.area_name,
                row.district.name_th if row.district else "",
                row.kind.short_name,
                labels[row.currency.state],
                row.order.number if row.order else "",
                row.order.signed_on if row.order else None,
                "; ".join(row.currency.reasons),
            ]
            for row in rows
        ],
        widths=[10, 28, 22, 10, 14, 14, 12, 80],
    )


def district_workbook(rows: list[CommitteeRow]) -> bytes:
    return build_xlsx([_detail_sheet(rows)])


def province_workbook(overview: Overview, rows: list[CommitteeRow]) -> bytes:
    labels = state_labels()
    headers = [_("รหัส"), _("อำเภอ")]
    for kind in overview.kinds:
        headers += [f"{kind.short_name} {labels[state]}" for state in ("current", "needs_review", "missing")]
    summary_rows = []
    for code, per_kind in sorted(overview.by_district.items()):
        line = [code, overview.districts[code].name_th]
        for kind in overview.kinds:
            counts = per_kind[kind.code]
            line += [counts.current, counts.needs_review, counts.missing]
        summary_rows.append(line)
    summary = Sheet(
        title=_("สรุปรายอำเภอ"), headers=headers, rows=summary_rows, widths=[8, 22] + [12] * (len(headers) - 2)
    )
    return build_xlsx([summary, _detail_sheet(rows)])
