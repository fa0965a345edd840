from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.core.forms import StyledForm
from tambonplan.funding.models import AmendmentKind, Inclusion
from tambonplan.thai.forms import ThaiDateField, ThaiDecimalField, ThaiIntegerField

# Money rows on the answer form (an ordinance, and up to two more years or sources).
FUNDING_ROWS = 3


class AnswerForm(StyledForm):
    answered_on = ThaiDateField(label=_("วันที่ตอบ"))
    letter_number = forms.CharField(label=_("เลขที่หนังสือตอบ"), max_length=50, required=False)
    inclusion = forms.ChoiceField(
        label=_("ผลการบรรจุในแผน"), choices=Inclusion.choices, widget=forms.RadioSelect
    )
    plan_name = forms.CharField(
        label=_("ชื่อแผนที่บรรจุ"),
        max_length=200,
        required=False,
        help_text=_("เช่น แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) ว่างไว้ได้"),
    )
    amendment_kind = forms.ChoiceField(
        label=_("ลักษณะการบรรจุ (อปท.)"), choices=[("", "---------"), *AmendmentKind.choices], required=False
    )
    amendment_number = ThaiIntegerField(label=_("ครั้งที่"), min_value=1, max_value=99, required=False)
    amendment_year = ThaiIntegerField(label=_("ปี พ.ศ."), min_value=2500, max_value=2700, required=False)
    plan_row = forms.CharField(label=_("ลำดับในแบบ ผ.02"), max_length=30, required=False)
    reason = forms.CharField(label=_("เหตุผล/หมายเหตุ"), max_length=300, required=False)
    scan = forms.FileField(label=_("สำเนาหนังสือตอบ (PDF/JPEG/PNG ไม่เกิน 10 MB)"), required=False)
    version = ThaiIntegerField(widget=forms.HiddenInput, required=False)

    ANSWER_FIELDS = (
        "answered_on",
        "letter_number",
        "inclusion",
        "plan_name",
        "amendment_kind",
        "amendment_number",
        "amendment_year",
        "plan_row",
        "reason",
        "scan",
    )

    @property
    def funding_rows(self) -> list[tuple]:
        """The bound fields of each money row: (number, year, amount, reference)."""
        return [
            (n, self[f"year_{n}"], self[f"amount_{n}"], self[f"reference_{n}"])
            for n in range(1, FUNDING_ROWS + 1)
        ]

    @property
    def answer_fields(self):
        return [self[name] for name in self.ANSWER_FIELDS]

    def arguments(self) -> dict:
        data = self.cleaned_data
        values = {name: data.get(name) for name in self.ANSWER_FIELDS}
        for name in ("letter_number", "plan_name", "amendment_kind", "plan_row", "reason"):
            values[name] = values[name] or ""
        values["funding"] = [
            (data.get(f"year_{n}"), data.get(f"amount_{n}"), data.get(f"reference_{n}") or "")
            for n in range(1, FUNDING_ROWS + 1)
        ]
        return values

    @classmethod
    def initial_for(cls, answer) -> dict:
        initial = {name: getattr(answer, name) for name in cls.ANSWER_FIELDS if name != "scan"}
        initial["version"] = answer.version
        for n, entry in enumerate(answer.funding_entries.order_by("id")[:FUNDING_ROWS], start=1):
            initial[f"year_{n}"], initial[f"amount_{n}"] = entry.fiscal_year, entry.amount
            initial[f"reference_{n}"] = entry.reference
        return initial


def _year_field():
    return ThaiIntegerField(label=_("ปีงบประมาณ"), min_value=2500, max_value=2700, required=False)


def _amount_field():
    return ThaiDecimalField(label=_("จำนวนเงิน (บาท)"), max_digits=14, decimal_places=2, required=False)


def _reference_field():
    return forms.CharField(label=_("อ้างอิง (ข้อบัญญัติ/เอกสารงบประมาณ)"), max_length=300, required=False)


# The money rows' fields: year_1, amount_1, reference_1, ... (base fields, so StyledForm styles them).
for _n in range(1, FUNDING_ROWS + 1):
    AnswerForm.base_fields[f"year_{_n}"] = _year_field()
    AnswerForm.base_fields[f"amount_{_n}"] = _amount_field()
    AnswerForm.base_fields[f"reference_{_n}"] = _reference_field()


class WindowForm(StyledForm):
    years = forms.TypedChoiceField(
        label=_("จำนวนปีงบประมาณหลังปีของแผนที่นำมาเทียบ"),
        coerce=int,
        choices=[(1, _("1 ปี (ปีของแผนและปีถัดไป)")), (2, _("2 ปี (ปีของแผนและสองปีถัดไป)"))],
        widget=forms.RadioSelect,
    )
