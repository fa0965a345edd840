"""The answer form on a forwarding, the project's ledger page, the province's window page."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tambonplan.funding.models import ForwardingAnswer, FundingEntry, FundingWindow
from tambonplan.planning.models import ForwardOutcome
from tests.funding import factories as ff
from tests.partners import funding_factories as pff
from tests.planning import factories as pf

pytestmark = pytest.mark.django_db
Y = pf.fiscal_year()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def forwarding():
    plan = pf.make_plan(pf.HUA_RUEA, Y)
    project = pf.add_project(plan, "ขุดลอกหนองน้ำ", "support", budgets={Y + 1: "400000"})
    return ff.forwarding(project)


def posted(**overrides):
    data = {
        "answered_on": pf.be(pf.today()),
        "letter_number": "อบ 71201/55",
        "inclusion": "included",
        "amendment_kind": "addition",
        "amendment_number": "๒",
        "amendment_year": str(Y),
        "plan_row": "7",
        "year_1": str(Y + 1),
        "amount_1": "350,000",
        "reference_1": "ข้อบัญญัติงบประมาณรายจ่าย",
    }
    data.update(overrides)
    return data


def test_recording_an_answer_on_the_page(personas, forwarding):
    client = personas.client_for(personas.tambon_officer)
    url = reverse("funding:answer_create", args=[forwarding.pk])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "ลักษณะการบรรจุ" in text and 'data-funding-row="3"' in text
    response = client.post(url, posted(scan=pff.pdf_upload("answer.pdf")))
    assert response.status_code == 302
    assert response["Location"] == reverse("funding:project_ledger", args=[forwarding.project_id])
    answer = ForwardingAnswer.objects.get()
    assert (answer.amendment_number, answer.plan_row, bool(answer.scan)) == (2, "7", True)
    assert FundingEntry.objects.get().amount == Decimal(350000)
    forwarding.refresh_from_db()
    assert forwarding.outcome == ForwardOutcome.FUNDED

    ledger = client.get(response["Location"]).content.decode()
    assert "350,000" in ledger and "ข้อบัญญัติงบประมาณรายจ่าย" in ledger
    assert reverse("funding:answer_scan", args=[answer.pk]) in ledger
    scan = client.get(reverse("funding:answer_scan", args=[answer.pk]))
    assert scan.status_code == 200 and scan["Content-Disposition"].startswith("attachment")


def test_the_service_errors_show_on_the_form_and_nothing_is_written(personas, forwarding):
    client = personas.client_for(personas.tambon_officer)
    response = client.post(
        reverse("funding:answer_create", args=[forwarding.pk]),
        posted(amendment_number="", year_2=str(Y - 1), amount_2="5"),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "ครั้งที่ของการแก้ไขแผนพัฒนาท้องถิ่น" in text
    assert not ForwardingAnswer.objects.exists()
    response = client.post(
        reverse("funding:answer_create", args=[forwarding.pk]), posted(year_2=str(Y - 1), amount_2="5")
    )
    assert "รายการที่ 2" in response.content.decode() and "ก่อนปีของแผน" in response.content.decode()
    assert not FundingEntry.objects.exists()


def test_editing_and_deleting_an_answer(personas, forwarding):
    client = personas.client_for(personas.tambon_officer)
    answer = ff.answer(personas.tambon_officer, forwarding, funding=[ff.money(Y + 1, "100")])
    url = reverse("funding:answer_edit", args=[answer.pk])
    page = client.get(url).content.decode()
    assert 'value="100' in page  # the money row filled in
    response = client.post(
        url, posted(version=str(answer.version), amount_1="250", year_2=str(Y + 2), amount_2="9")
    )
    assert response.status_code == 302
    assert sorted(FundingEntry.objects.values_list("fiscal_year", "amount")) == [
        (Y + 1, Decimal(250)),
        (Y + 2, Decimal(9)),
    ]
    stale = client.post(url, posted(version=str(answer.version)))
    assert "มีผู้แก้ไขคำตอบนี้ไปแล้ว" in stale.content.decode()
    client.post(reverse("funding:answer_delete", args=[answer.pk]))
    assert not ForwardingAnswer.objects.exists() and not FundingEntry.objects.exists()


def test_read_only_and_foreign_users(personas, forwarding):
    answer = ff.answer(personas.tambon_officer, forwarding)
    viewer = personas.client_for(personas.viewer)
    assert viewer.get(reverse("funding:project_ledger", args=[forwarding.project_id])).status_code == 200
    assert viewer.get(reverse("funding:answer_create", args=[forwarding.pk])).status_code == 403
    assert viewer.post(reverse("funding:answer_delete", args=[answer.pk])).status_code == 403
    other = personas.client_for(personas.other_district_officer)
    assert other.get(reverse("funding:project_ledger", args=[forwarding.project_id])).status_code == 404
    assert other.get(reverse("funding:answer_edit", args=[answer.pk])).status_code == 404
    ledger = viewer.get(reverse("funding:project_ledger", args=[forwarding.project_id])).content.decode()
    assert reverse("funding:answer_create", args=[forwarding.pk]) not in ledger


def test_the_ledger_lists_entries_by_year_and_source(personas, forwarding):
    project = forwarding.project
    pff.commitment(project, pff.partner("มูลนิธิรักษ์น้ำ"), status="pledged", amount="3000", year=Y)
    ff.answer(personas.tambon_officer, forwarding, funding=[ff.money(Y + 1, "200000"), ff.money(Y + 3, "11")])
    text = (
        personas.client_for(personas.district_officer)
        .get(reverse("funding:project_ledger", args=[project.pk]))
        .content.decode()
    )
    years = [int(y) for y in re.findall(r'data-year="(\d+)"', text)]
    assert years == sorted(years) and set(years) == {Y, Y + 1, Y + 3}
    assert "มูลนิธิรักษ์น้ำ" in text and "องค์การบริหารส่วนตำบลหัวเรือ" in text
    assert "หลังช่วงเทียบ" in text
    assert 'data-figure="later">11' in text


def test_the_window_page_is_for_province_officers(personas):
    url = reverse("funding:window", args=["34"])
    assert personas.client_for(personas.district_officer).get(url).status_code == 403
    assert personas.client_for(personas.outsider).get(url).status_code == 404
    client = personas.client_for(personas.province_officer)
    text = client.get(url).content.decode()
    assert "ค่าเริ่มต้นคือ 1 ปี" in text and "ปรับได้" in text
    response = client.post(url, {"years": "2"})
    assert response.status_code == 302
    assert FundingWindow.objects.get(province_id="34").years == 2
    assert client.post(url, {"years": "5"}).status_code == 200
    assert FundingWindow.objects.get(province_id="34").years == 2
