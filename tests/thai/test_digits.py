import pytest

from tambonplan.thai.digits import (
    INTEGER_MAX,
    INTEGER_MIN,
    THAI_DIGITS,
    activate_digit_style,
    digit_style,
    get_digit_style,
    localize_digits,
    parse_int,
    to_arabic_digits,
    to_thai_digits,
)


@pytest.fixture(autouse=True)
def arabic_style():
    activate_digit_style("arabic")
    yield
    activate_digit_style("arabic")


def test_to_thai_digits():
    assert THAI_DIGITS == "๐๑๒๓๔๕๖๗๘๙"
    assert to_thai_digits("0123456789") == THAI_DIGITS
    assert to_thai_digits("หมู่ 12 ปี 2566") == "หมู่ ๑๒ ปี ๒๕๖๖"
    assert to_thai_digits(1234) == "๑๒๓๔"
    assert to_thai_digits(None) == ""


def test_to_arabic_digits():
    assert to_arabic_digits(THAI_DIGITS) == "0123456789"
    assert to_arabic_digits("หมู่ ๑๒ ปี 2566") == "หมู่ 12 ปี 2566"
    assert to_arabic_digits(None) == ""


def test_default_style_is_arabic():
    assert get_digit_style() == "arabic"
    assert localize_digits("ปี 2566") == "ปี 2566"


def test_arabic_style_leaves_text_unchanged():
    assert localize_digits("ข้อ ๑ และ 2") == "ข้อ ๑ และ 2"
    assert localize_digits(None) == ""


def test_activate_thai_style():
    activate_digit_style("thai")
    assert get_digit_style() == "thai"
    assert localize_digits("ปี 2566") == "ปี ๒๕๖๖"
    assert localize_digits(7) == "๗"


def test_activate_unknown_style():
    with pytest.raises(ValueError):
        activate_digit_style("roman")


def test_forced_style_overrides_active_style():
    assert localize_digits("12", thai_digits=True) == "๑๒"
    activate_digit_style("thai")
    assert localize_digits("12", thai_digits=False) == "12"


def test_digit_style_context_manager_restores_previous_style():
    with digit_style("thai"):
        assert localize_digits("2566") == "๒๕๖๖"
        with digit_style("arabic"):
            assert localize_digits("2566") == "2566"
        assert get_digit_style() == "thai"
    assert get_digit_style() == "arabic"


def test_digit_style_context_manager_restores_after_error():
    with pytest.raises(RuntimeError), digit_style("thai"):
        raise RuntimeError
    assert get_digit_style() == "arabic"


def test_digit_style_context_manager_rejects_unknown_style():
    with pytest.raises(ValueError), digit_style("roman"):
        pass


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0", 0),
        ("12", 12),
        ("๑๒", 12),
        ("๒๕๖๙", 2569),
        ("1๒", 12),  # mixed ASCII and Thai digits
        (" 42 ", 42),
        ("+7", 7),
        ("-1", -1),
        ("-๕", -5),
        ("007", 7),
        (str(INTEGER_MAX), INTEGER_MAX),
        (str(INTEGER_MIN), INTEGER_MIN),
        (12, 12),  # not only text: str() first
    ],
)
def test_parse_int_reads_ascii_and_thai_digits(text, number):
    assert parse_int(text) == number


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "²",  # superscript two: "²".isdigit() is true, int("²") fails
        "1²",
        "٣",  # Arabic-Indic three: int() reads it
        "۳",  # extended Arabic-Indic (Persian) three
        "१२",  # Devanagari
        "１２",  # full-width
        "𝟏𝟐",  # mathematical bold digits
        "½",
        "Ⅻ",  # Roman numeral twelve: isnumeric()
        "1e3",
        "1.0",
        "1.5",
        "1,000",
        "1_000",
        "0x10",
        "--1",
        "+-1",
        "1 2",
        "12\n3",
        "١٢",
        "99999999999999999999999",
        str(INTEGER_MAX + 1),
        str(INTEGER_MIN - 1),
        "1" * 5000,  # beyond int()'s 4,300-digit limit: no ValueError either
    ],
)
def test_parse_int_refuses_everything_else(text):
    assert parse_int(text) is None
