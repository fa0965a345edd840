"""Query parameters shared by the API's lists."""

from ninja import Field, Schema

AREA_PATTERN = r"^[0-9]{2}([0-9]{2}){0,2}$"
AREA_CODE_PATTERN = r"^[0-9]{2}([0-9]{2}){0,3}$"  # a village too (8 digits)
# Text sent to the API: no NUL characters (PostgreSQL refuses them; the pages' form fields refuse them too).
NO_NUL = r"^[^\x00]*$"
YEAR_MIN, YEAR_MAX = 2500, 2700


def area_field():
    return Field(
        None,
        pattern=AREA_PATTERN,
        description="รหัสพื้นที่ (กรมการปกครอง): จังหวัด 2 หลัก อำเภอ 4 หลัก หรือตำบล 6 หลัก",
    )


def fiscal_year_field():
    return Field(None, ge=YEAR_MIN, le=YEAR_MAX, description="ปีงบประมาณ (พ.ศ.)")


class AreaFilter(Schema):
    area: str | None = area_field()


class AreaYearFilter(Schema):
    area: str | None = area_field()
    fiscal_year: int | None = fiscal_year_field()
