"""Refuses logins after repeated failures: per username (LOGIN_MAX_FAILURES within LOGIN_LOCKOUT_MINUTES)
and per client address (LOGIN_MAX_FAILURES_PER_IP, against password spraying over many usernames).

The counters live in Django's cache, shared by every web host when REDIS_URL is set (per process
otherwise). A counter starts at the first failure and expires LOGIN_LOCKOUT_MINUTES later, so a locked
username or address is free again at most that long after its first failure. Unknown usernames are
counted and locked exactly like real ones: the refusal tells nothing about which usernames exist.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger("tambonplan.accounts.lockout")


def max_failures() -> int:
    return settings.LOGIN_MAX_FAILURES


def max_failures_per_ip() -> int:
    return settings.LOGIN_MAX_FAILURES_PER_IP


def lockout_minutes() -> int:
    return settings.LOGIN_LOCKOUT_MINUTES


def _username_key(username: str) -> str:
    digest = hashlib.sha256((username or "").strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"login-failures:user:{digest}"


def _ip_key(ip: str) -> str:
    return f"login-failures:ip:{ip}"


def _count(key: str) -> int:
    return cache.get(key, 0)


def _add_one(key: str) -> int:
    timeout = lockout_minutes() * 60
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def is_locked(username: str, ip: str) -> bool:
    """True while the username or the address has used up its failures."""
    return _count(_username_key(username)) >= max_failures() or _count(_ip_key(ip)) >= max_failures_per_ip()


def record_failure(username: str, ip: str, *, step: str = "password") -> None:
    """Count one failed password (or two-factor code); log when this failure locks the username or address."""
    user_failures = _add_one(_username_key(username))
    ip_failures = _add_one(_ip_key(ip))
    if user_failures == max_failures():
        logger.warning(
            "login locked for username %r after %d failed attempts (last: %s, from %s) for %d minutes",
            username,
            user_failures,
            step,
            ip,
            lockout_minutes(),
        )
    if ip_failures == max_failures_per_ip():
        logger.warning(
            "login locked for address %s after %d failed attempts (last username %r) for %d minutes",
            ip,
            ip_failures,
            username,
            lockout_minutes(),
        )


def reset(username: str) -> None:
    """A completed login clears the username's failures (the address's count runs out on its own)."""
    cache.delete(_username_key(username))
