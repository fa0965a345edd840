"""Template filters for Thai digits, Buddhist-era dates, fiscal years, baht amounts and Thai line breaks.

Registered as a template builtin (TEMPLATES OPTIONS "builtins"), so no {% load %} is needed. Like Django's
own filters they never raise: a value they cannot read is shown as it is ("" for dates).
"""

from datetime import date, datetime

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

from tambonplan.thai import dates, linebreak, money
from tambonplan.thai.digits import localize_digits, to_thai_digits

register = template.Library()


@register.filter(is_safe=True)
def digits(value: object) -> str:
    """{{ value|digits }}: Thai digits when the user's digit style is Thai."""
    return localize_digits(value)


@register.filter(is_safe=True)
def thai_digits(value: object) -> str:
    """{{ value|thai_digits }}: always Thai digits."""
    return to_thai_digits(value)


@register.filter
def be_date(value: object) -> str:
    """{{ value|be_date }}: "14 กุมภาพันธ์ 2566"."""
    return dates.be_date_long(value) if isinstance(value, date) else ""


@register.filter
def be_date_short(value: object) -> str:
    """{{ value|be_date_short }}: "14 ก.พ. 66"."""
    return dates.be_date_short(value) if isinstance(value, date) else ""


@register.filter
def be_datetime(value: object) -> str:
    """{{ value|be_datetime }}: "14 ก.พ. 66 09:05 น." in Bangkok time."""
    return dates.be_datetime(value) if isinstance(value, datetime) else ""


@register.filter
def fy_label(value: object) -> str:
    """{{ fiscal_year|fy_label }}: "ปีงบประมาณ พ.ศ. 2566"."""
    try:
        return dates.fiscal_year_label(int(value))
    except (TypeError, ValueError):
        return ""


@register.filter
def baht(value: object, decimals: object = None) -> object:
    """{{ amount|baht }}: "1,234,567" or "1,234,567.50"; {{ amount|baht:2 }} always with 2 decimals;
    None gives "-"."""
    if value is None or value == "":
        return "-"
    try:
        return money.format_baht(value, decimals=None if decimals is None else int(decimals))
    except (TypeError, ValueError, ArithmeticError):
        return value


@register.filter
def baht_text(value: object) -> object:
    """{{ amount|baht_text }}: "หนึ่งพันบาทถ้วน"; None gives ""."""
    if value is None or value == "":
        return ""
    try:
        return money.baht_text(value)
    except (TypeError, ValueError, ArithmeticError):
        return value


@register.filter
def num(value: object, decimals: object = None) -> object:
    """{{ number|num }}: "1,234,567" or "1,234.5" as the number is; {{ number|num:1 }} with 1 decimal;
    None gives "-"."""
    if value is None or value == "":
        return "-"
    try:
        return money.format_number(value, decimals=None if decimals is None else int(decimals))
    except (TypeError, ValueError, ArithmeticError):
        return value


@register.filter(needs_autoescape=True)
def thai_breaks(value: object, autoescape: bool = True) -> str:
    """{{ title|thai_breaks }}: the value in a <span> that tells the browser where its Thai may break (between
    words, never inside "พ.ศ. ๒๕๖๙" or a name with its title; `thai.linebreak`), for titles, card headers
    and labels; the text itself is unchanged. Inline values only (a <span> holds no block)."""
    markup = conditional_escape(value) if autoescape and not isinstance(value, SafeData) else value
    return mark_safe(linebreak.annotated(str(markup)))


@register.filter(is_safe=True)
def thai_titles_and_cells(value: object) -> str:
    """{% filter thai_titles_and_cells %}…{% endfilter %}: each title (h1–h3) and table cell (th, td) of the
    HTML told where its Thai may break, as `thai_breaks`; the rest as it is."""
    return linebreak.annotated_titles_and_cells(str(value))
