from django.urls import path

from tambonplan.localgov import views

app_name = "localgov"

urlpatterns = [
    path("", views.local_government_list, name="list"),
    path("new/", views.local_government_create, name="create"),
    path("import/", views.local_government_import, name="import"),
    path("import/template.xlsx", views.local_government_import_template, name="import_template"),
    path("<int:pk>/", views.local_government_detail, name="detail"),
    path("<int:pk>/edit/", views.local_government_update, name="update"),
    path("<int:pk>/deactivate/", views.local_government_deactivate, name="deactivate"),
]
