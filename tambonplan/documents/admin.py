from django import forms
from django.contrib import admin

from tambonplan.documents.emblem import check_emblem_upload
from tambonplan.documents.models import OfficialEmblem


class OfficialEmblemForm(forms.ModelForm):
    class Meta:
        model = OfficialEmblem
        fields = ["image"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        check_emblem_upload(image)
        return image


@admin.register(OfficialEmblem)
class OfficialEmblemAdmin(admin.ModelAdmin):
    """The administrator replaces the emblem here; deleting every upload brings back the default."""

    form = OfficialEmblemForm
    list_display = ["image", "uploaded_at", "uploaded_by"]

    def save_model(self, request, obj, form, change):
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
