"""Baht amounts: thousands separators, Thai digits, amounts in words (บาทถ้วน) and reading typed numbers.

`baht_text` is written here rather than taken from pythainlp: `pythainlp.util.bahttext` 5.4 rejects
Decimal and writes amounts under one baht as "ศูนย์บาทห้าสิบสตางค์" instead of "ห้าสิบสตางค์".
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from tambonplan.thai.digits import localize_digits, to_arabic_digits

Amount = int | float | Decimal | str

# ASCII digits only (Thai digits are turned into them first): \d would also take other scripts' digits.
_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_DIGIT_WORDS = ("", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_PLACE_WORDS = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")
_SATANG = Decimal("0.01")


def _unreadable_number(text: object) -> ValueError:
    return ValueError(_("อ่านตัวเลข '%(text)s' ไม่ได้ (เช่น 1,234 หรือ 1,234.50)") % {"text": text})


def parse_number(text: str) -> Decimal:
    """Read a typed number: Thai or Arabic digits, thousands separators, spaces and a trailing "บาท"
    are allowed ("๑,๒๓๔.๕๐ บาท" → Decimal("1234.50")). Raises ValueError with a Thai message."""
    cleaned = "".join(to_arabic_digits(text).split()).removesuffix("บาท")
    if not _NUMBER.fullmatch(cleaned):
        raise _unreadable_number(text)
    return Decimal(cleaned.replace(",", ""))


def _to_decimal(amount: Amount) -> Decimal:
    if isinstance(amount, str):
        return parse_number(amount)
    # str() first so that a float such as 0.1 becomes Decimal("0.1"), not its binary expansion.
    value = Decimal(str(amount)) if isinstance(amount, float) else Decimal(amount)
    if not value.is_finite():
        raise _unreadable_number(amount)
    return value


def format_number(amount: Amount, *, decimals: int | None = None) -> str:
    """The number with thousands separators ("1,234,567.5"), keeping its own decimals unless `decimals`
    is given; digits in the active digit style."""
    value = _to_decimal(amount)
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return localize_digits(f"{value:,f}")


def format_baht(amount: Amount, *, decimals: int | None = None) -> str:
    """The amount with thousands separators: "1,234,567" when whole, "1,234,567.50" when it has satang
    (or with `decimals` places when given); digits in the active digit style."""
    value = _to_decimal(amount)
    if decimals is None:
        decimals = 0 if value == value.to_integral_value() else 2
    return format_number(value, decimals=decimals)


def _below_million_words(number: int, *, after_millions: bool) -> str:
    """Words for 0 ≤ number < 1,000,000; a final 1 is "เอ็ด" when any digit precedes it (101, 1,000,001)."""
    digits = str(number)
    words = []
    for index, digit_char in enumerate(digits):
        digit = int(digit_char)
        place = len(digits) - 1 - index
        if digit == 0:
            continue
        if place == 1 and digit == 1:
            words.append("สิบ")
        elif place == 1 and digit == 2:
            words.append("ยี่สิบ")
        elif place == 0 and digit == 1 and (number > 9 or after_millions):
            words.append("เอ็ด")
        else:
            words.append(_DIGIT_WORDS[digit] + _PLACE_WORDS[place])
    return "".join(words)


def _integer_words(number: int) -> str:
    """Words for a whole number ≥ 1: 21,000,000 → "ยี่สิบเอ็ดล้าน"."""
    millions, rest = divmod(number, 1_000_000)
    if millions == 0:
        return _below_million_words(rest, after_millions=False)
    return _integer_words(millions) + "ล้าน" + _below_million_words(rest, after_millions=True)


def baht_text(amount: Amount) -> str:
    """The amount in words as written on cheques and official documents, rounded to the satang:
    "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทห้าสิบสตางค์", 0 → "ศูนย์บาทถ้วน", 0.50 → "ห้าสิบสตางค์"."""
    value = _to_decimal(amount).quantize(_SATANG, rounding=ROUND_HALF_UP)
    sign = "ลบ" if value < 0 else ""
    baht, satang = divmod(int(abs(value) * 100), 100)
    if baht == 0 and satang == 0:
        return "ศูนย์บาทถ้วน"
    baht_words = _integer_words(baht) + "บาท" if baht else ""
    satang_words = _integer_words(satang) + "สตางค์" if satang else "ถ้วน"
    return sign + baht_words + satang_words
