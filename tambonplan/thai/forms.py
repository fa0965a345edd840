"""Form fields that accept what Thai users type: Thai digits, thousands separators, Buddhist-era dates."""

import json
from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tambonplan.thai.dates import (
    BE_OFFSET,
    ENGLISH_MONTHS,
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    bangkok_today,
    parse_thai_date,
)
from tambonplan.thai.digits import get_digit_style, localize_digits, parse_int, to_arabic_digits
from tambonplan.thai.language import english_active
from tambonplan.thai.money import parse_number

# Thai calendars start the week on Sunday.
THAI_WEEKDAYS = ("อา", "จ", "อ", "พ", "พฤ", "ศ", "ส")
THAI_WEEKDAY_NAMES = ("วันอาทิตย์", "วันจันทร์", "วันอังคาร", "วันพุธ", "วันพฤหัสบดี", "วันศุกร์", "วันเสาร์")
ENGLISH_WEEKDAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


def calendar_settings() -> dict:
    """What the calendar picker (static/js/be-datepicker.js) needs, in the active language and digit style:
    month and weekday names (Sunday first), the year offset (543 for the Buddhist era, 0 in English),
    the digits to write, today in Thailand, and the Thai labels of its buttons for screen readers."""
    english = english_active()
    if english:
        names = {
            "months": list(ENGLISH_MONTHS),
            "monthsShort": [month[:3] for month in ENGLISH_MONTHS],
            "weekdays": [day[:2] for day in ENGLISH_WEEKDAY_NAMES],
            "weekdayNames": list(ENGLISH_WEEKDAY_NAMES),
            "yearOffset": 0,
            "title": "{month} {year}",
            "dayLabel": "{weekday} {day} {month} {year}",
        }
    else:
        names = {
            "months": list(THAI_MONTHS),
            "monthsShort": list(THAI_MONTHS_SHORT),
            "weekdays": list(THAI_WEEKDAYS),
            "weekdayNames": list(THAI_WEEKDAY_NAMES),
            "yearOffset": BE_OFFSET,
            "title": "{month} พ.ศ. {year}",
            "dayLabel": "{weekday}ที่ {day} {month} พ.ศ. {year}",
        }
    return names | {
        "digits": "arabic" if english else get_digit_style(),
        "today": bangkok_today().isoformat(),
        "labels": {
            "open": str(_("เลือกวันที่จากปฏิทิน")),
            "dialog": str(_("ปฏิทินเลือกวันที่")),
            "prevYear": str(_("ปีก่อนหน้า")),
            "prevMonth": str(_("เดือนก่อนหน้า")),
            "nextMonth": str(_("เดือนถัดไป")),
            "nextYear": str(_("ปีถัดไป")),
            "today": str(_("วันนี้")),
            "close": str(_("ปิด")),
        },
    }


class ThaiDateInput(forms.TextInput):
    """A text input for a date, typed freely as before, with a calendar picker next to it: `data-datepicker`
    carries `calendar_settings()` as JSON for static/js/be-datepicker.js (no inline script)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-datepicker"] = json.dumps(calendar_settings(), ensure_ascii=False)
        return context


class ThaiDateField(forms.DateField):
    """A date typed as 14/02/2566, ๑๔/๐๒/๒๕๖๖, 14 ก.พ. 66, 14/02/2023, ... or picked in a Buddhist-era
    calendar, and shown as 14/02/2566 (in Thai digits in the Thai digit style; 14/02/2023 in English)."""

    widget = ThaiDateInput(
        attrs={"placeholder": _("วว/ดด/ปปปป (พ.ศ.)"), "inputmode": "numeric", "autocomplete": "off"}
    )

    def to_python(self, value: object) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_thai_date(str(value))
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def prepare_value(self, value: object) -> object:
        if isinstance(value, date):
            year = value.year if english_active() else value.year + BE_OFFSET
            return localize_digits(f"{value.day:02d}/{value.month:02d}/{year}")
        return value


def _typed_number(field: forms.Field, value: object) -> object:
    """A typed number with Thai digits, thousands separators and spaces, as plain text for Django's own
    number fields to validate; anything else unchanged."""
    if not isinstance(value, str) or value.strip() == "":
        return value
    try:
        return str(parse_number(value))
    except ValueError:
        raise ValidationError(field.error_messages["invalid"], code="invalid") from None


class ThaiIntegerField(forms.IntegerField):
    """A whole number typed in Thai or Arabic digits, with or without thousands separators ("๑,๒๓๔").

    Read through `parse_int`, the one reader of numbers from requests: other scripts' digits ("²", "٣",
    "１２") and numbers outside the database's 64-bit range are invalid, never a server error. Every integer
    field of a form that reads a request is one of these (hidden version fields too)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value: object) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, bool):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        # "1,234" → "1234"; a whole "12.0" → "12" (as Django's IntegerField reads it)
        text = self.re_decimal.sub("", str(_typed_number(self, value)))
        number = parse_int(text)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


# The largest number of a small-integer column (PositiveSmallIntegerField) on every database: the upper bound
# of a form's number that is saved without the model's own validation (full_clean).
SMALL_INTEGER_MAX = 32767


def _read_id(field: forms.ModelChoiceField, value: object) -> object:
    """An id as posted, read with `parse_int` when the objects are chosen by an integer key; otherwise (a
    model instance, a code) unchanged. Other scripts' digits and numbers beyond 64 bits are no valid choice
    (Django's own reading takes "٣" as 3 and sends a 30-digit id to the database, where SQLite overflows)."""
    if not isinstance(value, str):
        return value
    meta = field.queryset.model._meta
    key = meta.pk if field.to_field_name is None else meta.get_field(field.to_field_name)
    if not isinstance(key, models.IntegerField):  # AutoField and BigAutoField too
        return value
    number = parse_int(value)
    if number is None:
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )
    return number


class ModelIdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose posted id is read like every number of a request (`parse_int`)."""

    def to_python(self, value: object) -> models.Model | None:
        if value in self.empty_values:
            return None
        return super().to_python(_read_id(self, value))


class ModelIdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField whose posted ids are read like every number of a request (`parse_int`)."""

    def _check_values(self, value):
        ids = []
        for item in value:  # a list or tuple: clean() refuses anything else first
            try:
                ids.append(_read_id(self, item))
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                ) from None
        return super()._check_values(ids)


class ThaiDecimalField(forms.DecimalField):
    """A decimal number typed in Thai or Arabic digits, with or without thousands separators."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: object) -> Decimal | None:
        return super().to_python(_typed_number(self, value))


class ThaiDigitsCharField(forms.CharField):
    """Text such as a code whose Thai digits are stored as Arabic digits ("๐๑๒" → "012")."""

    def to_python(self, value: object) -> str | None:
        text = super().to_python(value)
        if text in self.empty_values:
            return text
        return to_arabic_digits(text)
