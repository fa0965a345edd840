"""Every read of areas and villages, filtered by the requesting user's scope."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from tambonplan.accounts.scope import DISTRICT, NATION, PROVINCE, TAMBONS, scope_of
from tambonplan.areas.models import District, Province, Tambon, Village


def _count_subquery(queryset, outer_field: str, inner_field: str):
    """A correlated COUNT(*) of queryset rows whose inner_field equals the outer row's outer_field."""
    counted = (
        queryset.filter(**{inner_field: OuterRef(outer_field)})
        .order_by()
        .values(inner_field)
        .annotate(total=Count("*"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def provinces_with_counts(user):
    """Community-development provinces in scope with their district, tambon and village counts."""
    return (
        Province.objects.in_scope(user)
        .active()
        .filter(is_cd_area=True)
        .annotate(
            district_count=_count_subquery(District.objects.in_scope(user).active(), "code", "province_id"),
            tambon_count=_count_subquery(
                Tambon.objects.in_scope(user).active(), "code", "district__province_id"
            ),
            village_count=_count_subquery(
                Village.objects.in_scope(user), "code", "tambon__district__province_id"
            ),
        )
        .order_by("code")
    )


def districts_with_counts(user, province: Province):
    """The province's districts in scope with their tambon and village counts."""
    return (
        District.objects.in_scope(user)
        .active()
        .filter(province=province)
        .annotate(
            tambon_count=_count_subquery(Tambon.objects.in_scope(user).active(), "code", "district_id"),
            village_count=_count_subquery(Village.objects.in_scope(user), "code", "tambon__district_id"),
        )
        .order_by("code")
    )


def tambons_with_counts(user, district: District):
    """The district's tambons in scope with their village counts."""
    return (
        Tambon.objects.in_scope(user)
        .active()
        .filter(district=district)
        .annotate(village_count=_count_subquery(Village.objects.all(), "code", "tambon_id"))
        .order_by("code")
    )


@dataclass(frozen=True)
class HomeSummary:
    """What the home page shows: the user's own area and its children with real counts."""

    level: str
    area: Province | District | None
    rows: list
    totals: dict[str, int]


def home_summary(user) -> HomeSummary:
    scope = scope_of(user)
    if scope.level == NATION:
        area, rows = None, list(provinces_with_counts(user))
    elif scope.level == PROVINCE:
        area = Province.objects.get(code=scope.province_code)
        rows = list(districts_with_counts(user, area))
    elif scope.level in (DISTRICT, TAMBONS):
        area = District.objects.select_related("province").get(code=scope.district_code)
        rows = list(tambons_with_counts(user, area))
    else:
        return HomeSummary(scope.level, None, [], {})
    totals = {
        key: sum(getattr(row, key) for row in rows)
        for key in ("district_count", "tambon_count", "village_count")
        if rows and hasattr(rows[0], key)
    }
    totals["rows"] = len(rows)
    return HomeSummary(scope.level, area, rows, totals)


def villages_of(user, tambon: Tambon):
    return Village.objects.in_scope(user).filter(tambon=tambon).order_by("moo")


def province_for(user, code: str) -> Province:
    return get_object_or_404(Province.objects.in_scope(user), code=code)


def district_for(user, code: str) -> District:
    return get_object_or_404(District.objects.in_scope(user).select_related("province"), code=code)


def tambon_for(user, code: str) -> Tambon:
    return get_object_or_404(Tambon.objects.in_scope(user).select_related("district__province"), code=code)


def village_for(user, code: str) -> Village:
    return get_object_or_404(
        Village.objects.in_scope(user).select_related("tambon__district__province"), code=code
    )
