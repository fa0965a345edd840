"""Forwarding to a registered local government, its own ผ.02, and its answers read back without changing the
approved plan: the chain village need → project → ก.บ.ต. approval → อปท. → amendment → ordinance money."""

import io
from datetime import date
from decimal import Decimal
from urllib.parse import unquote

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
from tambonplan.planning.models import Forwarding, ForwardOutcome, Project, ProjectBudget, ProjectStatus
from tests.planning.factories import add_project, approve, be, make_plan

PLAN_YEAR = 2569
ROAD = "ถนนคอนกรีตหมู่ 3"
LIGHTS = "ไฟฟ้าส่องสว่างหมู่ 2"
DRAIN = "ร่องระบายน้ำหมู่ 5"
OWN = "กลุ่มจักสาน"
INFRA = "การพัฒนาโครงสร้างพื้นฐาน"
WORKS = "แผนงานอุตสาหกรรมและการโยธา"
ADDITION = ["เพิ่มเติม", "2", "2569", "14", "", "2570", "450,000"]


@pytest.fixture
def world(personas):
    seed_local_governments()
    plan = make_plan(year=PLAN_YEAR)
    road = add_project(
        plan, ROAD, "support", budgets={PLAN_YEAR: "500000"}, priority=1, objective="สัญจรสะดวก", kpi="500 ม."
    )
    lights = add_project(plan, LIGHTS, "joint", budgets={PLAN_YEAR + 1: "80000"}, priority=2)
    drain = add_project(plan, DRAIN, "support", budgets={PLAN_YEAR + 1: "200000"}, priority=3)
    own = add_project(plan, OWN, "community", budgets={PLAN_YEAR: "30000"}, priority=4)
    approve(plan, date(2026, 2, 20))
    sao = LocalGovernment.objects.get(code="6340104")
    town = LocalGovernment.objects.get(code="5340104")
    user = personas.district_officer
    for project, body, strategy, programme in (
        (road, sao, INFRA, WORKS),
        (lights, sao, "", ""),  # the recipient's headings not known
        (drain, town, INFRA, WORKS),
        (own, sao, INFRA, WORKS),  # the community's own project: never in a local government's ผ.02
    ):
        services.forwarding_add(
            user=user,
            project=project,
            sent_on=date(2026, 3, 10),
            target_kind="local_government",
            local_government=body,
            recipient_strategy=strategy,
            recipient_programme=programme,
        )
    return {
        "plan": plan,
        "road": road,
        "lights": lights,
        "drain": drain,
        "own": own,
        "sao": sao,
        "town": town,
        "user": user,
    }


def rows_of(content: bytes) -> list[list[object]]:
    return [
        list(r) for r in load_workbook(io.BytesIO(content))[exchange.FORM_SHEET].iter_rows(values_only=True)
    ]


def header_of(rows) -> int:
    return next(i for i, row in enumerate(rows) if row and "โครงการ" in row)


def fill(
    content: bytes, answers: dict[str, list[object]], *, drop_reference: bool = False
) -> SimpleUploadedFile:
    """The file as the อปท. returns it: the seven answer columns filled on the rows of the named projects
    (without the reference column when `drop_reference`)."""
    rows = rows_of(content)
    header = rows[header_of(rows)]
    first_answer = header.index(forwarded.ANSWER_COLUMNS[0].headers[-1])
    reference = header.index(exchange.REF_COLUMN.headers[-1])
    book = Workbook()
    sheet = book.active
    sheet.title = exchange.FORM_SHEET
    for row in rows:
        row = list(row)
        if row[1] in answers:
            row[first_answer : first_answer + 7] = answers[row[1]]
        if drop_reference:
            del row[reference]
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("answered.xlsx", buffer.getvalue())


def import_answers(world, upload, body=None, **kwargs):
    kwargs.setdefault("answered_on", date(2026, 9, 20))
    return forwarded.answers_import(
        user=world["user"], plan=world["plan"], body=body or world["sao"], upload=upload, **kwargs
    )


def plan_state(plan) -> list:
    """The approved plan as the ก.บ.ต. approved it: every field of its projects but the status (which the
    forwarding's outcome sets), their budgets, villages and needs."""
    projects = list(
        Project.objects.filter(plan=plan).order_by("pk").values(
            "pk", "name", "development_issue", "objective", "target_output", "kpi", "expected_result",
            "lead_agency", "budget_source", "priority", "project_class", "category", "target_kind",
            "target_name",
        )
    )  # fmt: skip
    budgets = list(ProjectBudget.objects.filter(project__plan=plan).order_by("pk").values_list())
    return [projects, budgets]


# ---------------------------------------------------------------------------------------------- forwarding


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


def test_the_page_refuses_a_local_government_of_another_tambon_in_thai(world, personas):
    other = LocalGovernment.objects.get(code="6340105")
    client = personas.client_for(personas.tambon_officer)
    before = Forwarding.objects.count()
    response = client.post(
        reverse("planning:forwarding_add", args=[world["road"].pk]),
        {"sent_on": be(date(2026, 3, 12)), "target_kind": "local_government", "local_government": other.pk},
        follow=True,
    )
    page = response.content.decode()
    assert "อปท. ที่เลือกไม่ครอบคลุมตำบลนี้" in page
    assert Forwarding.objects.count() == before
    # the form offers the tambon's own bodies and the province's อบจ., not the neighbour's
    form = client.get(reverse("planning:project", args=[world["road"].pk])).content.decode()
    assert "องค์การบริหารส่วนตำบลหัวเรือ" in form and "เทศบาลตำบลหัวเรือ" in form
    assert "องค์การบริหารส่วนจังหวัดอุบลราชธานี" in form and "องค์การบริหารส่วนตำบลหนองขอน" not in form


def test_the_district_and_province_are_named_from_the_area_and_an_agency_as_typed(world):
    user, road = world["user"], world["road"]
    district = services.forwarding_add(
        user=user, project=road, sent_on=date(2026, 3, 10), target_kind="district"
    )
    province = services.forwarding_add(
        user=user, project=road, sent_on=date(2026, 3, 10), target_kind="province"
    )
    assert (district.target_name, province.target_name) == ("อำเภอเมืองอุบลราชธานี", "จังหวัดอุบลราชธานี")
    assert district.local_government is None
    with pytest.raises(ValidationError) as caught:
        services.forwarding_add(user=user, project=road, sent_on=date(2026, 3, 10), target_kind="agency")
    assert "กรุณาระบุชื่อหน่วยงาน" in " ".join(caught.value.messages)


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


# ---------------------------------------------------------------------------------------------- export


def test_each_body_gets_only_its_forwarded_projects_under_its_headings(world):
    rows = rows_of(forwarded.local_government_workbook(world["plan"], world["sao"]))
    names = [row[1] for row in rows if row and isinstance(row[0], int)]
    # not the community's own project, not the drain sent to the town; by priority within the headings
    assert names == [ROAD, LIGHTS]
    headings = [str(row[0]) for row in rows[header_of(rows) + 1 :] if row[0] and not isinstance(row[0], int)]
    assert headings == [
        f"ยุทธศาสตร์ที่ 1 {INFRA}",
        f"แผนงาน 1.1 {WORKS}",
        "ยุทธศาสตร์ที่ 2 ยังไม่ระบุยุทธศาสตร์",
        "แผนงาน 2.1 ยังไม่ระบุแผนงาน",
    ]
    titles = [str(cell) for row in rows[: header_of(rows)] for cell in row if cell]
    assert "แบบ ผ.02" in titles and "ถึง องค์การบริหารส่วนตำบลหัวเรือ" in titles
    assert "แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๖๖ - ๒๕๗๐)" in titles
    header = rows[header_of(rows)]
    # the ผ.02 columns of the whole plan's file, then the answer columns
    assert header[: header.index("รหัสอ้างอิง (ห้ามแก้ไข)") + 1] == [
        "ที่",
        "โครงการ",
        "วัตถุประสงค์",
        "เป้าหมาย (ผลผลิตของโครงการ)",
        *(f"งบประมาณ {y} (บาท)" for y in ("๒๕๖๖", "๒๕๖๗", "๒๕๖๘", "๒๕๖๙", "๒๕๗๐")),
        "ตัวชี้วัด (KPI)",
        "ผลที่คาดว่าจะได้รับ",
        "หน่วยงานรับผิดชอบหลัก",
        "รหัสอ้างอิง (ห้ามแก้ไข)",
    ]
    assert header[-7:] == [column.headers[-1] for column in forwarded.ANSWER_COLUMNS]
    road = next(row for row in rows if row[1] == ROAD)
    assert road[header.index("งบประมาณ ๒๕๖๙ (บาท)")] == 500000
    assert road[header.index("รหัสอ้างอิง (ห้ามแก้ไข)")] == exchange.reference(world["road"], world["plan"])
    town_rows = rows_of(forwarded.local_government_workbook(world["plan"], world["town"]))
    assert [row[1] for row in town_rows if row and isinstance(row[0], int)] == [DRAIN]


def test_money_outside_the_period_is_refused_for_a_body_and_the_next_period_offered(world, personas):
    """The province's อบจ. (offered to every tambon of the province) gets a bridge whose money is in 2571,
    after the local plan 2566-2570: refused, never dropped, and the next period offered."""
    pao = LocalGovernment.objects.get(code="3340000")
    bridge = add_project(world["plan"], "สะพานข้ามห้วย", "support", budgets={2571: "900000"}, priority=5)
    services.forwarding_add(
        user=world["user"], project=bridge, sent_on=date(2026, 3, 10), target_kind="local_government",
        local_government=pao,
    )  # fmt: skip
    url = reverse("planning:local_government_xlsx", args=[world["plan"].pk, pao.pk])
    client = personas.client_for(personas.viewer)
    response = client.get(url)
    assert response.status_code == 409
    page = response.content.decode()
    assert "สะพานข้ามห้วย (ปี 2571)" in page and f"{url}?period=2571" in page
    # the other bodies' files are not concerned
    sao_url = reverse("planning:local_government_xlsx", args=[world["plan"].pk, world["sao"].pk])
    assert client.get(sao_url).status_code == 200
    later = client.get(f"{url}?period=2571")
    assert later.status_code == 200 and "แผน2571-2575" in unquote(later["Content-Disposition"])
    rows = rows_of(later.content)
    assert "แผนพัฒนาท้องถิ่น (พ.ศ. ๒๕๗๑ - ๒๕๗๕)" in [row[0] for row in rows[: header_of(rows)]]
    assert next(row for row in rows if row[1] == "สะพานข้ามห้วย")[4] == 900000


def test_the_whole_plan_file_is_for_the_tambon_not_a_bodys_p02(world, personas):
    client = personas.client_for(personas.tambon_officer)
    response = client.get(reverse("planning:exchange_xlsx", args=[world["plan"].pk]))
    disposition = unquote(response["Content-Disposition"])
    assert "แผนพัฒนาตำบล-ทุกโครงการ-ตำบลหัวเรือ" in disposition and "ผ.02" not in disposition
    book = load_workbook(io.BytesIO(response.content))
    assert (
        book.sheetnames[0] == exchange.PLAN_SHEET
        and book[exchange.PLAN_SHEET]["A1"].value == "แผนพัฒนาตำบล (ทุกโครงการ)"
    )
    page = client.get(reverse("planning:plan", args=[world["plan"].pk])).content.decode()
    assert "แผนพัฒนาตำบล (ทุกโครงการ)" in page and "ผ.02 ให้ อปท. และคำตอบ" in page
    # the plan is approved: its projects are not edited from a file, so no such import is offered
    assert reverse("planning:exchange_import", args=[world["plan"].pk]) not in page


# ---------------------------------------------------------------------------------------------- import


def test_the_round_trip_records_answers_and_money_and_leaves_the_plan_alone(world):
    plan, road, sao = world["plan"], world["road"], world["sao"]
    before = plan_state(plan)
    content = forwarded.local_government_workbook(plan, sao)
    result = import_answers(world, fill(content, {ROAD: ADDITION}), letter_number="อบ 71801/123")
    assert (result["recorded"], result["unanswered"], result["recorded_names"]) == (1, 1, [ROAD])
    answer = ForwardingAnswer.objects.get(forwarding__project=road)
    assert answer.plan_text == "แผนพัฒนาท้องถิ่น เพิ่มเติม ครั้งที่ 2/2569 (ลำดับ 14)"
    assert (answer.answered_on, answer.letter_number) == (date(2026, 9, 20), "อบ 71801/123")
    entry = FundingEntry.objects.get(project=road)
    assert (entry.fiscal_year, entry.amount, entry.status) == (2570, Decimal("450000"), "secured")
    assert entry.local_government == sao
    assert entry.reference == "ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2570"
    # the forwarding's outcome moves forward (and, as every outcome does, the project's status)
    assert road.forwardings.get().outcome == ForwardOutcome.FUNDED
    road.refresh_from_db()
    assert road.status == ProjectStatus.FUNDED
    # the approved plan itself: names, texts, priorities, classes, budgets unchanged
    assert plan_state(plan) == before

    # the same file again records nothing
    again = import_answers(world, fill(content, {ROAD: ADDITION}))
    assert (again["recorded"], again["updated"], again["unchanged"]) == (0, 0, 1)
    assert ForwardingAnswer.objects.count() == 1 and FundingEntry.objects.filter(project=road).count() == 1
    # the file exported again carries the recorded answer: returned as it is, nothing new
    refreshed = forwarded.local_government_workbook(plan, sao)
    rows = rows_of(refreshed)
    assert next(row for row in rows if row[1] == ROAD)[-7:] == ["เพิ่มเติม", 2, 2569, "14", None, 2570, 450000]
    unchanged = import_answers(world, SimpleUploadedFile("same.xlsx", refreshed))
    assert (unchanged["recorded"], unchanged["unchanged"]) == (0, 1)
    assert plan_state(plan) == before


def test_money_of_a_later_ordinance_updates_the_same_answer(world):
    plan, road, sao = world["plan"], world["road"], world["sao"]
    content = forwarded.local_government_workbook(plan, sao)
    first = import_answers(world, fill(content, {ROAD: ["เพิ่มเติม", "2", "2569", "14", "", "", ""]}))
    assert first["recorded"] == 1 and not FundingEntry.objects.filter(project=road).exists()
    assert road.forwardings.get().outcome == ForwardOutcome.ACCEPTED

    later = import_answers(world, fill(content, {ROAD: ADDITION}))
    assert (later["recorded"], later["updated"], later["updated_names"]) == (0, 1, [ROAD])
    year_after = import_answers(
        world, fill(content, {ROAD: ["เพิ่มเติม", "2", "2569", "14", "", "2571", "50000"]})
    )
    assert year_after["updated"] == 1
    answer = ForwardingAnswer.objects.get(forwarding__project=road)  # still one answer for the amendment
    assert sorted(answer.funding_entries.values_list("fiscal_year", "amount")) == [
        (2570, Decimal("450000")),
        (2571, Decimal("50000")),
    ]
    assert road.forwardings.get().outcome == ForwardOutcome.FUNDED
    corrected = import_answers(
        world, fill(content, {ROAD: ["เพิ่มเติม", "2", "2569", "14", "", "2570", "400000"]})
    )
    assert corrected["updated"] == 1
    assert sorted(answer.funding_entries.values_list("fiscal_year", "amount")) == [
        (2570, Decimal("400000")),
        (2571, Decimal("50000")),
    ]


def test_a_row_without_its_reference_is_found_by_name_thai_digits_and_written_amendments_read(world):
    content = forwarded.local_government_workbook(world["plan"], world["sao"])
    upload = fill(
        content,
        {
            ROAD: ["เพิ่มเติม ครั้งที่ ๒/๒๕๖๙", "", "", "๑๔", "", "๒๕๗๐", "๔๕๐,๐๐๐"],
            LIGHTS: ["", "", "", "", "อยู่นอกอำนาจหน้าที่ของ อบต.", "", ""],
        },
        drop_reference=True,
    )
    result = import_answers(world, upload)
    assert result["recorded"] == 2
    road = ForwardingAnswer.objects.get(forwarding__project=world["road"])
    assert (road.amendment_kind, road.amendment_number, road.amendment_year, road.plan_row) == (
        "addition",
        2,
        2569,
        "14",
    )
    assert road.funding_entries.get().amount == Decimal("450000")
    lights = ForwardingAnswer.objects.get(forwarding__project=world["lights"])
    assert (lights.inclusion, lights.reason) == ("not_included", "อยู่นอกอำนาจหน้าที่ของ อบต.")
    assert world["lights"].forwardings.get().outcome == ForwardOutcome.REJECTED


def test_bad_rows_are_all_reported_in_thai_and_nothing_is_written(world):
    plan, sao = world["plan"], world["sao"]
    before = plan_state(plan)
    content = forwarded.local_government_workbook(plan, sao)
    upload = fill(
        content,
        {
            ROAD: ["ย้ายไปปีหน้า", "", "", "", "", "2570", "abc"],
            LIGHTS: ["", "", "", "", "ไม่มีงบประมาณ", "2570", "1000"],  # money for a project not included
        },
    )
    with pytest.raises(TabularError) as caught:
        import_answers(world, upload)
    messages = [(error.row, error.column, error.message) for error in caught.value.errors]
    assert any("ไม่ใช่ลักษณะการบรรจุที่รู้จัก" in m and c.startswith("บรรจุในแผนโดย") for _r, c, m in messages)
    assert any("ไม่ใช่ตัวเลข" in m for _r, _c, m in messages)
    assert all(row is not None for row, _c, _m in messages)
    assert not ForwardingAnswer.objects.exists() and not FundingEntry.objects.exists()

    # one good row and one the answer service refuses: still nothing written
    upload = fill(content, {ROAD: ADDITION, LIGHTS: ["", "", "", "", "ไม่มีงบประมาณ", "2570", "1000"]})
    with pytest.raises(TabularError) as caught:
        import_answers(world, upload)
    error = caught.value.errors[0]
    assert "บันทึกงบประมาณที่ได้รับได้เฉพาะเมื่อโครงการบรรจุในแผนแล้ว" in error.message
    assert error.column == "จำนวนเงินตามข้อบัญญัติ/เทศบัญญัติ (บาท)"
    assert not ForwardingAnswer.objects.exists() and not FundingEntry.objects.exists()
    assert world["road"].forwardings.get().outcome == ForwardOutcome.PENDING
    assert plan_state(plan) == before


def test_another_bodys_file_or_the_whole_plan_file_is_refused(world):
    town_file = forwarded.local_government_workbook(world["plan"], world["town"])
    with pytest.raises(TabularError) as caught:
        import_answers(world, fill(town_file, {DRAIN: ADDITION}))  # the town's file as the อบต.'s answer
    assert "ไม่ใช่โครงการของแผนนี้ที่ส่งถึงองค์การบริหารส่วนตำบลหัวเรือ" in caught.value.errors[0].message
    whole = SimpleUploadedFile("plan.xlsx", exchange.form_workbook(world["plan"]))
    with pytest.raises(TabularError) as caught:
        import_answers(world, whole)
    assert "ไม่มีคอลัมน์คำตอบของ อปท." in caught.value.errors[0].message
    assert not ForwardingAnswer.objects.exists()


def test_the_whole_plan_import_refuses_an_approved_plan(world):
    content = exchange.form_workbook(world["plan"])
    with pytest.raises(TabularError) as caught:
        exchange.form_import(
            user=world["user"], plan=world["plan"], upload=SimpleUploadedFile("p02.xlsx", content)
        )
    assert "ให้ความเห็นชอบแล้ว" in caught.value.errors[0].message


# ---------------------------------------------------------------------------------------------- pages


def test_the_page_lists_bodies_and_imports_for_editors_only(world, personas):
    plan = world["plan"]
    url = reverse("planning:local_governments", args=[plan.pk])
    client = personas.client_for(personas.tambon_officer)
    text = client.get(url).content.decode()
    assert "องค์การบริหารส่วนตำบลหัวเรือ" in text and "เทศบาลตำบลหัวเรือ" in text
    content = forwarded.local_government_workbook(plan, world["sao"])
    response = client.post(
        url,
        {
            "local_government": world["sao"].pk,
            "answered_on": be(date(2026, 9, 20)),
            "letter_number": "อบ 71801/123",
            "file": fill(content, {ROAD: ADDITION}),
        },
    )
    page = response.content.decode()
    assert 'id="import-result"' in page and ROAD in page
    assert '<td class="num" data-answered="6340104">1</td>' in page
    bad = client.post(
        url,
        {"local_government": world["sao"].pk, "file": fill(content, {ROAD: ["ย้าย", "", "", "", "", "", ""]})},
    ).content.decode()
    assert 'id="import-errors"' in bad and 'id="import-result"' not in bad

    download = personas.client_for(personas.viewer).get(
        reverse("planning:local_government_xlsx", args=[plan.pk, world["sao"].pk])
    )
    assert download.status_code == 200 and "ผ.02-อบต.หัวเรือ" in unquote(download["Content-Disposition"])
    assert personas.client_for(personas.viewer).post(url, {}).status_code == 403
    assert personas.client_for(personas.other_district_officer).get(url).status_code == 404
    neighbour = LocalGovernment.objects.get(code="6340105")
    assert (
        client.get(reverse("planning:local_government_xlsx", args=[plan.pk, neighbour.pk])).status_code == 404
    )


def test_the_project_page_shows_each_forwarding_with_its_answers(world, personas):
    content = forwarded.local_government_workbook(world["plan"], world["sao"])
    import_answers(world, fill(content, {ROAD: ADDITION}), letter_number="อบ 71801/123")
    page = personas.client_for(personas.viewer).get(reverse("planning:project", args=[world["road"].pk]))
    text = page.content.decode()
    assert "เพิ่มเติม ครั้งที่ 2/2569 (ลำดับ 14)" in text
    assert "งบประมาณปี 2570: 450,000 บาท" in text
    assert f"{INFRA} · {WORKS}" in text
