"""The scales of the Department's village data and the one rule of each: when an indicator passes.

จปฐ. (ข้อมูลความจำเป็นพื้นฐาน): a yearly household survey; a village's result for an indicator is the number of
households that pass it out of those surveyed. The indicator passes when the share of passing households
reaches its target (by default every household: 100%, editable per indicator).

กชช.2ค (ข้อมูลพื้นฐานระดับหมู่บ้าน): collected every two years in the areas of อบต. and เทศบาลตำบล; each problem
item of a village gets a level on a three-step scale: 1 = ปัญหามาก, 2 = ปัญหาปานกลาง, 3 = ปัญหาน้อย/ไม่มีปัญหา.
An item fails at level 1 and is a warning at level 2.

A tambon plan's need (planning.Need) has a severity 1–5; `suggested_severity` maps a village's failing
กชช.2ค item onto it (level 1 → 5, level 2 → 3) for the need form to offer, never to impose.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_TARGET_PERCENT = Decimal(100)
PERCENT_PLACES = Decimal("0.01")


class Survey(models.TextChoices):
    JPT = "jpt", _("จปฐ.")
    KCH2K = "kch2k", _("กชช.2ค")


class Kch2kLevel(models.IntegerChoices):
    SERIOUS = 1, _("ปัญหามาก (ระดับ 1)")
    MODERATE = 2, _("ปัญหาปานกลาง (ระดับ 2)")
    MINOR = 3, _("ปัญหาน้อย/ไม่มีปัญหา (ระดับ 3)")


# กชช.2ค level -> the suggested severity (1–5) of a need the item gives rise to; level 3 suggests nothing.
SEVERITY_FOR_LEVEL = {Kch2kLevel.SERIOUS: 5, Kch2kLevel.MODERATE: 3}


def kch2k_label(level: int) -> str:
    return str(Kch2kLevel(level).label)


def kch2k_passes(level: int) -> bool:
    """A กชช.2ค item fails at level 1 (ปัญหามาก)."""
    return level != Kch2kLevel.SERIOUS


def kch2k_warns(level: int) -> bool:
    """A กชช.2ค item at level 2 (ปัญหาปานกลาง) passes but is worth a look."""
    return level == Kch2kLevel.MODERATE


def jpt_percent(passed: int, surveyed: int) -> Decimal:
    """The share of passing households, in percent with two decimals (rounded half up)."""
    return (Decimal(passed) * 100 / Decimal(surveyed)).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)


def jpt_passes(passed: int, surveyed: int, target_percent: Decimal = DEFAULT_TARGET_PERCENT) -> bool:
    """A จปฐ. indicator fails when the share of passing households is below the target (exact, not rounded:
    99.999% of households is not 100%)."""
    return Decimal(passed) * 100 >= Decimal(target_percent) * surveyed


def suggested_severity(level: int | None) -> int | None:
    """The need severity (1–5) a กชช.2ค item suggests: level 1 → 5, level 2 → 3; otherwise None."""
    return SEVERITY_FOR_LEVEL.get(level) if level is not None else None
