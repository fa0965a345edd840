"""The one place that decides which areas and objects a user may see or change.

Area codes are hierarchical DOPA codes: province "34", district "3401", tambon "340101",
village "34010101". A user's scope is the nation, one province, one district or a set of tambons.
Models opt in by declaring ``scope_paths`` (the lookups from the model to the province, district
and tambon codes) and using ``ScopedQuerySet``; every selector then calls ``.in_scope(user)``.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

NATION = "nation"
PROVINCE = "province"
DISTRICT = "district"
TAMBONS = "tambons"
NOTHING = "nothing"


@dataclass(frozen=True)
class Scope:
    level: str
    province_code: str | None = None
    district_code: str | None = None
    tambon_codes: frozenset[str] = frozenset()

    def q(
        self, *, province: str, district: str | None = None, tambon: str | None = None, above: bool = True
    ) -> Q:
        """The one rule of which rows a user sees, as a filter for a model whose province/district/tambon
        codes are reached by these lookups: the rows of the user's areas and, with `above`, of the areas
        above them (a district officer sees its province's ศอช.จ. and province-wide events; a tambon officer
        also its district's). `admits` is the same rule for one object."""
        if self.level == NATION:
            return Q()
        if self.level == PROVINCE:
            return Q(**{province: self.province_code})
        if self.level not in (DISTRICT, TAMBONS):
            return Q(pk__in=[])
        province_own = Q(**{province: self.province_code})
        if district is not None:
            province_own &= Q(**{f"{district}__isnull": True})
        if self.level == TAMBONS and tambon is not None:
            own = Q(**{f"{tambon}__in": sorted(self.tambon_codes)})
            if not above:
                return own
            district_own = Q(**{tambon + "__isnull": True})
            if district is not None:
                district_own &= Q(**{district: self.district_code})
            return own | district_own | province_own
        if district is None:
            return Q(**{province: self.province_code})
        own = Q(**{district: self.district_code})
        return own | province_own if above else own

    def admits(self, code: str, *, paths, above: bool = True) -> bool:
        """Whether an object with this area code is one of the rows `q` selects for a model with these
        `scope_paths` (the object check and the list filter cannot disagree)."""
        if self.level == NATION:
            return True
        if self.level == PROVINCE or (self.level in (DISTRICT, TAMBONS) and "district" not in paths):
            return code[:2] == self.province_code
        if self.level not in (DISTRICT, TAMBONS):
            return False
        if above and code == self.province_code:
            return True
        if self.level == TAMBONS and "tambon" in paths:
            if len(code) >= 6:
                return code[:6] in self.tambon_codes
            return above and code == self.district_code
        return len(code) >= 4 and code[:4] == self.district_code

    def contains(self, code: str) -> bool:
        """Whether the area with this DOPA code (any level, village included) is in the scope."""
        if self.level == NATION:
            return True
        if self.level == PROVINCE:
            return code[:2] == self.province_code
        if self.level == DISTRICT:
            if len(code) == 2:
                return code == self.province_code
            return code[:4] == self.district_code
        if self.level == TAMBONS:
            if len(code) == 2:
                return code == self.province_code
            if len(code) == 4:
                return code == self.district_code
            return code[:6] in self.tambon_codes
        return False

    def covers(self, code: str) -> bool:
        """Whether the area lies at or below the user's own level: what the user may change.

        A district officer sees its province's record but does not change it (the province's ศอช.จ.
        belongs to the province officers); likewise a tambon officer and its district.
        """
        if self.level == DISTRICT:
            return len(code) >= 4 and code[:4] == self.district_code
        if self.level == TAMBONS:
            return len(code) >= 6 and code[:6] in self.tambon_codes
        return self.contains(code)


def scope_of(user) -> Scope:
    """The user's area scope, computed once per user object."""
    cached = getattr(user, "_scope_cache", None)
    if cached is not None:
        return cached
    scope = _compute_scope(user)
    if user.is_authenticated:
        user._scope_cache = scope
    return scope


def _compute_scope(user) -> Scope:
    from tambonplan.accounts.models import Role

    if not user.is_authenticated or not user.is_active:
        return Scope(NOTHING)
    if user.role == Role.PARTNER:
        # A partner's own users see only the partner portal, never the offices' records.
        return Scope(NOTHING)
    if user.is_superuser or user.role in (Role.ADMIN, Role.DEPARTMENT):
        return Scope(NATION)
    if user.role == Role.TAMBON:
        codes = frozenset(user.tambons.values_list("code", flat=True))
        if not codes or not user.district_id:
            return Scope(NOTHING)
        return Scope(TAMBONS, user.district_id[:2], user.district_id, codes)
    if user.district_id:
        return Scope(DISTRICT, user.district_id[:2], user.district_id)
    if user.province_id:
        return Scope(PROVINCE, user.province_id)
    if user.role == Role.VIEWER:
        return Scope(NATION)
    return Scope(NOTHING)


AREA_LEVELS = {2: "province", 4: "district", 6: "tambon"}


def area_q(scope_paths: dict[str, str], code: str) -> Q:
    """Objects in the province, district or tambon with this code, by a model's ``scope_paths``.

    A model without a path at the code's level (a partner belongs to a province only) is filtered at its
    deepest level above it: a district code selects the partners of its province."""
    level = AREA_LEVELS.get(len(code))
    if level is None or not (code.isascii() and code.isdigit()):
        return Q(pk__in=[])
    for name, length in (("tambon", 6), ("district", 4), ("province", 2)):
        if length <= len(code) and name in scope_paths:
            return Q(**{scope_paths[name]: code[:length]})
    return Q(pk__in=[])


class ScopedQuerySet(models.QuerySet):
    def in_scope(self, user):
        return self.within(scope_of(user))

    def within(self, scope: Scope):
        """The rows in an explicit scope (the public open data reads the nation's without a user)."""
        return self.filter(scope.q(**self.model.scope_paths, above=sees_above(self.model)))

    def in_area(self, code: str | None):
        """Narrowed to an area (province, district or tambon code); unchanged when no code is given."""
        return self.filter(area_q(self.model.scope_paths, code)) if code else self


def sees_above(model) -> bool:
    """Whether a model's rows of the areas above the user's are visible to the user (default); a model
    sets `scope_sees_above = False` when only its rows at or below the user's areas are (users: a district
    officer does not see the province's officers)."""
    return getattr(model, "scope_sees_above", True)


def may_view(user, obj) -> bool:
    scope = scope_of(user)
    paths = getattr(obj, "scope_paths", None)
    if paths is None:
        return scope.contains(obj.area_code)
    return scope.admits(obj.area_code, paths=paths, above=sees_above(type(obj)))


def may_change(user, obj) -> bool:
    if not user.is_authenticated or not user.can_edit:
        return False
    return scope_of(user).covers(obj.area_code)


def may_see_contacts(user) -> bool:
    """Phone numbers of committee members and event attendees are for the officers who work with them
    (editors within their area); read-only roles (viewers, the Department) and partners see names only."""
    return bool(user.is_authenticated and user.can_edit)


def may_manage_province(user, province_code: str) -> bool:
    """Province-wide settings (review dates, templates, plan steps, circulars): province officers of that
    province and national editors (administrators)."""
    if not user.is_authenticated or not user.can_edit:
        return False
    scope = scope_of(user)
    return scope.level in (NATION, PROVINCE) and scope.contains(province_code)


def require_manage_province(user, province) -> None:
    """404 outside the user's scope, 403 inside it for anyone but the province's officers."""
    require_view(user, province)
    if not may_manage_province(user, province.code):
        raise PermissionDenied


def require_view(user, obj) -> None:
    """404, not 403, so that guessing another area's ids reveals nothing."""
    if not may_view(user, obj):
        raise Http404


def require_change(user, obj) -> None:
    require_view(user, obj)
    if not may_change(user, obj):
        raise PermissionDenied


def partner_of(user):
    """The partner whose own read-only portal this user sees, or None for everyone else.

    Partner users have no area scope at all (``scope_of`` gives them nothing): they see only their
    partner's commitments and the projects those serve, through the portal.
    """
    from tambonplan.accounts.models import Role

    if not user.is_authenticated or not user.is_active or user.role != Role.PARTNER:
        return None
    return user.partner
