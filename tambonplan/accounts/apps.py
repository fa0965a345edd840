from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tambonplan.accounts"
    label = "accounts"
    verbose_name = _("บัญชีผู้ใช้")


class FrontDoorAdminConfig(admin_apps.AdminConfig):
    """The admin app with the site whose login is the site's own (tambonplan.accounts.admin_site)."""

    default = False  # named in INSTALLED_APPS; AccountsConfig stays this module's default
    default_site = "tambonplan.accounts.admin_site.FrontDoorAdminSite"
