"""Demo LINE links: the demo district officers (and their districts' groups) linked to made-up LINE ids,
marked as demo. With ``manage.py line_stub`` running and ``LINE_API_BASE_URL`` pointing at it, the pushes of
``send_notifications --now`` (or ``send_reminders --now``) show in the stub's output."""

import hashlib

from django.db import transaction

from tambonplan.accounts.models import User
from tambonplan.notifications.models import LineAccount, LineGroup

DEMO_OFFICERS = ("mueang_district", "warin_district")


def demo_line_id(prefix: str, name: str) -> str:
    """A made-up id shaped like LINE's (a letter and 32 hex digits), the same on every run."""
    return prefix + hashlib.md5(f"tambonplan-demo:{name}".encode()).hexdigest()  # noqa: S324 - not security


@transaction.atomic
def seed_line_links() -> int:
    """Link the demo district officers and their districts' LINE groups; returns how many links are new."""
    created = 0
    for officer in User.objects.filter(username__in=DEMO_OFFICERS):
        _account, new = LineAccount.objects.get_or_create(
            user=officer, defaults={"line_user_id": demo_line_id("U", officer.username), "is_demo": True}
        )
        created += new
        _group, new = LineGroup.objects.get_or_create(
            area_code=officer.district_id,
            defaults={
                "group_id": demo_line_id("C", officer.district_id),
                "linked_by": officer,
                "is_demo": True,
            },
        )
        created += new
    return created
