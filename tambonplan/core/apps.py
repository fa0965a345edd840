from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tambonplan.core"
    label = "core"
    verbose_name = "TambonPlan"

    def ready(self):
        from tambonplan.core import site_url  # noqa: F401  (registers the SITE_URL deploy check)
