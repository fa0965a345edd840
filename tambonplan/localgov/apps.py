from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalGovConfig(AppConfig):
    name = "tambonplan.localgov"
    label = "localgov"
    verbose_name = _("องค์กรปกครองส่วนท้องถิ่น")
