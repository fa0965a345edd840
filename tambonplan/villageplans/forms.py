from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.core.fiscal_years import fiscal_year_choices
from tambonplan.core.forms import StyledForm
from tambonplan.planning.models import NeedCategory, ProjectClass
from tambonplan.thai.dates import be_date_short
from tambonplan.thai.digits import parse_int
from tambonplan.thai.forms import (
    SMALL_INTEGER_MAX,
    ModelIdChoiceField,
    ThaiDateField,
    ThaiDecimalField,
    ThaiIntegerField,
)


def forum_label(event) -> str:
    where = _("หมู่ที่ %(moo)s") % {"moo": event.village.moo} if event.village_id else _("ทั้งตำบล")
    return f"{be_date_short(event.starts_at)} · {event.title} ({where})"


class ForumField(ModelIdChoiceField):
    def label_from_instance(self, obj) -> str:
        return forum_label(obj)


class PlanCreateForm(StyledForm):
    """A new plan: its village or community ("v:<village code>" or "c:<community id>"), year and forum."""

    place = forms.ChoiceField(label=_("หมู่บ้าน/ชุมชน"))
    fiscal_year = forms.TypedChoiceField(label=_("ปีงบประมาณ"), coerce=int)
    forum = ForumField(
        label=_("เวทีประชาคม"),
        queryset=None,
        required=False,
        empty_label=_("ยังไม่ได้จัด/ยังไม่เลือก"),
        help_text=_("เวทีประชาคมหมู่บ้านที่บันทึกไว้ในเมนูกิจกรรม ของตำบลและปีงบประมาณเดียวกัน"),
    )

    def __init__(self, *args, villages, communities, forums, **kwargs):
        super().__init__(*args, **kwargs)
        self.villages = {village.code: village for village in villages}
        self.communities = {str(community.pk): community for community in communities}
        self.fields["place"].choices = [("", "-")]
        if villages:
            self.fields["place"].choices.append((_("หมู่บ้าน"), [(f"v:{v.code}", str(v)) for v in villages]))
        if communities:
            self.fields["place"].choices.append((_("ชุมชน"), [(f"c:{c.pk}", str(c)) for c in communities]))
        self.fields["fiscal_year"].choices = [(year, str(year)) for year in fiscal_year_choices()]
        self.fields["forum"].queryset = forums

    def clean_place(self):
        value = self.cleaned_data["place"]
        kind, _sep, key = value.partition(":")
        if kind == "v" and key in self.villages:
            return {"village": self.villages[key], "community": None}
        if kind == "c" and key in self.communities:
            return {"village": None, "community": self.communities[key]}
        raise forms.ValidationError(_("กรุณาเลือกหมู่บ้านหรือชุมชน"))


class PlanForm(StyledForm):
    """The plan's forum and the village committee's approval."""

    forum = ForumField(
        label=_("เวทีประชาคม"), queryset=None, required=False, empty_label=_("ยังไม่ได้จัด/ยังไม่เลือก")
    )
    approved_on = ThaiDateField(
        label=_("วันที่คณะกรรมการหมู่บ้าน (กม.) ให้ความเห็นชอบ"),
        required=False,
        help_text=_("แผนที่มีวันที่เห็นชอบนับว่าผ่านการทบทวนแล้ว"),
    )
    approval_note = forms.CharField(label=_("มติ/บันทึกการประชุม"), max_length=500, required=False)
    minutes = forms.FileField(label=_("รายงานการประชุม (PDF/JPEG/PNG ไม่เกิน 10 MB)"), required=False)
    remove_minutes = forms.BooleanField(label=_("ลบไฟล์รายงานการประชุมเดิม"), required=False)
    version = ThaiIntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, forums, has_minutes: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = forums
        if not has_minutes:
            del self.fields["remove_minutes"]


class ItemForm(StyledForm):
    description = forms.CharField(
        label=_("ปัญหา/ความต้องการ/โครงการ"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    category = ModelIdChoiceField(label=_("ด้าน"), queryset=NeedCategory.objects.all())
    item_class = ModelIdChoiceField(
        label=_("ประเภท"),
        queryset=ProjectClass.objects.all(),
        help_text=_("ดำเนินการเอง: อยู่ในแผนหมู่บ้าน · ดำเนินการร่วม/ขอรับการสนับสนุน: ส่งเข้าแผนพัฒนาตำบลได้"),
    )
    partner_name = forms.CharField(label=_("ดำเนินการร่วมกับ/ขอรับการสนับสนุนจาก"), max_length=200, required=False)
    estimated_budget = ThaiDecimalField(
        label=_("งบประมาณโดยประมาณ (บาท)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    priority = ThaiIntegerField(
        label=_("ลำดับความสำคัญ"), min_value=1, max_value=SMALL_INTEGER_MAX, required=False
    )
    votes = ThaiIntegerField(
        label=_("คะแนนเสียงประชาคม"), min_value=0, max_value=2_147_483_647, required=False
    )
    version = ThaiIntegerField(widget=forms.HiddenInput, required=False)


class CommunityForm(StyledForm):
    name_th = forms.CharField(label=_("ชื่อชุมชน"), max_length=200, help_text=_('ไม่ต้องพิมพ์คำว่า "ชุมชน"'))
    number = ThaiIntegerField(label=_("ลำดับชุมชน"), min_value=1, max_value=SMALL_INTEGER_MAX, required=False)
    is_active = forms.BooleanField(label=_("ยังมีอยู่"), required=False, initial=True)


class ImportForm(StyledForm):
    file = forms.FileField(
        label=_("ไฟล์ข้อมูล (XLSX หรือ CSV)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"})
    )


def year_from(value, default: int) -> int:
    """A fiscal year asked for in a query string or a form (?year=2570), if it is one the selector offers."""
    year = parse_int(value) if value else None
    return year if year in fiscal_year_choices() else default
