from django.urls import path

from tambonplan.directives import views

app_name = "directives"
urlpatterns = [
    path("", views.circular_list, name="list"),
    path("new/", views.circular_create, name="create"),
    path("<int:pk>/", views.circular_detail, name="detail"),
    path("<int:pk>/edit/", views.circular_edit, name="edit"),
    path("<int:pk>/issue/", views.circular_issue, name="issue"),
    path("<int:pk>/acknowledge/", views.circular_acknowledge, name="acknowledge"),
    path("<int:pk>/circular.pdf", views.circular_document, {"kind": "pdf"}, name="pdf"),
    path("<int:pk>/circular.docx", views.circular_document, {"kind": "docx"}, name="docx"),
    path("<int:pk>/instructions/new/", views.instruction_edit, name="instruction_add"),
    path("<int:pk>/instructions/<int:instruction_pk>/", views.instruction_edit, name="instruction_edit"),
    path(
        "<int:pk>/instructions/<int:instruction_pk>/delete/",
        views.instruction_delete,
        name="instruction_delete",
    ),
    path("<int:pk>/enclosures/new/", views.enclosure_add, name="enclosure_add"),
    path("<int:pk>/enclosures/<int:enclosure_pk>/delete/", views.enclosure_delete, name="enclosure_delete"),
    path("enclosures/<str:token>/", views.enclosure_page, name="enclosure"),
    path("enclosures/<str:token>/file/", views.enclosure_file, name="enclosure_file"),
    path(
        "<int:pk>/enclosures/<int:enclosure_pk>/public-link/",
        views.enclosure_public_link_renew,
        name="enclosure_public_link_renew",
    ),
    # Public: the file a printed QR code leads to, without an account (public_links.py).
    path("public/<str:token>/", views.enclosure_public, name="enclosure_public"),
]
