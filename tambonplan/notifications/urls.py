from django.urls import path

from tambonplan.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/<int:pk>/read/", views.notification_read, name="read"),
    path("notifications/read-all/", views.notifications_read_all, name="read_all"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("notifications/province/", views.province_policy, name="province_policy"),
    path("notifications/line/link/", views.line_link, name="line_link"),
    path("notifications/line/unlink/", views.line_unlink, name="line_unlink"),
    path("notifications/line/group/link/", views.line_group_link, name="line_group_link"),
    path("notifications/line/group/unlink/", views.line_group_unlink, name="line_group_unlink"),
    path("notifications/failures/", views.failures, name="failures"),
    # LINE's webhook: public, csrf-exempt, every request signed with the channel secret.
    path("line/webhook/", views.line_webhook, name="line_webhook"),
]
