"""Facts about the HTTP request that several apps need."""

LOOPBACK = ("127.0.0.1", "::1")


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the address a reverse proxy on this host (nginx in front of
    gunicorn) appended last to X-Forwarded-For; the earlier entries are the client's word and not used."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in LOOPBACK:
        return forwarded.split(",")[-1].strip() or remote
    return remote or "unknown"
