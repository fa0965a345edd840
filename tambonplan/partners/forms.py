from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.core.forms import StyledForm
from tambonplan.partners.models import CoordinationKind, PartnerLevel, PartnerType
from tambonplan.planning.models import NeedCategory
from tambonplan.thai.forms import (
    ModelIdChoiceField,
    ModelIdMultipleChoiceField,
    ThaiDateField,
    ThaiIntegerField,
)


class PartnerFilterForm(StyledForm):
    """The registry's filters; national users also choose a province (all provinces when left empty)."""

    province = forms.ChoiceField(label=_("จังหวัด"), required=False)
    q = forms.CharField(label=_("ค้นหาชื่อ"), required=False, max_length=200)
    partner_type = forms.ChoiceField(
        label=_("ประเภท"), required=False, choices=[("", _("ทุกประเภท")), *PartnerType.choices]
    )
    level = forms.ChoiceField(
        label=_("ระดับ"), required=False, choices=[("", _("ทุกระดับ")), *PartnerLevel.choices]
    )
    category = ModelIdChoiceField(
        label=_("ด้านที่สนับสนุน"), required=False, queryset=NeedCategory.objects.all(), empty_label=_("ทุกด้าน")
    )

    def __init__(self, *args, provinces=(), **kwargs):
        super().__init__(*args, **kwargs)
        if provinces:
            self.fields["province"].choices = [("", _("ทุกจังหวัด")), *((p.code, str(p)) for p in provinces)]
        else:
            del self.fields["province"]


class PartnerForm(StyledForm):
    name = forms.CharField(label=_("ชื่อภาคี"), max_length=200)
    partner_type = forms.ChoiceField(label=_("ประเภท"), choices=PartnerType.choices)
    level = forms.ChoiceField(label=_("ระดับ"), choices=PartnerLevel.choices)
    area_codes = forms.MultipleChoiceField(
        label=_("พื้นที่ดำเนินงาน"),
        required=False,
        help_text=_("เลือกได้หลายพื้นที่ (กด Ctrl ค้างไว้) — ทั้งจังหวัด ทั้งอำเภอ หรือรายตำบล"),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    focus_categories = ModelIdMultipleChoiceField(
        label=_("ด้านที่สนับสนุน"),
        required=False,
        queryset=NeedCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    contact_name = forms.CharField(label=_("ผู้ประสานงาน"), max_length=150, required=False)
    phone = forms.CharField(label=_("โทรศัพท์"), max_length=30, required=False)
    email = forms.EmailField(label=_("อีเมล"), required=False)
    notes = forms.CharField(label=_("หมายเหตุ"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_active = forms.BooleanField(label=_("ใช้งานอยู่"), required=False, initial=True)
    confirm_similar = forms.BooleanField(label=_("บันทึกแม้ชื่อคล้าย"), required=False)
    version = ThaiIntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, area_choices: list[tuple[str, str]], duplicates_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area_codes"].choices = area_choices
        # duplicates_of(name) -> the partners whose names look alike; the form asks for confirmation.
        self.duplicates_of = duplicates_of
        self.duplicates = []

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name")
        if name and self.duplicates_of is not None:
            self.duplicates = self.duplicates_of(name)
            if self.duplicates and not cleaned.get("confirm_similar"):
                self.add_error(
                    "confirm_similar",
                    _("มีภาคีที่ชื่อคล้ายกันอยู่แล้ว ตรวจสอบรายชื่อด้านบน หากเป็นคนละภาคีให้เลือก “บันทึกแม้ชื่อคล้าย”"),
                )
        return cleaned

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("confirm_similar", None)
        data.pop("version", None)
        data["focus_categories"] = list(data["focus_categories"])
        return data


class AbbreviationForm(StyledForm):
    abbreviation = forms.CharField(
        label=_("คำย่อ"),
        max_length=40,
        error_messages={"required": _("กรุณาระบุคำย่อ")},
        help_text=_("เขียนอย่างที่พบในชื่อภาคี รวมจุด เช่น ธ.ก.ส. หรือ รพ.สต. ตัวพิมพ์เล็ก/ใหญ่ของอักษรอังกฤษถือว่าเหมือนกัน"),
    )
    full_form = forms.CharField(
        label=_("คำเต็ม"), max_length=150, error_messages={"required": _("กรุณาระบุคำเต็ม")}
    )


class CoordinationForm(StyledForm):
    kind = forms.ChoiceField(label=_("ลักษณะ"), choices=CoordinationKind.choices)
    happened_on = ThaiDateField(label=_("วันที่"))
    subject = forms.CharField(label=_("เรื่อง"), max_length=300)
    letter_number = forms.CharField(label=_("เลขที่หนังสือ"), max_length=50, required=False)
    note = forms.CharField(label=_("รายละเอียด"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    event = ModelIdChoiceField(label=_("การประชุมประสานภาคี"), queryset=None, required=False)
    project = ModelIdChoiceField(label=_("โครงการ"), queryset=None, required=False)

    def __init__(self, *args, events, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        self.fields["project"].queryset = projects
        self.fields["project"].label_from_instance = lambda project: (
            _("%(name)s (ต.%(tambon)s ปี %(year)s)")
            % {
                "name": project.name,
                "tambon": project.plan.tambon.display_name,
                "year": project.plan.fiscal_year,
            }
        )
