from django.urls import path

from tambonplan.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/delete/", views.event_delete, name="delete"),
    path("<int:pk>/qr/", views.event_qr, name="qr"),
    path("<int:pk>/checkin-code/", views.checkin_code, name="checkin_code"),
    path("<int:pk>/attendees/add/", views.attendee_add, name="attendee_add"),
    path("<int:pk>/attendees/pick/", views.attendee_pick, name="attendee_pick"),
    path("<int:pk>/attendees/remove/", views.attendees_remove, name="attendees_remove"),
    path("<int:pk>/counts/", views.counts_set, name="counts"),
    path("<int:pk>/photos/add/", views.photo_add, name="photo_add"),
    path("attendees/<int:pk>/remove/", views.attendee_remove, name="attendee_remove"),
    path("photos/<int:pk>/", views.photo_file, name="photo"),
    path("photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
]
