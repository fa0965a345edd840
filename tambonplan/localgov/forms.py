from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.areas.models import District, Province, Tambon
from tambonplan.core.forms import StyledForm
from tambonplan.localgov.models import LocalGovernmentKind
from tambonplan.thai.forms import ThaiIntegerField


class LocalGovernmentForm(StyledForm):
    code = forms.CharField(label=_("รหัส อปท."), max_length=10)
    kind = forms.ChoiceField(label=_("ประเภท"), choices=LocalGovernmentKind.choices)
    name_th = forms.CharField(label=_("ชื่อ (ไม่ต้องใส่ประเภท เช่น หัวเรือ)"), max_length=200)
    name_en = forms.CharField(label=_("ชื่อภาษาอังกฤษ"), max_length=200, required=False)
    province = forms.ModelChoiceField(label=_("จังหวัด"), queryset=Province.objects.none())
    district = forms.ModelChoiceField(
        label=_("อำเภอที่ตั้งสำนักงาน"), queryset=District.objects.none(), required=False
    )
    tambons = forms.ModelMultipleChoiceField(
        label=_("ตำบลในเขต"),
        queryset=Tambon.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("เลือกได้หลายตำบล (กด Ctrl หรือ ⌘ ค้างไว้)"),
    )
    address = forms.CharField(label=_("ที่อยู่"), max_length=300, required=False)
    phone = forms.CharField(label=_("โทรศัพท์"), max_length=50, required=False)
    email = forms.EmailField(label=_("อีเมล"), required=False)
    contact_name = forms.CharField(label=_("ผู้ประสานงาน"), max_length=200, required=False)
    contact_position = forms.CharField(label=_("ตำแหน่งผู้ประสานงาน"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("ยังมีอยู่"), required=False, initial=True)
    version = ThaiIntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, provinces, districts, tambons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces
        self.fields["district"].queryset = districts
        self.fields["tambons"].queryset = tambons.select_related("district")
        self.fields["tambons"].label_from_instance = lambda t: f"{t.display_name} ({t.district.display_name})"


class LocalGovernmentImportForm(StyledForm):
    file = forms.FileField(
        label=_("ไฟล์ทะเบียน อปท. (CSV หรือ XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
