"""Form fields that accept what Thai users type: Thai digits, thousands separators, Buddhist-era dates."""

from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from tambonplan.thai.dates import BE_OFFSET, parse_thai_date
from tambonplan.thai.digits import to_arabic_digits
from tambonplan.thai.money import parse_number


class ThaiDateField(forms.DateField):
    """A date typed as 14/02/2566, ๑๔/๐๒/๒๕๖๖, 14 ก.พ. 66, ... and shown as 14/02/2566."""

    widget = forms.TextInput(attrs={"placeholder": "วว/ดด/ปปปป (พ.ศ.)", "inputmode": "numeric"})

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
            return f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET}"
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
    """A whole number typed in Thai or Arabic digits, with or without thousands separators ("๑,๒๓๔")."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value: object) -> int | None:
        return super().to_python(_typed_number(self, value))


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
