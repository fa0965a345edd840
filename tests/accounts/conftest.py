import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The personas' passwords hashed with a fast hasher: PBKDF2 costs about half a second per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
