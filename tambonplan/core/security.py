"""HTTP hardening that Django 5.2 does not do itself: a Content Security Policy on every HTML response.

Scripts come only from this site's own files (no inline <script>, no on...= handlers, no eval): the
templates keep to that and tests/core/test_security_headers.py checks it. Styles allow 'unsafe-inline'
as a known relaxation: templates use style="…" attributes (widths, print layout) and CSP cannot allow
attributes without it. Images allow data: (Bootstrap's form icons are data: SVGs in its CSS).
"""

from django.conf import settings

DEFAULT_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy_header(policy: dict[str, str]) -> str:
    return "; ".join(f"{directive} {sources}" for directive, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    """Adds Content-Security-Policy to HTML responses that do not set one (settings.CONTENT_SECURITY_POLICY
    replaces directives of the default policy)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = policy_header({**DEFAULT_POLICY, **getattr(settings, "CONTENT_SECURITY_POLICY", {})})

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.headers.get("Content-Type", "")
        if content_type.startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", self.header)
        return response
