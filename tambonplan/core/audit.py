"""Reads the audit trail (django-simple-history) of a record for display on its page."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

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


def audit_trail(obj, *, limit: int = 50) -> list[AuditEntry]:
    """The record's history, newest first, each entry with the fields it changed."""
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
                label = record.instance_type._meta.get_field(change.field).verbose_name
                changes.append(AuditChange(str(label), change.old, change.new))
        entries.append(
            AuditEntry(
                when=record.history_date,
                user=record.history_user,
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return entries
