from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.core.forms import StyledForm
from tambonplan.partners.models import CommitmentKind, CommitmentStatus
from tambonplan.thai.forms import (
    ModelIdChoiceField,
    ThaiDateField,
    ThaiDecimalField,
    ThaiIntegerField,
)


class CommitmentForm(StyledForm):
    partner = ModelIdChoiceField(label=_("ภาคี"), queryset=None)
    kind = forms.ChoiceField(label=_("ลักษณะการสนับสนุน"), choices=CommitmentKind.choices)
    amount = ThaiDecimalField(
        label=_("จำนวนเงิน (บาท)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    in_kind_description = forms.CharField(
        label=_("รายละเอียดสิ่งที่สนับสนุน (กรณีไม่ใช่เงิน)"), max_length=300, required=False
    )
    estimated_value = ThaiDecimalField(
        label=_("มูลค่าประมาณ (บาท) (กรณีไม่ใช่เงิน)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    fiscal_year = ThaiIntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)
    proposed_on = ThaiDateField(label=_("วันที่เสนอขอ"), required=False)
    note = forms.CharField(label=_("หมายเหตุ"), max_length=300, required=False)
    document = forms.FileField(label=_("หนังสือ/บันทึกข้อตกลง (PDF/JPEG/PNG ไม่เกิน 10 MB)"), required=False)
    version = ThaiIntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners


class TransitionForm(StyledForm):
    to_status = forms.ChoiceField(choices=CommitmentStatus.choices, widget=forms.HiddenInput)
    on_date = ThaiDateField(label=_("วันที่"), required=False)


class MilestoneForm(StyledForm):
    pk = ThaiIntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("ขั้นตอน/งวดงาน"), max_length=200)
    weight = ThaiIntegerField(label=_("น้ำหนัก (%)"), min_value=0, max_value=100, required=False)
    due_on = ThaiDateField(label=_("กำหนด"), required=False)
    done_on = ThaiDateField(label=_("วันที่แล้วเสร็จ"), required=False)


# At most this many rows, whatever the posted m-TOTAL_FORMS says (Django's own cap, 2,000 rows, made one
# request with a forged count take seconds to answer).
MAX_MILESTONES = 100
MilestoneFormSet = forms.formset_factory(
    MilestoneForm, extra=2, can_delete=True, max_num=MAX_MILESTONES, absolute_max=MAX_MILESTONES
)


class EvidenceForm(StyledForm):
    milestone = forms.TypedChoiceField(label=_("ขั้นตอน"), coerce=int, choices=())
    image = forms.FileField(label=_("ภาพถ่าย (JPEG/PNG ไม่เกิน 10 MB)"))
    taken_on = ThaiDateField(label=_("วันที่ถ่าย"), required=False)
    caption = forms.CharField(label=_("คำอธิบาย"), max_length=200, required=False)

    def __init__(self, *args, milestones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].choices = [(m.pk, m.name) for m in milestones]


class OverrideForm(StyledForm):
    percent = ThaiIntegerField(label=_("ร้อยละความก้าวหน้า"), min_value=0, max_value=100)
    reason = forms.CharField(label=_("เหตุผลที่กำหนดเอง"), max_length=300)
