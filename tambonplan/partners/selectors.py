"""Every read of the partner registry, partner matching, coordination and the partner portal."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from tambonplan.accounts.scope import NATION, partner_of, require_view, scope_of
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.events.models import Event, EventKind
from tambonplan.partners.models import (
    Commitment,
    CommitmentStatus,
    CoordinationRecord,
    Partner,
    PartnerAbbreviation,
    PartnerArea,
    PartnerType,
)
from tambonplan.partners.names import SIMILARITY_THRESHOLD, abbreviation_form, name_key, similarity
from tambonplan.planning.categories import project_categories
from tambonplan.planning.models import NeedCategory, Project


def partner_province_code(user, requested: str | None = None) -> str:
    """The province whose registry the user works in: its own, or (national users) the one asked for."""
    scope = scope_of(user)
    code = scope.province_code or requested or ""
    if not code or not scope.contains(code) or not Province.objects.filter(code=code).exists():
        raise Http404
    return code


def registry_province_code(user, requested: str | None = None) -> str:
    """The province whose registry the list shows; "" for a national user who asked for none (the national
    registry, every province)."""
    if scope_of(user).level == NATION and not requested:
        return ""
    return partner_province_code(user, requested)


def registry_provinces(user) -> list[Province]:
    """The provinces a national user may narrow the registry to; none for a user bound to a province."""
    if scope_of(user).level != NATION:
        return []
    return list(Province.objects.order_by("name_th"))


def partner_list(
    user,
    *,
    province_code: str,
    partner_type: str = "",
    level: str = "",
    category: NeedCategory | None = None,
    search: str = "",
):
    """The registry of one province, or of every province the user sees when ``province_code`` is ""."""
    partners = (
        Partner.objects.in_scope(user)
        .in_area(province_code)
        .select_related("province")
        .prefetch_related("focus_categories", "areas")
        .annotate(
            commitment_count=Count("commitments", filter=~Q(commitments__status=CommitmentStatus.CANCELLED))
        )
    )
    if partner_type:
        partners = partners.filter(partner_type=partner_type)
    if level:
        partners = partners.filter(level=level)
    if category is not None:
        partners = partners.filter(focus_categories=category)
    if search.strip():
        key = name_key(search, abbreviations_for(province_code))
        partners = partners.filter(Q(name__icontains=search.strip()) | Q(name_key__contains=key))
    return partners.order_by("name", "pk")


def partner_for(user, pk: int) -> Partner:
    partner = get_object_or_404(Partner.objects.select_related("province", "created_by"), pk=pk)
    require_view(user, partner)
    return partner


def area_names(codes) -> dict[str, str]:
    """Thai labels for province, district and tambon codes, in three queries at most."""
    codes = set(codes)
    names = {}
    by_length = {2: [], 4: [], 6: []}
    for code in codes:
        by_length.setdefault(len(code), []).append(code)
    if by_length[2]:
        for province in Province.objects.filter(code__in=by_length[2]):
            names[province.code] = _("ทั้งจังหวัด%(name)s") % {"name": province.display_name}
    if by_length[4]:
        for district in District.objects.filter(code__in=by_length[4]):
            names[district.code] = _("อำเภอ%(name)s") % {"name": district.display_name}
    if by_length[6]:
        for tambon in Tambon.objects.filter(code__in=by_length[6]).select_related("district"):
            names[tambon.code] = _("ตำบล%(tambon)s อำเภอ%(district)s") % {
                "tambon": tambon.display_name,
                "district": tambon.district.display_name,
            }
    return {code: names.get(code, code) for code in codes}


def area_choices(province_code: str) -> list[tuple[str, str]]:
    """The province, then each district followed by its tambons: what a partner may work in."""
    province = Province.objects.get(code=province_code)
    choices = [(province.code, _("ทั้งจังหวัด%(name)s") % {"name": province.display_name})]
    tambons = Tambon.objects.filter(district__province_id=province_code, is_active=True).order_by("code")
    by_district: dict[str, list[Tambon]] = {}
    for tambon in tambons:
        by_district.setdefault(tambon.district_id, []).append(tambon)
    districts = District.objects.filter(province_id=province_code, is_active=True).order_by("code")
    for district in districts:
        choices.append((district.code, _("ทั้งอำเภอ%(name)s") % {"name": district.display_name}))
        for tambon in by_district.get(district.code, []):
            choices.append(
                (
                    tambon.code,
                    "— " + _("ตำบล%(name)s") % {"name": tambon.display_name} + f" ({district.display_name})",
                )
            )
    return choices


@dataclass(frozen=True)
class PartnerPage:
    partner: Partner
    areas: list[tuple[str, str]]
    categories: list[NeedCategory]
    commitments: list[Commitment]
    coordination: list[CoordinationRecord]


def partner_page(user, partner: Partner) -> PartnerPage:
    codes = sorted(partner.areas.values_list("area_code", flat=True))
    names = area_names(codes)
    commitments = list(
        partner.commitments.in_scope(user)
        .select_related("project__plan__tambon__district")
        .order_by("-fiscal_year", "-id")
    )
    coordination = list(partner.coordination.in_scope(user).select_related("event", "project", "created_by"))
    return PartnerPage(
        partner=partner,
        areas=[(code, names[code]) for code in codes],
        categories=list(partner.focus_categories.all()),
        commitments=commitments,
        coordination=coordination,
    )


@dataclass(frozen=True)
class LikelyDuplicate:
    partner: Partner
    similarity: float

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def likely_duplicates(
    user, *, province_code: str, name: str, exclude_pk: int | None = None
) -> list[LikelyDuplicate]:
    """Registered partners of the province whose names look like this one, most alike first."""
    abbreviations = abbreviations_for(province_code)
    key = name_key(name, abbreviations)
    if not key:
        return []
    candidates = (
        Partner.objects.in_scope(user).filter(province_id=province_code).only("pk", "name", "name_key")
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    found = []
    for partner in candidates:
        score = similarity(key, partner.name_key, abbreviations)
        if score >= SIMILARITY_THRESHOLD:
            found.append(LikelyDuplicate(partner, score))
    found.sort(key=lambda item: (-item.similarity, item.partner.name, item.partner.pk))
    return found


# ---------------------------------------------------------------- abbreviations


def abbreviations_for(province_code: str) -> tuple[tuple[str, str], ...]:
    """The (abbreviation, full form) pairs a province's partner names are read with: the national ones, then
    the province's own (which ``names`` lets override a national one with the same abbreviation)."""
    rows = PartnerAbbreviation.objects.filter(Q(province=None) | Q(province_id=province_code)).order_by(
        F("province_id").asc(nulls_first=True), "abbreviation", "pk"
    )
    return tuple(rows.values_list("abbreviation", "full_form"))


@dataclass(frozen=True)
class NationalAbbreviation:
    row: PartnerAbbreviation
    overridden: bool  # the province has its own row for this abbreviation


@dataclass(frozen=True)
class AbbreviationPage:
    own: list[PartnerAbbreviation]
    national: list[NationalAbbreviation]


def abbreviation_page(province_code: str) -> AbbreviationPage:
    """The province's own abbreviations and the national ones (marked where the province overrides them),
    Thai ones first."""
    rows = list(PartnerAbbreviation.objects.filter(Q(province=None) | Q(province_id=province_code)))
    rows.sort(key=lambda row: (row.abbreviation.isascii(), abbreviation_form(row.abbreviation), row.pk))
    own = [row for row in rows if row.province_id]
    own_forms = {abbreviation_form(row.abbreviation) for row in own}
    national = [
        NationalAbbreviation(row, abbreviation_form(row.abbreviation) in own_forms)
        for row in rows
        if not row.province_id
    ]
    return AbbreviationPage(own=own, national=national)


def abbreviation_for(user, pk: int) -> PartnerAbbreviation:
    """A province's own abbreviation (the national ones are not edited here); 404 outside the user's scope."""
    row = get_object_or_404(
        PartnerAbbreviation.objects.filter(province__isnull=False).select_related("province"), pk=pk
    )
    require_view(user, row)
    return row


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class Suggestion:
    partner: Partner
    score: int
    reasons: list[str]
    supports_category: bool = False  # supports one of the project's categories: ranked before the others


CATEGORY_POINTS = 3
TAMBON_POINTS, DISTRICT_POINTS, PROVINCE_POINTS = 3, 2, 1
LOCAL_GOVERNMENT_POINTS = 2
MAX_HISTORY_POINTS = 3


def project_for_matching(user, pk: int) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("plan__tambon__district__province", "project_class"), pk=pk
    )
    require_view(user, project)
    return project


def suggest_partners(user, project: Project, limit: int = 10) -> list[Suggestion]:
    """Active partners of the project's province ranked by how well they fit it, each with its reasons.

    Points: each of the project's categories the partner supports (its own and its needs':
    `planning.categories.project_categories`), where the partner works (its most specific area covering
    the project's tambon), past commitments in the district (not cancelled), and a local government of the
    area. Partners that support one of the project's categories come first (a fogging project's best match
    is a health partner, however much a road builder has done in the district), then by points; ties go by
    name, then by id, so the order never wobbles.
    """
    require_view(user, project)
    tambon = project.plan.tambon
    district = tambon.district
    province = district.province
    categories = {category.pk for category in project_categories(project)}
    history = dict(
        Commitment.objects.filter(project__plan__tambon__district_id=district.code)
        .exclude(status=CommitmentStatus.CANCELLED)
        .values_list("partner_id")
        .annotate(count=Count("id"))
        .values_list("partner_id", "count")
    )
    partners = (
        Partner.objects.in_scope(user)
        .filter(province_id=province.code, is_active=True)
        .prefetch_related(
            Prefetch("areas", queryset=PartnerArea.objects.order_by("area_code")),
            Prefetch("focus_categories", queryset=NeedCategory.objects.order_by("sort_order", "name_th")),
        )
    )
    suggestions = []
    for partner in partners:
        score, reasons = 0, []
        supports = False
        for category in partner.focus_categories.all():
            if category.pk in categories:
                supports = True
                score += CATEGORY_POINTS
                reasons.append(
                    _("สนับสนุน%(category)s ตรงกับด้านของโครงการ") % {"category": category.display_name}
                )
        covering = [area.area_code for area in partner.areas.all() if tambon.code.startswith(area.area_code)]
        if covering:
            most_specific = max(covering, key=len)
            if len(most_specific) >= 6:
                score += TAMBON_POINTS
                reasons.append(_("ทำงานในตำบล%(name)s") % {"name": tambon.display_name})
            elif len(most_specific) == 4:
                score += DISTRICT_POINTS
                reasons.append(_("ทำงานทั้งอำเภอ%(name)s") % {"name": district.display_name})
            else:
                score += PROVINCE_POINTS
                reasons.append(_("ทำงานทั้งจังหวัด%(name)s") % {"name": province.display_name})
            if partner.partner_type == PartnerType.LOCAL_GOVERNMENT:
                score += LOCAL_GOVERNMENT_POINTS
                reasons.append(_("เป็นองค์กรปกครองส่วนท้องถิ่นของพื้นที่"))
        past = history.get(partner.pk, 0)
        if past:
            score += min(past, MAX_HISTORY_POINTS)
            reasons.append(_("เคยสนับสนุนโครงการในอำเภอนี้ %(count)s ครั้ง") % {"count": past})
        if score > 0:
            suggestions.append(Suggestion(partner, score, reasons, supports))
    suggestions.sort(
        key=lambda item: (not item.supports_category, -item.score, item.partner.name, item.partner.pk)
    )
    return suggestions[:limit]


# ---------------------------------------------------------------- coordination


def coordination_for(user, pk: int) -> CoordinationRecord:
    record = get_object_or_404(CoordinationRecord.objects.select_related("partner"), pk=pk)
    require_view(user, record)
    return record


def coordination_events(user, partner: Partner):
    """Coordination meetings of the partner's province the user can see: its own area's and the province's."""
    if not scope_of(user).contains(partner.province_id):
        return Event.objects.none()
    return (
        Event.objects.in_scope(user)
        .filter(kind=EventKind.COORDINATION, province_id=partner.province_id)
        .order_by("-starts_at", "-id")
    )


def coordination_projects(user, partner: Partner):
    return (
        Project.objects.in_scope(user)
        .filter(plan__tambon__district__province_id=partner.province_id)
        .select_related("plan__tambon")
        .order_by("-plan__fiscal_year", "plan__tambon_id", "name", "pk")
    )


# ---------------------------------------------------------------- portal


@dataclass(frozen=True)
class PortalProject:
    project: Project
    budget: Decimal
    committed: Decimal


@dataclass(frozen=True)
class Portal:
    partner: Partner
    commitments: list[Commitment]
    projects: list[PortalProject]


def portal_for(user) -> Portal:
    """The partner user's own commitments and the projects they serve; 403 for anyone else."""
    partner = partner_of(user)
    if partner is None:
        raise PermissionDenied
    commitments = list(
        Commitment.objects.filter(partner=partner)
        .select_related("project__plan__tambon__district")
        .order_by("-fiscal_year", "-id")
    )
    committed: dict[int, Decimal] = {}
    for commitment in commitments:
        if commitment.status != CommitmentStatus.CANCELLED:
            committed[commitment.project_id] = committed.get(commitment.project_id, Decimal(0)) + Decimal(
                commitment.value
            )
    projects = (
        Project.objects.filter(pk__in=committed)
        .select_related("project_class", "plan__tambon__district")
        .annotate(budget_total=Sum("budgets__amount"))
        .order_by("plan__tambon_id", "name", "pk")
    )
    return Portal(
        partner=partner,
        commitments=commitments,
        projects=[
            PortalProject(project, project.budget_total or Decimal(0), committed[project.pk])
            for project in projects
        ],
    )


# ---------------------------------------------------------------- for the API


def partners_list(
    user, *, area: str | None = None, partner_type: str | None = None, is_active: bool | None = None
):
    """Partners registered by the provinces in the user's scope (a district or tambon code selects its
    province's registry), with their areas of operation and focus categories prefetched."""
    partners = Partner.objects.in_scope(user).in_area(area)
    if partner_type:
        partners = partners.filter(partner_type=partner_type)
    if is_active is not None:
        partners = partners.filter(is_active=is_active)
    return partners.prefetch_related(
        Prefetch("areas", queryset=PartnerArea.objects.order_by("area_code")),
        Prefetch("focus_categories", queryset=NeedCategory.objects.order_by("sort_order", "name_th")),
    ).order_by("name", "pk")


def commitments_list(
    user,
    *,
    area: str | None = None,
    fiscal_year: int | None = None,
    status: str | None = None,
    partner_id: int | None = None,
):
    """Commitments to projects in the user's scope, the newest fiscal year first."""
    commitments = Commitment.objects.in_scope(user).in_area(area)
    if fiscal_year is not None:
        commitments = commitments.filter(fiscal_year=fiscal_year)
    if status:
        commitments = commitments.filter(status=status)
    if partner_id is not None:
        commitments = commitments.filter(partner_id=partner_id)
    return commitments.select_related("partner", "project__plan__tambon").order_by("-fiscal_year", "-id")


def partner_areas(partner: Partner) -> list[dict]:
    """The partner's areas of operation as {code, name}, by code."""
    codes = list(partner.areas.order_by("area_code").values_list("area_code", flat=True))
    names = area_names(codes)
    return [{"code": code, "name": str(names[code])} for code in codes]


# Not approved yet, and not cancelled: the moves still ahead of them lead to an approval.
AWAITING_APPROVAL = (CommitmentStatus.PROPOSED, CommitmentStatus.PLEDGED)


def commitments_awaiting_approval(user, *, fiscal_year: int) -> list[Commitment]:
    """The year's commitments to projects in the user's scope that are proposed or pledged but not approved,
    oldest first (by the date proposed, then pledged); one query."""
    commitments = (
        Commitment.objects.in_scope(user)
        .filter(fiscal_year=fiscal_year, status__in=AWAITING_APPROVAL)
        .select_related("partner", "project__plan__tambon")
    )
    first_asked = (F("proposed_on").asc(nulls_last=True), F("pledged_on").asc(nulls_last=True), "id")
    return list(commitments.order_by(*first_asked))
