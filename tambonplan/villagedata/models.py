"""The Community Development Department's own village data: the indicator catalogue of จปฐ. and กชช.2ค and the
results of each village per survey year.

The catalogue is data, not code: the defaults (seeded by migration 0002 from `defaults.py`) are the
indicators as far as we know them, not confirmed against the Department's publication, and administrators edit
them in the admin. Whether a result passes is decided once, when it is imported (`scales.py`), and stored.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.areas.models import Village
from tambonplan.core.history import HistoryChannel
from tambonplan.thai.language import LocalizedName
from tambonplan.villagedata.scales import (
    DEFAULT_TARGET_PERCENT,
    Kch2kLevel,
    Survey,
    kch2k_warns,
    suggested_severity,
)

PERIOD_PATTERN = r"^(25\d\d)-(25\d\d)$"


class Indicator(LocalizedName, models.Model):
    """One indicator of a survey's set for a period (จปฐ. 2566-2570 has 38 in 5 หมวด)."""

    survey = models.CharField(_("การสำรวจ"), max_length=8, choices=Survey.choices)
    period = models.CharField(
        _("ช่วงปีที่ใช้"),
        max_length=9,
        validators=[RegexValidator(PERIOD_PATTERN, _("ช่วงปีต้องเขียนเป็น ปี พ.ศ.-ปี พ.ศ. เช่น 2566-2570"))],
        help_text=_("ปี พ.ศ. แรกและปีสุดท้ายที่ใช้ชุดตัวชี้วัดนี้ เช่น 2566-2570"),
    )
    code = models.CharField(_("รหัสตัวชี้วัด"), max_length=12)
    name_th = models.CharField(_("ตัวชี้วัด"), max_length=300)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=300, blank=True)
    group_th = models.CharField(_("หมวด/ด้าน"), max_length=200)
    threshold_th = models.CharField(_("เกณฑ์"), max_length=500, blank=True)
    target_percent = models.DecimalField(
        _("ร้อยละของครัวเรือนที่ต้องผ่าน"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_TARGET_PERCENT,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("จปฐ.: ตัวชี้วัดไม่ผ่านเมื่อร้อยละของครัวเรือนที่ผ่านต่ำกว่าค่านี้ (ค่าเริ่มต้น 100)"),
    )
    sort_order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    history = HistoricalRecords(bases=[HistoryChannel])

    class Meta:
        ordering = ["survey", "-period", "sort_order", "code"]
        verbose_name = _("ตัวชี้วัดหมู่บ้าน")
        verbose_name_plural = _("ตัวชี้วัดหมู่บ้าน")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "period", "code"], name="indicator_code_once_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(target_percent__gte=0, target_percent__lte=100),
                name="indicator_target_percent_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.get_survey_display()} {self.code} {self.display_name}"

    @property
    def first_year(self) -> int:
        return int(self.period[:4])

    @property
    def last_year(self) -> int:
        return int(self.period[-4:])

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def clean(self):
        super().clean()
        if len(self.period) == 9 and self.period[:4].isdigit() and self.period[-4:].isdigit():
            if self.first_year > self.last_year:
                raise ValidationError({"period": _("ปีแรกของช่วงต้องไม่มากกว่าปีสุดท้าย")})


class IndicatorResult(models.Model):
    """A village's result for one indicator in one survey year (พ.ศ.): households passing / surveyed (จปฐ.) or
    a level 1–3 (กชช.2ค), and whether it passed, decided at import by the rules of `scales.py`."""

    village = models.ForeignKey(
        Village, on_delete=models.PROTECT, related_name="indicator_results", verbose_name=_("หมู่บ้าน")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="results", verbose_name=_("ตัวชี้วัด")
    )
    year = models.PositiveSmallIntegerField(_("ปีที่สำรวจ (พ.ศ.)"))
    households_passed = models.PositiveIntegerField(_("ครัวเรือนที่ผ่าน"), null=True, blank=True)
    households_surveyed = models.PositiveIntegerField(_("ครัวเรือนที่สำรวจ"), null=True, blank=True)
    percent = models.DecimalField(_("ร้อยละที่ผ่าน"), max_digits=5, decimal_places=2, null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("ระดับ"), choices=Kch2kLevel.choices, null=True, blank=True)
    passed = models.BooleanField(_("ผ่านเกณฑ์"))
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "village__tambon__district__province_id",
        "district": "village__tambon__district_id",
        "tambon": "village__tambon_id",
    }

    class Meta:
        ordering = ["village__code", "-year", "indicator__survey", "indicator__sort_order"]
        verbose_name = _("ผลตัวชี้วัดของหมู่บ้าน")
        verbose_name_plural = _("ผลตัวชี้วัดของหมู่บ้าน")
        constraints = [
            models.UniqueConstraint(
                fields=["village", "indicator", "year"], name="indicator_result_once_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(level__isnull=True) | models.Q(level__gte=1, level__lte=3),
                name="indicator_result_level_1_3",
            ),
            models.CheckConstraint(
                condition=models.Q(households_passed__isnull=True)
                | models.Q(households_surveyed__isnull=True)
                | models.Q(households_passed__lte=models.F("households_surveyed")),
                name="indicator_result_passed_within_surveyed",
            ),
        ]
        indexes = [models.Index(fields=["village", "year"], name="indicator_result_village_year")]

    def __str__(self):
        return f"{self.village} {self.indicator} {self.year}"

    @property
    def area_code(self) -> str:
        return self.village.code

    @property
    def percent_shown(self) -> Decimal | None:
        """The percent without trailing zeros: 85.5 rather than 85.50, 100 rather than 100.00."""
        if self.percent is None:
            return None
        value = Decimal(self.percent)
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()

    @property
    def suggested_severity(self) -> int | None:
        """The need severity a กชช.2ค item at level 1 or 2 suggests (scales.suggested_severity)."""
        return suggested_severity(self.level)

    @property
    def is_warning(self) -> bool:
        """A passing กชช.2ค item at level 2 (ปัญหาปานกลาง)."""
        return self.passed and self.level is not None and kch2k_warns(self.level)
