"""The fiscal year a request works in: chosen in the navigation bar, today's by default."""

from django.conf import settings

from tambonplan.thai.dates import current_fiscal_year

SESSION_KEY = "fiscal_year"


def fiscal_year_choices() -> list[int]:
    """Every fiscal year the selector offers, newest first: the first configured year up to next year."""
    return list(range(current_fiscal_year() + 1, settings.FIRST_FISCAL_YEAR - 1, -1))


def selected_fiscal_year(session) -> int:
    chosen = session.get(SESSION_KEY)
    if chosen in fiscal_year_choices():
        return chosen
    return current_fiscal_year()
