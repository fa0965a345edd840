from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.core.forms import StyledForm
from tambonplan.localgov.models import LocalGovernment
from tambonplan.planning.models import (
    ForwardOutcome,
    NeedCategory,
    NeedSource,
    ProjectClass,
    ProjectStatus,
    StepKind,
    StepStatus,
    TargetKind,
)
from tambonplan.thai.forms import (
    ModelIdChoiceField,
    ModelIdMultipleChoiceField,
    ThaiDateField,
    ThaiDecimalField,
    ThaiIntegerField,
)


class PlanProfileForm(StyledForm):
    population = ThaiIntegerField(label=_("จำนวนประชากร"), min_value=0, required=False)
    households = ThaiIntegerField(label=_("จำนวนครัวเรือน"), min_value=0, required=False)
    profile_note = forms.CharField(
        label=_("ข้อมูลทั่วไปของตำบล"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    approval_note = forms.CharField(label=_("มติ/หมายเหตุการเห็นชอบ"), max_length=300, required=False)
    version = ThaiIntegerField(widget=forms.HiddenInput)


class StepForm(StyledForm):
    status = forms.ChoiceField(label=_("สถานะ"), choices=StepStatus.choices)
    done_on = ThaiDateField(label=_("วันที่เสร็จ"), required=False)
    note = forms.CharField(label=_("บันทึก"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    socho_took_part = forms.BooleanField(label=_("ศอช. มีส่วนร่วมในขั้นตอนนี้"), required=False)
    socho_members = ModelIdMultipleChoiceField(
        label=_("กรรมการ ศอช. ที่มีส่วนร่วม"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, socho_members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["socho_members"].queryset = socho_members
        self.fields["socho_members"].label_from_instance = lambda m: (
            f"{m.full_name} ({m.position.display_name} {m.order.committee.kind.display_short_name})"
        )


class EvidenceForm(StyledForm):
    file = forms.FileField(label=_("ไฟล์หลักฐาน (PDF/JPEG/PNG ไม่เกิน 10 MB)"))
    caption = forms.CharField(label=_("คำอธิบาย"), max_length=200, required=False)


class StepDefinitionForm(StyledForm):
    name_th = forms.CharField(label=_("ขั้นตอน"), max_length=200)
    kind = forms.ChoiceField(
        label=_("ชนิดของขั้นตอน"),
        choices=StepKind.choices,
        initial=StepKind.OTHER,
        required=False,
        help_text=_('ระบบอ่านวันที่เห็นชอบแผนและวันที่ส่งแผนจากขั้นตอนตามชนิด ชนิดละหนึ่งขั้นตอนต่อปี (ยกเว้น "อื่น ๆ")'),
    )
    due_date = ThaiDateField(label=_("กำหนดแล้วเสร็จ"), required=False)
    sort_order = ThaiIntegerField(label=_("ลำดับ"), min_value=1)


class NeedForm(StyledForm):
    village = ModelIdChoiceField(label=_("หมู่บ้าน"), queryset=None, required=False, empty_label=_("ทั้งตำบล"))
    category = ModelIdChoiceField(label=_("ด้าน"), queryset=NeedCategory.objects.all())
    description = forms.CharField(
        label=_("ปัญหา/ความต้องการ"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    source = forms.ChoiceField(label=_("ที่มา"), choices=NeedSource.choices)
    severity = ThaiIntegerField(
        label=_("ความรุนแรง (1–5)"),
        min_value=1,
        max_value=5,
        initial=3,
        help_text=_("5 คือรุนแรงมาก ถึง 1 คือน้อย (ดูตารางเทียบเกณฑ์ กชช.2ค ในหน้านี้)"),
    )
    votes = ThaiIntegerField(label=_("คะแนนเสียงประชาคม"), min_value=0, initial=0)

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages


class ProjectForm(StyledForm):
    name = forms.CharField(label=_("ชื่อโครงการ"), max_length=300)
    priority = ThaiIntegerField(label=_("ลำดับความสำคัญ"), min_value=1, required=False)
    project_class = ModelIdChoiceField(label=_("ประเภท"), queryset=ProjectClass.objects.all())
    category = ModelIdChoiceField(
        label=_("ด้าน"),
        queryset=NeedCategory.objects.all(),
        required=False,
        empty_label=_("ตามด้านของปัญหา/ความต้องการที่ตอบ"),
    )
    target_kind = forms.ChoiceField(
        label=_("ขอรับการสนับสนุนจาก"), choices=[("", "-")] + TargetKind.choices, required=False
    )
    target_name = forms.CharField(label=_("ชื่อหน่วยงาน/ภาคีที่ขอรับการสนับสนุน"), max_length=200, required=False)
    development_issue = forms.CharField(label=_("ประเด็นการพัฒนา"), max_length=300, required=False)
    objective = forms.CharField(
        label=_("วัตถุประสงค์"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    target_output = forms.CharField(
        label=_("เป้าหมาย (ผลผลิต)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    kpi = forms.CharField(label=_("ตัวชี้วัด"), max_length=300, required=False)
    expected_result = forms.CharField(
        label=_("ผลที่คาดว่าจะได้รับ"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    lead_agency = forms.CharField(label=_("หน่วยงานรับผิดชอบหลัก"), max_length=200, required=False)
    budget_source = forms.CharField(label=_("แหล่งงบประมาณที่คาดว่าจะได้รับ"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("สถานะ"), choices=ProjectStatus.choices)
    villages = ModelIdMultipleChoiceField(
        label=_("หมู่บ้านเป้าหมาย"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    needs = ModelIdMultipleChoiceField(
        label=_("ปัญหา/ความต้องการที่ตอบ"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    version = ThaiIntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, villages, needs, budget_years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = villages
        self.fields["needs"].queryset = needs
        self.budget_years = budget_years
        for year in budget_years:
            self.fields[f"budget_{year}"] = ThaiDecimalField(
                label=_("งบประมาณปี %(year)s (บาท)") % {"year": year},
                min_value=0,
                max_digits=14,
                decimal_places=2,
                required=False,
            )
            self.fields[f"budget_{year}"].widget.attrs["class"] = "form-control"

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["budgets"] = {year: data.pop(f"budget_{year}") for year in self.budget_years}
        return data


class BulkStatusForm(StyledForm):
    status = forms.ChoiceField(label=_("เปลี่ยนสถานะโครงการที่เลือกเป็น"), choices=ProjectStatus.choices)


class ForwardingForm(StyledForm):
    sent_on = ThaiDateField(label=_("วันที่ส่ง"))
    target_kind = forms.ChoiceField(label=_("ส่งถึง"), choices=TargetKind.choices)
    local_government = forms.ModelChoiceField(
        label=_("อปท. ที่ส่งถึง"),
        queryset=LocalGovernment.objects.none(),
        required=False,
        help_text=_("อปท. ที่ครอบคลุมตำบลนี้ (จากทะเบียน อปท.) และ อบจ. ของจังหวัด"),
        error_messages={"invalid_choice": _("อปท. ที่เลือกไม่ครอบคลุมตำบลนี้ กรุณาเลือกจากรายการ อปท. ของตำบล")},
    )
    target_name = forms.CharField(
        label=_("ชื่อหน่วยงาน/ภาคี"),
        max_length=200,
        required=False,
        help_text=_("เมื่อส่งถึงหน่วยงานหรือภาคี; อปท. อำเภอ และจังหวัด ระบบใส่ชื่อให้"),
    )
    letter_number = forms.CharField(label=_("เลขที่หนังสือ"), max_length=50, required=False)
    recipient_strategy = forms.CharField(label=_("ยุทธศาสตร์ของผู้รับ (ถ้าทราบ)"), max_length=300, required=False)
    recipient_programme = forms.CharField(label=_("แผนงานของผู้รับ (ถ้าทราบ)"), max_length=300, required=False)

    def __init__(self, *args, local_governments=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["local_government"]
        field.queryset = LocalGovernment.objects.filter(pk__in=[body.pk for body in local_governments])
        field.label_from_instance = lambda body: body.full_name


class OutcomeForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("ผล"), choices=[c for c in ForwardOutcome.choices if c[0] != "pending"]
    )
    outcome_on = ThaiDateField(label=_("วันที่ทราบผล"), required=False)
    accepted_plan = forms.CharField(
        label=_("บรรจุในแผน (กรณีรับ)"),
        max_length=200,
        required=False,
        help_text=_("เช่น แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)"),
    )
    accepted_year = ThaiIntegerField(
        label=_("ปีของแผน (พ.ศ.)"), min_value=2500, max_value=2700, required=False
    )
    reason = forms.CharField(label=_("เหตุผล/หมายเหตุ"), max_length=300, required=False)


class CarryOverDecisionForm(StyledForm):
    """Keep or drop a project of the previous plan (the reason a drop needs is checked by the service)."""

    decision = forms.ChoiceField(choices=[("keep", "keep"), ("drop", "drop")])
    reason = forms.CharField(label=_("เหตุผล"), max_length=300, required=False)


class CarryOverReviseForm(StyledForm):
    """A project of the previous plan carried into the new plan with a new name or budget."""

    name = forms.CharField(label=_("ชื่อโครงการ"), max_length=300)
    reason = forms.CharField(
        label=_("สิ่งที่ปรับปรุง"), max_length=300, required=False, help_text=_("เช่น ปรับลดงบประมาณตามราคากลางปีนี้")
    )

    def __init__(self, *args, budget_years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.budget_years = budget_years
        for year in budget_years:
            self.fields[f"budget_{year}"] = ThaiDecimalField(
                label=_("งบประมาณปี %(year)s (บาท)") % {"year": year},
                min_value=0,
                max_digits=14,
                decimal_places=2,
                required=False,
            )
            self.fields[f"budget_{year}"].widget.attrs["class"] = "form-control"

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["budgets"] = {year: data.pop(f"budget_{year}") for year in self.budget_years}
        return data


class AnswersImportForm(StyledForm):
    local_government = forms.ModelChoiceField(label=_("คำตอบของ"), queryset=LocalGovernment.objects.none())
    answered_on = ThaiDateField(label=_("วันที่ของหนังสือตอบ"), required=False)
    letter_number = forms.CharField(label=_("เลขที่หนังสือตอบ"), max_length=50, required=False)
    file = forms.FileField(
        label=_("ไฟล์ ผ.02 ที่ อปท. กรอกคำตอบแล้ว (XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["local_government"]
        field.queryset = LocalGovernment.objects.filter(pk__in=[body.pk for body in bodies])
        field.label_from_instance = lambda body: body.full_name
