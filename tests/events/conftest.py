import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    """The check-in limits (core.counters) live in the cache when REDIS_URL is set, else in the database
    (rolled back with each test): every test starts and ends with the cache empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded photos go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
