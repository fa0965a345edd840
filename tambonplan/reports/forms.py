from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.core.forms import StyledForm
from tambonplan.reports.content import ReportContent
from tambonplan.reports.models import AddressedTo, ItemCategory, ItemKind, ResultStatus
from tambonplan.reports.services import FigureEntry
from tambonplan.thai.forms import ThaiDateField, ThaiDecimalField, ThaiIntegerField


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class DraftForm(StyledForm):
    """The district's entries: per instruction a status and narrative, per figure an optional corrected value
    with its reason, and the reporter."""

    revision = ThaiIntegerField(widget=forms.HiddenInput)
    reporter_name = forms.CharField(label=_("ชื่อผู้รายงาน"), max_length=150, required=False)
    reporter_position = forms.CharField(label=_("ตำแหน่ง"), max_length=200, required=False)
    reporter_phone = forms.CharField(label=_("โทรศัพท์"), max_length=50, required=False)
    report_date = ThaiDateField(label=_("วันที่รายงาน"), required=False, help_text=_("ว่างไว้ = วันที่ส่ง"))

    def __init__(self, *args, content: ReportContent, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = content
        self.section_fields = []
        for section in content.sections:
            figure_fields = []
            for figure in section.figures:
                value_name, reason_name = f"figure_{figure.key}", f"reason_{figure.key}"
                self.fields[value_name] = ThaiDecimalField(
                    label=figure.label, required=False, min_value=0, max_digits=14, decimal_places=2
                )
                self.fields[value_name].widget.attrs["placeholder"] = str(figure.computed.normalize())
                self.fields[reason_name] = forms.CharField(
                    label=_("เหตุผลที่แก้"), required=False, max_length=500
                )
                self.initial.setdefault(value_name, figure.override)
                self.initial.setdefault(reason_name, figure.reason)
                figure_fields.append((figure, self[value_name], self[reason_name]))
            status_field = narrative_field = None
            if section.instruction_id is not None:
                status_name, narrative_name = (
                    f"status_{section.instruction_id}",
                    f"narrative_{section.instruction_id}",
                )
                self.fields[status_name] = forms.ChoiceField(
                    label=_("ผลการดำเนินงาน"), choices=ResultStatus.choices
                )
                self.fields[narrative_name] = forms.CharField(
                    label=_("รายละเอียดผลการดำเนินงาน"), required=False, widget=_textarea(3), max_length=5000
                )
                self.initial.setdefault(status_name, section.status)
                self.initial.setdefault(narrative_name, section.narrative)
                status_field, narrative_field = self[status_name], self[narrative_name]
            self.section_fields.append((section, status_field, narrative_field, figure_fields))
        for name in ("reporter_name", "reporter_position", "reporter_phone", "report_date", "revision"):
            self.fields[name] = self.fields.pop(name)

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
        return {
            name: self.cleaned_data[name]
            for name in ("reporter_name", "reporter_position", "reporter_phone", "report_date")
        }


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
