from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.core.forms import StyledForm
from tambonplan.directives.forms import PhoneField, email_field, letter_number, urgency_field
from tambonplan.reports.content import ReportContent, figure_text
from tambonplan.reports.models import AddressedTo, ItemCategory, ItemKind, ResultStatus
from tambonplan.reports.services import FigureEntry
from tambonplan.thai.forms import ThaiDateField, ThaiDecimalField, ThaiIntegerField


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


REPORTER_FIELDS = ("reporter_title", "reporter_name", "reporter_position", "reporter_phone", "report_date")
TITLES = ("นาย", "นาง", "นางสาว")


class DraftForm(StyledForm):
    """The district's entries: per instruction a status and narrative, per figure an optional corrected value
    with its reason, and the reporter. Opened by `user`, the reporter's empty name, position and phone are
    taken from the user's profile (`prefilled` names them)."""

    revision = ThaiIntegerField(widget=forms.HiddenInput)
    reporter_title = forms.CharField(
        label=_("คำนำหน้าชื่อ"),
        max_length=50,
        required=False,
        help_text=_("เช่น นาย นาง นางสาว"),
        widget=forms.TextInput(attrs={"list": "reporter-titles"}),
    )
    reporter_name = forms.CharField(
        label=_("ชื่อผู้รายงาน"), max_length=150, required=False, help_text=_("ชื่อและนามสกุล ไม่ต้องมีคำนำหน้า")
    )
    reporter_position = forms.CharField(label=_("ตำแหน่ง"), max_length=200, required=False)
    reporter_phone = forms.CharField(label=_("โทรศัพท์"), max_length=50, required=False)
    report_date = ThaiDateField(label=_("วันที่รายงาน"), required=False, help_text=_("ว่างไว้ = วันที่ส่ง"))

    def __init__(self, *args, content: ReportContent, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = content
        self.section_fields = []
        for section in content.sections:
            figure_fields = [self._figure_fields(figure) for figure in section.figures]
            status_field = narrative_field = None
            if section.instruction_id is not None:
                status_name, narrative_name = (
                    f"status_{section.instruction_id}",
                    f"narrative_{section.instruction_id}",
                )
                self.fields[status_name] = forms.ChoiceField(
                    label=_("ผลการดำเนินงาน"),
                    choices=ResultStatus.choices,
                    widget=forms.Select(attrs={"class": "form-select"}),
                )
                self.fields[narrative_name] = forms.CharField(
                    label=_("รายละเอียดผลการดำเนินงาน"),
                    required=False,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                )
                self.initial.setdefault(status_name, section.status)
                self.initial.setdefault(narrative_name, section.narrative)
                status_field, narrative_field = self[status_name], self[narrative_name]
            self.section_fields.append((section, status_field, narrative_field, figure_fields))
        for name in REPORTER_FIELDS + ("revision",):
            self.fields[name] = self.fields.pop(name)
        self.prefilled = self._prefill(user) if user is not None and not self.is_bound else []

    def _figure_fields(self, figure) -> tuple:
        """The figure's corrected value (written as the pages write numbers, the computed one as its
        placeholder) and the reason for it."""
        value_name, reason_name = f"figure_{figure.key}", f"reason_{figure.key}"
        self.fields[value_name] = ThaiDecimalField(
            label=figure.label,
            required=False,
            min_value=0,
            max_digits=14,
            decimal_places=2,
            widget=forms.TextInput(
                attrs={
                    "class": "form-control text-end",
                    "inputmode": "decimal",
                    "placeholder": figure.computed_text,
                    "autocomplete": "off",
                }
            ),
        )
        self.fields[reason_name] = forms.CharField(
            label=_("เหตุผลที่แก้"),
            required=False,
            max_length=500,
            widget=forms.TextInput(attrs={"class": "form-control"}),
        )
        if figure.is_overridden:
            self.initial.setdefault(value_name, figure_text(figure.override, figure.unit))
        self.initial.setdefault(reason_name, figure.reason)
        return figure, self[value_name], self[reason_name]

    def _prefill(self, user) -> list[str]:
        """The reporter's empty fields filled from the user's profile; the names of those filled."""
        filled = []
        for name, value in (
            ("reporter_name", user.get_full_name()),
            ("reporter_position", user.position),
            ("reporter_phone", user.phone),
        ):
            if value and not self.initial.get(name):
                self.initial[name] = value
                filled.append(name)
        return filled

    def clean(self):
        """A name needs its title; one typed in front of the name ("นางสาวสมศรี") is taken as the title."""
        cleaned = super().clean()
        title, name = cleaned.get("reporter_title", "").strip(), cleaned.get("reporter_name", "").strip()
        if name and not title:
            title = next((t for t in sorted(TITLES, key=len, reverse=True) if name.startswith(t)), "")
            name = name.removeprefix(title).strip()
            if not title or not name:
                self.add_error("reporter_title", _("กรุณากรอกคำนำหน้าชื่อผู้รายงาน เช่น นาย นาง นางสาว"))
        cleaned["reporter_title"], cleaned["reporter_name"] = title, name
        return cleaned

    def results(self) -> dict[int, tuple[str, str]]:
        return {
            section.instruction_id: (
                self.cleaned_data[f"status_{section.instruction_id}"],
                self.cleaned_data[f"narrative_{section.instruction_id}"].strip(),
            )
            for section in self.content.sections
            if section.instruction_id is not None
        }

    def figures(self) -> dict[str, FigureEntry]:
        return {
            key: FigureEntry(self.cleaned_data[f"figure_{key}"], self.cleaned_data[f"reason_{key}"])
            for key in self.content.figures
        }

    def reporter(self) -> dict:
        return {name: self.cleaned_data[name] for name in REPORTER_FIELDS}


class ItemForm(StyledForm):
    """One problem/obstacle, or one suggestion (which also says to whom it is addressed)."""

    category = forms.ChoiceField(label=_("ด้าน"), choices=ItemCategory.choices)
    text = forms.CharField(label=_("ข้อความ"), max_length=1000, widget=_textarea(2))
    addressed_to = forms.ChoiceField(label=_("เสนอต่อ"), choices=AddressedTo.choices)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        self.kind = kind
        if kind != ItemKind.SUGGESTION:
            del self.fields["addressed_to"]


class CommentForm(StyledForm):
    comment = forms.CharField(label=_("ความเห็น/สิ่งที่ต้องแก้ไข"), max_length=2000, widget=_textarea(3))


class LetterForm(StyledForm):
    """A cover letter: its number and date, the office sending it, the signer and the contact block."""

    version = ThaiIntegerField(widget=forms.HiddenInput, min_value=0)
    number = forms.CharField(
        label=_("ที่"),
        max_length=60,
        help_text=_("เลขที่หนังสือของส่วนราชการ เช่น อบ ๐๐๒๓.๑/๑๒๓"),
        error_messages={"required": _("กรุณากรอกเลขที่หนังสือ (ที่) เช่น อบ ๐๐๒๓.๑/๑๒๓")},
    )
    issued_on = ThaiDateField(label=_("ลงวันที่"), error_messages={"required": _("กรุณากรอกวันที่ของหนังสือ (ลงวันที่)")})
    urgency = urgency_field()
    office_name = forms.CharField(
        label=_("ส่วนราชการเจ้าของหนังสือ"),
        max_length=200,
        help_text=_("เช่น ที่ว่าการอำเภอเมืองอุบลราชธานี"),
        error_messages={"required": _("กรุณากรอกชื่อส่วนราชการเจ้าของหนังสือ")},
    )
    office_address = forms.CharField(label=_("ที่ตั้ง (บรรทัดละหนึ่งรายการ)"), required=False, widget=_textarea(2))
    signer_name = forms.CharField(
        label=_("ชื่อผู้ลงนาม"),
        max_length=150,
        help_text=_("คำนำหน้า ชื่อ และนามสกุล เช่น นายสมชาย ใจดี"),
        error_messages={"required": _("กรุณากรอกชื่อผู้ลงนาม")},
    )
    signer_position = forms.CharField(
        label=_("ตำแหน่งผู้ลงนาม (บรรทัดละหนึ่งรายการ)"),
        widget=_textarea(3),
        help_text=_("ผู้ลงนามแทน: ตำแหน่งของตน ตามด้วย ปฏิบัติราชการแทน และตำแหน่งหัวหน้าส่วนราชการในบรรทัดถัดไป"),
        error_messages={"required": _("กรุณากรอกตำแหน่งผู้ลงนาม")},
    )
    contact = forms.CharField(
        label=_("ส่วนราชการเจ้าของเรื่อง (บรรทัดละหนึ่งรายการ)"), required=False, widget=_textarea(2)
    )
    phone = PhoneField(label=_("โทร."))
    fax = PhoneField(label=_("โทรสาร"))
    email = email_field()
    copy_to = forms.CharField(label=_("สำเนาส่ง (บรรทัดละหนึ่งรายการ)"), required=False, widget=_textarea(2))

    def clean_number(self):
        return letter_number(self.cleaned_data["number"])

    def letter_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class ConsolidationRecordForm(LetterForm):
    """The consolidated report's date, preparer and approver, and its cover letter to the Department."""

    prepared_on = ThaiDateField(
        label=_("วันที่จัดทำรายงาน"), error_messages={"required": _("กรุณากรอกวันที่จัดทำรายงาน")}
    )
    preparer_name = forms.CharField(
        label=_("ชื่อผู้จัดทำรายงาน"),
        max_length=150,
        error_messages={"required": _("กรุณากรอกชื่อผู้จัดทำรายงาน")},
    )
    preparer_position = forms.CharField(
        label=_("ตำแหน่งผู้จัดทำรายงาน"),
        max_length=200,
        error_messages={"required": _("กรุณากรอกตำแหน่งผู้จัดทำรายงาน")},
    )
    approver_name = forms.CharField(
        label=_("ชื่อผู้รับรองรายงาน"),
        max_length=150,
        error_messages={"required": _("กรุณากรอกชื่อผู้รับรองรายงาน")},
    )
    approver_position = forms.CharField(
        label=_("ตำแหน่งผู้รับรองรายงาน"),
        max_length=200,
        error_messages={"required": _("กรุณากรอกตำแหน่งผู้รับรองรายงาน")},
    )
    reference_number = forms.CharField(
        label=_("อ้างถึง: หนังสือกรมการพัฒนาชุมชน ที่"),
        max_length=60,
        required=False,
        help_text=_("หนังสือของกรมที่ขอให้รายงาน (ถ้ามี) เช่น มท ๐๔๑๐.๒/ว ๑๒๓"),
    )
    reference_date = ThaiDateField(label=_("อ้างถึง: ลงวันที่"), required=False)

    RECORD_FIELDS = (
        "prepared_on",
        "preparer_name",
        "preparer_position",
        "approver_name",
        "approver_position",
    )
    # อ้างถึง where the letter has it: after the number, date and urgency.
    field_order = (
        "version",
        *RECORD_FIELDS,
        "number",
        "issued_on",
        "urgency",
        "reference_number",
        "reference_date",
    )

    def clean_reference_number(self):
        value = self.cleaned_data["reference_number"]
        return letter_number(value) if value.strip() else ""

    def record_fields(self):
        """The fields of the report itself (date, preparer, approver), for their own fieldset."""
        return [self[name] for name in self.RECORD_FIELDS]

    def cover_letter_fields(self):
        return [field for field in self.visible_fields() if field.name not in self.RECORD_FIELDS]
