"""Template tags that bring a village's จปฐ./กชช.2ค results into other apps' pages, their views unchanged:

- ``{% village_failing village year prefetched as entry %}``: the village's failing indicators and warnings in
  its latest survey years not after ``year`` (default: the request's fiscal year); ``prefetched`` (a
  ``VillageIndicators`` from ``failing_by_village``) saves the query when a page lists many villages.
- ``{% tambon_failing tambon year as found %}``: every village of the tambon with its entry (``found.rows``)
  and whether any has results (``found.has_data``), in three queries.
- ``{% need_severity_scale tambon year as scale %}``: the กชช.2ค scale as need severities (``scale.levels``:
  level, label, suggested severity or None) and the suggestions of the tambon's villages (``scale.villages``:
  village, suggestions), for the need form.

Both read through the selectors with the request's user, so they show only what the user may see.
"""

from django import template

from tambonplan.thai.dates import current_fiscal_year
from tambonplan.villagedata.scales import Kch2kLevel, suggested_severity
from tambonplan.villagedata.selectors import (
    VillageIndicators,
    failing_of,
    tambon_severity_suggestions,
    tambon_villages,
)

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


@register.simple_tag(takes_context=True)
def need_severity_scale(context, tambon, year=None):
    user, year = _user_and_year(context, year)
    levels = [
        {"level": level.value, "label": level.label, "severity": suggested_severity(level)}
        for level in Kch2kLevel
    ]
    villages = []
    if user is not None and tambon is not None:
        villages = [
            {"village": village, "suggestions": suggestions}
            for village, suggestions in tambon_severity_suggestions(user, tambon, year)
        ]
    return {"levels": levels, "villages": villages}
