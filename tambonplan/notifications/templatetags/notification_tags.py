"""The bell in the navigation bar (on every page, one query) and the LINE part of the user's settings page."""

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from tambonplan.notifications import selectors
from tambonplan.notifications.channels import line_enabled
from tambonplan.notifications.models import LinkPurpose
from tambonplan.notifications.services import group_area_for
from tambonplan.notifications.views import SESSION_CODES

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context):
    user = context["request"].user
    return {"unread": selectors.unread_count(user) if user.is_authenticated else 0}


def _live_code(session, purpose: str) -> dict | None:
    entry = session.get(SESSION_CODES, {}).get(purpose)
    if not entry:
        return None
    expires_at = parse_datetime(entry["expires_at"])
    if expires_at is None or expires_at <= timezone.now():
        return None
    return {"code": entry["code"], "expires_at": expires_at}


@register.inclusion_tag("notifications/_line_settings.html", takes_context=True)
def line_settings(context):
    """The "เชื่อมต่อ LINE" card: the user's link, a code just made, and for district and province officers
    their area's group."""
    request = context["request"]
    user = request.user
    group_area = group_area_for(user)
    return {
        "request": request,
        "line_enabled": line_enabled(),
        "add_friend_url": settings.LINE_ADD_FRIEND_URL,
        "account": selectors.line_account_of(user),
        "code": _live_code(request.session, LinkPurpose.USER),
        "group_area": group_area,
        "group_area_label": selectors.area_label(group_area) if group_area else "",
        "group": selectors.line_group_of(group_area),
        "group_code": _live_code(request.session, LinkPurpose.GROUP) if group_area else None,
    }
