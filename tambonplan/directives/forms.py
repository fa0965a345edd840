import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tambonplan.areas.models import District, Province
from tambonplan.core.forms import StyledForm
from tambonplan.directives.models import DEFAULT_CLOSING, ReportTopic
from tambonplan.documents.letter import Secrecy, Urgency
from tambonplan.thai.forms import SMALL_INTEGER_MAX, ThaiDateField, ThaiIntegerField


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


# ---------------------------------------------------------------- the fields of a letter (หนังสือภายนอก)

_PHONE = re.compile(r"^[+(0-9๐-๙][0-9๐-๙ ()./,-]*(\s*ต่อ\s*[0-9๐-๙ ,-]+)?$")


def letter_number(value: str) -> str:
    """The letter's number as the office writes it after "ที่": "อบ ๐๐๑๙/ว ๕๓๑" ("ที่" typed in front of it
    is dropped, the document prints it)."""
    value = " ".join(value.split()).removeprefix("ที่").strip()
    if not value:
        raise ValidationError(_("กรุณากรอกเลขที่หนังสือ (ที่) เช่น อบ ๐๐๑๙/ว ๕๓๑"), code="required")
    return value


def check_phone(value: str) -> str:
    value = " ".join(value.split())
    if value and not _PHONE.match(value):
        raise ValidationError(
            _("หมายเลขไม่ถูกต้อง: ใช้ตัวเลขและขีด เช่น ๐ ๔๕๒๔ ๔๕๒๑ หรือ 045-244521 ต่อ 12"), code="invalid"
        )
    return value


class PhoneField(forms.CharField):
    """A telephone or fax number: digits (Thai or Arabic), spaces, dashes, and "ต่อ" an extension."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 50)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        return check_phone(super().clean(value))


def email_field(**kwargs) -> forms.EmailField:
    """ไปรษณีย์อิเล็กทรอนิกส์ of the office (the 2564 amendment of the Regulation), checked with a Thai message."""
    return forms.EmailField(
        label=_("ไปรษณีย์อิเล็กทรอนิกส์"),
        required=False,
        max_length=254,
        help_text=_("เช่น saraban@cdd.go.th"),
        error_messages={"invalid": _("ไปรษณีย์อิเล็กทรอนิกส์ไม่ถูกต้อง: ต้องเป็นรูปแบบ ชื่อ@โดเมน เช่น saraban@cdd.go.th")},
        **kwargs,
    )


def urgency_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("ชั้นความเร็ว"), choices=[("", _("ปกติ")), *Urgency.choices], required=False)


class CircularForm(StyledForm):
    province = forms.ModelChoiceField(label=_("จังหวัดที่ออกหนังสือ"), queryset=Province.objects.none())
    number = forms.CharField(label=_("ที่"), max_length=50, help_text=_("เช่น อบ ๐๐๑๙/ว ๕๓๑"))
    issued_on = ThaiDateField(label=_("ลงวันที่"))
    urgency = urgency_field()
    secrecy = forms.ChoiceField(
        label=_("ชั้นความลับ"), choices=[("", _("ไม่มี")), *Secrecy.choices], required=False
    )
    office_name = forms.CharField(label=_("ส่วนราชการเจ้าของหนังสือ"), max_length=200,
                                  help_text=_("เช่น ศาลากลางจังหวัดอุบลราชธานี"))  # fmt: skip
    office_address = forms.CharField(label=_("ที่ตั้ง (บรรทัดละหนึ่งรายการ)"), required=False, widget=_textarea(2))
    subject = forms.CharField(label=_("เรื่อง"), max_length=400)
    addressees = forms.CharField(label=_("เรียน"), max_length=200, help_text=_("เช่น นายอำเภอ ทุกอำเภอ"))
    reference = forms.CharField(
        label=_("อ้างถึง (บรรทัดละหนึ่งรายการ)"),
        required=False,
        widget=_textarea(2),
        help_text=_("เช่น หนังสือกรมการพัฒนาชุมชน ที่ มท ๐๔๑๐.๒/ว ๑๒๓ ลงวันที่ ๑๐ มกราคม ๒๕๖๖"),
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("อำเภอที่ได้รับหนังสือ"),
        queryset=District.objects.none(),
        required=False,
        help_text=_("ไม่เลือก = ทุกอำเภอของจังหวัด"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    fiscal_year = ThaiIntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)
    body = forms.CharField(label=_("ข้อความ (ย่อหน้าคั่นด้วยบรรทัดว่าง)"), required=False, widget=_textarea(8))
    closing = forms.CharField(label=_("ข้อความปิด"), max_length=200, initial=DEFAULT_CLOSING)
    signer_name = forms.CharField(label=_("ชื่อผู้ลงนาม"), max_length=150, required=False)
    signer_position = forms.CharField(
        label=_("ตำแหน่งผู้ลงนาม (บรรทัดละหนึ่งรายการ)"), required=False, widget=_textarea(3)
    )
    contact = forms.CharField(
        label=_("ส่วนราชการเจ้าของเรื่อง กลุ่มงาน (บรรทัดละหนึ่งรายการ)"), required=False, widget=_textarea(3)
    )
    contact_phone = PhoneField(label=_("โทร."))
    contact_fax = PhoneField(label=_("โทรสาร"))
    contact_email = email_field()
    copy_to = forms.CharField(label=_("สำเนาส่ง (บรรทัดละหนึ่งรายการ)"), required=False, widget=_textarea(2))
    report_due = ThaiDateField(label=_("กำหนดส่งรายงาน"), required=False)

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces
        codes = list(provinces.values_list("code", flat=True))
        self.fields["districts"].queryset = District.objects.filter(
            province_id__in=codes, is_active=True
        ).order_by("code")
        if len(codes) == 1:
            self.fields["province"].initial = codes[0]

    def clean_number(self):
        return letter_number(self.cleaned_data["number"])

    def clean(self):
        cleaned = super().clean()
        province, districts = cleaned.get("province"), cleaned.get("districts")
        if province and districts and any(d.province_id != province.code for d in districts):
            self.add_error("districts", _("อำเภอที่เลือกต้องอยู่ในจังหวัดที่ออกหนังสือ"))
        return cleaned


class InstructionForm(StyledForm):
    # saved without the model's validation: bounded here by its small-integer column
    number = ThaiIntegerField(label=_("ข้อ"), min_value=1, max_value=SMALL_INTEGER_MAX)
    text = forms.CharField(label=_("ข้อความ"), widget=_textarea(4))
    due_on = ThaiDateField(label=_("กำหนดเสร็จ"), required=False)
    report_section = forms.CharField(label=_("หัวข้อในแบบรายงาน"), max_length=200, required=False)
    topic = forms.ChoiceField(
        label=_("ตัวเลขที่แสดงในรายงานผล"),
        choices=[("", _("ไม่มี (รายงานเป็นข้อความ)")), *ReportTopic.choices],
        required=False,
    )


class EnclosureForm(StyledForm):
    number = ThaiIntegerField(label=_("ลำดับ"), min_value=1, max_value=SMALL_INTEGER_MAX)
    title = forms.CharField(label=_("ชื่อเอกสาร"), max_length=300)
    quantity = forms.CharField(label=_("จำนวน"), max_length=50, required=False, initial="จำนวน ๑ ชุด")
    file = forms.FileField(
        label=_("ไฟล์ (PDF, DOCX, XLSX, JPEG, PNG ไม่เกิน 20 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}),
    )
