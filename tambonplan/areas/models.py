"""Thailand's administrative areas (DOPA codes, loaded from geothai) and villages."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.core.history import HistoryChannel
from tambonplan.thai.language import LocalizedName

BANGKOK_CODE = "10"


class AreaQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


class Province(LocalizedName, models.Model):
    code = models.CharField(_("รหัสจังหวัด"), max_length=2, primary_key=True)
    name_th = models.CharField(_("ชื่อจังหวัด"), max_length=100)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100, blank=True)
    is_active = models.BooleanField(_("ใช้งานอยู่"), default=True)
    is_cd_area = models.BooleanField(
        _("อยู่ในงานพัฒนาชุมชน"), default=True, help_text=_("กรุงเทพมหานครไม่อยู่ในงานของกรมการพัฒนาชุมชน")
    )
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = AreaQuerySet.as_manager()
    scope_paths = {"province": "code"}

    class Meta:
        ordering = ["code"]
        verbose_name = _("จังหวัด")
        verbose_name_plural = _("จังหวัด")

    def __str__(self):
        return self.display_name

    @property
    def area_code(self) -> str:
        return self.code


class District(LocalizedName, models.Model):
    code = models.CharField(_("รหัสอำเภอ"), max_length=4, primary_key=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    name_th = models.CharField(_("ชื่ออำเภอ"), max_length=100)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100, blank=True)
    is_active = models.BooleanField(_("ใช้งานอยู่"), default=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = AreaQuerySet.as_manager()
    scope_paths = {"province": "province_id", "district": "code"}

    class Meta:
        ordering = ["code"]
        verbose_name = _("อำเภอ")
        verbose_name_plural = _("อำเภอ")

    def __str__(self):
        return self.display_name

    @property
    def area_code(self) -> str:
        return self.code


class Tambon(LocalizedName, models.Model):
    code = models.CharField(_("รหัสตำบล"), max_length=6, primary_key=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="tambons")
    name_th = models.CharField(_("ชื่อตำบล"), max_length=100)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100, blank=True)
    is_active = models.BooleanField(_("ใช้งานอยู่"), default=True)
    history = HistoricalRecords(bases=[HistoryChannel])

    objects = AreaQuerySet.as_manager()
    scope_paths = {"province": "district__province_id", "district": "district_id", "tambon": "code"}

    class Meta:
        ordering = ["code"]
        verbose_name = _("ตำบล")
        verbose_name_plural = _("ตำบล")

    def __str__(self):
        return self.display_name

    @property
    def area_code(self) -> str:
        return self.code


class Village(LocalizedName, models.Model):
    code = models.CharField(
        _("รหัสหมู่บ้าน"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{8}$", _("รหัสหมู่บ้านต้องเป็นตัวเลข 8 หลัก"))],
    )
    tambon = models.ForeignKey(
        Tambon, on_delete=models.PROTECT, related_name="villages", verbose_name=_("ตำบล")
    )
    moo = models.PositiveSmallIntegerField(_("หมู่ที่"), validators=[MinValueValidator(1), MaxValueValidator(99)])
    name_th = models.CharField(_("ชื่อหมู่บ้าน"), max_length=150)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=150, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(bases=[HistoryChannel], excluded_fields=["version"])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {
        "province": "tambon__district__province_id",
        "district": "tambon__district_id",
        "tambon": "tambon_id",
    }

    class Meta:
        ordering = ["code"]
        verbose_name = _("หมู่บ้าน")
        verbose_name_plural = _("หมู่บ้าน")
        constraints = [
            models.UniqueConstraint(fields=["tambon", "moo"], name="village_unique_moo_per_tambon"),
            models.CheckConstraint(condition=models.Q(moo__gte=1, moo__lte=99), name="village_moo_1_to_99"),
        ]

    def __str__(self):
        return _("หมู่ที่ %(moo)s %(name)s") % {"moo": self.moo, "name": self.display_name}

    @property
    def area_code(self) -> str:
        return self.code

    @staticmethod
    def code_for(tambon_code: str, moo: int) -> str:
        return f"{tambon_code}{moo:02d}"
