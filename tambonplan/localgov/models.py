"""The register of local governments (องค์กรปกครองส่วนท้องถิ่น, อปท.): the bodies a tambon plan's projects are
forwarded to, each covering one or more tambons (a tambon can have several)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tambonplan.accounts.scope import ScopedQuerySet
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.core.history import HistoryChannel
from tambonplan.thai.language import LocalizedName


class LocalGovernmentKind(models.TextChoices):
    PAO = "pao", _("องค์การบริหารส่วนจังหวัด")
    CITY = "city", _("เทศบาลนคร")
    TOWN = "town", _("เทศบาลเมือง")
    SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", _("เทศบาลตำบล")
    SAO = "sao", _("องค์การบริหารส่วนตำบล")


# The short form written before a name (อบต.หัวเรือ) and the name of the annual budget law of each kind.
SHORT_KIND = {
    LocalGovernmentKind.PAO: _("อบจ."),
    LocalGovernmentKind.CITY: _("ทน."),
    LocalGovernmentKind.TOWN: _("ทม."),
    LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY: _("ทต."),
    LocalGovernmentKind.SAO: _("อบต."),
}
BUDGET_LAW = {
    LocalGovernmentKind.PAO: _("ข้อบัญญัติงบประมาณรายจ่าย"),
    LocalGovernmentKind.CITY: _("เทศบัญญัติงบประมาณรายจ่าย"),
    LocalGovernmentKind.TOWN: _("เทศบัญญัติงบประมาณรายจ่าย"),
    LocalGovernmentKind.SUBDISTRICT_MUNICIPALITY: _("เทศบัญญัติงบประมาณรายจ่าย"),
    LocalGovernmentKind.SAO: _("ข้อบัญญัติงบประมาณรายจ่าย"),
}


class LocalGovernment(LocalizedName, models.Model):
    """One local government: its Department of Local Administration code, kind and name (without the kind:
    "หัวเรือ"), where its office is (province, district) and the tambons it covers."""

    code = models.CharField(_("รหัส อปท."), max_length=10, unique=True)
    kind = models.CharField(_("ประเภท"), max_length=30, choices=LocalGovernmentKind.choices)
    name_th = models.CharField(_("ชื่อ"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("จังหวัด")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("อำเภอ")
    )
    tambons = models.ManyToManyField(
        Tambon, blank=True, related_name="local_governments", verbose_name=_("ตำบลในเขต")
    )
    address = models.CharField(_("ที่อยู่"), max_length=300, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    contact_name = models.CharField(_("ผู้ประสานงาน"), max_length=200, blank=True)
    contact_position = models.CharField(_("ตำแหน่งผู้ประสานงาน"), max_length=200, blank=True)
    is_active = models.BooleanField(_("ยังมีอยู่"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(bases=[HistoryChannel], excluded_fields=["version"], m2m_fields=[tambons])

    objects = ScopedQuerySet.as_manager()
    scope_paths = {"province": "province_id", "district": "district_id"}

    class Meta:
        ordering = ["province_id", "district_id", "kind", "name_th"]
        verbose_name = _("องค์กรปกครองส่วนท้องถิ่น")
        verbose_name_plural = _("องค์กรปกครองส่วนท้องถิ่น")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        """The kind and the name as letters address it: "องค์การบริหารส่วนตำบลหัวเรือ"."""
        return f"{self.get_kind_display()}{self.display_name}"

    @property
    def short_name(self) -> str:
        """ "อบต.หัวเรือ"."""
        return f"{SHORT_KIND[self.kind]}{self.display_name}"

    @property
    def budget_law(self) -> str:
        return str(BUDGET_LAW[self.kind])

    @property
    def area_code(self) -> str:
        return self.district_id or self.province_id
