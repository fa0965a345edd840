from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tambonplan.core"
    label = "core"
    verbose_name = "TambonPlan"
