from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.core.forms import StyledForm
from tambonplan.villagedata.scales import Survey


class ResultsImportForm(StyledForm):
    survey = forms.ChoiceField(
        label=_("ข้อมูล"),
        choices=[
            (Survey.JPT, _("จปฐ. (ครัวเรือนที่ผ่าน/ที่สำรวจ ต่อตัวชี้วัด)")),
            (Survey.KCH2K, _("กชช.2ค (ระดับ 1–3 ต่อปัญหา)")),
        ],
        initial=Survey.JPT,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("ไฟล์ข้อมูล (XLSX หรือ CSV)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"})
    )
