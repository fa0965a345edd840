import json
import re
from datetime import date, datetime
from decimal import Decimal
from html import unescape

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from tambonplan.areas.models import Province
from tambonplan.planning.models import NeedCategory
from tambonplan.thai.dates import bangkok_today
from tambonplan.thai.digits import digit_style, to_thai_digits
from tambonplan.thai.forms import (
    ModelIdChoiceField,
    ModelIdMultipleChoiceField,
    ThaiDateField,
    ThaiDecimalField,
    ThaiDigitsCharField,
    ThaiIntegerField,
)

# Digits of other scripts, an exponent and numbers beyond the database's 64-bit integers (issue 14).
ODD_NUMBERS = ["²", "٣", "１２", "१२", "1e3", "99999999999999999999999", str(2**63)]


def codes(error: ValidationError) -> list[str]:
    return [item.code for item in error.error_list]


class ProjectForm(forms.Form):
    start = ThaiDateField()
    households = ThaiIntegerField(min_value=0, required=False)
    budget = ThaiDecimalField(max_digits=12, decimal_places=2, required=False)
    code = ThaiDigitsCharField(max_length=6, required=False)


@pytest.mark.parametrize("text", ["๑๔/๐๒/๒๕๖๖", "14/02/2566", "14 ก.พ. 66", "2023-02-14"])
def test_date_field_accepts_thai_dates(text):
    assert ThaiDateField().clean(text) == date(2023, 2, 14)


def test_date_field_errors_are_thai():
    with pytest.raises(ValidationError) as error:
        ThaiDateField().clean("31/02/2566")
    assert error.value.messages == ["ไม่มีวันที่ '31/02/2566' ในปฏิทิน"]
    with pytest.raises(ValidationError) as error:
        ThaiDateField().clean("hello")
    assert codes(error.value) == ["invalid"]
    assert "14/02/2566" in error.value.messages[0]


def test_date_field_empty_and_date_values():
    assert ThaiDateField(required=False).clean("") is None
    assert ThaiDateField().to_python(date(2023, 2, 14)) == date(2023, 2, 14)
    assert ThaiDateField().to_python(datetime(2023, 2, 14, 9, 5)) == date(2023, 2, 14)


def test_date_field_shows_buddhist_era_dates():
    field = ThaiDateField()
    assert field.prepare_value(date(2023, 2, 4)) == "04/02/2566"
    assert field.prepare_value("๑๔/๐๒/๒๕๖๖") == "๑๔/๐๒/๒๕๖๖"
    html = str(ProjectForm(initial={"start": date(2023, 2, 14)})["start"])
    assert 'type="text"' in html
    assert 'value="14/02/2566"' in html
    assert 'placeholder="วว/ดด/ปปปป (พ.ศ.)"' in html
    assert 'inputmode="numeric"' in html


def calendar_of(html: str) -> dict:
    """The calendar picker's settings that a date input carries (data-datepicker, read by be-datepicker.js)."""
    attribute = re.search(r'data-datepicker="([^"]*)"', html)
    assert attribute is not None, html
    return json.loads(unescape(attribute[1]))


def test_date_input_carries_a_buddhist_era_calendar_for_the_picker():
    html = str(ProjectForm(initial={"start": date(2026, 12, 4)})["start"])
    assert 'value="04/12/2569"' in html
    assert 'autocomplete="off"' in html
    calendar = calendar_of(html)
    assert calendar["months"][11] == "ธันวาคม"
    assert calendar["monthsShort"][11] == "ธ.ค."
    assert calendar["weekdays"] == ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"]
    assert calendar["weekdayNames"][0] == "วันอาทิตย์"
    assert calendar["yearOffset"] == 543
    assert calendar["title"] == "{month} พ.ศ. {year}"
    assert calendar["digits"] == "arabic"
    assert calendar["today"] == bangkok_today().isoformat()
    assert calendar["labels"]["open"] == "เลือกวันที่จากปฏิทิน"
    assert calendar["labels"]["prevMonth"] == "เดือนก่อนหน้า"
    assert calendar["labels"]["close"] == "ปิด"


def test_date_input_follows_the_thai_digit_style_and_english():
    with digit_style("thai"):
        html = str(ProjectForm(initial={"start": date(2026, 12, 4)})["start"])
        assert 'value="๐๔/๑๒/๒๕๖๙"' in html
        assert calendar_of(html)["digits"] == "thai"
        with translation.override("en"):
            html = str(ProjectForm(initial={"start": date(2026, 12, 4)})["start"])
    assert 'value="04/12/2026"' in html
    calendar = calendar_of(html)
    assert (calendar["digits"], calendar["yearOffset"], calendar["months"][11]) == ("arabic", 0, "December")
    assert calendar["weekdayNames"][0] == "Sunday"


def test_integer_field_accepts_thai_digits_and_separators():
    field = ThaiIntegerField()
    assert field.clean("๑,๒๓๔") == 1234
    assert field.clean(" 1,234 ") == 1234
    assert field.clean("๕๐") == 50
    assert field.clean(7) == 7
    assert ThaiIntegerField(required=False).clean("") is None


@pytest.mark.parametrize("text", ["1.5", "abc", "1,23"])
def test_integer_field_rejects(text):
    with pytest.raises(ValidationError) as error:
        ThaiIntegerField().clean(text)
    assert codes(error.value) == ["invalid"]


@pytest.mark.parametrize("text", ODD_NUMBERS)
def test_integer_field_reads_numbers_like_parse_int(text):
    """Django's IntegerField reads "٣" as 3 (int() does) and a 23-digit number as itself; this field does not."""
    with pytest.raises(ValidationError) as error:
        ThaiIntegerField().clean(text)
    assert codes(error.value) == ["invalid"]


def test_integer_field_takes_the_64_bit_range_and_whole_decimals():
    field = ThaiIntegerField()
    assert field.clean(str(2**63 - 1)) == 2**63 - 1
    assert field.clean("-๙,๒๒๓,๓๗๒,๐๓๖,๘๕๔,๗๗๕,๘๐๘") == -(2**63)
    assert field.clean("12.0") == 12
    assert field.clean(" ๑๒ ") == 12
    with pytest.raises(ValidationError):
        field.clean(True)


def test_hidden_integer_field_renders_a_hidden_input():
    class VersionForm(forms.Form):
        version = ThaiIntegerField(widget=forms.HiddenInput)

    assert 'type="hidden"' in str(VersionForm(initial={"version": 3})["version"])
    assert VersionForm(data={"version": "٣"}).errors == {"version": ["กรอกหมายเลข"]}
    assert VersionForm(data={"version": "๓"}).is_valid()


def test_integer_field_keeps_django_validation():
    with pytest.raises(ValidationError) as error:
        ThaiIntegerField(min_value=0).clean("-๕")
    assert codes(error.value) == ["min_value"]


def test_decimal_field_accepts_thai_digits_and_separators():
    field = ThaiDecimalField(max_digits=12, decimal_places=2)
    assert field.clean("๑,๒๓๔.๕๐") == Decimal("1234.50")
    assert field.clean("1,234,567 บาท") == Decimal("1234567")
    with pytest.raises(ValidationError) as error:
        field.clean("1,234.567")
    assert codes(error.value) == ["max_decimal_places"]
    with pytest.raises(ValidationError) as error:
        field.clean("หนึ่งพัน")
    assert codes(error.value) == ["invalid"]


def test_number_fields_use_text_inputs():
    form = ProjectForm()
    assert 'type="text"' in str(form["households"])
    assert 'inputmode="numeric"' in str(form["households"])
    assert 'inputmode="decimal"' in str(form["budget"])


def test_digits_char_field_converts_thai_digits():
    field = ThaiDigitsCharField(required=False)
    assert field.clean(" ๐๑๒๓๔๕ ") == "012345"
    assert field.clean("หมู่ ๓") == "หมู่ 3"
    assert field.clean("") == ""
    assert ThaiDigitsCharField(required=False, empty_value=None).clean("") is None


def test_form_cleans_thai_input():
    form = ProjectForm(
        data={"start": "๑๔/๐๒/๒๕๖๖", "households": "๑,๒๓๔", "budget": "๒๕,๐๐๐.๕๐", "code": "๐๗๑"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "start": date(2023, 2, 14),
        "households": 1234,
        "budget": Decimal("25000.50"),
        "code": "071",
    }
    assert 'value="๑๔/๐๒/๒๕๖๖"' in str(form["start"])


@pytest.mark.django_db
def test_model_id_choice_field_reads_ids_like_parse_int():
    category = NeedCategory.objects.order_by("pk").first()
    field = ModelIdChoiceField(queryset=NeedCategory.objects.all())
    assert field.clean(str(category.pk)) == category
    assert field.clean(to_thai_digits(category.pk)) == category
    assert field.clean(category) == category
    assert ModelIdChoiceField(queryset=NeedCategory.objects.all(), required=False).clean("") is None
    for text in [*ODD_NUMBERS, "-1", "abc", str(category.pk) + ".0"]:
        with pytest.raises(ValidationError) as error:
            field.clean(text)
        assert codes(error.value) == ["invalid_choice"], text


@pytest.mark.django_db
def test_model_id_multiple_choice_field_reads_ids_like_parse_int():
    first, second = NeedCategory.objects.order_by("pk")[:2]
    field = ModelIdMultipleChoiceField(queryset=NeedCategory.objects.all())
    assert set(field.clean([str(first.pk), to_thai_digits(second.pk)])) == {first, second}
    for text in ODD_NUMBERS:
        # Django's own field sends "99999999999999999999999" to the database, where SQLite overflows
        with pytest.raises(ValidationError) as error:
            field.clean([str(first.pk), text])
        assert codes(error.value) == ["invalid_pk_value"], text
    with pytest.raises(ValidationError) as error:
        field.clean([str(first.pk), "-1"])
    assert codes(error.value) == ["invalid_choice"]


@pytest.mark.django_db
def test_model_id_fields_leave_codes_alone():
    """Objects chosen by a text key (a province's code) are looked up as Django does."""
    assert ModelIdChoiceField(queryset=Province.objects.all()).clean("34").code == "34"
    field = ModelIdMultipleChoiceField(queryset=Province.objects.all())
    assert [p.code for p in field.clean(["34", "33"]).order_by("code")] == ["33", "34"]
    with pytest.raises(ValidationError):
        field.clean(["²²"])
