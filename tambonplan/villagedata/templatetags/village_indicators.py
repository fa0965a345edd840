"""Template tags that bring a village's จปฐ./กชช.2ค results into other apps' pages, their views unchanged:

- ``{% village_failing village year prefetched as entry %}``: the village's failing indicators and warnings in
  its latest survey years not after ``year`` (default: the request's fiscal year); ``prefetched`` (a
  ``VillageIndicators`` from ``failing_by_village``) saves the query when a page lists many villages.
- ``{% tambon_failing tambon year as found %}``: every village of the tambon with its entry (``found.rows``)
  and whether any has results (``found.has_data``), in three queries.

Both read through the selectors with the request's user, so they show only what the user may see.
"""

from django import template

from tambonplan.thai.dates import current_fiscal_year
from tambonplan.villagedata.selectors import VillageIndicators, failing_of, tambon_villages

register = template.Library()


def _user_and_year(context, year):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not year:
        year = getattr(request, "fiscal_year", None) or current_fiscal_year()
    return user, int(year)


@register.simple_tag(takes_context=True)
def village_failing(context, village, year=None, prefetched=None):
    if isinstance(prefetched, VillageIndicators):
        return prefetched
    user, year = _user_and_year(context, year)
    if user is None or not getattr(village, "pk", None):
        return None
    return failing_of(user, village, year)


@register.simple_tag(takes_context=True)
def tambon_failing(context, tambon, year=None):
    """{"rows": [{"village", "entry"}...], "has_data": whether any village of the tambon has results}."""
    user, year = _user_and_year(context, year)
    if user is None or tambon is None:
        return {"rows": [], "has_data": False}
    rows = [{"village": village, "entry": entry} for village, entry in tambon_villages(user, tambon, year)]
    return {"rows": rows, "has_data": any(row["entry"].years for row in rows)}
