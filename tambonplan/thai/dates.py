"""Buddhist-era (พ.ศ.) dates and the Thai government fiscal year (1 October – 30 September).

A fiscal year is named by the Buddhist-era year it ends in: FY2566 runs from 1 Oct 2022 to 30 Sep 2023.
In English mode dates are written the English way with the Christian-era year ("14 February 2023") and
never in Thai digits; a fiscal year is "FY 2023 (B.E. 2566)".
"""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.thai.digits import localize_digits, to_arabic_digits
from tambonplan.thai.language import english_active

BE_OFFSET = 543
BANGKOK = ZoneInfo("Asia/Bangkok")

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _local(value: datetime) -> datetime:
    """An aware datetime in Bangkok time; a naive one as it is."""
    return timezone.localtime(value, BANGKOK) if timezone.is_aware(value) else value


def _local_date(value: date | datetime) -> date:
    return _local(value).date() if isinstance(value, datetime) else value


def fiscal_year_of(d: date | datetime) -> int:
    """The fiscal year (Buddhist era) that the date falls in."""
    day = _local_date(d)
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def bangkok_today() -> date:
    """Today's date in Thailand, whatever the server's time zone."""
    return timezone.localdate(timezone=BANGKOK)


def current_fiscal_year() -> int:
    return fiscal_year_of(bangkok_today())


def fiscal_year_start(fy: int) -> date:
    return date(fy - BE_OFFSET - 1, 10, 1)


def fiscal_year_end(fy: int) -> date:
    return date(fy - BE_OFFSET, 9, 30)


def fiscal_year_label(fy: int, *, thai_digits: bool | None = None) -> str:
    """The label "ปีงบประมาณ พ.ศ. 2566" ("FY 2023 (B.E. 2566)" in English), in Thai digits in the Thai digit
    style or if `thai_digits` is True."""
    if english_active():
        # The fiscal year ending 30 Sep 2023 (FY2566) is "FY 2023 (B.E. 2566)".
        return _("ปีงบประมาณ ค.ศ. %(ce_year)s (พ.ศ. %(year)s)") % {"year": fy, "ce_year": fy - BE_OFFSET}
    return localize_digits(_("ปีงบประมาณ พ.ศ. %(year)s") % {"year": fy}, thai_digits=thai_digits)


def be_date_long(d: date | datetime | None, *, thai_digits: bool | None = None) -> str:
    """The date as "14 กุมภาพันธ์ 2566" ("14 February 2023" in English); None gives ""."""
    if d is None:
        return ""
    day = _local_date(d)
    if english_active():
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
    text = f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + BE_OFFSET}"
    return localize_digits(text, thai_digits=thai_digits)


def be_date_short(d: date | datetime | None, *, thai_digits: bool | None = None) -> str:
    """The date as "14 ก.พ. 66" (two-digit Buddhist-era year; "14 Feb 2023" in English); None gives ""."""
    if d is None:
        return ""
    day = _local_date(d)
    if english_active():
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1][:3]} {day.year}"
    text = f"{day.day} {THAI_MONTHS_SHORT[day.month - 1]} {(day.year + BE_OFFSET) % 100:02d}"
    return localize_digits(text, thai_digits=thai_digits)


def time_of_day(moment: datetime, *, thai_digits: bool | None = None) -> str:
    """The time as "09:05 น." ("09:05" in English)."""
    if english_active():
        return f"{moment:%H:%M}"
    return localize_digits(f"{moment:%H:%M} น.", thai_digits=thai_digits)


def be_datetime(dt: datetime | None, *, thai_digits: bool | None = None) -> str:
    """The moment as "14 ก.พ. 66 09:05 น." ("14 Feb 2023 09:05" in English) in Bangkok time; None gives ""."""
    if dt is None:
        return ""
    moment = _local(dt)
    return f"{be_date_short(moment, thai_digits=thai_digits)} {time_of_day(moment, thai_digits=thai_digits)}"


# ASCII digits only (Thai digits are turned into them first): \d would also take Arabic-Indic, full-width...
_NUMERIC_DMY = re.compile(r"([0-9]{1,2})[/-]([0-9]{1,2})[/-]([0-9]{4}|[0-9]{2})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DAY_MONTH_NAME_YEAR = re.compile(
    r"([0-9]{1,2})\s*([^0-9\s][^0-9]*?)\s*(?:พ\.?\s*ศ\.?\s*)?([0-9]{4}|[0-9]{2})"
)


def _month_key(name: str) -> str:
    return name.replace(".", "").replace(" ", "")


_MONTH_BY_NAME = {_month_key(name): number for number, name in enumerate(THAI_MONTHS, start=1)} | {
    _month_key(name): number for number, name in enumerate(THAI_MONTHS_SHORT, start=1)
}


def _ce_year(year_text: str) -> int:
    """A two-digit year is a short Buddhist-era year (66 → 2566); a four-digit year is Buddhist era
    from 2400 up, Christian era below."""
    year = int(year_text)
    if len(year_text) == 2:
        year += 2500
    return year - BE_OFFSET if year >= 2400 else year


def parse_thai_date(text: str) -> date:
    """Read a date typed in Thai or Arabic digits: 14/02/2566, 14-2-66, 2566-02-14, 2023-02-14,
    14 ก.พ. 66, 14 กุมภาพันธ์ 2566, ... Raises ValueError with a Thai message."""
    cleaned = " ".join(to_arabic_digits(text).split())
    if match := _ISO.fullmatch(cleaned):
        year_text, month_text, day_text = match.groups()
        month = int(month_text)
    elif match := _NUMERIC_DMY.fullmatch(cleaned):
        day_text, month_text, year_text = match.groups()
        month = int(month_text)
    elif (match := _DAY_MONTH_NAME_YEAR.fullmatch(cleaned)) and _month_key(match[2]) in _MONTH_BY_NAME:
        day_text, month_name, year_text = match.groups()
        month = _MONTH_BY_NAME[_month_key(month_name)]
    else:
        raise ValueError(_("อ่านวันที่ '%(text)s' ไม่ได้ (ใช้รูปแบบ วัน/เดือน/ปี พ.ศ. เช่น 14/02/2566)") % {"text": text})
    try:
        return date(_ce_year(year_text), month, int(day_text))
    except ValueError:
        raise ValueError(_("ไม่มีวันที่ '%(text)s' ในปฏิทิน") % {"text": text}) from None
