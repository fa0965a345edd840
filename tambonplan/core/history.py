"""How a change was made, kept on every audit entry (django-simple-history): through a page, a file import,
the API (with the token's name at the time) or a system command.

The channel lives in a context variable set by whoever starts the work: `HistoryChannelMiddleware` (a
page), the API authentication (`recorded_via_api`), `import_service` around every import service and
`AuditedCommand` around every management command of the project. Every `HistoricalRecords` takes
`bases=[HistoryChannel]`, whose two columns default to the context's values, so every way an entry is
written (a save, `bulk_create_with_history`, `core.bulk.copy_into_history`) records it without an extra
query. Entries written before the channel was recorded, or outside all of these, have none (empty)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PAGE = "page", _("หน้าเว็บ")
    IMPORT = "import", _("นำเข้าไฟล์")
    API = "api", _("API")
    COMMAND = "command", _("คำสั่งระบบ")


@dataclass(frozen=True)
class Origin:
    channel: str
    api_token: str = ""


_origin: ContextVar[Origin | None] = ContextVar("tambonplan_history_origin", default=None)


def current_channel() -> str:
    origin = _origin.get()
    return origin.channel if origin else ""


def current_api_token() -> str:
    origin = _origin.get()
    return origin.api_token if origin else ""


@contextmanager
def recorded_as(channel: str, *, api_token: str = "") -> Iterator[None]:
    """The audit entries written inside the block carry this channel (and the API token's name)."""
    reset = _origin.set(Origin(channel, api_token))
    try:
        yield
    finally:
        _origin.reset(reset)


def recorded_via_api(api_token: str = "") -> None:
    """The rest of this API request is recorded as made through the API with the token named `api_token`
    (empty: the signed-in session). `HistoryChannelMiddleware` puts the previous channel back at its end."""
    _origin.set(Origin(Channel.API, api_token))


def import_service(service: Callable) -> Callable:
    """Marks an import service: what it writes is recorded as imported from a file."""

    @wraps(service)
    def recorded(*args, **kwargs):
        with recorded_as(Channel.IMPORT):
            return service(*args, **kwargs)

    return recorded


class HistoryChannelMiddleware:
    """A request's changes are made through a page, unless the API authentication says otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with recorded_as(Channel.PAGE):
            return self.get_response(request)


class HistoryChannel(models.Model):
    """The columns every historical model adds (passed as `bases=[HistoryChannel]` to HistoricalRecords).
    `migrate` runs outside every channel, so the entries that exist when the columns are added get none."""

    history_channel = models.CharField(
        _("ช่องทาง"),
        max_length=16,
        choices=Channel.choices,
        blank=True,
        default=current_channel,
        editable=False,
    )
    history_api_token = models.CharField(
        _("ชื่อโทเค็น API"), max_length=100, blank=True, default=current_api_token, editable=False
    )

    class Meta:
        abstract = True


def channel_label(channel: str, api_token: str = "") -> str:
    """How an audit entry says where the change came from: "หน้าเว็บ", "ผ่าน API (โทเค็น “…”)", or "" for an
    entry written before the channel was recorded."""
    if not channel:
        return ""
    if channel == Channel.API:
        if api_token:
            return gettext("ผ่าน API (โทเค็น “%(name)s”)") % {"name": api_token}
        return gettext("ผ่าน API (เซสชัน)")
    return str(Channel(channel).label) if channel in Channel.values else ""
