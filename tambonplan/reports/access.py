"""Who may see, write and review a district report: the district's own officers write it, the province's
officers review it, the Department and viewers of the province read it; everyone else gets a 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tambonplan.accounts.scope import may_manage_province
from tambonplan.directives.access import is_province_user, own_district_code
from tambonplan.reports.models import DistrictReport


def may_view_report(user, report: DistrictReport) -> bool:
    return (
        is_province_user(user, report.district.province_id) or own_district_code(user) == report.district_id
    )


def may_write_report(user, district_code: str) -> bool:
    return user.can_edit and own_district_code(user) == district_code


def may_review_report(user, report: DistrictReport) -> bool:
    return may_manage_province(user, report.district.province_id)


def require_view_report(user, report: DistrictReport) -> None:
    if not may_view_report(user, report):
        raise Http404


def require_write_report(user, report: DistrictReport) -> None:
    require_view_report(user, report)
    if not may_write_report(user, report.district_id):
        raise PermissionDenied


def require_review_report(user, report: DistrictReport) -> None:
    require_view_report(user, report)
    if not may_review_report(user, report):
        raise PermissionDenied
