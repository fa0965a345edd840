from django.urls import path

from tambonplan.funding import views

app_name = "funding"

urlpatterns = [
    path("forwardings/<int:forwarding_pk>/answers/new/", views.answer_create, name="answer_create"),
    path("answers/<int:pk>/edit/", views.answer_edit, name="answer_edit"),
    path("answers/<int:pk>/delete/", views.answer_delete, name="answer_delete"),
    path("answers/<int:pk>/scan/", views.answer_scan, name="answer_scan"),
    path("projects/<int:project_pk>/ledger/", views.project_ledger, name="project_ledger"),
    path("window/<str:code>/", views.window_edit, name="window"),
]
