from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.core.forms import StyledForm
from tambonplan.thai.forms import ThaiIntegerField


class VillageForm(StyledForm):
    moo = ThaiIntegerField(label=_("หมู่ที่"), min_value=1, max_value=99)
    name_th = forms.CharField(label=_("ชื่อหมู่บ้าน"), max_length=150)
    name_en = forms.CharField(label=_("ชื่อภาษาอังกฤษ"), max_length=150, required=False)
    version = ThaiIntegerField(widget=forms.HiddenInput, required=False)


class VillageImportForm(StyledForm):
    file = forms.FileField(
        label=_("ไฟล์รายชื่อหมู่บ้าน (CSV หรือ XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
