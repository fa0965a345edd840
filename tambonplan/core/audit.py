"""Reads the audit trail (django-simple-history) of a record for display on its page."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from tambonplan.core.history import channel_label
from tambonplan.thai.dates import be_date_long, be_datetime

ACTIONS = {"+": _("สร้าง"), "~": _("แก้ไข"), "-": _("ลบ")}


@dataclass(frozen=True)
class AuditChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class AuditEntry:
    when: object
    user: object
    action: str
    changes: list[AuditChange]
    reason: str
    channel: str


def display_value(value) -> str:
    """A historical value as a Thai user reads it: BE dates, yes/no, '-' for empty."""
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return str(_("ใช่") if value else _("ไม่"))
    if isinstance(value, datetime):
        return be_datetime(value)
    if isinstance(value, date):
        return be_date_long(value)
    return str(value)


def _readable(model_field, value):
    """The label of a choice ("เสนอขอ", not "proposed"), and names instead of ids for a foreign key or a
    many-to-many field's historical value."""
    if model_field.choices and not model_field.is_relation:
        return dict(model_field.flatchoices).get(value, value)
    if not value or not model_field.is_relation:
        return value
    related = model_field.related_model
    if model_field.many_to_many:
        key = related._meta.model_name
        ids = [row[key] for row in value if key in row]
        names = related._default_manager.in_bulk(ids)
        return ", ".join(str(names.get(pk, pk)) for pk in ids)
    if model_field.many_to_one:
        return related._default_manager.in_bulk([value]).get(value, value)
    return value


# Personal contacts: their old and new values are left out of the history shown to those who may not see them.
CONTACT_FIELDS = frozenset({"phone", "email"})


def audit_trail(obj, *, limit: int = 50, hide_contacts: bool = False) -> list[AuditEntry]:
    """The record's history, newest first, each entry with the fields it changed (without the changes of
    contact fields when `hide_contacts`) and how the change was made (page, import, API, command)."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if hide_contacts and change.field in CONTACT_FIELDS:
                    continue
                model_field = record.instance_type._meta.get_field(change.field)
                old, new = _readable(model_field, change.old), _readable(model_field, change.new)
                changes.append(
                    AuditChange(str(model_field.verbose_name), display_value(old), display_value(new))
                )
        entries.append(
            AuditEntry(
                when=record.history_date,
                user=record.history_user,
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                changes=changes,
                reason=record.history_change_reason or "",
                channel=channel_label(record.history_channel, record.history_api_token),
            )
        )
    return entries
