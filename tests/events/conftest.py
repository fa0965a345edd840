import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    """The check-in rate limits live in the cache: every test starts and ends with it empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded photos go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
