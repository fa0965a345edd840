"""The open-data page's map: the chosen dataset's areas (the nation's provinces, or a province's districts)
coloured by a share read from the dataset's own columns, so the map shows what the files hold."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tambonplan.maps.choropleth import ChoroplethMap, choropleth, percent_scale
from tambonplan.maps.pickers import chosen, picker
from tambonplan.opendata.selectors import PROVINCES
from tambonplan.thai.money import format_number

BANGKOK = "10"


def _share(part: str, whole: str):
    def value(record):
        return round(100 * record[part] / record[whole]) if record[whole] else None

    return value


def _steps_done(record):
    return record["steps_done_percent"] if record["steps_total"] else None


def _secured(record):
    return record["budget_secured_percent"]


# key -> (label, the share of a record in percent, or None)
MEASURES = {
    "steps": (gettext_lazy("ขั้นตอนของแผนที่เสร็จ"), _steps_done),
    "approved": (
        gettext_lazy("ตำบลที่ ก.บ.ต. เห็นชอบแผนภายในกำหนด"),
        _share("plans_approved_on_time", "tambons"),
    ),
    "workshops": (gettext_lazy("ตำบลที่จัดประชุมเชิงปฏิบัติการแล้ว"), _share("workshop_tambons", "tambons")),
    "secured": (gettext_lazy("งบประมาณที่ได้รับเทียบกับความต้องการ"), _secured),
}


def dataset_map(request, dataset) -> tuple[ChoroplethMap, list[dict]]:
    """The map of the measure asked for (`?map=`) and its picker."""
    key = chosen(request, "map", MEASURES, "steps")
    label, value = MEASURES[key]
    area = "province" if dataset.name == PROVINCES else "district"
    chart = choropleth(
        key=f"opendata-{key}",
        level=f"{area}s",
        title=_("%(measure)s (%(dataset)s ปีงบประมาณ %(year)s)")
        % {"measure": label, "dataset": dataset.title, "year": format_number(dataset.fiscal_year)},
        measure=_("ร้อยละ"),
        scale=percent_scale(),
        rows=dataset.records(),
        code=lambda record: record[f"{area}_code"],
        name=lambda record: record[f"{area}_name"],
        url=lambda record: "",
        value=value,
        shown=lambda record: f"{format_number(value(record))}%",
        context_codes=[BANGKOK] if dataset.name == PROVINCES and dataset.province is None else (),
        context_label=_("กรุงเทพมหานคร (นอกพื้นที่งานพัฒนาชุมชน)"),
    )
    options = [(k, label) for k, (label, _value) in MEASURES.items()]
    return chart, [picker(request, "map", _("เลือกตัวชี้วัดของแผนที่"), options, key)]
