"""URLs of the plan's downloads and imports; included by `tambonplan.planning.urls` (namespace "planning")."""

from django.urls import path

from tambonplan.planning import file_views

urlpatterns = [
    path(
        "province/<str:code>/projects.xlsx", file_views.province_projects_xlsx, name="province_projects_xlsx"
    ),
    path("plan/<int:pk>/plan.pdf", file_views.plan_pdf_download, name="plan_pdf"),
    path("plan/<int:pk>/plan.docx", file_views.plan_docx_download, name="plan_docx"),
    path("plan/<int:pk>/plan.xlsx", file_views.plan_xlsx_download, name="plan_xlsx"),
    path("plan/<int:pk>/templates/needs.xlsx", file_views.needs_template, name="needs_template"),
    path("plan/<int:pk>/templates/projects.xlsx", file_views.projects_template, name="projects_template"),
    path("plan/<int:pk>/templates/status.xlsx", file_views.status_template, name="status_template"),
    path("plan/<int:pk>/import/needs/", file_views.needs_import, name="needs_import"),
    path("plan/<int:pk>/import/projects/", file_views.projects_import, name="projects_import"),
    path("plan/<int:pk>/import/status/", file_views.status_import, name="status_import"),
]
