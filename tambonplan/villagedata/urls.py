from django.urls import path

from tambonplan.villagedata import views

app_name = "villagedata"
urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/", views.indicators, name="indicators"),
    path("import/", views.results_import, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("tambon/<str:code>/", views.tambon, name="tambon"),
    path("village/<str:code>/", views.village, name="village"),
]
