"""The currency rules of an appointment order (domain.md §3), as pure functions of loaded records.

An order is current when it is the one in force for its committee, no member has left the post they
were appointed for by the day judged (today unless told: a leaving date still to come does not count yet,
see `models.sits_on`), the members sitting that day pass the template's checks, and it was issued or
reviewed on or after the review date the province set for the fiscal year.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.committees.models import sits_on, sitting_on
from tambonplan.thai.dates import be_date_long

CURRENT = "current"
NEEDS_REVIEW = "needs_review"
MISSING = "missing"
STATES = (CURRENT, NEEDS_REVIEW, MISSING)


def state_labels() -> dict[str, str]:
    return {CURRENT: _("เป็นปัจจุบัน"), NEEDS_REVIEW: _("ต้องทบทวน"), MISSING: _("ไม่มีคำสั่ง")}


def normalise_post(text: str) -> str:
    """Compare post names ignoring case and runs of spaces."""
    return " ".join(text.split()).casefold()


def composition_problems(members, template, on: date | None = None) -> list[str]:
    """Every way the members sitting on `on` (today by default) fail the composition template (empty list
    when they pass)."""
    if template is None:
        return []
    serving = sitting_on(members, on or timezone.localdate())
    problems = []
    if template.requires_chair and not any(m.position.is_chair for m in serving):
        problems.append(_("ไม่มีประธาน"))
    if template.requires_secretary and not any(m.position.is_secretary for m in serving):
        problems.append(_("ไม่มีเลขานุการ"))
    size = len(serving)
    if template.min_members and size < template.min_members:
        problems.append(
            _("มีกรรมการ %(size)d คน น้อยกว่าขั้นต่ำ %(min)d คน") % {"size": size, "min": template.min_members}
        )
    if template.max_members and size > template.max_members:
        problems.append(
            _("มีกรรมการ %(size)d คน เกินกว่า %(max)d คน") % {"size": size, "max": template.max_members}
        )
    posts = {normalise_post(m.ex_officio_post) for m in serving if m.ex_officio_post}
    position_ids = {m.position_id for m in serving}
    for slot in template.slots.all():
        if not slot.required:
            continue
        if slot.ex_officio_post:
            if normalise_post(slot.ex_officio_post) not in posts:
                problems.append(
                    _("ไม่มีกรรมการโดยตำแหน่ง: %(post)s (%(position)s)")
                    % {"post": slot.ex_officio_post, "position": slot.position.display_name}
                )
        elif slot.position_id not in position_ids:
            problems.append(_("ไม่มี%(position)s") % {"position": slot.position.display_name})
    return problems


@dataclass(frozen=True)
class Currency:
    state: str
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return state_labels()[self.state]


def order_currency(
    *, order, members, last_reviewed: date | None, template, review_date: date | None, on: date | None = None
) -> Currency:
    """Current, needs review (with every reason) or missing, for the order in force (or None), on the day
    `on` (today by default): a member whose leaving date is after that day still sits and counts."""
    on = on or timezone.localdate()
    if order is None:
        return Currency(MISSING, [_("ยังไม่มีคำสั่งแต่งตั้งที่มีผลใช้บังคับ")])
    reasons = []
    if review_date is not None:
        issued = order.signed_on or order.effective_on
        fresh = (issued is not None and issued >= review_date) or (
            last_reviewed is not None and last_reviewed >= review_date
        )
        if not fresh:
            reasons.append(
                _("คำสั่งออกหรือทบทวนครั้งล่าสุดก่อนวันที่จังหวัดกำหนดให้ทบทวน (%(date)s)")
                % {"date": be_date_long(review_date)}
            )
    status_labels = {"left_post": _("พ้นจากตำแหน่ง"), "resigned": _("ลาออก"), "died": _("เสียชีวิต")}
    for member in members:
        if not sits_on(member, on):
            when = f" {be_date_long(member.status_on)}" if member.status_on else ""
            reasons.append(
                _("%(name)s (%(position)s) %(status)s%(when)s")
                % {
                    "name": member.full_name,
                    "position": member.position.display_name,
                    "status": status_labels[member.status],
                    "when": when,
                }
            )
    reasons.extend(composition_problems(members, template, on))
    return Currency(NEEDS_REVIEW if reasons else CURRENT, reasons)
