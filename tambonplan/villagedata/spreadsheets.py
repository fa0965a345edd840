"""The columns of the village-data import and its XLSX template (Thai headers, notes, drop-down lists)."""

from django.utils.translation import gettext as _

from tambonplan.areas.models import Village
from tambonplan.core.tabular import Column, build_xlsx_template
from tambonplan.thai.dates import current_fiscal_year
from tambonplan.villagedata.models import Indicator
from tambonplan.villagedata.scales import Kch2kLevel, Survey

VILLAGE_COLUMNS = (
    Column("village_code", ("village_code", "รหัสหมู่บ้าน")),
    Column("tambon_code", ("tambon_code", "รหัสตำบล")),
    Column("moo", ("moo", "village_no", "หมู่", "หมู่ที่")),
    Column("year", ("year", "ปี พ.ศ.", "ปีที่สำรวจ", "ปี"), required=True),
    Column("indicator", ("indicator_code", "indicator", "รหัสตัวชี้วัด"), required=True),
)
JPT_COLUMNS = (
    *VILLAGE_COLUMNS,
    Column(
        "households_passed",
        ("households_passed", "passed", "ผ่าน", "จำนวนครัวเรือนที่ผ่าน", "ครัวเรือนที่ผ่าน"),
        required=True,
    ),
    Column(
        "households_surveyed",
        ("households_surveyed", "surveyed", "สำรวจ", "จำนวนครัวเรือนที่สำรวจ", "ครัวเรือนที่สำรวจ"),
        required=True,
    ),
)
KCH2K_COLUMNS = (*VILLAGE_COLUMNS, Column("level", ("level", "คะแนน", "ระดับปัญหา", "ระดับ"), required=True))
COLUMNS = {Survey.JPT: JPT_COLUMNS, Survey.KCH2K: KCH2K_COLUMNS}
DIGIT_COLUMNS = {
    Survey.JPT: (
        "village_code",
        "tambon_code",
        "moo",
        "year",
        "indicator",
        "households_passed",
        "households_surveyed",
    ),
    Survey.KCH2K: ("village_code", "tambon_code", "moo", "year", "indicator", "level"),
}
SHEET_TITLES = {Survey.JPT: "ผล จปฐ.", Survey.KCH2K: "ผล กชช.2ค"}


def template_workbook(*, survey: str, villages: list[Village], year: int | None = None) -> bytes:
    """The import template of a survey: headers, an example row per indicator of the first village given
    (one of the user's), and notes listing the indicators of the set in use for the year."""
    year = year or current_fiscal_year() - 1
    indicators = [i for i in Indicator.objects.filter(survey=survey) if i.covers(year)]
    if not indicators:  # no set for that year: the most recent set
        latest = Indicator.objects.filter(survey=survey).order_by("-period").first()
        indicators = list(Indicator.objects.filter(survey=survey, period=latest.period)) if latest else []
    village = villages[0] if villages else None
    examples = []
    for indicator in indicators[:3] if village else []:
        if survey == Survey.JPT:
            examples.append([village.code, "", "", year, indicator.code, 95, 100])
        else:
            examples.append([village.code, "", "", year, indicator.code, 2])
    if village:
        # the same village written with its tambon code and หมู่ที่ instead of the village code
        examples.append(
            [
                "",
                village.tambon_id,
                village.moo,
                year,
                indicators[-1].code if indicators else "",
                *([100, 100] if survey == Survey.JPT else [3]),
            ]
        )
    survey_name = Survey(survey).label
    notes = [
        _("หนึ่งแถวต่อหนึ่งหมู่บ้าน หนึ่งตัวชี้วัด หนึ่งปี แถวแรกเป็นหัวตาราง ห้ามเปลี่ยนชื่อหัวตาราง"),
        _("หมู่บ้าน: ใส่รหัสหมู่บ้าน 8 หลัก หรือใส่รหัสตำบล 6 หลักกับหมู่ที่ หมู่บ้านต้องลงทะเบียนในระบบแล้ว"),
        _("ปี: ปี พ.ศ. ที่สำรวจ เช่น %(year)s") % {"year": year},
    ]
    if survey == Survey.JPT:
        notes.append(
            _(
                "ครัวเรือนที่ผ่าน / ครัวเรือนที่สำรวจ: จำนวนเต็ม ตัวชี้วัดไม่ผ่านเมื่อร้อยละของครัวเรือนที่ผ่านต่ำกว่า"
                "เป้าหมายของตัวชี้วัด (ค่าเริ่มต้นร้อยละ 100)"
            )
        )
    else:
        notes.append(_("ระดับ: 1 = ปัญหามาก (ไม่ผ่าน), 2 = ปัญหาปานกลาง (ควรเฝ้าระวัง), 3 = ปัญหาน้อย/ไม่มีปัญหา"))
    notes += [
        _("ใช้เลขไทยหรือเลขอารบิกก็ได้"),
        _(
            "ระบบตรวจทุกแถวก่อน หากมีแถวใดผิดจะไม่บันทึกเลยสักแถว นำเข้าไฟล์เดิมซ้ำได้: "
            "ผลของหมู่บ้าน ตัวชี้วัด และปีเดียวกันจะถูกปรับปรุง ไม่สร้างซ้ำ"
        ),
        _("รหัสตัวชี้วัด %(survey)s (รายการตัวชี้วัดเป็นข้อมูลที่แก้ไขได้ ยังไม่ได้ตรวจทานกับเอกสารของกรมการพัฒนาชุมชน):")
        % {"survey": survey_name},
        *(f"{i.code}  {i.name_th}  ({i.group_th}, {i.period})" for i in indicators),
    ]
    choices = {"indicator": [i.code for i in indicators]}
    if survey == Survey.KCH2K:
        choices["level"] = [str(level) for level in Kch2kLevel.values]
    return build_xlsx_template(
        COLUMNS[survey], sheet_title=SHEET_TITLES[survey], example_rows=examples, notes=notes, choices=choices
    )
