"""Every read of circulars, scoped: the province sees its own, a district only those addressed to it."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from tambonplan.accounts.scope import NATION, PROVINCE, scope_of
from tambonplan.areas.models import District
from tambonplan.directives.access import district_code_of, own_district_code, require_view_circular
from tambonplan.directives.models import Acknowledgement, Circular, DownloadLog, Enclosure


def circulars_for(user):
    """The circulars the user may see, newest first."""
    scope = scope_of(user)
    queryset = Circular.objects.select_related("province")
    if scope.level in (NATION, PROVINCE):
        return queryset.in_scope(user)
    code = district_code_of(user)
    if code is None:
        return queryset.none()
    return queryset.filter(districts__code=code, issued_at__isnull=False).distinct()


def circular_for(user, pk: int) -> Circular:
    circular = get_object_or_404(Circular.objects.select_related("province"), pk=pk)
    require_view_circular(user, circular)
    return circular


def enclosure_by_token(user, token: str) -> Enclosure:
    enclosure = get_object_or_404(Enclosure.objects.select_related("circular__province"), token=token)
    require_view_circular(user, enclosure.circular)
    return enclosure


def own_acknowledgement(user, circular: Circular) -> Acknowledgement | None:
    code = district_code_of(user)
    if code is None:
        return None
    return Acknowledgement.objects.filter(circular=circular, district_id=code).select_related("user").first()


@dataclass
class DistrictRow:
    district: District
    acknowledgement: Acknowledgement | None
    downloads: list[int] = field(default_factory=list)  # per enclosure, in the enclosures' order


@dataclass
class Receipt:
    enclosures: list[Enclosure]
    rows: list[DistrictRow]
    province_downloads: list[int]
    # Through the public link (QR code) without a district: not signed in, or no addressed district's officer.
    public_downloads: list[int]

    @property
    def acknowledged(self) -> int:
        return sum(1 for row in self.rows if row.acknowledgement is not None)


def receipt_of(circular: Circular) -> Receipt:
    """The addressed districts with their acknowledgement and download counts per enclosure."""
    if circular.pk is None:
        raise Http404
    enclosures = list(circular.enclosures.all())
    acks = {a.district_id: a for a in circular.acknowledgements.select_related("user")}
    counts: dict[tuple[str | None, int], int] = {}
    public: dict[int, int] = {}
    for row in (
        DownloadLog.objects.filter(enclosure__circular=circular)
        .values("district_id", "via_public_link", "enclosure_id")
        .annotate(n=Count("id"))
    ):
        if row["district_id"] is None and row["via_public_link"]:
            public[row["enclosure_id"]] = public.get(row["enclosure_id"], 0) + row["n"]
        else:
            key = (row["district_id"], row["enclosure_id"])
            counts[key] = counts.get(key, 0) + row["n"]
    rows = [
        DistrictRow(
            district=district,
            acknowledgement=acks.get(district.code),
            downloads=[counts.get((district.code, e.pk), 0) for e in enclosures],
        )
        for district in circular.districts.order_by("code")
    ]
    province_downloads = [counts.get((None, e.pk), 0) for e in enclosures]
    public_downloads = [public.get(e.pk, 0) for e in enclosures]
    return Receipt(
        enclosures=enclosures,
        rows=rows,
        province_downloads=province_downloads,
        public_downloads=public_downloads,
    )


def download_count(enclosure: Enclosure, *, district_code: str | None = None) -> int:
    return DownloadLog.objects.filter(Q(enclosure=enclosure) & Q(district_id=district_code)).count()


def circulars_list(user, *, area: str | None = None, fiscal_year: int | None = None):
    """The circulars the user may see (``circulars_for``), for the API: by issuing province or addressed
    district, and year."""
    circulars = circulars_for(user).prefetch_related("districts", "instructions")
    if area:
        circulars = circulars.filter(Q(province_id=area) | Q(districts__code=area[:4])).distinct()
    if fiscal_year is not None:
        circulars = circulars.filter(fiscal_year=fiscal_year)
    return circulars.order_by("-issued_on", "-id")


def circulars_to_acknowledge(user, *, fiscal_year: int) -> list[Circular]:
    """The year's circulars addressed to the user's district that it has not acknowledged yet, for an officer
    who may acknowledge them (``access.may_acknowledge``: a district officer); report due date first."""
    code = own_district_code(user)
    if code is None or not user.can_edit:
        return []
    circulars = (
        circulars_for(user)
        .filter(fiscal_year=fiscal_year)
        .exclude(acknowledgements__district_id=code)
        .order_by(F("report_due").asc(nulls_last=True), "issued_on", "id")
    )
    return list(circulars)
