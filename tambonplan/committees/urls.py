from django.urls import path

from tambonplan.committees import views

app_name = "committees"
urlpatterns = [
    path("", views.index, name="index"),
    path("province/<str:code>/", views.province_overview, name="province"),
    path("province/<str:code>/export.xlsx", views.province_export, name="province_export"),
    path("province/<str:code>/review-date/", views.review_deadline_set, name="review_deadline"),
    path("province/<str:code>/templates/", views.template_list, name="templates"),
    path("province/<str:code>/templates/<slug:kind>/", views.template_edit, name="template_edit"),
    path("template-slots/<int:pk>/delete/", views.template_slot_delete, name="template_slot_delete"),
    path("province/<str:code>/order-wording/<slug:kind>/", views.order_wording_edit, name="order_wording"),
    path("district/<str:code>/", views.district_overview, name="district"),
    path("district/<str:code>/export.xlsx", views.district_export, name="district_export"),
    path("c/<slug:kind>/<str:area_code>/", views.committee_detail, name="committee"),
    path("c/<slug:kind>/<str:area_code>/review/", views.committee_review, name="committee_review"),
    path("c/<slug:kind>/<str:area_code>/new-order/", views.order_start, name="order_start"),
    path("orders/<int:pk>/", views.order_detail, name="order"),
    path("orders/<int:pk>/issue/", views.order_issue, name="order_issue"),
    path("orders/<int:pk>/discard/", views.order_discard, name="order_discard"),
    path("orders/<int:pk>/order.pdf", views.order_document, {"kind": "pdf"}, name="order_pdf"),
    path("orders/<int:pk>/order.docx", views.order_document, {"kind": "docx"}, name="order_docx"),
    path("orders/<int:pk>/scan/", views.order_scan, name="order_scan"),
    path("orders/<int:pk>/members/new/", views.member_add, name="member_add"),
    path("orders/<int:pk>/members/import/", views.members_import, name="members_import"),
    path("orders/<int:pk>/members/template.xlsx", views.members_template, name="members_template"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/delete/", views.member_delete, name="member_delete"),
    path("members/<int:pk>/successor/", views.member_succeed, name="member_succeed"),
]
