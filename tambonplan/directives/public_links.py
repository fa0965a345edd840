"""Public links to a circular's enclosures: what the QR codes printed on the circular hold.

A circular and its enclosures are public administrative documents: a district clerk without an account scans
the code on paper and receives the file. The link carries the enclosure's ``public_token``, 128 random bits
stored with the enclosure rather than a signature, so printed codes outlive a SECRET_KEY rotation and one
enclosure's link can be revoked alone: renewing it ("ออกลิงก์ใหม่") draws a new token, the printed code stops
working and the circular printed again carries the new one.

The link answers only once the province has issued the circular and its date (ลงวันที่) has come, in
Thailand. An unknown, revoked or not yet issued link answers the same 404, so a guess learns nothing.
Downloads through the link are counted like the others (``DownloadLog``, marked ``via_public_link``): for
the district of a signed-in user who may see the circular, else for no district. Requests are limited per
client address: wrong links (a token cannot be found by trying) and downloads (one address cannot drain
the server).
"""

import re
from datetime import date

from django.db import transaction
from django.urls import reverse

from tambonplan.core import counters
from tambonplan.core.site_url import absolute_url, printable_url
from tambonplan.directives.access import district_code_of, may_view_circular, require_change_circular
from tambonplan.directives.models import Circular, DownloadLog, Enclosure, new_token
from tambonplan.thai.dates import bangkok_today

TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{16,40}")
WINDOW_SECONDS = 10 * 60
# Per client address and window: wrong links (unknown, revoked, not issued), and files served. An office
# behind one address downloading every enclosure of several circulars stays well below the second.
MAX_MISSES_PER_ADDRESS = 20
MAX_DOWNLOADS_PER_ADDRESS = 300


def public_path(enclosure: Enclosure) -> str:
    return reverse("directives:enclosure_public", args=[enclosure.public_token])


def public_url(enclosure: Enclosure) -> str:
    """The enclosure's public link, to show on its page."""
    return absolute_url(public_path(enclosure))


def qr_url(enclosure: Enclosure) -> str:
    """The link a QR code of the printed circular holds; SiteUrlNotPublic in production when SITE_URL
    cannot be reached from outside (core.site_url)."""
    return printable_url(public_path(enclosure))


def is_issued(circular: Circular, today: date | None = None) -> bool:
    """A circular is public once the province has issued it and its date (ลงวันที่) has come, in Thailand."""
    return circular.is_issued and circular.issued_on <= (today or bangkok_today())


def public_enclosure(token: str) -> Enclosure | None:
    """The enclosure a public link names, when its circular is issued; None for anything else."""
    if not TOKEN_RE.fullmatch(token or ""):
        return None
    enclosure = Enclosure.objects.select_related("circular").filter(public_token=token).first()
    if enclosure is None or not enclosure.file or not is_issued(enclosure.circular):
        return None
    return enclosure


@transaction.atomic
def public_link_renew(*, user, enclosure: Enclosure) -> Enclosure:
    """Revoke the enclosure's public link by giving it a new one; the old link answers 404 from now on."""
    require_change_circular(user, enclosure.circular)
    enclosure.public_token = new_token()
    enclosure.save(update_fields=["public_token"])
    return enclosure


def public_download_record(*, user, enclosure: Enclosure) -> DownloadLog:
    """Count a download through the public link: for the user's district when a signed-in user may see the
    circular, else for no district."""
    signed_in = user if user is not None and user.is_authenticated else None
    district = None
    if signed_in is not None and may_view_circular(signed_in, enclosure.circular):
        district = district_code_of(signed_in)
    return DownloadLog.objects.create(
        enclosure=enclosure, district_id=district, user=signed_in, via_public_link=True
    )


def _miss_key(client_ip: str) -> str:
    return f"directives:public:miss:{client_ip}"


def _download_key(client_ip: str) -> str:
    return f"directives:public:download:{client_ip}"


def rate_limited(client_ip: str) -> bool:
    """Whether the address has used up its wrong links or its downloads for the current window."""
    return (
        counters.count(_miss_key(client_ip)) >= MAX_MISSES_PER_ADDRESS
        or counters.count(_download_key(client_ip)) >= MAX_DOWNLOADS_PER_ADDRESS
    )


def count_miss(client_ip: str) -> None:
    counters.hit(_miss_key(client_ip), window_seconds=WINDOW_SECONDS)


def count_download(client_ip: str) -> None:
    counters.hit(_download_key(client_ip), window_seconds=WINDOW_SECONDS)
