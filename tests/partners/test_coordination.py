"""The coordination log of a partner: meetings, letters and calls, from the partner page."""

import pytest
from django.urls import reverse

from tambonplan.areas.models import Province
from tambonplan.events.models import EventKind
from tambonplan.partners import services
from tambonplan.partners.models import CoordinationKind, CoordinationRecord, PartnerLevel, PartnerType
from tambonplan.planning.models import Project, ProjectClass, TambonPlan
from tests.events.factories import event

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(personas):
    return services.partner_create(
        user=personas.province_officer,
        province=Province.objects.get(code="34"),
        name="สำนักงานเกษตรจังหวัดอุบลราชธานี",
        partner_type=PartnerType.GOVERNMENT,
        level=PartnerLevel.PROVINCIAL,
    )


def data(**extra):
    values = {
        "kind": CoordinationKind.LETTER_OUT,
        "happened_on": "15/05/2569",
        "subject": "ขอรับการสนับสนุนพันธุ์ปลา",
        "letter_number": "อบ ๐๐๑๙/ว ๕๓๑",
        "note": "",
        "event": "",
        "project": "",
    }
    values.update(extra)
    return values


def test_district_officer_records_coordination_with_event_and_project(personas, partner):
    meeting = event("34", kind=EventKind.COORDINATION, title="ประชุมประสานภาคีการพัฒนา")
    plan = TambonPlan.objects.create(tambon_id="340104", fiscal_year=2569)
    project = Project.objects.create(
        plan=plan, name="เลี้ยงปลา", project_class=ProjectClass.objects.get(code="support")
    )
    client = personas.client_for(personas.district_officer)
    url = reverse("partners:coordination_create", args=[partner.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, data(event=meeting.pk, project=project.pk))
    assert response.status_code == 302, response.context["form"].errors
    record = CoordinationRecord.objects.get()
    assert record.event == meeting and record.project == project
    assert record.happened_on.year == 2026
    assert record.created_by == personas.district_officer
    page = client.get(reverse("partners:partner_detail", args=[partner.pk])).content.decode()
    assert "ขอรับการสนับสนุนพันธุ์ปลา" in page
    assert "ประชุมประสานภาคีการพัฒนา" in page


def test_only_coordination_events_of_the_province_may_be_linked(personas, partner):
    workshop = event("340104", kind=EventKind.WORKSHOP)
    client = personas.client_for(personas.province_officer)
    response = client.post(
        reverse("partners:coordination_create", args=[partner.pk]), data(event=workshop.pk)
    )
    assert response.status_code == 200
    assert CoordinationRecord.objects.count() == 0


def test_edit_and_delete(personas, partner):
    record = services.coordination_create(
        user=personas.province_officer,
        partner=partner,
        kind=CoordinationKind.MEETING,
        happened_on="2026-05-15",
        subject="ประชุมหารือ",
    )
    client = personas.client_for(personas.province_officer)
    response = client.post(
        reverse("partners:coordination_edit", args=[record.pk]), data(subject="ประชุมหารือครั้งที่ 2")
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.subject == "ประชุมหารือครั้งที่ 2"
    assert client.post(reverse("partners:coordination_delete", args=[record.pk])).status_code == 302
    assert not CoordinationRecord.objects.exists()


def test_scope(personas, partner):
    record = services.coordination_create(
        user=personas.province_officer,
        partner=partner,
        kind=CoordinationKind.CALL,
        happened_on="2026-05-15",
        subject="โทรประสาน",
    )
    outsider = personas.client_for(personas.outsider)
    assert outsider.get(reverse("partners:coordination_edit", args=[record.pk])).status_code == 404
    assert outsider.post(reverse("partners:coordination_delete", args=[record.pk])).status_code == 404
    viewer = personas.client_for(personas.viewer)
    assert viewer.get(reverse("partners:coordination_create", args=[partner.pk])).status_code == 403
    assert viewer.post(reverse("partners:coordination_delete", args=[record.pk])).status_code == 403
    tambon = personas.client_for(personas.tambon_officer)
    assert tambon.post(reverse("partners:coordination_create", args=[partner.pk]), data()).status_code == 403
    assert CoordinationRecord.objects.count() == 1
