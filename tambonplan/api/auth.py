"""Who is calling: a per-user API token (Authorization: Bearer …) or the browser's signed-in session.

A token acts as its user, so the area scope and the role are the user's own; a read-only token (the
default) is refused for anything but reading."""

from django.utils.translation import gettext as _
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer, SessionAuth

from tambonplan.api import selectors, services
from tambonplan.core.history import recorded_via_api

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        api_token = selectors.valid_token(token)
        if api_token is None:
            return None
        if request.method not in SAFE_METHODS and not api_token.can_write:
            raise AuthorizationError(403, _("โทเค็นนี้ใช้อ่านข้อมูลได้อย่างเดียว"))
        services.token_mark_used(api_token)
        request.user = api_token.user
        request.api_token = api_token
        recorded_via_api(api_token.name)
        return api_token.user


class SignedInSession(SessionAuth):
    """The signed-in browser (the docs page's "Try it out"); unsafe methods need the CSRF token."""

    def authenticate(self, request, key):
        user = request.user
        if user.is_authenticated and user.is_active:
            recorded_via_api()
            return user
        return None
