"""Thai digits (๐–๙) and the active digit style, set per request like Django's active language."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
DIGIT_STYLES = ("arabic", "thai")

_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)

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
    """The text with Thai digits when the active style is "thai", otherwise unchanged; None gives "".

    `thai_digits` True or False overrides the active style.
    """
    if thai_digits is None:
        thai_digits = get_digit_style() == "thai"
    if text is None:
        return ""
    return to_thai_digits(text) if thai_digits else str(text)
