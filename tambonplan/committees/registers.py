"""What the registers of other apps say about a tambon, as the committee rules need it: its villages' numbers
(areas) and its local governments (localgov). The seats a template sizes "per village" or "per local
government" (`models.SeatCount`) are counted from these.

`local_government_counts` is the local-government register's own count (`localgov.selectors.
counts_by_tambon`: the tambon's own อบต./เทศบาล, not the province's อบจ.); `local_government_names` names the
same bodies.
"""

from collections.abc import Iterable

from tambonplan.areas.models import Village
from tambonplan.localgov.models import LocalGovernment, LocalGovernmentKind
from tambonplan.localgov.selectors import counts_by_tambon


def village_numbers(tambon_codes: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """The village numbers (หมู่ที่) of each tambon, in order; a tambon without villages is absent. One query."""
    numbers: dict[str, list[int]] = {}
    rows = Village.objects.filter(tambon_id__in=list(tambon_codes)).order_by("tambon_id", "moo")
    for tambon_code, moo in rows.values_list("tambon_id", "moo"):
        numbers.setdefault(tambon_code, []).append(moo)
    return {code: tuple(moos) for code, moos in numbers.items()}


def local_government_counts(tambon_codes: Iterable[str]) -> dict[str, int]:
    """How many active local governments of the tambon itself cover each tambon; a tambon the register has
    none for is absent. One query."""
    return counts_by_tambon(list(tambon_codes))


def local_government_names(tambon_code: str) -> tuple[str, ...]:
    """The full names of the active local governments covering one tambon ("องค์การบริหารส่วนตำบลหัวเรือ",
    "เทศบาลตำบลหัวเรือ"), as an order names their heads' seats. One query."""
    governments = (
        LocalGovernment.objects.filter(tambons=tambon_code, is_active=True)
        .exclude(kind=LocalGovernmentKind.PAO)  # the province's อบจ. has no seat in a tambon's committee
        .order_by("kind", "name_th")
    )
    return tuple(government.full_name for government in governments)
