"""Reads of answers, the ledger and the provinces' budget-year windows (always scoped)."""

from django.shortcuts import get_object_or_404

from tambonplan.accounts.scope import require_view
from tambonplan.funding.models import DEFAULT_WINDOW_YEARS, ForwardingAnswer, FundingEntry, FundingWindow
from tambonplan.planning.models import Forwarding, Project


def windows_by_province() -> tuple[dict[str, int], int]:
    """Every province's window (only those set; a province without a row has the default) and the
    default: one query over a table of at most one row per province."""
    return dict(FundingWindow.objects.values_list("province_id", "years")), DEFAULT_WINDOW_YEARS


def window_years(province_code: str) -> int:
    years = FundingWindow.objects.filter(province_id=province_code).values_list("years", flat=True).first()
    return years or DEFAULT_WINDOW_YEARS


def window_of(province) -> FundingWindow:
    """The province's window row, unsaved with the default when it has none."""
    return FundingWindow.objects.filter(province=province).first() or FundingWindow(
        province=province, years=DEFAULT_WINDOW_YEARS
    )


def forwarding_for(user, pk: int) -> Forwarding:
    forwarding = get_object_or_404(
        Forwarding.objects.select_related("project__plan__tambon__district__province", "local_government"),
        pk=pk,
    )
    require_view(user, forwarding)
    return forwarding


def answer_for(user, pk: int) -> ForwardingAnswer:
    return get_object_or_404(
        ForwardingAnswer.objects.in_scope(user).select_related(
            "forwarding__project__plan__tambon__district__province", "forwarding__local_government"
        ),
        pk=pk,
    )


def answers_of_forwarding(user, forwarding: Forwarding) -> list[ForwardingAnswer]:
    return list(
        ForwardingAnswer.objects.in_scope(user)
        .filter(forwarding=forwarding)
        .prefetch_related("funding_entries")
        .order_by("answered_on", "id")
    )


def answers_of_project(user, project: Project) -> list[ForwardingAnswer]:
    return list(
        ForwardingAnswer.objects.in_scope(user)
        .filter(forwarding__project=project)
        .prefetch_related("funding_entries")
        .order_by("answered_on", "id")
    )


def project_entries(user, project: Project) -> list[FundingEntry]:
    """The project's ledger: every entry, by fiscal year then source."""
    return list(
        FundingEntry.objects.in_scope(user)
        .filter(project=project)
        .select_related("answer__forwarding", "commitment", "partner", "local_government")
        .order_by("fiscal_year", "source_group", "source_name", "id")
    )


def entries_in(user, *, fiscal_year: int | None = None, project_id: int | None = None, area_code: str = ""):
    """Ledger entries visible to the user, filtered (the API's list)."""
    entries = FundingEntry.objects.in_scope(user).in_area(area_code)
    if fiscal_year is not None:
        entries = entries.filter(fiscal_year=fiscal_year)
    if project_id is not None:
        entries = entries.filter(project_id=project_id)
    return entries.select_related("project").order_by("fiscal_year", "project_id", "id")


def answers_in(user, *, area_code: str = "", project_id: int | None = None):
    """Answers visible to the user, filtered (the API's list)."""
    answers = ForwardingAnswer.objects.in_scope(user).in_area(area_code)
    if project_id is not None:
        answers = answers.filter(forwarding__project_id=project_id)
    return (
        answers.select_related("forwarding").prefetch_related("funding_entries").order_by("answered_on", "id")
    )
