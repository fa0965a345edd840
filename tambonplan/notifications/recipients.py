"""Who is told of an area's events: its officers, chosen by the same bindings that make their area scope
(``accounts.scope``): a district officer's scope is its district, a province officer's its province (bound to
no district), a tambon officer's its assigned tambons. Only active users."""

from collections.abc import Iterable

from django.db.models import QuerySet

from tambonplan.accounts.models import Role, User


def _active() -> QuerySet:
    return User.objects.filter(is_active=True)


def district_officers(district_codes: Iterable[str]) -> QuerySet:
    return _active().filter(role=Role.DISTRICT, district_id__in=list(district_codes))


def province_officers(province_codes: Iterable[str]) -> QuerySet:
    return _active().filter(role=Role.PROVINCE, province_id__in=list(province_codes), district__isnull=True)


def tambon_officers(tambon_codes: Iterable[str]) -> QuerySet:
    return _active().filter(role=Role.TAMBON, tambons__code__in=list(tambon_codes)).distinct()


def officers_of(area_code: str) -> QuerySet:
    """The officers whose own level is this area: a tambon's CD officers, a district's or a province's
    officers."""
    if len(area_code) >= 6:
        return tambon_officers([area_code[:6]])
    if len(area_code) == 4:
        return district_officers([area_code])
    return province_officers([area_code[:2]])


def group_area_of(area_code: str) -> str:
    """The area whose LINE group hears of an item of this area: its district's (a tambon's or village's item
    too), or its province's for a province-wide one."""
    return area_code[:4] if len(area_code) >= 4 else area_code[:2]
