"""Facts about the HTTP request that several apps need."""

import ipaddress

from django.conf import settings


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)


def client_ip(request) -> str:
    """The client's address, for the per-address limits (login lockout, check-in).

    Without TRUSTED_PROXIES it is the peer's address (REMOTE_ADDR) and X-Forwarded-For is ignored. When
    the peer is a trusted proxy, X-Forwarded-For is read from the right: each proxy appends the address it
    received the request from, so the right-most entry that is not itself a trusted proxy is the client as
    seen by our own proxies. Entries further left were written by the client and are never used."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if not _trusted(remote):
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for entry in reversed([entry for entry in forwarded if entry]):
        if not _trusted(entry):
            return entry
    return remote
