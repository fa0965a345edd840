"""Report figures that say what they mean (issue 17): a plan approved by the ก.บ.ต. (on time, late, not
yet) rather than a plan record opened; villages whose committee approved their reviewed plan rather than
villages with a need; support projects a local government included in its plan and the money it budgeted;
"every step done" judged on the steps due by the report date. The same figures on the page, in the PDF and
in the API; a version submitted before keeps reading as it was."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tambonplan.planning.models import StepDefinition, StepKind, TargetKind
from tambonplan.reports.content import from_json
from tambonplan.reports.documents import report_pdf
from tambonplan.reports.models import DistrictReport, ReportState, ReportVersion
from tests.api.conftest import ApiClient
from tests.document_text import pdf_text, squeeze
from tests.funding import factories as ff
from tests.planning import factories as pf
from tests.reports import factories as f
from tests.villageplans import factories as vf

pytestmark = pytest.mark.django_db


def due_dates(today) -> dict[str, object]:
    """Every step due before the report except the follow-up (due in August, after the report in May)."""
    return {
        StepKind.VILLAGE_FORUMS: today - timedelta(days=60),
        StepKind.WORKSHOP: today - timedelta(days=45),
        StepKind.APPROVAL: today - timedelta(days=30),
        StepKind.SEND_LOCAL: today - timedelta(days=20),
        StepKind.SEND_DISTRICT: today - timedelta(days=15),
        StepKind.COORDINATE: today - timedelta(days=10),
        StepKind.FOLLOW_UP: today + timedelta(days=200),
    }


@pytest.fixture
def world(personas):
    """Mueang: Hua Ruea's plan approved late with every step due done (its follow-up is due after the
    report); Nai Mueang's approved on time with its other steps not done; Nong Khon's opened, nothing done.
    Hua Ruea: needs from villages 1 and 3, whose plans are not reviewed; village 2's plan approved by its
    committee; a community. Support projects forwarded: one included in the อบต.'s plan by addition no. 1 with
    150,000 in next year's ordinance, one included without money, one not included, one included by an
    agency with 40,000; a joint project included with money (not a support project)."""
    today, year = pf.today(), pf.fiscal_year()
    pf.set_due_dates()
    dues = due_dates(today)
    for definition in pf.definitions():
        definition.due_date = dues[definition.kind]
        definition.save()
    hua_ruea, nai_mueang, nong_khon = (
        pf.make_plan(code) for code in (pf.HUA_RUEA, pf.NAI_MUEANG, pf.NONG_KHON)
    )
    for step in pf.steps(hua_ruea):
        if step.definition.kind != StepKind.FOLLOW_UP:
            step.status, step.done_on = "done", step.definition.due_date - timedelta(days=1)
            step.save()
    pf.approve(hua_ruea, today - timedelta(days=25))  # five days after the approval step's due date
    pf.approve(nai_mueang, today - timedelta(days=35))

    for moo in (1, 3):
        pf.add_need(hua_ruea, village=pf.village(pf.HUA_RUEA, moo))
    vf.plan(pf.HUA_RUEA, 1)  # forum held, not approved by the village committee
    vf.plan(pf.HUA_RUEA, 2, approved_on=today - timedelta(days=40))
    vf.community(pf.HUA_RUEA)

    officer = personas.tambon_officer
    canal = pf.add_project(hua_ruea, "ขุดลอกคลองส่งน้ำ", "support", budgets={year + 1: "150000"})
    ff.answer(officer, ff.forwarding(canal), funding=[ff.money(year + 1, "150000", "ข้อบัญญัติ 2571")])
    road = pf.add_project(hua_ruea, "ถนนคอนกรีตสายหนองแวง", "support", budgets={year + 1: "480000"})
    ff.answer(officer, ff.forwarding(road))
    refused = pf.add_project(hua_ruea, "สร้างอาคารอเนกประสงค์", "support", budgets={year + 1: "900000"})
    ff.answer(officer, ff.forwarding(refused), inclusion="not_included", reason="เกินศักยภาพงบประมาณ")
    seeds = pf.add_project(hua_ruea, "พันธุ์ข้าวคุณภาพดี", "support", budgets={year: "40000"})
    ff.answer(
        officer,
        ff.forwarding(seeds, kind=TargetKind.AGENCY, name="สำนักงานเกษตรอำเภอเมืองอุบลราชธานี"),
        funding=[ff.money(year, "40000", "งบพัฒนาจังหวัด")],
    )
    joint = pf.add_project(hua_ruea, "ตลาดชุมชน", "joint", budgets={year + 1: "99000"})
    ff.answer(officer, ff.forwarding(joint), funding=[ff.money(year + 1, "99000")])
    return f.circular(due=today + timedelta(days=5))


EXPECTED = {
    "plans": 3,  # records opened: not what was approved
    "plans_approved_on_time": 1,
    "plans_approved_late": 1,
    "plans_complete": 1,  # Hua Ruea: every step due by the report date is done; its follow-up is not yet due
    "villages_reviewed": 1,
    "steps_not_yet_due": 3,  # the follow-up of each of the three plans
    "steps_due": 18,
    "support_lg_included": 2,
    "support_lg_funded": 1,
    "support_lg_amount": Decimal("150000"),
    "support_public_included": 1,
    "support_public_funded": 1,
    "support_public_amount": Decimal("40000"),
}


@pytest.mark.slow
def test_the_page_pdf_and_api_show_what_the_figures_mean(personas, world):
    user = personas.district_officer
    report = f.filled_report(user, world)
    client = personas.client_for(user)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    api = ApiClient(user).get(f"reports/{report.pk}").json()
    figures = {
        figure["key"]: Decimal(figure["value"])
        for section in api["content"]["sections"]
        for figure in section["figures"]
    }
    for key, value in EXPECTED.items():
        assert figures[key] == value, key
    tambons = figures["tambons"]
    assert figures["plans_not_approved"] == tambons - 2  # Nong Khon's opened plan and the tambons without
    assert figures["villages_total"] >= 4  # Hua Ruea's three villages and its community, at least
    # The proxies are gone: no "all steps done" over steps not yet due, no "villages integrated".
    assert not {"plans_done", "steps_total", "steps_done"} & set(figures)

    # On the page.
    for key in ("plans_approved_on_time", "plans_approved_late", "villages_reviewed", "support_lg_included"):
        assert f'data-figure="{key}"' in page
    assert "แผนที่ ก.บ.ต. ให้ความเห็นชอบภายในกำหนด" in page
    assert "หมู่บ้าน/ชุมชนที่ทบทวนแผนแล้ว" in page
    assert "โครงการขอรับการสนับสนุนที่ อปท. บรรจุในแผน" in page
    assert "150,000 บาท" in page
    assert "หมู่บ้านที่บูรณาการ" not in page and "ตำบลที่เปิดแผนในระบบ" in page
    assert 'data-step-due="later"' in page and "ยังไม่ถึงกำหนด" in page
    hua_ruea_row = page.split('data-tambon="340104"')[1].split("</tr>")[0]
    assert "หลังกำหนด" in hua_ruea_row
    villages = 1 + pf.village(pf.HUA_RUEA, 1).tambon.villages.count()
    assert f'data-cell="villages">1/{villages}<' in hua_ruea_row

    # In the API's tambon table and step calendar.
    lines = {line["code"]: line for line in api["content"]["tambons"]}
    assert lines[pf.HUA_RUEA]["approval"] == "late" and lines[pf.NAI_MUEANG]["approval"] == "on_time"
    assert lines[pf.NONG_KHON]["approval"] == "not_approved" and lines[pf.PATHUM]["approval"] == "no_plan"
    assert (lines[pf.HUA_RUEA]["villages_reviewed"], lines[pf.HUA_RUEA]["villages"]) == (1, villages)
    assert lines[pf.HUA_RUEA]["villages_with_needs"] is None
    (later,) = [step for step in api["content"]["steps"] if not step["is_due"]]
    assert later["name"] == StepDefinition.objects.get(kind=StepKind.FOLLOW_UP, province_id="34").name_th
    assert (later["done"], later["total"]) == (0, 3)

    # In the PDF, as a reader copies it.
    text = pdf_text(client.get(reverse("reports:pdf", args=[report.pk])).content)
    for words in (
        "แผนที่ ก.บ.ต. ให้ความเห็นชอบภายในกำหนด ๑",
        "แผนที่ ก.บ.ต. ให้ความเห็นชอบหลังกำหนด ๑",
        "ตำบลที่ดำเนินการครบทุกขั้นตอนที่ถึงกำหนด ณ วันครบกำหนดรายงาน ๑",
        "ขั้นตอนที่ยังไม่ถึงกำหนด (ไม่นับเป็นค้าง) ๓",
        "หมู่บ้าน/ชุมชนที่ทบทวนแผนแล้ว ๑",
        "โครงการขอรับการสนับสนุนที่ อปท. บรรจุในแผน ๒",
        "โครงการขอรับการสนับสนุนที่ อปท. บรรจุในแผนและได้รับงบประมาณ ๑",
        "งบประมาณที่ อปท. จัดสรรให้โครงการขอรับการสนับสนุน ๑๕๐,๐๐๐ บาท",
        "งบประมาณที่หน่วยงาน/อำเภอ/จังหวัด จัดสรรให้โครงการขอรับการสนับสนุน ๔๐,๐๐๐ บาท",
        "ยังไม่ถึงกำหนด",
        "(หลังกำหนด)",
    ):
        assert squeeze(words) in text, words


def test_the_submitted_version_keeps_the_figures(personas, world):
    version = f.submitted(personas.district_officer, world)
    content = from_json(version.content)
    assert version.content["schema"] == 2
    assert content.figures["support_lg_amount"].value == Decimal("150000")
    assert [step.is_due for step in content.steps].count(False) == 1
    assert {line.code: line.approval for line in content.tambons}[pf.HUA_RUEA] == "late"


# ---------------------------------------------------------------- a version submitted before issue 17

OLD_CONTENT = {
    "circular_number": "อบ ๐๐๑๙/ว ๔๑๒",
    "circular_subject": "การขับเคลื่อนการจัดทำและประสานแผนพัฒนาตำบล",
    "fiscal_year": 2569,
    "report_due": "2026-05-15",
    "province_code": "34",
    "province_name": "อุบลราชธานี",
    "district_code": "3401",
    "district_name": "เมืองอุบลราชธานี",
    "sections": [
        {
            "number": 1,
            "text": "ให้อำเภอขับเคลื่อนการจัดทำแผนพัฒนาตำบล",
            "topic": "plans",
            "status": "done",
            "narrative": "ทุกตำบลจัดทำแผนแล้ว",
            "figures": [
                {"key": "tambons", "computed": "12", "override": None, "reason": ""},
                {"key": "plans", "computed": "11", "override": None, "reason": ""},
                {"key": "plans_done", "computed": "0", "override": None, "reason": ""},
                {"key": "steps_done", "computed": "66", "override": None, "reason": ""},
                {"key": "steps_total", "computed": "77", "override": None, "reason": ""},
                {"key": "no_longer_a_figure", "computed": "5", "override": None, "reason": ""},
            ],
            "instruction_id": None,
        }
    ],
    "class_headers": ["ชุมชนดำเนินการเอง", "ดำเนินการร่วม", "ขอรับการสนับสนุน"],
    "tambons": [
        {
            "code": "340104",
            "name": "หัวเรือ",
            "workshop_date": "2026-01-20",
            "participants": 45,
            "socho": 12,
            "villages_with_needs": 8,
            "villages": 10,
            "projects": 14,
            "class_cells": [6, 5, 3],
            "forwarded": 2,
            "funded_projects": 2,
            "funded_amount": "250000",
            "kbt": "current",
            "socho_t": "missing",
        }
    ],
    "problems": [{"kind": "problem", "category": "budget", "text": "งบประมาณน้อย", "addressed_to": ""}],
    "suggestions": [],
    "reporter": {
        "name": "พิมพ์ใจ ศรีสุข",
        "position": "พัฒนาการอำเภอ",
        "phone": "045-244521",
        "date": "2026-05-10",
    },
    "schema": 1,
}


@pytest.fixture
def old_version(personas):
    circular = f.circular()
    report = DistrictReport.objects.create(
        circular=circular, district_id=pf.MUEANG, state=ReportState.SUBMITTED
    )
    return ReportVersion.objects.create(
        report=report, number=1, submitted_at=f.bangkok(f.DUE, 9), on_time=True, content=OLD_CONTENT
    )


def test_an_old_version_still_reads(personas, old_version):
    content = from_json(old_version.content)
    assert content.is_legacy and content.steps == []
    assert [figure.key for figure in content.sections[0].figures] == [
        "tambons",
        "plans",
        "plans_done",
        "steps_done",
        "steps_total",
    ]
    labels = {figure.key: figure.label for figure in content.sections[0].figures}
    assert labels["plans"] == "ตำบลที่เปิดแผนในระบบ"  # what it counted then too
    assert labels["plans_done"] == "ตำบลที่ดำเนินการครบทุกขั้นตอน (รวมขั้นตอนที่ยังไม่ถึงกำหนด)"
    (line,) = content.tambons
    assert (line.villages_counted, line.villages_reviewed, line.approval) == (8, None, "")

    report = old_version.report
    province = personas.client_for(personas.province_officer)
    for page in (
        province.get(reverse("reports:detail", args=[report.pk])).content.decode(),
        province.get(reverse("reports:version", args=[report.pk, 1])).content.decode(),
    ):
        assert "หมู่บ้านที่บูรณาการ/ทั้งหมด" in page and "ก.บ.ต. เห็นชอบแผน" not in page
        assert 'data-cell="villages">8/10<' in page
        assert "ตำบลที่ดำเนินการครบทุกขั้นตอน (รวมขั้นตอนที่ยังไม่ถึงกำหนด)" in page
    text = pdf_text(province.get(reverse("reports:pdf", args=[report.pk])).content)
    assert squeeze("หมู่บ้านที่บูรณาการ/ทั้งหมด") in text and squeeze("๘/๑๐") in text
    assert squeeze("ตำบลที่ดำเนินการครบทุกขั้นตอน (รวมขั้นตอนที่ยังไม่ถึงกำหนด) ๐") in text
    assert province.get(reverse("reports:docx", args=[report.pk])).status_code == 200
    assert province.get(reverse("reports:xlsx", args=[report.pk])).status_code == 200
    body = ApiClient(personas.province_officer).get(f"reports/{report.pk}").json()["content"]
    assert body["schema_version"] == 1 and body["steps"] == []
    assert body["tambons"][0]["villages_with_needs"] == 8 and body["tambons"][0]["villages_reviewed"] is None
    assert report_pdf(content, draft=False)[:4] == b"%PDF"


def test_an_old_and_a_new_version_compare_and_consolidate(personas, old_version):
    from tambonplan.reports import services
    from tambonplan.reports.diff import changes_between
    from tambonplan.reports.selectors import consolidation_of

    services.accept(user=personas.province_officer, report=old_version.report)
    consolidation = consolidation_of(old_version.report.circular)
    assert consolidation.total_by_key["plans_done"] == 0 and consolidation.total_by_key["plans"] == 11
    province = personas.client_for(personas.province_officer)
    circular = old_version.report.circular
    for name in ("consolidation", "consolidation_pdf", "consolidation_docx", "consolidation_xlsx"):
        assert province.get(reverse(f"reports:{name}", args=[circular.pk])).status_code == 200, name
    new = from_json({**OLD_CONTENT, "schema": 2, "tambons": [{**OLD_CONTENT["tambons"][0],
                     "villages_with_needs": None, "villages_reviewed": 3, "approval": "late"}]})  # fmt: skip
    changes = changes_between(from_json(OLD_CONTENT), new)
    assert all(change.what != "หมู่บ้านที่บูรณาการแผนชุมชน" for change in changes)


def test_open_data_shows_the_report_figures(personas, world):
    """The public dataset's plan figures per district come from the same computation as the report's."""
    from django.core.cache import cache

    from tambonplan.opendata.selectors import DISTRICTS, PROVINCES, open_dataset
    from tambonplan.reports.content import computed_figures

    cache.clear()
    (mueang,) = [
        row
        for row in open_dataset(DISTRICTS, fiscal_year=pf.fiscal_year(), province_code="34").records()
        if row["district_code"] == pf.MUEANG
    ]
    report = f.filled_report(personas.district_officer, world)
    figures = computed_figures(personas.district_officer, report)[0]
    for column, key in (
        ("plans_approved_on_time", "plans_approved_on_time"),
        ("plans_approved_late", "plans_approved_late"),
        ("villages_reviewed", "villages_reviewed"),
        ("villages_total", "villages_total"),
        ("support_lg_included", "support_lg_included"),
        ("support_lg_funded", "support_lg_funded"),
        ("support_lg_baht", "support_lg_amount"),
        ("support_public_included", "support_public_included"),
        ("support_public_baht", "support_public_amount"),
    ):
        assert mueang[column] == figures[key], column
    assert mueang["support_lg_baht"] == Decimal("150000")
    (ubon,) = [
        row
        for row in open_dataset(PROVINCES, fiscal_year=pf.fiscal_year()).records()
        if row["province_code"] == "34"
    ]
    assert (ubon["plans_approved_on_time"], ubon["plans_approved_late"]) == (1, 1)
