from django.contrib import admin
from django.urls import include, path

from tambonplan.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("fiscal-year/", core_views.fiscal_year_select, name="fiscal_year_select"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("areas/", include("tambonplan.areas.urls")),
    path("accounts/", include("tambonplan.accounts.urls")),
    path("committees/", include("tambonplan.committees.urls")),
    path("admin/", admin.site.urls),
]
