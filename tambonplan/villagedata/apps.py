from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillageDataConfig(AppConfig):
    name = "tambonplan.villagedata"
    label = "villagedata"
    verbose_name = _("ข้อมูล จปฐ. และ กชช.2ค ของหมู่บ้าน")
