"""Fixed-window counters for the rate limits and lockouts (failed logins, public check-in).

With Redis (REDIS_URL) they live in the cache, shared by every web host and atomic (INCR). Without it
they live in the database (core.WindowCounter), so every process sees the same counts and a restart
forgets nothing; an in-process memory cache would do neither. A window starts at the key's first hit and
ends `window_seconds` later; then the key counts from zero again.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tambonplan.core.models import WindowCounter


def _in_cache() -> bool:
    return bool(getattr(settings, "REDIS_URL", None))


def hit(key: str, *, window_seconds: int) -> int:
    """Count one hit of `key`; the number of hits in its current window, this one included."""
    if _in_cache():
        cache.add(key, 0, timeout=window_seconds)
        try:
            return cache.incr(key)
        except ValueError:  # the window expired between add and incr
            cache.set(key, 1, timeout=window_seconds)
            return 1
    now = timezone.now()
    with transaction.atomic():
        if WindowCounter.objects.filter(key=key, expires_at__gt=now).update(count=F("count") + 1):
            return WindowCounter.objects.get(key=key).count
        # No live window: drop the expired windows (this key's and any other) and open a new one.
        WindowCounter.objects.filter(expires_at__lte=now).delete()
        try:
            with transaction.atomic():
                expires_at = now + timedelta(seconds=window_seconds)
                WindowCounter.objects.create(key=key, count=1, expires_at=expires_at)
            return 1
        except IntegrityError:  # another request opened the window at the same moment
            WindowCounter.objects.filter(key=key).update(count=F("count") + 1)
            return WindowCounter.objects.get(key=key).count


def count(key: str) -> int:
    """The hits of `key` in its current window (0 when none is open)."""
    if _in_cache():
        return cache.get(key, 0)
    live = WindowCounter.objects.filter(key=key, expires_at__gt=timezone.now())
    return next(iter(live.values_list("count", flat=True)), 0)


def clear(key: str) -> None:
    """Close the key's window: it counts from zero again."""
    if _in_cache():
        cache.delete(key)
    else:
        WindowCounter.objects.filter(key=key).delete()
