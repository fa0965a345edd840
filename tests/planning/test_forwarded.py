"""Forwarding to a registered local government, its own ผ.02, and its answers read back without changing the
approved plan: the chain village need → project → ก.บ.ต. approval → อปท. → amendment → ordinance money."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tambonplan.core.tabular import TabularError
from tambonplan.funding.models import ForwardingAnswer, FundingEntry
from tambonplan.localgov.demo import seed_local_governments
from tambonplan.localgov.models import LocalGovernment
from tambonplan.planning import exchange, forwarded, services
from tambonplan.planning.documents import plan_pdf
from tambonplan.planning.models import ForwardOutcome, Project, ProjectStatus
from tests.document_text import pdf_text, squeeze
from tests.planning.factories import add_project, approve, make_plan

PLAN_YEAR = 2569


@pytest.fixture
def world(personas):
    seed_local_governments()
    plan = make_plan(year=PLAN_YEAR)
    road = add_project(plan, "ถนนคอนกรีตหมู่ 3", "support", budgets={PLAN_YEAR: "500000"}, priority=1)
    drain = add_project(plan, "ร่องระบายน้ำหมู่ 5", "support", budgets={PLAN_YEAR + 1: "200000"}, priority=2)
    own = add_project(plan, "กลุ่มจักสาน", "community", budgets={PLAN_YEAR: "30000"}, priority=3)
    approve(plan, date(2026, 2, 20))
    sao = LocalGovernment.objects.get(code="6340104")
    town = LocalGovernment.objects.get(code="5340104")
    user = personas.district_officer
    for project, body in ((road, sao), (drain, town), (own, sao)):
        services.forwarding_add(
            user=user,
            project=project,
            sent_on=date(2026, 3, 10),
            target_kind="local_government",
            local_government=body,
            recipient_strategy="การพัฒนาโครงสร้างพื้นฐาน",
            recipient_programme="แผนงานอุตสาหกรรมและการโยธา",
        )
    return {"plan": plan, "road": road, "drain": drain, "own": own, "sao": sao, "town": town, "user": user}


def rows_of(content: bytes) -> list[list[object]]:
    return [
        list(r) for r in load_workbook(io.BytesIO(content))[exchange.FORM_SHEET].iter_rows(values_only=True)
    ]


def fill(content: bytes, answers: dict[str, list[object]]) -> SimpleUploadedFile:
    """The file as the อปท. returns it: the answer columns filled on the rows of the named projects."""
    rows = rows_of(content)
    header = next(i for i, row in enumerate(rows) if row and "โครงการ" in row)
    first_answer = rows[header].index(forwarded.ANSWER_COLUMNS[0].headers[-1])
    book = Workbook()
    sheet = book.active
    sheet.title = exchange.FORM_SHEET
    for row in rows:
        row = list(row)
        if row[1] in answers:
            row[first_answer : first_answer + 7] = answers[row[1]]
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("answered.xlsx", buffer.getvalue())


def test_a_local_government_of_another_tambon_is_refused(world):
    other = LocalGovernment.objects.get(code="6340105")  # อบต.หนองขอน
    with pytest.raises(ValidationError) as caught:
        services.forwarding_add(
            user=world["user"],
            project=world["road"],
            sent_on=date(2026, 3, 10),
            target_kind="local_government",
            local_government=other,
        )
    assert "ไม่ครอบคลุมตำบลหัวเรือ" in " ".join(caught.value.messages)


def test_a_typed_name_is_linked_to_the_register_and_an_unknown_one_refused(world):
    linked = services.forwarding_add(
        user=world["user"],
        project=world["road"],
        sent_on=date(2026, 3, 11),
        target_kind="local_government",
        target_name="อบต.หัวเรือ",
    )
    assert linked.local_government == world["sao"]
    assert linked.target_name == "องค์การบริหารส่วนตำบลหัวเรือ"
    with pytest.raises(ValidationError):
        services.forwarding_add(
            user=world["user"],
            project=world["road"],
            sent_on=date(2026, 3, 11),
            target_kind="local_government",
            target_name="เทศบาลที่ไม่มีจริง",
        )


def test_each_body_gets_only_its_forwarded_projects_under_its_headings(world):
    rows = rows_of(forwarded.local_government_workbook(world["plan"], world["sao"]))
    names = [row[1] for row in rows if row and isinstance(row[0], int)]
    assert names == ["ถนนคอนกรีตหมู่ 3"]  # not the community's own project, not the drain sent to the town
    texts = [str(row[0]) for row in rows if row and row[0]]
    assert any("ยุทธศาสตร์ที่ 1 การพัฒนาโครงสร้างพื้นฐาน" in text for text in texts)
    assert any("แผนงาน 1.1 แผนงานอุตสาหกรรมและการโยธา" in text for text in texts)
    assert any("องค์การบริหารส่วนตำบลหัวเรือ" in str(row[0]) for row in rows[:4])
    town_rows = rows_of(forwarded.local_government_workbook(world["plan"], world["town"]))
    assert [row[1] for row in town_rows if row and isinstance(row[0], int)] == ["ร่องระบายน้ำหมู่ 5"]


def test_the_round_trip_records_answers_and_money_and_leaves_the_plan_alone(world):
    plan, road, sao = world["plan"], world["road"], world["sao"]
    before = list(Project.objects.filter(plan=plan).values("name", "priority", "objective").order_by("pk"))
    content = forwarded.local_government_workbook(plan, sao)
    upload = fill(content, {"ถนนคอนกรีตหมู่ 3": ["เพิ่มเติม", "2", "2569", "14", "", "2570", "450,000"]})
    recorded = forwarded.answers_import(
        user=world["user"],
        plan=plan,
        body=sao,
        upload=upload,
        answered_on=date(2026, 9, 20),
        letter_number="อบ 71801/123",
    )
    assert recorded == 1
    answer = ForwardingAnswer.objects.get(forwarding__project=road)
    assert answer.plan_text == "แผนพัฒนาท้องถิ่น เพิ่มเติม ครั้งที่ 2/2569 (ลำดับ 14)"
    entry = FundingEntry.objects.get(project=road)
    assert (entry.fiscal_year, entry.amount, entry.status) == (2570, Decimal("450000"), "secured")
    assert entry.local_government == sao and "ข้อบัญญัติ" in entry.reference
    road.refresh_from_db()
    assert road.status == ProjectStatus.FUNDED
    assert road.forwardings.get().outcome == ForwardOutcome.FUNDED
    after = list(Project.objects.filter(plan=plan).values("name", "priority", "objective").order_by("pk"))
    assert before == after
    assert list(road.budgets.values_list("fiscal_year", "amount")) == [(PLAN_YEAR, Decimal("500000"))]
    # the same file again records nothing
    again = forwarded.answers_import(
        user=world["user"],
        plan=plan,
        body=sao,
        upload=fill(content, {"ถนนคอนกรีตหมู่ 3": ["เพิ่มเติม", "2", "2569", "14", "", "2570", "450,000"]}),
    )
    assert again == 0 and FundingEntry.objects.filter(project=road).count() == 1


def test_a_bad_row_is_reported_and_nothing_is_written(world):
    plan, sao = world["plan"], world["sao"]
    content = forwarded.local_government_workbook(plan, sao)
    upload = fill(content, {"ถนนคอนกรีตหมู่ 3": ["ย้ายไปปีหน้า", "", "", "", "", "2570", "abc"]})
    with pytest.raises(TabularError) as caught:
        forwarded.answers_import(user=world["user"], plan=plan, body=sao, upload=upload)
    assert "ไม่ใช่ลักษณะการบรรจุที่รู้จัก" in caught.value.errors[0].message
    assert caught.value.errors[0].row is not None
    assert (
        not ForwardingAnswer.objects.exists()
        and not FundingEntry.objects.filter(answer__isnull=False).exists()
    )


def test_the_whole_plan_import_refuses_an_approved_plan(world):
    content = exchange.form_workbook(world["plan"])
    with pytest.raises(TabularError) as caught:
        exchange.form_import(
            user=world["user"], plan=world["plan"], upload=SimpleUploadedFile("p02.xlsx", content)
        )
    assert "ให้ความเห็นชอบแล้ว" in caught.value.errors[0].message


def test_the_page_lists_bodies_and_imports_for_editors_only(world, personas):
    url = reverse("planning:local_governments", args=[world["plan"].pk])
    page = personas.client_for(personas.tambon_officer).get(url)
    text = page.content.decode()
    assert "องค์การบริหารส่วนตำบลหัวเรือ" in text and "เทศบาลตำบลหัวเรือ" in text
    download = personas.client_for(personas.viewer).get(
        reverse("planning:local_government_xlsx", args=[world["plan"].pk, world["sao"].pk])
    )
    assert download.status_code == 200
    assert personas.client_for(personas.viewer).post(url, {}).status_code == 403
    assert personas.client_for(personas.other_district_officer).get(url).status_code == 404


def test_the_chain_is_on_the_project_page_and_in_the_plan_pdf(world, personas):
    plan, road, sao = world["plan"], world["road"], world["sao"]
    content = forwarded.local_government_workbook(plan, sao)
    upload = fill(content, {"ถนนคอนกรีตหมู่ 3": ["เพิ่มเติม", "2", "2569", "14", "", "2570", "450000"]})
    forwarded.answers_import(user=world["user"], plan=plan, body=sao, upload=upload)
    page = personas.client_for(personas.tambon_officer).get(reverse("planning:project", args=[road.pk]))
    chain = page.content.decode().split('id="project-chain"')[1].split("</section>")[0]
    assert (
        chain.count('data-reached="yes"') == 5
    )  # all but the village plan (this project has no village item)
    assert "แผนพัฒนาท้องถิ่น เพิ่มเติม ครั้งที่ 2/2569 (ลำดับ 14)" in chain
    assert "ปีงบประมาณ 2570: 450,000.00 บาท" in chain or "ปีงบประมาณ 2570: 450,000 บาท" in chain
    text = squeeze(pdf_text(plan_pdf(plan)))
    assert squeeze("เพิ่มเติม ครั้งที่ ๒/๒๕๖๙ (ลำดับ ๑๔)") in text
    assert squeeze("ปี ๒๕๗๐ ๔๕๐,๐๐๐") in text
