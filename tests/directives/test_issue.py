"""A circular is the province's draft until it is issued: only then do its districts see it and get told."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tambonplan.directives import services
from tambonplan.directives.models import Circular, Enclosure
from tambonplan.directives.public_links import public_enclosure
from tests.directives.test_views import FORM

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(personas) -> Circular:
    province = personas.client_for(personas.province_officer)
    province.post(reverse("directives:create"), FORM)
    return Circular.objects.get()


def add_instruction(personas, circular):
    services.instruction_save(
        user=personas.province_officer, circular=circular, number=1, text="จัดอบรมผู้นำชุมชน", due_on=None
    )


def test_a_new_circular_is_a_draft_the_districts_do_not_see(personas, draft):
    district = personas.client_for(personas.district_officer)
    assert not draft.is_issued
    assert district.get(reverse("directives:detail", args=[draft.pk])).status_code == 404
    assert FORM["subject"] not in district.get(reverse("directives:list")).content.decode()
    page = personas.client_for(personas.province_officer).get(reverse("directives:detail", args=[draft.pk]))
    assert "อำเภอยังไม่เห็นหนังสือนี้" in page.content.decode()
    listing = personas.client_for(personas.province_officer).get(reverse("directives:list")).content.decode()
    assert "ร่าง</span>" in listing


def test_a_circular_without_instructions_cannot_be_issued(personas, draft):
    with pytest.raises(ValidationError) as error:
        services.circular_issue(user=personas.province_officer, circular=draft)
    assert "ยังไม่มีข้อสั่งการ" in str(error.value)
    draft.refresh_from_db()
    assert not draft.is_issued


def test_issuing_shows_it_to_the_districts_and_tells_their_officers(
    personas, draft, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    personas.district_officer.email = "mueang@example.go.th"
    personas.district_officer.save()
    personas.other_district_officer.email = "warin@example.go.th"
    personas.other_district_officer.save()
    add_instruction(personas, draft)
    province = personas.client_for(personas.province_officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = province.post(reverse("directives:issue", args=[draft.pk]), follow=True)

    draft.refresh_from_db()
    assert draft.is_issued and draft.issued_by == personas.province_officer
    assert "ออกหนังสือแล้ว" in response.content.decode()
    assert "ออกหนังสือแล้วเมื่อ" in response.content.decode()  # when and by whom, on the page
    district = personas.client_for(personas.district_officer)
    assert district.get(reverse("directives:detail", args=[draft.pk])).status_code == 200
    # One e-mail to each officer (notifications: once per event, recipient and channel).
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "mueang@example.go.th",
        "warin@example.go.th",
    ]
    for message in mail.outbox:
        assert "หนังสือสั่งการใหม่ ที่ อบ ๐๐๑๙/ว ๑๐๐" in message.subject
        assert f"https://tambonplan.example/directives/{draft.pk}/" in message.body
    # Issuing again changes nothing and tells no one twice.
    with django_capture_on_commit_callbacks(execute=True):
        services.circular_issue(user=personas.province_officer, circular=draft)
    assert len(mail.outbox) == 2


def test_only_the_province_issues(personas, draft):
    add_instruction(personas, draft)
    with pytest.raises(PermissionDenied):
        services.circular_issue(user=personas.viewer, circular=draft)
    outsider = personas.client_for(personas.outsider)
    assert outsider.post(reverse("directives:issue", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert not draft.is_issued


def test_a_drafts_public_links_do_not_open(personas, draft):
    enclosure = Enclosure.objects.create(
        circular=draft, number=1, title="แนวทางปฏิบัติ", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n")
    )
    assert public_enclosure(enclosure.public_token) is None
    add_instruction(personas, draft)
    services.circular_issue(user=personas.province_officer, circular=draft)
    assert public_enclosure(enclosure.public_token) == enclosure
