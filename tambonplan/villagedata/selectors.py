"""Every read of village data, filtered by the requesting user's area scope.

"Latest" is per village and per survey: the most recent survey year not after the year asked for (a plan of
fiscal year 2570 reads the จปฐ. of 2569 and the กชช.2ค of 2568 when those are the latest). A village's failing
indicators are the results of those years that did not pass; a กชช.2ค item at level 2 is listed as a warning.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404

from tambonplan.accounts.scope import NATION, NOTHING, scope_of
from tambonplan.areas.models import Province, Tambon, Village
from tambonplan.areas.selectors import village_for
from tambonplan.villagedata.models import Indicator, IndicatorResult
from tambonplan.villagedata.scales import Kch2kLevel, Survey, suggested_severity

__all__ = ["village_for"]


@dataclass
class VillageIndicators:
    """A village's latest results (per survey, not after the year asked for): the failing ones and the
    warnings (กชช.2ค level 2), each an IndicatorResult with its indicator."""

    village_id: int
    years: dict[str, int] = field(default_factory=dict)  # survey -> latest year with results
    failing: list[IndicatorResult] = field(default_factory=list)
    warnings: list[IndicatorResult] = field(default_factory=list)

    @property
    def items(self) -> list[IndicatorResult]:
        return self.failing + self.warnings

    @property
    def jpt_year(self) -> int | None:
        return self.years.get(Survey.JPT)

    @property
    def kch2k_year(self) -> int | None:
        return self.years.get(Survey.KCH2K)


def _ids(villages: Iterable[Village] | Iterable[int]) -> list[int]:
    return [village if isinstance(village, int) else village.pk for village in villages]


def _latest_years(results) -> dict[tuple[int, str], int]:
    rows = results.order_by().values("village_id", "indicator__survey").annotate(latest=Max("year"))
    return {(row["village_id"], row["indicator__survey"]): row["latest"] for row in rows}


def failing_by_village(villages, year: int, *, user=None) -> dict[int, VillageIndicators]:
    """Village pk -> its failing indicators and warnings in its latest survey years not after `year`, for
    the villages given (a queryset or a list; the caller's, already in scope), narrowed to `user`'s scope when
    given. Villages without any result are left out. Two queries whatever the number of villages."""
    ids = villages.values_list("pk", flat=True) if hasattr(villages, "values_list") else _ids(villages)
    results = IndicatorResult.objects.filter(village_id__in=ids, year__lte=year)
    if user is not None:
        results = results.in_scope(user)
    latest = _latest_years(results)
    found: dict[int, VillageIndicators] = {}
    for (village_id, survey), latest_year in sorted(latest.items()):
        found.setdefault(village_id, VillageIndicators(village_id)).years[survey] = latest_year
    if not latest:
        return found
    flagged = (
        results.filter(Q(passed=False) | Q(level=Kch2kLevel.MODERATE), year__in=set(latest.values()))
        .select_related("indicator")
        .order_by("indicator__survey", "indicator__sort_order", "indicator__code")
    )
    for result in flagged:
        if latest.get((result.village_id, result.indicator.survey)) != result.year:
            continue
        entry = found[result.village_id]
        (entry.warnings if result.passed else entry.failing).append(result)
    return found


def failing_of(user, village: Village, year: int) -> VillageIndicators | None:
    """One village's failing indicators and warnings (None without results)."""
    return failing_by_village([village], year, user=user).get(village.pk)


@dataclass(frozen=True)
class SeveritySuggestion:
    result: IndicatorResult
    severity: int


def severity_suggestions(user, village: Village, year: int) -> list[SeveritySuggestion]:
    """The need severities (1–5) the village's latest กชช.2ค items at level 1 and 2 suggest, most severe
    first: what a need form may offer when the need is about this village."""
    entry = failing_of(user, village, year)
    return [] if entry is None else _suggestions_of(entry)


def tambon_severity_suggestions(
    user, tambon: Tambon, year: int
) -> list[tuple[Village, list[SeveritySuggestion]]]:
    """The tambon's villages that have suggestions (`severity_suggestions`), in order. Three queries."""
    found = ((village, _suggestions_of(entry)) for village, entry in tambon_villages(user, tambon, year))
    return [(village, suggestions) for village, suggestions in found if suggestions]


def _suggestions_of(entry: VillageIndicators) -> list[SeveritySuggestion]:
    suggestions = [
        SeveritySuggestion(result, suggested_severity(result.level))
        for result in entry.items
        if result.level is not None and suggested_severity(result.level) is not None
    ]
    return sorted(suggestions, key=lambda s: (-s.severity, s.result.indicator.sort_order))


# ------------------------------------------------------------------------------------------ village page


@dataclass
class YearResults:
    year: int
    results: list[IndicatorResult]

    @property
    def failing(self) -> int:
        return sum(1 for result in self.results if not result.passed)

    @property
    def warnings(self) -> int:
        return sum(1 for result in self.results if result.is_warning)


@dataclass
class SurveyResults:
    survey: str
    label: str
    years: list[YearResults]


def village_results(user, village: Village) -> list[SurveyResults]:
    """Every result of the village, by survey (จปฐ. first) and year (most recent first), in the indicators'
    order. One query."""
    results = (
        IndicatorResult.objects.in_scope(user)
        .filter(village=village)
        .select_related("indicator")
        .order_by("indicator__survey", "-year", "indicator__sort_order", "indicator__code")
    )
    by_survey: dict[str, dict[int, list[IndicatorResult]]] = defaultdict(dict)
    for result in results:
        by_survey[result.indicator.survey].setdefault(result.year, []).append(result)
    return [
        SurveyResults(
            survey,
            str(Survey(survey).label),
            [YearResults(year, rows) for year, rows in by_survey[survey].items()],
        )
        for survey in Survey.values
        if survey in by_survey
    ]


# ------------------------------------------------------------------------------------------ area pages


@dataclass
class TambonRow:
    tambon: Tambon
    villages: int = 0
    with_data: int = 0
    with_failing: int = 0
    failing: int = 0  # failing results in the villages' latest years


def provinces(user):
    return Province.objects.in_scope(user).active().filter(is_cd_area=True).order_by("code")


def tambon_rows(user, year: int, *, province: str | None = None) -> list[TambonRow]:
    """The tambons in the user's scope (a national user: of `province`, none without one) with their villages,
    the villages with results, those with a failing indicator in their latest years, and the failing results.
    Four queries whatever the number of tambons."""
    tambons = Tambon.objects.in_scope(user).active().select_related("district")
    if scope_of(user).level == NATION:
        if not province:
            return []
        tambons = tambons.filter(district__province_id=province)
    rows = {tambon.code: TambonRow(tambon) for tambon in tambons.order_by("code")}
    if not rows:
        return []
    villages = Village.objects.in_scope(user).filter(tambon_id__in=rows)
    village_tambon = dict(villages.values_list("pk", "tambon_id"))
    for tambon_code in village_tambon.values():
        rows[tambon_code].villages += 1
    by_village = failing_by_village(list(village_tambon), year, user=user)
    for village_id, entry in by_village.items():
        row = rows[village_tambon[village_id]]
        row.with_data += 1
        if entry.failing:
            row.with_failing += 1
            row.failing += len(entry.failing)
    return list(rows.values())


def tambon_villages(user, tambon: Tambon, year: int) -> list[tuple[Village, VillageIndicators]]:
    """The tambon's villages in order, each with its failing indicators (an empty entry, without `years`, for
    a village with no results yet). Three queries."""
    villages = list(Village.objects.in_scope(user).filter(tambon=tambon).order_by("moo"))
    by_village = failing_by_village(villages, year, user=user)
    return [(village, by_village.get(village.pk) or VillageIndicators(village.pk)) for village in villages]


# ------------------------------------------------------------------------------------------ catalogue


@dataclass
class CatalogueGroup:
    survey_label: str
    period: str
    group: str
    indicators: list[Indicator]


def catalogue() -> list[CatalogueGroup]:
    """The indicator catalogue (national, the same for every user) by survey, period and group."""
    groups: dict[tuple[str, str, str], CatalogueGroup] = {}
    for indicator in Indicator.objects.order_by("survey", "-period", "sort_order", "code"):
        key = (indicator.survey, indicator.period, indicator.group_th)
        if key not in groups:
            groups[key] = CatalogueGroup(
                str(Survey(indicator.survey).label), indicator.period, indicator.group_th, []
            )
        groups[key].indicators.append(indicator)
    return list(groups.values())


def result_counts(user) -> dict[str, int]:
    """Results in the user's scope per survey (the index page's figures)."""
    rows = (
        IndicatorResult.objects.in_scope(user)
        .order_by()
        .values("indicator__survey")
        .annotate(total=Count("id"))
    )
    return {row["indicator__survey"]: row["total"] for row in rows}


def villages_to_import(user, limit: int = 1) -> list[Village]:
    """The first villages the user may import results for (the template's example rows)."""
    return list(Village.objects.in_scope(user).order_by("code")[:limit])


# ------------------------------------------------------------------------------------------ the API


def indicators_list(user, *, survey: str | None = None, period: str | None = None):
    """The indicator catalogue (national) in its order, narrowed to a survey and a period ("2566-2570"); empty
    for a user without an area (a partner's), who finds no village data on the pages either."""
    if scope_of(user).level == NOTHING:
        return Indicator.objects.none()
    indicators = Indicator.objects.all()
    if survey:
        indicators = indicators.filter(survey=survey)
    if period:
        indicators = indicators.filter(period=period)
    return indicators.order_by("survey", "-period", "sort_order", "code", "pk")


def results_list(
    user,
    *,
    area: str | None = None,
    village: str | None = None,
    year: int | None = None,
    survey: str | None = None,
    indicator_id: int | None = None,
    passed: bool | None = None,
):
    """Villages' results in the user's scope with their village and indicator, narrowed to an area (province,
    district or tambon), a village's code, a survey year, a survey, an indicator and whether they passed."""
    results = IndicatorResult.objects.in_scope(user).in_area(area).select_related("village", "indicator")
    if village:
        results = results.filter(village__code=village)
    if year is not None:
        results = results.filter(year=year)
    if survey:
        results = results.filter(indicator__survey=survey)
    if indicator_id is not None:
        results = results.filter(indicator_id=indicator_id)
    if passed is not None:
        results = results.filter(passed=passed)
    return results.order_by("village__code", "-year", "indicator__survey", "indicator__sort_order", "pk")


def result_for(user, pk: int) -> IndicatorResult:
    """One result in the user's scope (404 outside it)."""
    return get_object_or_404(results_list(user), pk=pk)
