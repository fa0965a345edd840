"""The differences between two versions of a district report, as a list a reviewer can read: which figure,
result, tambon row, item or reporter detail changed, from what to what."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tambonplan.reports.content import Item, ReportContent
from tambonplan.thai.dates import be_date_short
from tambonplan.thai.money import format_baht


@dataclass(frozen=True)
class Change:
    where: str
    what: str
    before: str
    after: str


def _figure_changes(old: ReportContent, new: ReportContent) -> list[Change]:
    changes = []
    before, after = old.figures, new.figures
    for key, figure in after.items():
        previous = before.get(key)
        if previous is None:
            continue
        if previous.value != figure.value or previous.reason != figure.reason:
            what = figure.label
            old_text = previous.text + (f" ({previous.reason})" if previous.reason else "")
            new_text = figure.text + (f" ({figure.reason})" if figure.reason else "")
            changes.append(Change(_("ตัวเลข"), what, old_text, new_text))
    return changes


def _section_changes(old: ReportContent, new: ReportContent) -> list[Change]:
    changes = []
    before = {s.number: s for s in old.sections if s.number}
    for section in new.sections:
        previous = before.get(section.number)
        if not section.number or previous is None:
            continue
        where = _("ข้อ %(number)s") % {"number": section.number}
        if previous.status != section.status:
            changes.append(Change(where, _("ผลการดำเนินงาน"), previous.status_label, section.status_label))
        if previous.narrative != section.narrative:
            changes.append(Change(where, _("รายละเอียด"), previous.narrative, section.narrative))
    return changes


TAMBON_FIELDS = (
    ("participants", lambda: _("ผู้เข้าร่วมเวที")),
    ("socho", lambda: _("ศอช. ที่เข้าร่วม")),
    ("villages_reviewed", lambda: _("หมู่บ้าน/ชุมชนที่ทบทวนแผนแล้ว")),
    ("villages_with_needs", lambda: _("หมู่บ้านที่บูรณาการแผนชุมชน")),  # versions before issue 17
    ("projects", lambda: _("โครงการ")),
    ("forwarded", lambda: _("โครงการที่ส่งต่อ")),
    ("funded_projects", lambda: _("โครงการที่ภาคีสนับสนุน")),
    ("funded_amount", lambda: _("งบประมาณจากภาคี")),
)


def _tambon_changes(old: ReportContent, new: ReportContent) -> list[Change]:
    changes = []
    before = {line.code: line for line in old.tambons}
    for line in new.tambons:
        previous = before.get(line.code)
        if previous is None:
            continue
        where = _("ตำบล%(name)s") % {"name": line.name}
        if previous.workshop_date != line.workshop_date:
            changes.append(
                Change(
                    where,
                    _("วันที่จัดเวที"),
                    be_date_short(previous.workshop_date),
                    be_date_short(line.workshop_date),
                )
            )
        if previous.approval and line.approval and previous.approval != line.approval:
            changes.append(Change(where, _("ก.บ.ต. เห็นชอบแผน"), previous.approval_label, line.approval_label))
        for name, label in TAMBON_FIELDS:
            if getattr(previous, name) is None or getattr(line, name) is None:
                continue  # not in one of the two versions (before and after issue 17)
            if getattr(previous, name) != getattr(line, name):
                changes.append(
                    Change(
                        where, label(), format_baht(getattr(previous, name)), format_baht(getattr(line, name))
                    )
                )
        if previous.kbt != line.kbt:
            changes.append(Change(where, _("คำสั่ง ก.บ.ต."), previous.kbt_label, line.kbt_label))
        if previous.socho_t != line.socho_t:
            changes.append(Change(where, _("คำสั่ง ศอช.ต."), previous.socho_t_label, line.socho_t_label))
    return changes


def _item_key(item: Item) -> tuple:
    return (item.kind, item.category, item.text, item.addressed_to)


def _item_changes(old: ReportContent, new: ReportContent) -> list[Change]:
    changes = []
    for label, before_items, after_items in (
        (_("ปัญหา/อุปสรรค"), old.problems, new.problems),
        (_("ข้อเสนอแนะ"), old.suggestions, new.suggestions),
    ):
        before = {_item_key(i) for i in before_items}
        after = {_item_key(i) for i in after_items}
        for item in before_items:
            if _item_key(item) not in after:
                changes.append(Change(label, item.category_label, item.text, _("(ลบออก)")))
        for item in after_items:
            if _item_key(item) not in before:
                changes.append(Change(label, item.category_label, _("(เพิ่มใหม่)"), item.text))
    return changes


def _reporter_changes(old: ReportContent, new: ReportContent) -> list[Change]:
    changes = []
    where = _("ผู้รายงาน")
    for name, label in (("name", _("ชื่อ-สกุล")), ("position", _("ตำแหน่ง")), ("phone", _("โทรศัพท์"))):
        if getattr(old.reporter, name) != getattr(new.reporter, name):
            changes.append(Change(where, label, getattr(old.reporter, name), getattr(new.reporter, name)))
    if old.reporter.date != new.reporter.date:
        changes.append(
            Change(where, _("วันที่รายงาน"), be_date_short(old.reporter.date), be_date_short(new.reporter.date))
        )
    return changes


def changes_between(old: ReportContent, new: ReportContent) -> list[Change]:
    """Every difference from the old version to the new one, in the order of the report."""
    return (
        _section_changes(old, new)
        + _figure_changes(old, new)
        + _tambon_changes(old, new)
        + _item_changes(old, new)
        + _reporter_changes(old, new)
    )
