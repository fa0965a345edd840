"""Where an app's index sends a user: the page of the user's own province or district."""

from django.http import Http404
from django.urls import reverse

from tambonplan.accounts.scope import DISTRICT, NATION, PROVINCE, TAMBONS, scope_of


def own_area_url(user, namespace: str) -> str | None:
    """The app's province or district page for the user's scope; None for national users (they choose)."""
    scope = scope_of(user)
    if scope.level == PROVINCE:
        return reverse(f"{namespace}:province", kwargs={"code": scope.province_code})
    if scope.level in (DISTRICT, TAMBONS):
        return reverse(f"{namespace}:district", kwargs={"code": scope.district_code})
    if scope.level != NATION:
        raise Http404
    return None
