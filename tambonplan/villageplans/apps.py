from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VillagePlansConfig(AppConfig):
    name = "tambonplan.villageplans"
    label = "villageplans"
    verbose_name = _("แผนพัฒนาหมู่บ้าน/ชุมชน")
