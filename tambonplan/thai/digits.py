"""Thai digits (๐–๙) and the active digit style, set per request like Django's active language."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from tambonplan.thai.language import english_active

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
DIGIT_STYLES = ("arabic", "thai")

_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)

# A whole number as users type it: ASCII or Thai digits, an optional sign. Not \\d or str.isdigit(): they
# also take superscripts ("²"), Arabic-Indic and full-width digits, which int() reads or chokes on.
# At most 19 digits (the width of 2**63 - 1): every 64-bit number, and short enough for a cheap int().
_INTEGER_RE = re.compile(r"[+-]?[0-9๐-๙]{1,19}")
# The range of a 64-bit database integer (bigint): a larger number would fail in the database.
INTEGER_MIN = -(2**63)
INTEGER_MAX = 2**63 - 1

_active_style: ContextVar[str] = ContextVar("tambonplan_digit_style", default="arabic")


def to_thai_digits(text: object) -> str:
    """The text with every Arabic digit replaced by its Thai digit; None gives ""."""
    if text is None:
        return ""
    return str(text).translate(_TO_THAI)


def to_arabic_digits(text: object) -> str:
    """The text with every Thai digit replaced by its Arabic digit; None gives ""."""
    if text is None:
        return ""
    return str(text).translate(_TO_ARABIC)


def parse_int(text: object) -> int | None:
    """The whole number in `text` (ASCII or Thai digits, optional sign, spaces around), or None when it is
    anything else: empty, a fraction, other digits, or outside the database's 64-bit integer range.

    Every number that comes from a request (a query parameter, a posted id) is read with this, so odd
    input is "no such number" and never a server error."""
    if text is None:
        return None
    cleaned = str(text).strip()
    if not _INTEGER_RE.fullmatch(cleaned):
        return None
    value = int(to_arabic_digits(cleaned))
    return value if INTEGER_MIN <= value <= INTEGER_MAX else None


def _check_style(style: str) -> None:
    if style not in DIGIT_STYLES:
        raise ValueError(f"Unknown digit style {style!r}; expected one of {DIGIT_STYLES}")


def activate_digit_style(style: str) -> None:
    """Make `style` ("arabic" or "thai") the digit style of the current context (request)."""
    _check_style(style)
    _active_style.set(style)


def get_digit_style() -> str:
    return _active_style.get()


@contextmanager
def digit_style(style: str) -> Iterator[None]:
    """Use `style` inside the block, e.g. `with digit_style("thai"):` to render a document in Thai digits."""
    _check_style(style)
    token = _active_style.set(style)
    try:
        yield
    finally:
        _active_style.reset(token)


def localize_digits(text: object, *, thai_digits: bool | None = None) -> str:
    """The text with Thai digits when the active style is "thai" (never in English), otherwise unchanged;
    None gives "".

    `thai_digits` True or False overrides the active style.
    """
    if thai_digits is None:
        thai_digits = get_digit_style() == "thai" and not english_active()
    if text is None:
        return ""
    return to_thai_digits(text) if thai_digits else str(text)
