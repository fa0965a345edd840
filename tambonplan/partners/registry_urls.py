from django.urls import path

from tambonplan.partners import views

urlpatterns = [
    path("", views.partner_list, name="partner_list"),
    path("new/", views.partner_create, name="partner_create"),
    path("<int:pk>/", views.partner_detail, name="partner_detail"),
    path("<int:pk>/edit/", views.partner_edit, name="partner_edit"),
    path("<int:pk>/coordination/new/", views.coordination_create, name="coordination_create"),
    path("coordination/<int:pk>/edit/", views.coordination_edit, name="coordination_edit"),
    path("coordination/<int:pk>/delete/", views.coordination_delete, name="coordination_delete"),
    path("match/project/<int:project_pk>/", views.project_match, name="project_match"),
    path("portal/", views.portal, name="portal"),
    path("abbreviations/", views.abbreviation_list, name="abbreviation_list"),
    path("abbreviations/<int:pk>/", views.abbreviation_edit, name="abbreviation_edit"),
    path("abbreviations/<int:pk>/delete/", views.abbreviation_delete, name="abbreviation_delete"),
]
