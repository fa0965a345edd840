from decimal import Decimal

import pytest
from pythainlp.util import bahttext

from tambonplan.thai.digits import activate_digit_style, digit_style
from tambonplan.thai.money import baht_text, format_baht, format_number, parse_number


@pytest.fixture(autouse=True)
def arabic_style():
    activate_digit_style("arabic")
    yield
    activate_digit_style("arabic")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "ศูนย์บาทถ้วน"),
        (1, "หนึ่งบาทถ้วน"),
        (10, "สิบบาทถ้วน"),
        (11, "สิบเอ็ดบาทถ้วน"),
        (20, "ยี่สิบบาทถ้วน"),
        (21, "ยี่สิบเอ็ดบาทถ้วน"),
        (100, "หนึ่งร้อยบาทถ้วน"),
        (101, "หนึ่งร้อยเอ็ดบาทถ้วน"),
        (1_001, "หนึ่งพันเอ็ดบาทถ้วน"),
        (1_000_000, "หนึ่งล้านบาทถ้วน"),
        (1_000_001, "หนึ่งล้านเอ็ดบาทถ้วน"),
        (10_000_000, "สิบล้านบาทถ้วน"),
        (11_000_011, "สิบเอ็ดล้านสิบเอ็ดบาทถ้วน"),
        (21_000_000, "ยี่สิบเอ็ดล้านบาทถ้วน"),
        (101_000_001, "หนึ่งร้อยเอ็ดล้านเอ็ดบาทถ้วน"),
        (1_000_000_000_000, "หนึ่งล้านล้านบาทถ้วน"),
        (1_234_567, "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทถ้วน"),
        (Decimal("1234567.50"), "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทห้าสิบสตางค์"),
        (Decimal("1.01"), "หนึ่งบาทหนึ่งสตางค์"),
        (Decimal("1.11"), "หนึ่งบาทสิบเอ็ดสตางค์"),
        (Decimal("2.21"), "สองบาทยี่สิบเอ็ดสตางค์"),
        (Decimal("0.50"), "ห้าสิบสตางค์"),
        (Decimal("0.01"), "หนึ่งสตางค์"),
        (Decimal("0.005"), "หนึ่งสตางค์"),
        (Decimal("0.004"), "ศูนย์บาทถ้วน"),
        (Decimal("1.999"), "สองบาทถ้วน"),
        (0.1, "สิบสตางค์"),
        ("๑,๒๓๔.๒๕ บาท", "หนึ่งพันสองร้อยสามสิบสี่บาทยี่สิบห้าสตางค์"),
        (-5, "ลบห้าบาทถ้วน"),
    ],
)
def test_baht_text(amount, text):
    assert baht_text(amount) == text


@pytest.mark.parametrize("amount", [0, 1, 11, 21, 101, 1_000_000, 1_000_001, 21_000_000, 1_234_567.5, 2.21])
def test_baht_text_agrees_with_pythainlp_from_one_baht(amount):
    assert baht_text(amount) == bahttext(amount)


def test_pythainlp_differs_below_one_baht():
    # The reason baht_text is our own: pythainlp writes "ศูนย์บาท" before satang-only amounts.
    assert bahttext(0.5) == "ศูนย์บาทห้าสิบสตางค์"
    assert baht_text(0.5) == "ห้าสิบสตางค์"


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (1_234_567, "1,234,567"),
        (Decimal("1234567.00"), "1,234,567"),
        (Decimal("1234567.5"), "1,234,567.50"),
        (Decimal("0.125"), "0.13"),
        (1234.5, "1,234.50"),
        ("1234567.5", "1,234,567.50"),
        ("๑,๒๓๔", "1,234"),
        (-1234, "-1,234"),
    ],
)
def test_format_baht(amount, text):
    assert format_baht(amount) == text


def test_format_baht_forced_decimals():
    assert format_baht(1_234_567, decimals=2) == "1,234,567.00"
    assert format_baht(Decimal("1234.56"), decimals=0) == "1,235"


def test_format_baht_thai_digits():
    with digit_style("thai"):
        assert format_baht(Decimal("1234567.50")) == "๑,๒๓๔,๕๖๗.๕๐"


def test_format_number_keeps_its_decimals():
    assert format_number(1_234_567) == "1,234,567"
    assert format_number(Decimal("1234.50")) == "1,234.50"
    assert format_number(1234.5) == "1,234.5"
    assert format_number(Decimal("12.345"), decimals=1) == "12.3"
    with digit_style("thai"):
        assert format_number(1234) == "๑,๒๓๔"


@pytest.mark.parametrize("amount", [float("nan"), float("inf"), "abc"])
def test_unreadable_amounts(amount):
    with pytest.raises(ValueError):
        format_baht(amount)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1234", Decimal("1234")),
        ("1,234", Decimal("1234")),
        ("1,234,567.50", Decimal("1234567.50")),
        ("๑,๒๓๔.๕๐", Decimal("1234.50")),
        (" 1 234 ", Decimal("1234")),
        ("1,234 บาท", Decimal("1234")),
        ("๕๐๐บาท", Decimal("500")),
        ("-12.5", Decimal("-12.5")),
        ("0", Decimal("0")),
    ],
)
def test_parse_number(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["", "บาท", "abc", "1,23", "12,34,567", "1.2.3", "1e5", "1,234.", "บาท 100"])
def test_parse_number_unreadable(text):
    with pytest.raises(ValueError, match=f"อ่านตัวเลข '{text}' ไม่ได้"):
        parse_number(text)
