"""No one edits or deletes the record of a report (versions, review events) or any audit entry, not even an
administrator in the admin; every state change shows who and when."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tambonplan.reports.models import ReportEvent, ReportVersion
from tests.conftest import make_user
from tests.reports import factories as f

pytestmark = pytest.mark.django_db


def test_no_audit_entry_is_editable_in_the_admin():
    registered = {model._meta.label: model_admin for model, model_admin in admin.site._registry.items()}
    assert not [label for label in registered if ".Historical" in label]
    request = RequestFactory().get("/")
    request.user = make_user("root", "admin")
    for label in ("reports.ReportVersion", "reports.ReportEvent"):
        model_admin = registered[label]
        assert not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
        assert not model_admin.has_add_permission(request)


def test_the_admin_lists_versions_read_only(personas):
    version = f.submitted(personas.district_officer, f.circular())
    superuser = make_user("root", "admin")
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    client = personas.client_for(superuser)
    assert client.get(reverse("admin:reports_reportversion_changelist")).status_code == 200
    page = client.get(reverse("admin:reports_reportversion_change", args=[version.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert (
        client.post(
            reverse("admin:reports_reportversion_delete", args=[version.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert ReportVersion.objects.filter(pk=version.pk).exists()


def test_every_state_change_shows_who_and_when(personas):
    version = f.submitted(personas.district_officer, f.circular())
    report = version.report
    from tambonplan.reports import services

    services.return_for_correction(user=personas.province_officer, report=report, comment="แก้ไข")
    page = (
        personas.client_for(personas.viewer).get(reverse("reports:detail", args=[report.pk])).content.decode()
    )
    events = list(ReportEvent.objects.filter(report=report))
    assert [(e.action, e.user) for e in events] == [
        ("submitted", personas.district_officer),
        ("returned", personas.province_officer),
    ]
    for event in events:
        assert str(event.user) in page


def test_the_admin_cannot_revert_to_an_old_version(settings):
    assert settings.SIMPLE_HISTORY_REVERT_DISABLED is True
