"""The currency rules of an appointment order (domain.md §3 and §3a), as pure functions of loaded records.

An order is current when it is the one in force for its committee, its term (if its kind has one) has not
run out, no member appointed by name has left by the day judged (today unless told: a leaving date still to
come does not count yet, see `models.sits_on`; a seat held by position that passed to the post's next holder
does not count either), the members sitting that day pass the template's checks (with the seats sized from the
tambon's villages and local governments), and it was issued or reviewed on or after the review date the
province set for the fiscal year. An order within `EXPIRY_WARNING_DAYS` of the end of its term is still
current, with a warning.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from tambonplan.committees.models import SeatCount, sits_on, sitting_on
from tambonplan.thai.dates import be_date_long
from tambonplan.thai.digits import localize_digits, to_arabic_digits

CURRENT = "current"
NEEDS_REVIEW = "needs_review"
MISSING = "missing"
STATES = (CURRENT, NEEDS_REVIEW, MISSING)

# An order whose term ends within this many days is flagged "ใกล้หมดวาระ" (still current).
EXPIRY_WARNING_DAYS = 90

# "หมู่ที่ 5", "หมู่ ๕", "ม.5": the village a headman's seat is for, read from the member's affiliation or post.
VILLAGE_NUMBER_RE = re.compile(r"(?:หมู่ที่|หมู่|ม\.)\s*([0-9๐-๙]{1,3})")
# A template's generic post for a local government's head ("นายกองค์กรปกครองส่วนท้องถิ่น") is held by a member
# whose post names the body itself ("นายกองค์การบริหารส่วนตำบลหัวเรือ", "นายกเทศมนตรีตำบลหัวเรือ").
LOCAL_GOVERNMENT = "องค์กรปกครองส่วนท้องถิ่น"
LOCAL_GOVERNMENT_NAMES = ("องค์การบริหารส่วน", "เทศบาล", "เทศมนตรี")


def state_labels() -> dict[str, str]:
    return {CURRENT: _("เป็นปัจจุบัน"), NEEDS_REVIEW: _("ต้องทบทวน"), MISSING: _("ไม่มีคำสั่ง")}


def normalise_post(text: str) -> str:
    """Compare post names ignoring case and runs of spaces."""
    return " ".join(text.split()).casefold()


def village_number(text: str) -> int | None:
    """The village number a text names ("หมู่ที่ 5", "ผู้ใหญ่บ้านหมู่ ๕", "ม.5"), or None."""
    found = VILLAGE_NUMBER_RE.search(text or "")
    return int(to_arabic_digits(found.group(1))) if found else None


def _number(value: int) -> str:
    return localize_digits(value)


# ---------------------------------------------------------------- terms


def add_years(day: date, years: int) -> date:
    """The same day `years` later (29 February → 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_end(order, term_years: int | None) -> date | None:
    """The day the order's term runs out (its effective date, else its signing date, plus the term), or None
    when its kind has no term or the order no date."""
    start = order.effective_on or order.signed_on
    if not term_years or start is None:
        return None
    return add_years(start, term_years)


# ---------------------------------------------------------------- seats sized from the registers


@dataclass(frozen=True)
class Registers:
    """What the registers say about a committee's tambon: its villages' numbers and how many local governments
    cover it (with their names, where loaded for one tambon). A committee above the tambon has none."""

    village_numbers: tuple[int, ...] = ()
    local_governments: int = 0
    local_government_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class OpenSeat:
    """A seat of the template no sitting member holds: a template line, and for a sized line the village or
    local government it is for (when known)."""

    slot: object  # TemplateSlot
    village: int | None = None
    local_government: str = ""

    @property
    def affiliation(self) -> str:
        """What a member taking the seat is recorded with ("หมู่ที่ 5", "เทศบาลตำบลหัวเรือ")."""
        if self.village is not None:
            return f"หมู่ที่ {self.village}"
        return self.local_government

    @property
    def label(self) -> str:
        """ "ผู้ใหญ่บ้าน หมู่ที่ 5", "นายกองค์กรปกครองส่วนท้องถิ่น เทศบาลตำบลหัวเรือ", "กำนัน"."""
        post = self.slot.ex_officio_post or self.slot.position.display_name
        place = localize_digits(self.affiliation)
        return f"{post} {place}" if place else post


def sized(slot, registers: Registers | None) -> bool:
    """Whether the line stands for one seat per village or local government here (a tambon committee)."""
    return registers is not None and bool(slot.ex_officio_post) and slot.seats != SeatCount.ONE


def seat_count(slot, registers: Registers | None) -> int:
    """How many seats a template line stands for: one, or one per village / local government of the tambon.
    A tambon the local-government register has nothing for keeps one seat for its local government."""
    if not sized(slot, registers):
        return 1
    if slot.seats == SeatCount.PER_VILLAGE:
        return len(registers.village_numbers)
    return registers.local_governments or 1


def expected_seats(template, registers: Registers | None) -> int:
    """The seats the template's lines stand for in the committee's area (optional lines included)."""
    if template is None:
        return 0
    return sum(seat_count(slot, registers) for slot in template.slots.all())


def holds_post(member, slot) -> bool:
    """Whether the member holds the template line's ex-officio post: the same post, or for a sized line the
    post with its place ("ผู้ใหญ่บ้านหมู่ที่ 5", "นายกเทศมนตรีตำบลหัวเรือ")."""
    post, wanted = normalise_post(member.ex_officio_post), normalise_post(slot.ex_officio_post)
    if not wanted:
        return False
    if post == wanted:
        return True
    if slot.seats == SeatCount.PER_VILLAGE:
        return post.startswith(wanted) and village_number(post[len(wanted) :]) is not None
    if slot.seats == SeatCount.PER_LOCAL_GOVERNMENT and LOCAL_GOVERNMENT in wanted:
        head = wanted.split(LOCAL_GOVERNMENT)[0]
        return bool(head) and post.startswith(head) and post[len(head) :].startswith(LOCAL_GOVERNMENT_NAMES)
    return False


def _local_government_key(text: str) -> str:
    return normalise_post(text).replace("เทศมนตรี", "เทศบาล").replace(" ", "")


def _place_of(member, slot, registers: Registers):
    """The village number or local government name the member's seat is for, or None when not recorded."""
    if slot.seats == SeatCount.PER_VILLAGE:
        return village_number(member.affiliation) or village_number(member.ex_officio_post)
    said = _local_government_key(f"{member.affiliation} {member.ex_officio_post}")
    return next((n for n in registers.local_government_names if _local_government_key(n) in said), None)


def _sized_open_seats(slot, holders: list, registers: Registers) -> list[OpenSeat]:
    """The seats of a sized line that none of its holders takes: named by village (or local government)
    when every holder says which one they sit for; otherwise only how many."""
    places = (
        registers.village_numbers if slot.seats == SeatCount.PER_VILLAGE else registers.local_government_names
    )
    if not places:  # local governments counted but not named
        return [OpenSeat(slot)] * max(seat_count(slot, registers) - len(holders), 0)
    held = [_place_of(member, slot, registers) for member in holders]
    unknown = sum(1 for place in held if place not in places)
    missing = [place for place in places if place not in held]
    if unknown >= len(missing):
        return []
    if unknown:
        return [OpenSeat(slot)] * (len(missing) - unknown)
    if slot.seats == SeatCount.PER_VILLAGE:
        return [OpenSeat(slot, village=number) for number in missing]
    return [OpenSeat(slot, local_government=name) for name in missing]


def open_seats(
    members, template, registers: Registers | None = None, on: date | None = None
) -> list[OpenSeat]:
    """The template's ex-officio seats that no member sitting on `on` (today by default) holds, each seat of a
    sized line on its own (optional lines included)."""
    if template is None:
        return []
    serving = sitting_on(members, on or timezone.localdate())
    seats = []
    for slot in template.slots.all():
        if not slot.ex_officio_post:
            continue
        holders = [member for member in serving if holds_post(member, slot)]
        if sized(slot, registers):
            seats.extend(_sized_open_seats(slot, holders, registers))
        elif not holders:
            seats.append(OpenSeat(slot))
    return seats


def _sized_problem(slot, holders: list, registers: Registers) -> str | None:
    """What a required sized line lacks: "ขาดผู้ใหญ่บ้านหมู่ที่ 5, 7" (or how many headmen, when some do not say
    which village they sit for), "ขาดผู้แทน อปท. 1 แห่ง (มี 1 จาก 2 แห่ง)"."""
    if slot.seats == SeatCount.PER_VILLAGE:
        seats = _sized_open_seats(slot, holders, Registers(village_numbers=registers.village_numbers))
        if not seats:
            return None
        if seats[0].village is not None:
            numbers = ", ".join(_number(seat.village) for seat in seats)
            return _("ขาด%(post)sหมู่ที่ %(numbers)s") % {"post": slot.ex_officio_post, "numbers": numbers}
        villages = len(registers.village_numbers)
        return _("ขาด%(post)s %(count)s คน (มี %(held)s จาก %(villages)s หมู่บ้าน)") % {
            "post": slot.ex_officio_post,
            "count": _number(len(seats)),
            "held": _number(villages - len(seats)),
            "villages": _number(villages),
        }
    if not registers.local_governments:
        if holders:
            return None
        return _("ไม่มีกรรมการโดยตำแหน่ง: %(post)s (%(position)s)") % {
            "post": slot.ex_officio_post,
            "position": slot.position.display_name,
        }
    short = registers.local_governments - len(holders)
    if short <= 0:
        return None
    return _("ขาดผู้แทน อปท. %(count)s แห่ง (มี %(held)s จาก %(total)s แห่ง)") % {
        "count": _number(short),
        "held": _number(len(holders)),
        "total": _number(registers.local_governments),
    }


def composition_problems(
    members, template, on: date | None = None, registers: Registers | None = None
) -> list[str]:
    """Every way the members sitting on `on` (today by default) fail the composition template (empty list
    when they pass); lines sized per village or local government are counted from `registers`."""
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
    position_ids = {m.position_id for m in serving}
    for slot in template.slots.all():
        if not slot.required:
            continue
        if slot.ex_officio_post:
            holders = [member for member in serving if holds_post(member, slot)]
            if sized(slot, registers):
                problem = _sized_problem(slot, holders, registers)
                if problem:
                    problems.append(problem)
            elif not holders:
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
    warnings: list[str] = field(default_factory=list)  # "ใกล้หมดวาระ ...": still current
    expires_on: date | None = None  # the day the order's term runs out, for a kind with a term

    @property
    def label(self) -> str:
        return state_labels()[self.state]


def passed_on(members, day: date) -> set:
    """The ids of the members whose seat passed to a successor sitting on `day` (services.member_succeed)."""
    return {m.predecessor_id for m in members if getattr(m, "predecessor_id", None) and sits_on(m, day)}


def order_currency(
    *,
    order,
    members,
    last_reviewed: date | None,
    template,
    review_date: date | None,
    on: date | None = None,
    term_years: int | None = None,
    registers: Registers | None = None,
) -> Currency:
    """Current, needs review (with every reason) or missing, for the order in force (or None), on the day
    `on` (today by default): a member whose leaving date is after that day still sits and counts. An order of
    a kind with a term (`term_years`) is out of date from the day its term ends, and flagged within
    `EXPIRY_WARNING_DAYS` of it."""
    on = on or timezone.localdate()
    if order is None:
        return Currency(MISSING, [_("ยังไม่มีคำสั่งแต่งตั้งที่มีผลใช้บังคับ")])
    reasons, warnings = [], []
    expires_on = term_end(order, term_years)
    if expires_on is not None:
        if on >= expires_on:
            reasons.append(_("หมดวาระเมื่อ %(date)s ต้องออกคำสั่งแต่งตั้งใหม่") % {"date": be_date_long(expires_on)})
        elif (expires_on - on).days <= EXPIRY_WARNING_DAYS:
            warnings.append(
                _("ใกล้หมดวาระ: ครบวาระ %(date)s (อีก %(days)s วัน)")
                % {"date": be_date_long(expires_on), "days": _number((expires_on - on).days)}
            )
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
    succeeded = passed_on(members, on)
    for member in members:
        if member.status in status_labels and not sits_on(member, on) and member.pk not in succeeded:
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
    reasons.extend(composition_problems(members, template, on, registers))
    return Currency(NEEDS_REVIEW if reasons else CURRENT, reasons, warnings, expires_on)
