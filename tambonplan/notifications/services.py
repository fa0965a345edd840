"""Every write of notifications: telling users of an event (in the site, and by LINE and e-mail through the
task queue after commit), sending and retrying deliveries, reading, preferences, the province's rule, LINE
link codes and unlinking.

An event has a key (``Message.key``): the same event told twice makes nothing new, because a user has one
``Notification`` per key and a recipient one ``Delivery`` per key and channel (unique constraints). A delivery
is sent by ``deliver`` in a task queued once the transaction commits; a failure that may pass (network, 429,
5xx) is tried again after ``BACKOFF`` (a deferred task, or the next ``send_notifications`` run), up to
``MAX_ATTEMPTS``; the failures stay visible to administrators (the admin's list and
``/notifications/failures/``).
Reminder kinds go out as one digest per recipient per channel per day (``Digest``): those made after the day's
digest wait for the next morning's.
"""

import hashlib
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tambonplan.accounts.models import Role
from tambonplan.accounts.scope import may_manage_province
from tambonplan.core.site_url import absolute_url
from tambonplan.notifications.channels import SendError, email_send, line_enabled, line_push
from tambonplan.notifications.kinds import (
    CHOOSABLE,
    DEADLINE_KINDS,
    REMINDER_KINDS,
    Channel,
    kinds_for,
    on_by_default,
)
from tambonplan.notifications.models import (
    OPEN_STATUSES,
    Delivery,
    DeliveryStatus,
    Digest,
    LineAccount,
    LineGroup,
    LinkCode,
    LinkPurpose,
    Notification,
    Preference,
    ProvincePolicy,
    WebhookEvent,
)
from tambonplan.notifications.selectors import chosen_channels, deadline_reminders_mandatory
from tambonplan.thai.dates import BANGKOK, be_date_long

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)
DIGEST_HOUR = 7  # a digest that waits for the next day goes out from this hour (Bangkok)
DIGEST_MAX_ITEMS = 10  # more than this in one digest: the rest is counted, with the link to the list
LINK_CODE_DIGITS = 6
LINK_CODE_MINUTES = 10


@dataclass(frozen=True)
class Message:
    """An event to tell: its kind, its key (the same event, the same key), a short Thai title with the figure
    that matters, a line of detail, the item's page on the site and the item's area."""

    kind: str
    key: str
    title: str
    body: str
    path: str
    area_code: str = ""


# ---------------------------------------------------------------- telling


def notify(message: Message, *, users: Iterable, group_areas: Iterable[str] = (), actor=None) -> int:
    """Tell the users of the event in the site and, after commit, on the channels each has chosen (LINE if
    linked, e-mail if given), and the LINE groups of `group_areas`. The actor (who caused the event) is not
    told. Telling the same event again adds nothing. Returns how many users were told for the first time."""
    recipients = {
        user.pk: user for user in users if user.is_active and (actor is None or user.pk != actor.pk)
    }
    now = timezone.now()
    with transaction.atomic():
        before = Notification.objects.filter(event_key=message.key).count()
        Notification.objects.bulk_create(
            [
                Notification(
                    user=user,
                    kind=message.kind,
                    event_key=message.key,
                    title=message.title,
                    body=message.body,
                    path=message.path,
                    area_code=message.area_code,
                    created_at=now,
                )
                for user in recipients.values()
            ],
            ignore_conflicts=True,
        )
        told = Notification.objects.filter(event_key=message.key).count() - before
        Delivery.objects.bulk_create(
            _deliveries(message, list(recipients.values()), set(group_areas), now), ignore_conflicts=True
        )
        waiting = list(
            Delivery.objects.filter(
                event_key=message.key, status=DeliveryStatus.PENDING, attempts=0
            ).values_list("pk", flat=True)
        )
        # robust: a queue that cannot be reached fails no one's action; send_notifications sends them later.
        transaction.on_commit(lambda: _enqueue(waiting), robust=True)
    return told


def _deliveries(message: Message, users: list, group_areas: set[str], now: datetime) -> list[Delivery]:
    url = absolute_url(message.path)
    common = {
        "event_key": message.key,
        "kind": message.kind,
        "title": message.title,
        "body": message.body,
        "url": url,
        "is_digest": message.kind in REMINDER_KINDS,
        "created_at": now,
    }
    chosen = chosen_channels(users, message.kind)
    linked = (
        set(LineAccount.objects.filter(user__in=users).values_list("user_id", flat=True))
        if users and line_enabled()
        else set()
    )
    deliveries = []
    for user in users:
        for channel in chosen[user.pk] - {Channel.IN_APP}:
            if (channel == Channel.LINE and user.pk not in linked) or (
                channel == Channel.EMAIL and not user.email.strip()
            ):
                continue
            deliveries.append(Delivery(channel=channel, user=user, recipient=user.get_username(), **common))
    if group_areas and line_enabled():
        for group in LineGroup.objects.filter(area_code__in=group_areas):
            recipient = _("กลุ่ม LINE ของพื้นที่ %(code)s") % {"code": group.area_code}
            deliveries.append(Delivery(channel=Channel.LINE, group=group, recipient=recipient, **common))
    return deliveries


def _enqueue(delivery_ids: list[int]) -> None:
    from tambonplan.notifications.tasks import deliver_task

    for delivery_id in delivery_ids:
        deliver_task.enqueue(delivery_id)


def _enqueue_at(delivery_id: int, when: datetime) -> None:
    """Queue a retry for `when` if the task backend can defer (the database queue can); otherwise the next
    ``send_notifications`` run sends it."""
    from tambonplan.notifications.tasks import deliver_task

    if deliver_task.get_backend().supports_defer:
        deliver_task.using(run_after=when).enqueue(delivery_id)


# ---------------------------------------------------------------- sending


def deliver(delivery_id: int, *, now: datetime | None = None) -> str:
    """Send one delivery (with the rest of its recipient's digest for a reminder) unless it was sent already,
    gave up, or waits for a later attempt. The row stays locked while sending, so two workers cannot both send
    it. Returns the delivery's status afterwards ("" if there is no such delivery)."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("user__line_account", "group")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return ""
        if delivery.status in OPEN_STATUSES and (
            delivery.next_attempt_at is None or delivery.next_attempt_at <= now
        ):
            if delivery.is_digest:
                _send_digest(delivery, now)
            else:
                _send([delivery], subject=delivery.title, text=_single_text(delivery), now=now)
        return delivery.status


def send_due(*, now: datetime | None = None, in_process: bool = True) -> int:
    """Every delivery waiting to go out whose time has come (new ones without a worker, retries, digests that
    waited for the morning): sent here (`in_process`) or queued. Returns how many were handled."""
    now = now or timezone.now()
    due = Delivery.objects.filter(status__in=OPEN_STATUSES).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    ids = list(due.order_by("created_at", "id").values_list("pk", flat=True))
    if in_process:
        for delivery_id in ids:
            deliver(delivery_id, now=now)
    else:
        _enqueue(ids)
    return len(ids)


def _target(delivery: Delivery) -> str | None:
    """The LINE id or e-mail address to send to, or None when there is none any more (unlinked, removed)."""
    if delivery.group_id:
        return delivery.group.group_id
    if delivery.user is None or not delivery.user.is_active:
        return None
    if delivery.channel == Channel.EMAIL:
        return delivery.user.email.strip() or None
    account = getattr(delivery.user, "line_account", None)
    return account.line_user_id if account else None


def _send(batch: list[Delivery], *, subject: str, text: str, now: datetime) -> bool:
    """Send one message for the batch (one delivery, or a digest's); record the outcome on each."""
    head = batch[0]
    target = _target(head)
    if target is None:
        _record(batch, status=DeliveryStatus.SKIPPED, now=now)
        return False
    try:
        if head.channel == Channel.LINE:
            line_push(target, text, retry_key=str(head.retry_key))
        else:
            email_send(target, subject, text + "\n\n" + _email_footer())
    except SendError as error:
        for delivery in batch:
            _failed(delivery, error, now)
        return False
    _record(batch, status=DeliveryStatus.SENT, now=now)
    return True


def _record(batch: list[Delivery], *, status: str, now: datetime) -> None:
    for delivery in batch:
        delivery.status = status
        delivery.attempts += 1 if status == DeliveryStatus.SENT else 0
        delivery.sent_at = now if status == DeliveryStatus.SENT else None
        delivery.next_attempt_at = None
        delivery.save(update_fields=["status", "attempts", "sent_at", "next_attempt_at"])


def _failed(delivery: Delivery, error: SendError, now: datetime) -> None:
    delivery.attempts += 1
    delivery.last_error = str(error)[:2000]
    if error.retry and delivery.attempts < MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
        transaction.on_commit(
            lambda pk=delivery.pk, when=delivery.next_attempt_at: _enqueue_at(pk, when), robust=True
        )
    else:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
        logger.warning("notification delivery %s given up: %s", delivery.pk, delivery.last_error)
    delivery.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])


def _send_digest(head: Delivery, now: datetime) -> None:
    """The recipient's reminders waiting on this channel, as one message, unless the day's digest has gone:
    then they wait for the next morning."""
    recipient = {"channel": head.channel, "user_id": head.user_id, "group_id": head.group_id}
    batch = list(
        Delivery.objects.select_for_update(of=("self",))
        .select_related("user__line_account", "group")
        .filter(is_digest=True, status__in=OPEN_STATUSES, **recipient)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("created_at", "id")
    )
    day = timezone.localtime(now, BANGKOK).date()
    if Digest.objects.filter(day=day, **recipient).exists():
        morning = timezone.make_aware(datetime.combine(day + timedelta(days=1), time(DIGEST_HOUR)), BANGKOK)
        for delivery in batch:
            delivery.next_attempt_at = morning
            delivery.save(update_fields=["next_attempt_at"])
        transaction.on_commit(lambda: _enqueue_at(head.pk, morning), robust=True)
        return
    if len(batch) == 1:
        subject, text = head.title, _single_text(head)
    else:
        subject, text = _digest_text(batch, day)
    if _send(batch, subject=subject, text=text, now=now):
        digest = Digest.objects.create(day=day, sent_at=now, **recipient)
        Delivery.objects.filter(pk__in=[d.pk for d in batch]).update(digest=digest)


def _single_text(delivery: Delivery) -> str:
    return "\n".join(part for part in (delivery.title, delivery.body, delivery.url) if part)


def _digest_text(batch: list[Delivery], day) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("TambonPlan: สิ่งที่ต้องติดตาม %(count)s เรื่อง (%(date)s)") % {
            "count": len(batch),
            "date": be_date_long(day, thai_digits=False),
        }
        items = [
            "\n".join(part for part in (f"{number}. {d.title}", d.body, d.url) if part)
            for number, d in enumerate(batch[:DIGEST_MAX_ITEMS], start=1)
        ]
        if len(batch) > DIGEST_MAX_ITEMS:
            items.append(
                _("และอีก %(count)s เรื่อง: %(link)s")
                % {
                    "count": len(batch) - DIGEST_MAX_ITEMS,
                    "link": absolute_url(reverse("notifications:list")),
                }
            )
    return subject, subject + "\n\n" + "\n\n".join(items)


def _email_footer() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("อีเมลนี้ส่งจากระบบ TambonPlan โดยอัตโนมัติ เลือกเรื่องที่ต้องการรับได้ที่ %(link)s") % {
            "link": absolute_url(reverse("notifications:preferences"))
        }


# ---------------------------------------------------------------- reading


def notification_read(*, user, notification: Notification) -> None:
    if notification.user_id != user.pk:
        raise PermissionDenied
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())


def notifications_read_all(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


# ---------------------------------------------------------------- preferences


@transaction.atomic
def preferences_save(*, user, enabled: set[tuple[str, str]]) -> None:
    """The user's choice for every kind of their role on LINE and e-mail: `enabled` holds the (kind, channel)
    pairs wanted. A choice equal to the role's default is kept as no row (a later default applies). The
    report-deadline reminders of a province that made them mandatory cannot be turned off."""
    mandatory = deadline_reminders_mandatory(user)
    for kind in kinds_for(user.role):
        for channel in CHOOSABLE:
            want = (kind, channel) in enabled
            if mandatory and kind in DEADLINE_KINDS and not want:
                raise ValidationError(_("จังหวัดกำหนดให้ต้องรับการแจ้งเตือนกำหนดส่งรายงานผล ปิดไม่ได้"))
            rows = Preference.objects.filter(user=user, kind=kind, channel=channel)
            if want == on_by_default(user.role, kind, channel):
                rows.delete()
            else:
                Preference.objects.update_or_create(
                    user=user, kind=kind, channel=channel, defaults={"enabled": want}
                )


@transaction.atomic
def province_policy_set(*, user, province_code: str, deadline_reminders_mandatory: bool) -> ProvincePolicy:
    """A province officer (or an administrator) makes the report-deadline reminders mandatory for the users
    of the province, or not."""
    if not may_manage_province(user, province_code):
        raise PermissionDenied
    policy, _created = ProvincePolicy.objects.update_or_create(
        province_id=province_code,
        defaults={"deadline_reminders_mandatory": deadline_reminders_mandatory, "updated_by": user},
    )
    return policy


# ---------------------------------------------------------------- LINE links


def code_digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def group_area_for(user) -> str:
    """The area whose LINE group this user may link: a district officer's district, a province officer's
    province; empty for everyone else."""
    if not user.is_authenticated or not user.can_edit:
        return ""
    if user.role == Role.DISTRICT and user.district_id:
        return user.district_id
    if user.role == Role.PROVINCE and user.province_id and not user.district_id:
        return user.province_id
    return ""


@transaction.atomic
def line_code_new(*, user, purpose: str, now: datetime | None = None) -> tuple[str, datetime]:
    """A one-time code (good for LINK_CODE_MINUTES) that links the LINE account (or, typed in a group, the
    LINE group of the user's area) that sends it to the Official Account. Earlier unused codes of the same
    purpose stop working. Returns the code and when it expires."""
    area_code = group_area_for(user) if purpose == LinkPurpose.GROUP else ""
    if purpose == LinkPurpose.GROUP and not area_code:
        raise PermissionDenied
    if not line_enabled():
        raise ValidationError(_("ผู้ดูแลระบบยังไม่ได้ตั้งค่า LINE Official Account"))
    now = now or timezone.now()
    LinkCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).delete()
    live = LinkCode.objects.filter(used_at__isnull=True, expires_at__gt=now)
    while True:
        code = f"{secrets.randbelow(10**LINK_CODE_DIGITS):0{LINK_CODE_DIGITS}d}"
        if not live.filter(digest=code_digest(code)).exists():
            break
    expires_at = now + timedelta(minutes=LINK_CODE_MINUTES)
    LinkCode.objects.create(
        user=user,
        purpose=purpose,
        area_code=area_code,
        digest=code_digest(code),
        created_at=now,
        expires_at=expires_at,
    )
    return code, expires_at


def line_unlink(*, user) -> bool:
    """Stop LINE messages to the user; True if it was linked."""
    deleted, _rows = LineAccount.objects.filter(user=user).delete()
    return bool(deleted)


def line_group_unlink(*, user) -> bool:
    """Stop LINE messages to the group of the user's area; True if one was linked."""
    area_code = group_area_for(user)
    if not area_code:
        raise PermissionDenied
    deleted, _rows = LineGroup.objects.filter(area_code=area_code).delete()
    return bool(deleted)


def housekeeping(*, now: datetime | None = None) -> None:
    """Forget webhook event ids older than a week (LINE redelivers within hours) and used or expired codes."""
    now = now or timezone.now()
    WebhookEvent.objects.filter(received_at__lt=now - timedelta(days=7)).delete()
    LinkCode.objects.filter(Q(used_at__isnull=False) | Q(expires_at__lt=now)).delete()
