"""The Community Development Department's village data: the indicator catalogue of จปฐ. and กชช.2ค and the
results of the villages in the caller's scope per survey year.

Read-only: results come in through the import (the page and ``import_village_data``), all-or-nothing."""

from decimal import Decimal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tambonplan.api.filters import YEAR_MAX, YEAR_MIN, AreaFilter
from tambonplan.api.pagination import Pages
from tambonplan.villagedata import selectors
from tambonplan.villagedata.models import PERIOD_PATTERN
from tambonplan.villagedata.scales import Kch2kLevel, Survey

router = Router(tags=["ข้อมูลหมู่บ้าน (จปฐ./กชช.2ค)"])


class IndicatorOut(Schema):
    id: int
    survey: Survey
    survey_label: str = Field(alias="get_survey_display")
    period: str = Field(description="ช่วงปี พ.ศ. ที่ใช้ชุดตัวชี้วัดนี้ เช่น 2566-2570")
    code: str
    name_th: str
    name_en: str
    group: str = Field(alias="group_th", description="หมวด/ด้าน")
    criterion: str = Field(alias="threshold_th", description="เกณฑ์")
    target_percent: Decimal = Field(description="จปฐ.: ไม่ผ่านเมื่อร้อยละของครัวเรือนที่ผ่านต่ำกว่าค่านี้")
    sort_order: int


class IndicatorFilter(Schema):
    survey: Survey | None = None
    period: str | None = Field(None, pattern=PERIOD_PATTERN, description="ช่วงปี พ.ศ. เช่น 2566-2570")


@router.get(
    "/indicators",
    response=list[IndicatorOut],
    url_name="indicators",
    summary="ตัวชี้วัดหมู่บ้าน (จปฐ. และ กชช.2ค)",
    description="ชุดเดียวกันทั้งประเทศ ผู้ดูแลระบบแก้ไขได้ ยังไม่ได้ตรวจทานกับเอกสารของกรมการพัฒนาชุมชน",
)
@paginate(Pages)
def indicators(request, filters: Query[IndicatorFilter]):
    return selectors.indicators_list(request.user, survey=filters.survey, period=filters.period)


class IndicatorResultOut(Schema):
    id: int
    village_code: str = Field(alias="village.code")
    tambon_code: str = Field(alias="village.tambon_id")
    moo: int = Field(alias="village.moo")
    year: int = Field(description="ปีที่สำรวจ (พ.ศ.)")
    indicator_id: int
    survey: Survey = Field(alias="indicator.survey")
    indicator_code: str = Field(alias="indicator.code")
    indicator_name: str = Field(alias="indicator.name_th")
    households_passed: int | None = Field(description="จปฐ.: ครัวเรือนที่ผ่าน")
    households_surveyed: int | None = Field(description="จปฐ.: ครัวเรือนที่สำรวจ")
    percent: Decimal | None = Field(description="จปฐ.: ร้อยละของครัวเรือนที่ผ่าน")
    level: Kch2kLevel | None = Field(description="กชช.2ค: 1 ปัญหามาก 2 ปัญหาปานกลาง 3 ปัญหาน้อย/ไม่มีปัญหา")
    passed: bool = Field(description="ผ่านเกณฑ์ (จปฐ.: ร้อยละไม่ต่ำกว่าเป้าหมาย; กชช.2ค: ระดับ 2 หรือ 3)")
    is_warning: bool = Field(description="กชช.2ค ระดับ 2: ผ่านแต่ควรพิจารณา")
    suggested_severity: int | None = Field(
        description="ความรุนแรงของปัญหา (1–5) ที่เสนอให้ปัญหา/ความต้องการ: กชช.2ค ระดับ 1 → 5, ระดับ 2 → 3"
    )


class ResultFilter(AreaFilter):
    village: str | None = Field(None, pattern=r"^[0-9]{8}$", description="รหัสหมู่บ้าน 8 หลัก")
    year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX, description="ปีที่สำรวจ (พ.ศ.)")
    survey: Survey | None = None
    indicator: int | None = Field(None, ge=1, description="รหัสตัวชี้วัด (id)")
    passed: bool | None = Field(None, description="false: เฉพาะผลที่ไม่ผ่านเกณฑ์")


@router.get(
    "/indicator-results",
    response=list[IndicatorResultOut],
    url_name="indicator_results",
    summary="ผลตัวชี้วัดของหมู่บ้าน",
)
@paginate(Pages)
def indicator_results(request, filters: Query[ResultFilter]):
    return selectors.results_list(
        request.user,
        area=filters.area,
        village=filters.village,
        year=filters.year,
        survey=filters.survey,
        indicator_id=filters.indicator,
        passed=filters.passed,
    )


@router.get(
    "/indicator-results/{result_id}",
    response=IndicatorResultOut,
    url_name="indicator_result",
    summary="ผลตัวชี้วัดของหมู่บ้านหนึ่งรายการ",
)
def indicator_result(request, result_id: int):
    return selectors.result_for(request.user, result_id)
