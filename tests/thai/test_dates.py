from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from tambonplan.thai.dates import (
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    be_date_long,
    be_date_short,
    be_datetime,
    current_fiscal_year,
    fiscal_year_end,
    fiscal_year_label,
    fiscal_year_of,
    fiscal_year_start,
    parse_thai_date,
)
from tambonplan.thai.digits import activate_digit_style, digit_style


@pytest.fixture(autouse=True)
def arabic_style():
    activate_digit_style("arabic")
    yield
    activate_digit_style("arabic")


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (date(2022, 9, 30), 2565),
        (date(2022, 10, 1), 2566),
        (date(2023, 1, 1), 2566),
        (date(2023, 9, 30), 2566),
        (date(2023, 10, 1), 2567),
        (date(2023, 12, 31), 2567),
    ],
)
def test_fiscal_year_of_date(day, fiscal_year):
    assert fiscal_year_of(day) == fiscal_year


def test_fiscal_year_of_aware_datetime_uses_bangkok_time():
    # 17:30 UTC on 30 Sep is 00:30 on 1 Oct in Bangkok (UTC+7).
    assert fiscal_year_of(datetime(2023, 9, 30, 17, 30, tzinfo=UTC)) == 2567
    assert fiscal_year_of(datetime(2023, 9, 30, 16, 59, tzinfo=UTC)) == 2566


def test_fiscal_year_of_naive_datetime_is_used_as_is():
    assert fiscal_year_of(datetime(2023, 9, 30, 23, 59)) == 2566


def test_current_fiscal_year(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime(2023, 9, 30, 17, 30, tzinfo=UTC))
    assert current_fiscal_year() == 2567


def test_fiscal_year_start_and_end():
    assert fiscal_year_start(2566) == date(2022, 10, 1)
    assert fiscal_year_end(2566) == date(2023, 9, 30)
    assert fiscal_year_of(fiscal_year_start(2566)) == fiscal_year_of(fiscal_year_end(2566)) == 2566


def test_fiscal_year_label_follows_digit_style():
    assert fiscal_year_label(2566) == "ปีงบประมาณ พ.ศ. 2566"
    activate_digit_style("thai")
    assert fiscal_year_label(2566) == "ปีงบประมาณ พ.ศ. ๒๕๖๖"


def test_fiscal_year_label_forced_digits():
    assert fiscal_year_label(2566, thai_digits=True) == "ปีงบประมาณ พ.ศ. ๒๕๖๖"
    with digit_style("thai"):
        assert fiscal_year_label(2566, thai_digits=False) == "ปีงบประมาณ พ.ศ. 2566"


def test_month_names():
    assert len(THAI_MONTHS) == len(THAI_MONTHS_SHORT) == 12
    assert THAI_MONTHS[0] == "มกราคม"
    assert THAI_MONTHS[11] == "ธันวาคม"
    assert THAI_MONTHS_SHORT == (
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    )  # fmt: skip


def test_be_date_long():
    assert be_date_long(date(2023, 2, 14)) == "14 กุมภาพันธ์ 2566"
    assert be_date_long(date(2023, 12, 1)) == "1 ธันวาคม 2566"
    assert be_date_long(date(2023, 2, 14), thai_digits=True) == "๑๔ กุมภาพันธ์ ๒๕๖๖"
    with digit_style("thai"):
        assert be_date_long(date(2023, 2, 14)) == "๑๔ กุมภาพันธ์ ๒๕๖๖"
        assert be_date_long(date(2023, 2, 14), thai_digits=False) == "14 กุมภาพันธ์ 2566"
    assert be_date_long(None) == ""


def test_be_date_long_of_aware_datetime_uses_bangkok_date():
    assert be_date_long(datetime(2023, 9, 30, 17, 30, tzinfo=UTC)) == "1 ตุลาคม 2566"


def test_be_date_short():
    assert be_date_short(date(2023, 2, 14)) == "14 ก.พ. 66"
    assert be_date_short(date(1957, 5, 3)) == "3 พ.ค. 00"
    assert be_date_short(date(2023, 2, 14), thai_digits=True) == "๑๔ ก.พ. ๖๖"
    assert be_date_short(None) == ""


def test_be_datetime():
    moment = datetime(2023, 2, 14, 2, 5, tzinfo=UTC)
    assert be_datetime(moment) == "14 ก.พ. 66 09:05 น."
    assert be_datetime(moment, thai_digits=True) == "๑๔ ก.พ. ๖๖ ๐๙:๐๕ น."
    with digit_style("thai"):
        assert be_datetime(moment) == "๑๔ ก.พ. ๖๖ ๐๙:๐๕ น."
    assert be_datetime(datetime(2023, 2, 14, 9, 5)) == "14 ก.พ. 66 09:05 น."
    assert be_datetime(None) == ""


@pytest.mark.parametrize(
    "text",
    [
        "14/02/2566",
        "14/2/2566",
        "14-02-2566",
        "14/02/66",
        "2566-02-14",
        "2023-02-14",
        "14/02/2023",
        "14 ก.พ. 2566",
        "14 ก.พ. 66",
        "14 กพ 66",
        "14ก.พ.66",
        "14 กุมภาพันธ์ 2566",
        "14 กุมภาพันธ์ พ.ศ. 2566",
        "๑๔ กุมภาพันธ์ ๒๕๖๖",
        "๑๔/๐๒/๒๕๖๖",
        "๒๕๖๖-๐๒-๑๔",
        "  14/02/2566 ",
    ],
)
def test_parse_thai_date(text):
    assert parse_thai_date(text) == date(2023, 2, 14)


def test_parse_thai_date_every_month_name():
    for number, (name, short) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_SHORT, strict=True), start=1):
        assert parse_thai_date(f"1 {name} 2566") == date(2023, number, 1)
        assert parse_thai_date(f"1 {short} 66") == date(2023, number, 1)


def test_parse_thai_date_year_rule():
    assert parse_thai_date("01/01/2400") == date(1857, 1, 1)
    assert parse_thai_date("01/01/2399") == date(2399, 1, 1)
    assert parse_thai_date("29/02/2567") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text",
    ["", "abc", "14/02", "14/02/566", "14.02.2566", "14 xx 2566", "2566/02/14", "14/02/2566/1", "14 ก.พ."],
)
def test_parse_thai_date_unreadable(text):
    with pytest.raises(ValueError, match="อ่านวันที่ .* ไม่ได้ \\(ใช้รูปแบบ วัน/เดือน/ปี พ.ศ. เช่น 14/02/2566\\)"):
        parse_thai_date(text)


@pytest.mark.parametrize("text", ["31/02/2566", "29/02/2566", "00/01/2566", "14/13/2566", "2566-02-30"])
def test_parse_thai_date_impossible(text):
    with pytest.raises(ValueError, match=f"ไม่มีวันที่ '{text}' ในปฏิทิน"):
        parse_thai_date(text)
