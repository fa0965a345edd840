"""Refuses logins after repeated failures: per username (LOGIN_MAX_FAILURES within LOGIN_LOCKOUT_MINUTES)
and per client address (LOGIN_MAX_FAILURES_PER_IP, against password spraying over many usernames).

The counters are tambonplan.core.counters: in Redis when REDIS_URL is set, else in the database, so every
web process and host counts together and a restart forgets nothing. A counter starts at the first
failure and expires LOGIN_LOCKOUT_MINUTES later, so a locked username or address is free again at most
that long after its first failure. Unknown usernames are counted and locked exactly like real ones: the
refusal tells nothing about which usernames exist.
"""

import hashlib
import logging

from django.conf import settings

from tambonplan.core import counters

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


def _add_one(key: str) -> int:
    return counters.hit(key, window_seconds=lockout_minutes() * 60)


def is_locked(username: str, ip: str) -> bool:
    """True while the username or the address has used up its failures."""
    return (
        counters.count(_username_key(username)) >= max_failures()
        or counters.count(_ip_key(ip)) >= max_failures_per_ip()
    )


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
    counters.clear(_username_key(username))
