from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Engine

from tambonplan.thai.digits import activate_digit_style, digit_style

ENGINE = Engine(builtins=["tambonplan.thai.templatetags"])


@pytest.fixture(autouse=True)
def arabic_style():
    activate_digit_style("arabic")
    yield
    activate_digit_style("arabic")


def render(source: str, **context) -> str:
    return ENGINE.from_string(source).render(Context(context))


def test_digits():
    assert render("{{ v|digits }}", v="หมู่ 12") == "หมู่ 12"
    with digit_style("thai"):
        assert render("{{ v|digits }}", v="หมู่ 12") == "หมู่ ๑๒"
    assert render("{{ v|digits }}", v=None) == ""


def test_thai_digits():
    assert render("{{ v|thai_digits }}", v=2566) == "๒๕๖๖"


def test_digit_filters_keep_escaping():
    assert render("{{ v|digits }}", v="<b>1</b>") == "&lt;b&gt;1&lt;/b&gt;"
    with digit_style("thai"):
        assert render("{{ v|digits }}", v="<b>1</b>") == "&lt;b&gt;๑&lt;/b&gt;"
        assert render("{{ v|default:'-'|digits }}", v=5) == "๕"


def test_date_filters():
    assert render("{{ d|be_date }}", d=date(2023, 2, 14)) == "14 กุมภาพันธ์ 2566"
    assert render("{{ d|be_date_short }}", d=date(2023, 2, 14)) == "14 ก.พ. 66"
    assert render("{{ d|be_datetime }}", d=datetime(2023, 2, 14, 2, 5, tzinfo=UTC)) == "14 ก.พ. 66 09:05 น."
    with digit_style("thai"):
        assert render("{{ d|be_date }}", d=date(2023, 2, 14)) == "๑๔ กุมภาพันธ์ ๒๕๖๖"


@pytest.mark.parametrize("name", ["be_date", "be_date_short", "be_datetime"])
def test_date_filters_show_nothing_for_non_dates(name):
    assert render(f"{{{{ d|{name} }}}}", d=None) == ""
    assert render(f"{{{{ d|{name} }}}}", d="soon") == ""


def test_fy_label():
    assert render("{{ fy|fy_label }}", fy=2566) == "ปีงบประมาณ พ.ศ. 2566"
    assert render("{{ fy|fy_label }}", fy="2567") == "ปีงบประมาณ พ.ศ. 2567"
    with digit_style("thai"):
        assert render("{{ fy|fy_label }}", fy=2566) == "ปีงบประมาณ พ.ศ. ๒๕๖๖"
    assert render("{{ fy|fy_label }}", fy=None) == ""


def test_baht():
    assert render("{{ v|baht }}", v=1_234_567) == "1,234,567"
    assert render("{{ v|baht }}", v=Decimal("1234567.50")) == "1,234,567.50"
    assert render("{{ v|baht:2 }}", v=1000) == "1,000.00"
    with digit_style("thai"):
        assert render("{{ v|baht }}", v=1000) == "๑,๐๐๐"
    assert render("{{ v|baht }}", v=None) == "-"
    assert render("{{ v|baht }}", v="n/a") == "n/a"


def test_baht_text():
    assert render("{{ v|baht_text }}", v=Decimal("1234567.50")) == (
        "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทห้าสิบสตางค์"
    )
    assert render("{{ v|baht_text }}", v=0) == "ศูนย์บาทถ้วน"
    assert render("{{ v|baht_text }}", v=None) == ""


def test_num():
    assert render("{{ v|num }}", v=1_234_567) == "1,234,567"
    assert render("{{ v|num }}", v=Decimal("1234.5")) == "1,234.5"
    assert render("{{ v|num:1 }}", v=Decimal("12.34")) == "12.3"
    assert render("{{ v|num }}", v=0) == "0"
    with digit_style("thai"):
        assert render("{{ v|num }}", v=1234) == "๑,๒๓๔"
    assert render("{{ v|num }}", v=None) == "-"
    assert render("{{ v|num }}", v="<x>") == "&lt;x&gt;"
