"""Who may see, change and acknowledge a circular: the issuing province's officers change it, the addressed
districts' officers see and acknowledge it once it is issued (a draft is the province's alone); everyone else
gets a 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tambonplan.accounts.scope import DISTRICT, NATION, PROVINCE, TAMBONS, may_manage_province, scope_of
from tambonplan.directives.models import Circular


def is_province_user(user, province_code: str) -> bool:
    """A user who sees the whole province (officers, viewers, administrators)."""
    scope = scope_of(user)
    return scope.level in (NATION, PROVINCE) and scope.contains(province_code)


def district_code_of(user) -> str | None:
    """The district of a district or tambon user; None for everyone else."""
    scope = scope_of(user)
    return scope.district_code if scope.level in (DISTRICT, TAMBONS) else None


def own_district_code(user) -> str | None:
    """The district of a district-level user (tambon officers answer for their tambons, not the district)."""
    scope = scope_of(user)
    return scope.district_code if scope.level == DISTRICT else None


def may_view_circular(user, circular: Circular) -> bool:
    if is_province_user(user, circular.province_id):
        return True
    code = district_code_of(user)
    return code is not None and circular.is_issued and circular.districts.filter(code=code).exists()


def may_change_circular(user, circular_or_province_code) -> bool:
    code = getattr(circular_or_province_code, "province_id", circular_or_province_code)
    return may_manage_province(user, code)


def may_acknowledge(user, circular: Circular) -> bool:
    scope = scope_of(user)
    return (
        user.can_edit
        and scope.level == DISTRICT
        and circular.is_issued
        and circular.districts.filter(code=scope.district_code).exists()
    )


def require_view_circular(user, circular: Circular) -> None:
    if not may_view_circular(user, circular):
        raise Http404


def require_change_circular(user, circular: Circular) -> None:
    require_view_circular(user, circular)
    if not may_change_circular(user, circular):
        raise PermissionDenied
