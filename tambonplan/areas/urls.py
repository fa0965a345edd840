from django.urls import path

from tambonplan.areas import views

app_name = "areas"
urlpatterns = [
    path("", views.province_list, name="provinces"),
    path("province/<str:code>/", views.province_detail, name="province"),
    path("district/<str:code>/", views.district_detail, name="district"),
    path("tambon/<str:code>/", views.tambon_detail, name="tambon"),
    path("tambon/<str:code>/villages/new/", views.village_create, name="village_create"),
    path("village/<str:code>/", views.village_detail, name="village"),
    path("village/<str:code>/edit/", views.village_edit, name="village_edit"),
    path("village/<str:code>/delete/", views.village_delete, name="village_delete"),
    path("villages/import/", views.village_import, name="village_import"),
    path("villages/import/template.xlsx", views.village_import_template, name="village_import_template"),
]
