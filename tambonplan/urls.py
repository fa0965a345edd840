from django.contrib import admin
from django.urls import include, path

from tambonplan.api.api import api
from tambonplan.core import views as core_views
from tambonplan.events import views as events_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("fiscal-year/", core_views.fiscal_year_select, name="fiscal_year_select"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("areas/", include("tambonplan.areas.urls")),
    path("accounts/", include("tambonplan.accounts.urls")),
    path("committees/", include("tambonplan.committees.urls")),
    path("planning/", include("tambonplan.planning.urls")),
    path("events/", include("tambonplan.events.urls")),
    path("partners/", include("tambonplan.partners.urls")),
    path("funding/", include("tambonplan.funding.urls")),
    path("local-governments/", include("tambonplan.localgov.urls")),
    path("village-data/", include("tambonplan.villagedata.urls")),
    path("village-plans/", include("tambonplan.villageplans.urls")),
    path("directives/", include("tambonplan.directives.urls")),
    path("reports/", include("tambonplan.reports.urls")),
    path("open-data/", include("tambonplan.opendata.urls")),
    path("", include("tambonplan.notifications.urls")),  # /notifications/… and LINE's /line/webhook/
    # Public: participants register from the QR code without an account.
    path("checkin/<str:token>/", events_views.checkin, name="checkin"),
    path("api/v1/", api.urls),
    path("api/tokens/", include("tambonplan.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "tambonplan.core.errors.permission_denied"
handler404 = "tambonplan.core.errors.page_not_found"
