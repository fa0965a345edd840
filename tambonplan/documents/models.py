from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficialEmblem(models.Model):
    """An office's own emblem (ครุฑ) for the head of its documents, replacing the default shipped in
    `documents/assets/garuda.png`; the latest one uploaded is used (see `documents.emblem`)."""

    image = models.FileField(_("ไฟล์ตราครุฑ (PNG หรือ JPEG)"), upload_to="emblem/")
    uploaded_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("ตราครุฑในเอกสาร")
        verbose_name_plural = _("ตราครุฑในเอกสาร")

    def __str__(self):
        return self.image.name
