from django.urls import path

from tambonplan.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("circular/<int:pk>/", views.rates, name="rates"),
    path("circular/<int:pk>/remind/", views.remind, name="remind"),
    path("circular/<int:pk>/consolidated/", views.consolidation, name="consolidation"),
    path(
        "circular/<int:pk>/consolidated.pdf",
        views.consolidation_document,
        {"kind": "pdf"},
        name="consolidation_pdf",
    ),
    path(
        "circular/<int:pk>/consolidated.docx",
        views.consolidation_document,
        {"kind": "docx"},
        name="consolidation_docx",
    ),
    path(
        "circular/<int:pk>/consolidated.xlsx",
        views.consolidation_document,
        {"kind": "xlsx"},
        name="consolidation_xlsx",
    ),
    path(
        "circular/<int:pk>/consolidated/record/", views.consolidation_record_edit, name="consolidation_record"
    ),
    path(
        "circular/<int:pk>/consolidated-letter.pdf",
        views.consolidation_letter,
        {"kind": "pdf"},
        name="consolidation_letter_pdf",
    ),
    path(
        "circular/<int:pk>/consolidated-letter.docx",
        views.consolidation_letter,
        {"kind": "docx"},
        name="consolidation_letter_docx",
    ),
    path("circular/<int:pk>/district/<str:district_code>/", views.district_report, name="district"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/autosave/", views.report_autosave, name="autosave"),
    path("<int:pk>/items/<str:kind>/add/", views.item_add, name="item_add"),
    path("<int:pk>/items/<int:item_pk>/delete/", views.item_delete, name="item_delete"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/return/", views.report_return, name="return"),
    path("<int:pk>/accept/", views.report_accept, name="accept"),
    path("<int:pk>/reopen/", views.report_reopen, name="reopen"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/report.pdf", views.report_document, {"kind": "pdf"}, name="pdf"),
    path("<int:pk>/report.docx", views.report_document, {"kind": "docx"}, name="docx"),
    path("<int:pk>/report.xlsx", views.report_document, {"kind": "xlsx"}, name="xlsx"),
    path("<int:pk>/letter/", views.report_letter_edit, name="letter_edit"),
    path("<int:pk>/letter.pdf", views.report_letter, {"kind": "pdf"}, name="letter_pdf"),
    path("<int:pk>/letter.docx", views.report_letter, {"kind": "docx"}, name="letter_docx"),
]
