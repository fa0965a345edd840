"""A session of a user with two-factor login on counts only if it passed the code step.

The site's login marks the session after the code (and so does turning two-factor login on, which proves
a code). Any session of such a user without the mark — made by a login path that skipped the code, or
before the user turned two-factor login on elsewhere — is logged out on its next request, for the pages
and the API alike. So no other door (an admin login, a future view) can create a session that bypasses
the second factor.
"""

from django.contrib.auth import logout

SESSION_KEY = "accounts_second_factor_user"


def mark_second_factor(request, user) -> None:
    request.session[SESSION_KEY] = user.pk


class SecondFactorMiddleware:
    """Logs out a signed-in user with two-factor login on whose session lacks the code step's mark."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.totp_enabled and request.session.get(SESSION_KEY) != user.pk:
            logout(request)
        return self.get_response(request)
