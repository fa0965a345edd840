"""Every read of notifications. A user reads only their own notifications and LINE links (the list, the bell,
the settings); administrators read the failed deliveries."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from tambonplan.accounts.models import Role
from tambonplan.areas.models import District, Province
from tambonplan.notifications.kinds import CHOOSABLE, DEADLINE_KINDS, Channel, Kind, kinds_for, on_by_default
from tambonplan.notifications.models import (
    Delivery,
    DeliveryStatus,
    LineAccount,
    LineGroup,
    Notification,
    Preference,
    ProvincePolicy,
)


def unread_count(user) -> int:
    """The bell's number: one query."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_of(user) -> QuerySet:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def own_notification(user, pk: int) -> Notification:
    """One of the user's own notifications; anyone else's answers 404."""
    return get_object_or_404(Notification, pk=pk, user=user)


def _mandatory_provinces(province_codes: Iterable[str]) -> set[str]:
    codes = {code for code in province_codes if code}
    if not codes:
        return set()
    policies = ProvincePolicy.objects.filter(province_id__in=codes, deadline_reminders_mandatory=True)
    return set(policies.values_list("province_id", flat=True))


def deadline_reminders_mandatory(user) -> bool:
    """Whether the user's province makes the report-deadline reminders mandatory."""
    return bool(user.province_id) and user.province_id in _mandatory_provinces([user.province_id])


def chosen_channels(users: list, kind: str) -> dict[int, set[str]]:
    """For each user, the channels they get this kind on: in-app always; LINE and e-mail by their own choice,
    else their role's default; all of them for a report-deadline reminder their province made mandatory.
    Two queries whatever the number of users."""
    if not users:
        return {}
    own: dict[int, dict[str, bool]] = {}
    rows = Preference.objects.filter(user__in=users, kind=kind).values_list("user_id", "channel", "enabled")
    for user_id, channel, enabled in rows:
        own.setdefault(user_id, {})[channel] = enabled
    mandatory = _mandatory_provinces(u.province_id for u in users) if kind in DEADLINE_KINDS else set()
    chosen = {}
    for user in users:
        channels = {Channel.IN_APP}
        for channel in CHOOSABLE:
            choice = own.get(user.pk, {}).get(channel)
            on = on_by_default(user.role, kind, channel) if choice is None else choice
            if on or user.province_id in mandatory:
                channels.add(channel)
        chosen[user.pk] = channels
    return chosen


@dataclass
class PreferenceRow:
    kind: str
    label: str
    line: bool
    email: bool
    mandatory: bool


def preference_rows(user) -> list[PreferenceRow]:
    """The kinds the user's role hears of, each with whether LINE and e-mail are on and whether the province
    made it mandatory (the preferences page)."""
    mandatory = deadline_reminders_mandatory(user)
    rows = []
    for kind in kinds_for(user.role):
        channels = chosen_channels([user], kind)[user.pk]
        rows.append(
            PreferenceRow(
                kind=kind,
                label=Kind(kind).label,
                line=Channel.LINE in channels,
                email=Channel.EMAIL in channels,
                mandatory=mandatory and kind in DEADLINE_KINDS,
            )
        )
    return rows


def province_policy_of(province_code: str) -> ProvincePolicy | None:
    return ProvincePolicy.objects.filter(province_id=province_code).first()


def line_account_of(user) -> LineAccount | None:
    return LineAccount.objects.filter(user=user).first()


def line_group_of(area_code: str) -> LineGroup | None:
    return LineGroup.objects.filter(area_code=area_code).first() if area_code else None


def area_label(area_code: str) -> str:
    """ "อำเภอเมืองอุบลราชธานี" or "จังหวัดอุบลราชธานี" for a district or province code."""
    if len(area_code) == 4:
        district = District.objects.filter(code=area_code).first()
        return _("อำเภอ%(name)s") % {"name": district.display_name} if district else area_code
    province = Province.objects.filter(code=area_code).first()
    return _("จังหวัด%(name)s") % {"name": province.display_name} if province else area_code


def is_site_admin(user) -> bool:
    return user.is_authenticated and user.is_active and (user.is_superuser or user.role == Role.ADMIN)


def failed_deliveries() -> QuerySet:
    """Deliveries that failed: given up, or waiting to be tried again (administrators)."""
    return Delivery.objects.filter(status__in=(DeliveryStatus.FAILED, DeliveryStatus.RETRYING)).order_by(
        "-created_at", "-id"
    )
