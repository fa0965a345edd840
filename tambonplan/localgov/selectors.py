"""Reads of the local-government register, always within the user's area scope."""

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404

from tambonplan.areas.models import Tambon
from tambonplan.localgov.models import LocalGovernment, LocalGovernmentKind

# The register's order within an office's area: the province's อบจ., then the municipalities from the largest,
# then the อบต.s.
KIND_ORDER = (
    LocalGovernmentKind.PAO,
    LocalGovernmentKind.CITY,
    LocalGovernmentKind.TOWN,
    LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY,
    LocalGovernmentKind.SAO,
)
KIND_RANK = Case(
    *(When(kind=kind, then=Value(rank)) for rank, kind in enumerate(KIND_ORDER)),
    default=Value(len(KIND_ORDER)),
    output_field=IntegerField(),
)


def local_governments(user, *, province: str = "", district: str = "", search: str = ""):
    """The register in the user's scope, narrowed to an area and a name, with the number of tambons each
    covers."""
    rows = LocalGovernment.objects.in_scope(user).select_related("province", "district")
    if district:
        # A subquery, not a join: the count of tambons below stays the body's whole coverage.
        covering = LocalGovernment.tambons.through.objects.filter(tambon__district_id=district)
        rows = rows.filter(Q(district_id=district) | Q(pk__in=covering.values("localgovernment_id")))
    elif province:
        rows = rows.filter(province_id=province)
    if search:
        rows = rows.filter(Q(name_th__icontains=search) | Q(code__startswith=search))
    return rows.annotate(tambon_count=Count("tambons", distinct=True), kind_rank=KIND_RANK).order_by(
        "province_id", "district_id", "kind_rank", "name_th", "pk"
    )


def local_government_for(user, pk: int) -> LocalGovernment:
    return get_object_or_404(
        LocalGovernment.objects.in_scope(user).select_related("province", "district"), pk=pk
    )


def for_tambon(tambon: Tambon) -> list[LocalGovernment]:
    """The active local governments a tambon's projects may go to: those covering it (a tambon can have
    several: อบต., เทศบาล), then its province's (อบจ., which covers the whole province)."""
    province = tambon.code[:2]
    rows = (
        LocalGovernment.objects.filter(is_active=True)
        .filter(Q(tambons=tambon) | Q(kind=LocalGovernmentKind.PAO, province_id=province))
        .distinct()
        .select_related("province")
    )
    return sorted(rows, key=lambda body: (body.kind == LocalGovernmentKind.PAO, body.name_th, body.pk))


def counts_by_tambon(tambon_codes) -> dict[str, int]:
    """How many active local governments of the tambon itself cover each tambon (the ก.บ.ต.'s "every อปท.
    of the tambon" seats; the province's อบจ. is not one), one query; tambons none covers are absent."""
    rows = (
        LocalGovernment.tambons.through.objects.filter(
            tambon_id__in=list(tambon_codes), localgovernment__is_active=True
        )
        .exclude(localgovernment__kind=LocalGovernmentKind.PAO)
        .values("tambon_id")
        .annotate(count=Count("localgovernment_id"))
    )
    return {row["tambon_id"]: row["count"] for row in rows}


def local_governments_list(
    user, *, area: str | None = None, kind: str | None = None, is_active: bool | None = None
):
    """The register for the API: in the user's scope, narrowed to an area as on the page (a province: the
    bodies with their office in it; a district: those with their office in it or covering one of its tambons;
    a tambon: those covering it — the province's อบจ. is found by the province's code), a kind and whether
    active; each with the tambons it covers in code order (``tambon_list``)."""
    code = area or ""
    rows = local_governments(
        user, province=code if len(code) == 2 else "", district=code if len(code) == 4 else ""
    )
    if len(code) == 6:
        covering = LocalGovernment.tambons.through.objects.filter(tambon_id=code)
        rows = rows.filter(pk__in=covering.values("localgovernment_id"))
    if kind:
        rows = rows.filter(kind=kind)
    if is_active is not None:
        rows = rows.filter(is_active=is_active)
    tambons = Tambon.objects.order_by("code")
    return rows.prefetch_related(Prefetch("tambons", queryset=tambons, to_attr="tambon_list"))


def local_government_with_tambons(user, pk: int) -> LocalGovernment:
    """One body of the register in the user's scope (404 outside it) as the list answers it."""
    return get_object_or_404(local_governments_list(user), pk=pk)
