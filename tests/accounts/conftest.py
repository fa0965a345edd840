"""A province officer with two-factor login on, and a client past its code step."""

import pytest
from django.test import Client

from tambonplan.accounts import second_factor, services
from tambonplan.accounts.models import User

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def officer_with_totp(personas) -> User:
    return services.user_enable_totp(user=personas.province_officer, secret=SECRET)


def client_past_the_code_step(user: User) -> Client:
    """A client signed in as the user with the session marked as having passed the two-factor code."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[second_factor.SESSION_KEY] = user.pk
    session.save()
    return client
