from django.urls import path

from tambonplan.planning import file_urls, views

app_name = "planning"
urlpatterns = [
    path("", views.index, name="index"),
    path("province/<str:code>/", views.province_progress, name="province"),
    path("province/<str:code>/steps/", views.step_settings, name="step_settings"),
    path("province/<str:code>/steps/<int:pk>/", views.step_settings, name="step_definition_edit"),
    path(
        "province/<str:code>/steps/<int:pk>/delete/",
        views.step_definition_delete,
        name="step_definition_delete",
    ),
    path("district/<str:code>/", views.district_progress, name="district"),
    path("tambon/<str:code>/", views.tambon_plan, name="tambon"),
    path("tambon/<str:code>/open/", views.plan_open, name="plan_open"),
    path("plan/<int:pk>/", views.plan_detail, name="plan"),
    path("plan/<int:pk>/profile/", views.plan_profile, name="plan_profile"),
    path("plan/<int:pk>/status/", views.projects_bulk_status, name="bulk_status"),
    path("plan/<int:pk>/carry-over/", views.carry_over, name="carry_over"),
    path("plan/<int:pk>/carry-over/<int:project_pk>/", views.carry_over_decide, name="carry_over_decide"),
    path(
        "plan/<int:pk>/carry-over/<int:project_pk>/revise/", views.carry_over_revise, name="carry_over_revise"
    ),
    path("plan/<int:plan_pk>/needs/new/", views.need_edit, name="need_create"),
    path("plan/<int:plan_pk>/needs/<int:pk>/", views.need_edit, name="need_edit"),
    path("plan/<int:plan_pk>/needs/<int:pk>/delete/", views.need_delete, name="need_delete"),
    path("plan/<int:plan_pk>/projects/new/", views.project_edit, name="project_create"),
    path("plan/<int:plan_pk>/projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("plan/<int:plan_pk>/projects/<int:pk>/delete/", views.project_delete, name="project_delete"),
    path("steps/<int:pk>/", views.step_edit, name="step"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/forward/", views.forwarding_add, name="forwarding_add"),
    path("forwardings/<int:pk>/outcome/", views.forwarding_outcome, name="forwarding_outcome"),
    path("plan/<int:pk>/exchange/p02.xlsx", views.exchange_xlsx, name="exchange_xlsx"),
    path("plan/<int:pk>/exchange/import/", views.exchange_import, name="exchange_import"),
    path("plan/<int:pk>/local-governments/", views.local_governments, name="local_governments"),
    path(
        "plan/<int:pk>/local-governments/<int:body_pk>/p02.xlsx",
        views.local_government_xlsx,
        name="local_government_xlsx",
    ),
]
urlpatterns += file_urls.urlpatterns
