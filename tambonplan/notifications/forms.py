from django import forms
from django.utils.translation import gettext_lazy as _

from tambonplan.core.forms import StyledForm
from tambonplan.notifications.kinds import CHOOSABLE


class PreferencesForm(StyledForm):
    """One checkbox per kind of the user's role and channel (LINE, e-mail); the ones the province made
    mandatory are shown on and cannot be changed."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            for channel in CHOOSABLE:
                self.fields[self.name(row.kind, channel)] = forms.BooleanField(
                    required=False,
                    initial=getattr(row, channel),
                    disabled=row.mandatory,
                    label=f"{row.label} ({channel.label})",
                    widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
                )

    @staticmethod
    def name(kind: str, channel: str) -> str:
        return f"{kind}__{channel}"

    def table(self) -> list[tuple]:
        """(row, LINE field, e-mail field) for the template."""
        return [(row, *(self[self.name(row.kind, channel)] for channel in CHOOSABLE)) for row in self.rows]

    def enabled(self) -> set[tuple[str, str]]:
        return {
            (row.kind, channel)
            for row in self.rows
            for channel in CHOOSABLE
            if self.cleaned_data[self.name(row.kind, channel)]
        }


class ProvincePolicyForm(StyledForm):
    deadline_reminders_mandatory = forms.BooleanField(
        required=False,
        label=_("บังคับให้ผู้ใช้ในจังหวัดรับการแจ้งเตือนกำหนดส่งรายงานผลทุกช่องทาง (ปิดเองไม่ได้)"),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
