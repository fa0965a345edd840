"""The site's public address (``settings.SITE_URL``) and every absolute link built on it: links in emails,
QR codes and any address printed in a document. A link that leaves the server is built here and only here.

A printed link must work from a phone outside the server's network. In production (DEBUG off) a SITE_URL
whose host is loopback, private, link-local or a local-only name (localhost, *.local, *.internal, a name
without a dot) cannot: ``printable_url`` refuses it (``SiteUrlNotPublic``), so no dead QR code is printed,
and ``check_site_url`` (``manage.py check --deploy``) warns about it. In development every host is accepted.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks import Warning as CheckWarning
from django.utils.translation import gettext as _

LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".localdomain")


class SiteUrlNotPublic(Exception):
    """SITE_URL names a host that a phone outside the server's network cannot reach."""

    def __init__(self, site_url: str):
        self.site_url = site_url
        super().__init__(f"SITE_URL {site_url!r} is not reachable from outside the server's network")


def site_url() -> str:
    """SITE_URL without its trailing slash."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """The site's address joined with an absolute path ("/reports/1/3401/")."""
    return site_url() + path


def is_public_site_url(url: str) -> bool:
    """Whether an address can be reached from outside the server's network: an http(s) URL whose host is
    a global address (not loopback, private, link-local, shared or reserved) or a name not local-only."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host != "localhost" and "." in host and not host.endswith(LOCAL_SUFFIXES)
    return (getattr(address, "ipv4_mapped", None) or address).is_global


def printable_url(path: str) -> str:
    """The absolute link to print (a QR code, a link in a document). In production, SiteUrlNotPublic when
    SITE_URL is not reachable from outside: a printed code would lead nowhere."""
    url = absolute_url(path)
    if not settings.DEBUG and not is_public_site_url(url):
        raise SiteUrlNotPublic(settings.SITE_URL)
    return url


def not_public_message() -> str:
    """What the user and the administrator are told when a printed link is refused (Thai)."""
    return _(
        "ยังพิมพ์คิวอาร์โค้ดในเอกสารไม่ได้ เพราะที่อยู่เว็บไซต์ที่ตั้งไว้ (SITE_URL) เป็นที่อยู่ภายในเครื่องหรือเครือข่ายภายใน "
        "ผู้ที่สแกนคิวอาร์โค้ดจากกระดาษจะเปิดไม่ได้ โปรดแจ้งผู้ดูแลระบบให้ตั้งค่า SITE_URL เป็นที่อยู่ที่เปิดได้จากภายนอก "
        "(เช่น https://tambonplan.example.go.th) แล้วดาวน์โหลดเอกสารอีกครั้ง"
    )


@register(Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs):
    """``manage.py check --deploy``: SITE_URL must be reachable from outside, or QR codes are refused."""
    if is_public_site_url(settings.SITE_URL):
        return []
    return [
        CheckWarning(
            f"SITE_URL ({settings.SITE_URL!r}) is not reachable from outside the server's network.",
            hint="Set SITE_URL to the address users open the site at, e.g. https://tambonplan.example.go.th; "
            "until then documents with QR codes are refused and links in emails lead nowhere.",
            id="core.W001",
        )
    ]
