from datetime import date, datetime
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError

from tambonplan.thai.forms import ThaiDateField, ThaiDecimalField, ThaiDigitsCharField, ThaiIntegerField


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
