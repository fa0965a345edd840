from django.urls import path

from tambonplan.villageplans import views

app_name = "villageplans"
urlpatterns = [
    path("", views.index, name="index"),
    path("district/<str:code>/", views.district, name="district"),
    path("tambon/<str:code>/", views.tambon, name="tambon"),
    path("tambon/<str:code>/new/", views.plan_create, name="plan_create"),
    path("tambon/<str:code>/pull/", views.pull_tambon, name="pull_tambon"),
    path("tambon/<str:code>/communities/", views.communities, name="communities"),
    path("tambon/<str:code>/import/", views.plans_import, name="import"),
    path("tambon/<str:code>/template.xlsx", views.import_template, name="import_template"),
    path("communities/<int:pk>/", views.community_edit, name="community_edit"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("plans/<int:pk>/pull/", views.pull_plan, name="pull_plan"),
    path("plans/<int:pk>/items/new/", views.item_create, name="item_create"),
    path("items/<int:pk>/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("items/<int:pk>/pull/", views.item_pull, name="item_pull"),
]
