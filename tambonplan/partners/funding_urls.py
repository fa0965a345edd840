from django.urls import path

from tambonplan.partners import funding_views as views

urlpatterns = [
    path("commitments/new/<int:project_pk>/", views.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment"),
    path("commitments/<int:pk>/edit/", views.commitment_edit, name="commitment_edit"),
    path("commitments/<int:pk>/status/", views.commitment_transition, name="commitment_transition"),
    path("commitments/<int:pk>/document/", views.commitment_document, name="commitment_document"),
    path(
        "integration/tambon/<str:code>/",
        views.integration_page,
        {"level": "tambon"},
        name="integration_tambon",
    ),
    path(
        "integration/tambon/<str:code>/xlsx/",
        views.integration_xlsx,
        {"level": "tambon"},
        name="integration_tambon_xlsx",
    ),
    path(
        "integration/district/<str:code>/",
        views.integration_page,
        {"level": "district"},
        name="integration_district",
    ),
    path(
        "integration/district/<str:code>/xlsx/",
        views.integration_xlsx,
        {"level": "district"},
        name="integration_district_xlsx",
    ),
    path(
        "integration/province/<str:code>/",
        views.integration_page,
        {"level": "province"},
        name="integration_province",
    ),
    path(
        "integration/province/<str:code>/xlsx/",
        views.integration_xlsx,
        {"level": "province"},
        name="integration_province_xlsx",
    ),
    path("progress/project/<int:pk>/", views.project_progress, name="project_progress"),
    path("progress/evidence/<int:pk>/", views.progress_evidence, name="progress_evidence"),
    path(
        "progress/evidence/<int:pk>/delete/", views.progress_evidence_delete, name="progress_evidence_delete"
    ),
]
