from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.core.forms import StyledForm


class TokenForm(StyledForm):
    name = forms.CharField(
        label=_("ชื่อโทเค็น"),
        max_length=100,
        help_text=_("ตั้งชื่อให้รู้ว่าใช้กับระบบหรือสคริปต์ใด เช่น สคริปต์รายงานความก้าวหน้าของอำเภอ"),
    )
    can_write = forms.BooleanField(
        label=_("ให้บันทึกข้อมูลได้ (สถานะและความก้าวหน้าโครงการ ผู้เข้าร่วมกิจกรรม ร่างรายงาน)"),
        required=False,
    )
    expires_on = forms.DateField(
        label=_("หมดอายุ (ไม่บังคับ)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
