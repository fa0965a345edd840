"""Every read of areas and villages, filtered by the requesting user's scope."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

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
class Figure:
    key: str
    label: str
    value: int


@dataclass(frozen=True)
class HomeSummary:
    """What the home page shows: the user's own area, headline figures and its child areas with counts."""

    level: str
    area: Province | District | None
    figures: list[Figure]
    rows: list


FIGURE_LABELS = {
    "provinces": _("จังหวัด"),
    "districts": _("อำเภอ"),
    "tambons": _("ตำบล"),
    "villages": _("หมู่บ้าน"),
}


COUNT_ATTRIBUTES = {"districts": "district_count", "tambons": "tambon_count", "villages": "village_count"}


def _figures(rows: list, row_key: str, summed: tuple[str, ...]) -> list[Figure]:
    """The number of rows, then the sum over rows of each counted child level."""
    figures = [Figure(row_key, str(FIGURE_LABELS[row_key]), len(rows))]
    for key in summed:
        total = sum(getattr(row, COUNT_ATTRIBUTES[key]) for row in rows)
        figures.append(Figure(key, str(FIGURE_LABELS[key]), total))
    return figures


def home_summary(user) -> HomeSummary:
    scope = scope_of(user)
    if scope.level == NATION:
        rows = list(provinces_with_counts(user))
        return HomeSummary(
            scope.level, None, _figures(rows, "provinces", ("districts", "tambons", "villages")), rows
        )
    if scope.level == PROVINCE:
        area = Province.objects.get(code=scope.province_code)
        rows = list(districts_with_counts(user, area))
        return HomeSummary(scope.level, area, _figures(rows, "districts", ("tambons", "villages")), rows)
    if scope.level in (DISTRICT, TAMBONS):
        area = District.objects.select_related("province").get(code=scope.district_code)
        rows = list(tambons_with_counts(user, area))
        return HomeSummary(scope.level, area, _figures(rows, "tambons", ("villages",)), rows)
    return HomeSummary(scope.level, None, [], [])


def tambon_codes_of(user) -> list[str]:
    """The codes of the active tambons in the user's scope, in order (the village template's drop-down)."""
    return list(Tambon.objects.in_scope(user).active().order_by("code").values_list("code", flat=True))


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


def areas_list(user, model, *, area: str | None = None):
    """Provinces, districts, tambons or villages in the user's scope, optionally within an area."""
    related = {District: ("province",), Tambon: ("district",), Village: ("tambon",)}.get(model, ())
    return model.objects.in_scope(user).in_area(area).select_related(*related).order_by("code")
