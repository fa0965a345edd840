"""Reads of the API app: a user's tokens, and the token a request presents."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from tambonplan.api.models import ApiToken, digest_of


def tokens_of(user) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def own_token(user, pk: int) -> ApiToken:
    """One of the user's own tokens; anyone else's answers 404."""
    return get_object_or_404(ApiToken, pk=pk, user=user)


def valid_token(secret: str) -> ApiToken | None:
    """The token with this secret if it may still be used: not revoked, not expired, its user active."""
    if not secret or len(secret) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(secret)).first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    if token.expires_on is not None and token.expires_on < timezone.localdate():
        return None
    return token
