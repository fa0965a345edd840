"""The plan pages through the web client: the district's and the province's progress, opening a plan, the
plan page, needs, projects, forwarding and bulk status typed as Thai users type; scope and permissions."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tambonplan.areas.models import Tambon
from tambonplan.planning.defaults import STEP_NAMES
from tambonplan.planning.models import (
    Forwarding,
    ForwardOutcome,
    Need,
    NeedCategory,
    PlanStep,
    Project,
    ProjectBudget,
    ProjectStatus,
    StepDefinition,
    StepStatus,
    TambonPlan,
)
from tests.committees import factories as cf
from tests.events import factories as ef
from tests.planning import factories as f


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def html(response) -> str:
    return response.content.decode()


def tambon_codes(response) -> list[str]:
    return re.findall(r'<tr data-tambon="(\d+)"', html(response))


def done(plan, *positions: int) -> None:
    steps = f.steps(plan)
    for position in positions:
        steps[position - 1].status, steps[position - 1].done_on = StepStatus.DONE, f.today()
        steps[position - 1].save()


@pytest.fixture
def mueang(personas):
    """Hua Ruea: 2 steps done, 1 late, 1 project, workshop held. Nong Khon: 1 late step, 3 projects."""
    hua_ruea, nong_khon = f.make_plan(f.HUA_RUEA), f.make_plan(f.NONG_KHON)
    f.set_due_dates()
    f.first_step_due(f.today() - timedelta(days=1))
    definition = f.definitions()[1]
    definition.due_date = f.today() - timedelta(days=1)
    definition.save()
    done(hua_ruea, 1, 3)
    f.add_project(hua_ruea, "ก", "community", {hua_ruea.fiscal_year: "50000"})
    for name in ("ข", "ค", "ง"):
        f.add_project(nong_khon, name, "joint")
    f.add_need(nong_khon)
    done(nong_khon, 2)
    ef.event(f.HUA_RUEA, starts_in=timedelta(days=-2))
    return {"hua_ruea": hua_ruea, "nong_khon": nong_khon}


# ------------------------------------------------------------------ the district's and the province's pages


def test_district_page_lists_mueangs_twelve_tambons_with_their_figures(personas, mueang):
    client = personas.client_for(personas.district_officer)

    response = client.get(reverse("planning:district", args=[f.MUEANG]))

    assert response.status_code == 200
    assert tambon_codes(response) == list(f.MUEANG_TAMBONS)
    rows = {row.tambon.code: row for row in response.context["rows"]}
    hua_ruea, nong_khon = rows[f.HUA_RUEA], rows[f.NONG_KHON]
    assert (hua_ruea.steps_done, hua_ruea.steps_total, hua_ruea.overdue, hua_ruea.projects) == (2, 7, 1, 1)
    assert hua_ruea.workshop_held and not nong_khon.workshop_held
    assert (nong_khon.steps_done, nong_khon.overdue, nong_khon.needs, nong_khon.class_cells) == (
        1,
        1,
        1,
        [0, 3, 0],
    )
    assert rows[f.NAI_MUEANG].plan is None
    page = html(response)
    assert "หัวเรือ" in page and "หนองขอน" in page and "ในเมือง" in page
    assert page.count("ยังไม่เริ่ม") >= 10  # the tambons without a plan
    assert "จัดแล้ว" in page  # Hua Ruea's workshop


def test_district_page_only_late_tambons(personas, mueang):
    client = personas.client_for(personas.district_officer)
    mueang_plan = f.make_plan(f.PATHUM)
    done(mueang_plan, 1, 2)  # not late

    response = client.get(reverse("planning:district", args=[f.MUEANG]), {"only": "overdue"})

    assert tambon_codes(response) == [f.HUA_RUEA, f.NONG_KHON]
    assert 'value="overdue" selected' in html(response)


def test_district_page_sorted_by_projects(personas, mueang):
    client = personas.client_for(personas.district_officer)

    response = client.get(reverse("planning:district", args=[f.MUEANG]), {"sort": "projects"})

    codes = tambon_codes(response)
    assert codes[:2] == [f.NONG_KHON, f.HUA_RUEA]
    assert sorted(codes) == list(f.MUEANG_TAMBONS)
    assert codes[2:] == sorted(codes[2:])


def test_district_page_no_plan_filter_and_no_match(personas, mueang):
    client = personas.client_for(personas.district_officer)

    response = client.get(reverse("planning:district", args=[f.MUEANG]), {"only": "no_plan"})
    assert len(tambon_codes(response)) == 10

    response = personas.client_for(personas.tambon_officer).get(
        reverse("planning:district", args=[f.MUEANG]), {"only": "no_plan"}
    )
    assert tambon_codes(response) == []
    assert "ไม่มีตำบลตามเงื่อนไขที่เลือก" in html(response)


def test_tambon_officer_sees_only_its_two_tambons(personas, mueang):
    client = personas.client_for(personas.tambon_officer)

    response = client.get(reverse("planning:district", args=[f.MUEANG]))

    assert response.status_code == 200
    assert tambon_codes(response) == [f.HUA_RUEA, f.NONG_KHON]
    assert client.get(reverse("planning:index")).url == reverse("planning:district", args=[f.MUEANG])
    assert client.get(reverse("planning:tambon", args=[f.NAI_MUEANG])).status_code == 404


def test_province_page_lists_the_twenty_five_districts(personas, mueang):
    client = personas.client_for(personas.province_officer)

    response = client.get(reverse("planning:province", args=[f.UBON]))

    assert response.status_code == 200
    codes = re.findall(r'<tr data-district="(\d+)"', html(response))
    assert len(codes) == 25 and codes == sorted(codes)
    row = next(r for r in response.context["rows"] if r.district.code == f.MUEANG)
    assert (row.tambons, row.plans, row.steps_done, row.steps_total, row.overdue_tambons) == (12, 2, 3, 14, 2)
    assert (row.workshops, row.projects, row.class_cells) == (1, 4, [1, 3, 0])
    assert "กำหนดขั้นตอนและวันที่" in html(response)  # the province officer sets the steps
    assert client.get(reverse("planning:index")).url == reverse("planning:province", args=[f.UBON])


def test_district_officer_sees_its_district_on_the_province_page(personas, mueang):
    response = personas.client_for(personas.district_officer).get(reverse("planning:province", args=[f.UBON]))

    assert re.findall(r'<tr data-district="(\d+)"', html(response)) == [f.MUEANG]
    assert "กำหนดขั้นตอนและวันที่" not in html(response)


def fill_district(code: str) -> None:
    for tambon in Tambon.objects.active().filter(district_id=code).values_list("code", flat=True):
        plan = f.make_plan(tambon)
        done(plan, 1)
        f.add_project(plan, "ก", "support", {plan.fiscal_year: "1000"})
        ef.event(tambon, starts_in=timedelta(days=-1))


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_district_page_queries_do_not_grow_with_the_tambons(personas):
    client = personas.client_for(personas.province_officer)
    fill_district(f.DON_MOT_DAENG)
    fill_district(f.TRAKAN)
    client.get(reverse("planning:district", args=[f.MUEANG]))  # warm up

    small = page_queries(client, reverse("planning:district", args=[f.DON_MOT_DAENG]))
    large = page_queries(client, reverse("planning:district", args=[f.TRAKAN]))

    assert small == large


def test_province_page_queries_do_not_grow_with_the_districts(personas):
    client = personas.client_for(personas.province_officer)
    url = reverse("planning:province", args=[f.UBON])
    fill_district(f.DON_MOT_DAENG)
    client.get(url)  # warm up
    one = page_queries(client, url)
    for code in (f.TRAKAN, f.MUEANG, f.WARIN, "3402"):
        fill_district(code)

    assert page_queries(client, url) == one


# ------------------------------------------------------------------ a tambon's plan


def test_tambon_without_a_plan_shows_the_start_button_and_post_opens_it(personas):
    client = personas.client_for(personas.tambon_officer)
    url = reverse("planning:tambon", args=[f.HUA_RUEA])

    response = client.get(url)
    assert response.status_code == 200
    assert "เริ่มจัดทำแผนปีนี้" in html(response)
    assert reverse("planning:plan_open", args=[f.HUA_RUEA]) in html(response)

    response = client.post(reverse("planning:plan_open", args=[f.HUA_RUEA]))

    plan = TambonPlan.objects.get(tambon_id=f.HUA_RUEA, fiscal_year=f.fiscal_year())
    assert response.status_code == 302 and response.url == reverse("planning:plan", args=[plan.pk])
    assert plan.steps.count() == len(STEP_NAMES)
    # Now the tambon's page leads to the plan.
    assert client.get(url).url == reverse("planning:plan", args=[plan.pk])
    assert client.get(reverse("planning:plan_open", args=[f.HUA_RUEA])).status_code == 405


def test_viewer_sees_no_start_button(personas):
    client = personas.client_for(personas.viewer)

    response = client.get(reverse("planning:tambon", args=[f.HUA_RUEA]))

    assert response.status_code == 200
    assert "เริ่มจัดทำแผนปีนี้" not in html(response)
    assert client.post(reverse("planning:plan_open", args=[f.HUA_RUEA])).status_code == 403
    assert not TambonPlan.objects.exists()


def test_plan_page_marks_late_steps_and_shows_thai_step_names(personas, mueang):
    plan = mueang["hua_ruea"]
    client = personas.client_for(personas.district_officer)

    response = client.get(reverse("planning:plan", args=[plan.pk]))

    assert response.status_code == 200
    page = html(response)
    for name in STEP_NAMES:
        assert name in page
    rows = re.findall(
        r"<tr([^>]*)>\s*<td[^>]*>[^<]*</td>\s*<td[^>]*>([^<]+)", page.split('id="step-table"')[1]
    )
    late = [name.strip() for attrs, name in rows if "data-overdue" in attrs]
    assert late == [STEP_NAMES[1]]  # step 1 done; step 2 due yesterday and not done
    assert len(rows) == len(STEP_NAMES)
    assert re.search(r'data-figure="overdue">\D*1\D*<', page)
    assert [s.pk for s in response.context["page"].overdue] == [f.steps(plan)[1].pk]


# ------------------------------------------------------------------ the whole flow, as typed


def test_need_project_forwarding_and_outcomes_through_the_web(personas):
    client = personas.client_for(personas.tambon_officer)
    client.post(reverse("planning:plan_open", args=[f.HUA_RUEA]))
    plan = TambonPlan.objects.get(tambon_id=f.HUA_RUEA)
    moo1 = f.village(f.HUA_RUEA, 1)
    year = plan.fiscal_year

    response = client.post(
        reverse("planning:need_create", args=[plan.pk]),
        {
            "village": moo1.pk,
            "category": NeedCategory.objects.first().pk,
            "description": "ถนนเข้าหมู่บ้านเป็นหลุมบ่อ",
            "source": "forum",
            "severity": "๔",
            "votes": "๑๒",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    need = Need.objects.get(plan=plan)
    assert (need.severity, need.votes, need.village) == (4, 12, moo1)

    response = client.post(
        reverse("planning:project_create", args=[plan.pk]),
        {
            "name": "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๑",
            "priority": "๑",
            "project_class": f.project_class("support").pk,
            "target_kind": "local_government",
            "target_name": "องค์การบริหารส่วนตำบลหัวเรือ",
            "lead_agency": "อบต.หัวเรือ",
            "status": "proposed",
            "villages": [moo1.pk],
            "needs": [need.pk],
            f"budget_{year}": "๑๒๐,๐๐๐",
            f"budget_{year + 1}": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    project = Project.objects.get(plan=plan)
    assert response.url == reverse("planning:project", args=[project.pk])
    assert (project.priority, project.target_kind, project.status) == (1, "local_government", "proposed")
    assert dict(project.budgets.values_list("fiscal_year", "amount")) == {year: Decimal("120000")}
    assert list(project.needs.all()) == [need]
    assert project.category == need.category  # ด้าน left blank: the category of the needs chosen
    page = client.get(reverse("planning:project", args=[project.pk])).content.decode()
    assert f'<dd class="col-sm-9" id="project-category">{need.category.name_th}</dd>' in page

    sent_on = f.today() - timedelta(days=5)
    response = client.post(
        reverse("planning:forwarding_add", args=[project.pk]),
        {
            "sent_on": f.be(sent_on),
            "target_kind": "local_government",
            "target_name": "องค์การบริหารส่วนตำบลหัวเรือ",
            "letter_number": "อบ ๐๐๑๙/๑๒๓",
        },
    )
    assert response.status_code == 302
    forwarding = Forwarding.objects.get(project=project)
    assert (forwarding.sent_on, forwarding.outcome) == (sent_on, ForwardOutcome.PENDING)

    outcome_url = reverse("planning:forwarding_outcome", args=[forwarding.pk])
    client.post(
        outcome_url, {"outcome": "accepted", "accepted_plan": "แผนพัฒนาท้องถิ่น", "accepted_year": "๒๕๗๐"}
    )
    forwarding.refresh_from_db()
    assert (forwarding.outcome, forwarding.accepted_year) == (ForwardOutcome.ACCEPTED, 2570)
    client.post(outcome_url, {"outcome": "funded", "outcome_on": f.be(f.today())})

    response = client.get(reverse("planning:project", args=[project.pk]))
    assert re.search(r'id="project-status">ได้รับงบประมาณ<', html(response))
    project.refresh_from_db()
    assert project.status == ProjectStatus.FUNDED
    page = html(client.get(reverse("planning:plan", args=[plan.pk])))
    assert "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๑" in page and "ได้รับงบประมาณ" in page


def test_a_support_project_without_target_shows_the_error(personas, mueang):
    plan = mueang["hua_ruea"]
    client = personas.client_for(personas.district_officer)

    response = client.post(
        reverse("planning:project_create", args=[plan.pk]),
        {"name": "ขอรับการสนับสนุน", "project_class": f.project_class("support").pk, "status": "proposed"},
    )

    assert response.status_code == 200
    assert "โครงการขอรับการสนับสนุนต้องระบุว่าขอจากใคร" in html(response)
    assert plan.projects.count() == 1


def test_editing_a_project_on_a_stale_version_shows_the_conflict(personas, mueang):
    plan = mueang["hua_ruea"]
    project = plan.projects.get()
    client = personas.client_for(personas.district_officer)
    data = {
        "name": "ชื่อใหม่",
        "project_class": f.project_class("community").pk,
        "status": "proposed",
        "version": project.version,
    }
    assert client.post(reverse("planning:project_edit", args=[plan.pk, project.pk]), data).status_code == 302

    response = client.post(
        reverse("planning:project_edit", args=[plan.pk, project.pk]), data | {"name": "อีกชื่อ"}
    )

    assert response.status_code == 200
    assert "ถูกแก้ไขโดยผู้อื่น" in html(response)
    project.refresh_from_db()
    assert project.name == "ชื่อใหม่"


def test_an_illegal_outcome_is_reported_and_nothing_changes(personas, mueang):
    project = mueang["hua_ruea"].projects.get()
    forwarding = Forwarding.objects.create(
        project=project, sent_on=f.today(), target_kind="district", target_name="อำเภอเมืองอุบลราชธานี"
    )
    client = personas.client_for(personas.district_officer)

    response = client.post(
        reverse("planning:forwarding_outcome", args=[forwarding.pk]), {"outcome": "done"}, follow=True
    )

    assert "ไม่ได้" in html(response)
    forwarding.refresh_from_db()
    assert forwarding.outcome == ForwardOutcome.PENDING


def test_bulk_status_changes_several_projects(personas, mueang):
    plan = mueang["nong_khon"]
    a, b, c = plan.projects.order_by("id")
    client = personas.client_for(personas.district_officer)

    response = client.post(
        reverse("planning:bulk_status", args=[plan.pk]),
        {"project": [a.pk, c.pk], "status": "under_way"},
        follow=True,
    )

    assert response.status_code == 200
    assert dict(plan.projects.values_list("pk", "status")) == {
        a.pk: "under_way",
        b.pk: "proposed",
        c.pk: "under_way",
    }
    assert "เปลี่ยนสถานะ 2 โครงการแล้ว" in html(response) or "เปลี่ยนสถานะ ๒ โครงการแล้ว" in html(response)


def test_bulk_status_with_a_project_of_another_plan_changes_nothing(personas, mueang):
    plan, other = mueang["nong_khon"], mueang["hua_ruea"]
    mine, theirs = plan.projects.first(), other.projects.first()
    client = personas.client_for(personas.district_officer)

    client.post(
        reverse("planning:bulk_status", args=[plan.pk]), {"project": [mine.pk, theirs.pk], "status": "done"}
    )

    assert not Project.objects.filter(status="done").exists()


def test_step_recorded_through_the_web_with_socho_members_and_thai_date(personas, mueang):
    plan = mueang["hua_ruea"]
    step = f.steps(plan)[1]
    member = cf.order("socho_t", f.HUA_RUEA, size=6).members.first()
    client = personas.client_for(personas.tambon_officer)
    url = reverse("planning:step", args=[step.pk])
    assert member.full_name in html(client.get(url))
    day = f.today() - timedelta(days=2)

    response = client.post(
        url,
        {
            "save_step": "1",
            "status": "done",
            "done_on": f.be(day).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")),
            "note": "ประชุมที่ศาลาประชาคม",
            "socho_members": [member.pk],
        },
    )

    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.status, step.done_on, step.socho_took_part) == (StepStatus.DONE, day, True)
    assert list(step.socho_members.all()) == [member]


def test_evidence_that_is_not_what_it_says_is_refused_on_the_step_page(personas, mueang):
    step = f.steps(mueang["hua_ruea"])[0]
    client = personas.client_for(personas.district_officer)
    fake = SimpleUploadedFile("รายงาน.pdf", "ข้อความธรรมดา".encode(), content_type="application/pdf")

    response = client.post(reverse("planning:step", args=[step.pk]), {"add_evidence": "1", "file": fake})

    assert response.status_code == 200
    assert "ไม่ใช่ชนิดที่รับได้" in html(response)
    assert step.evidence.count() == 0


def test_province_officer_adds_a_step_and_district_officer_may_not(personas):
    url = reverse("planning:step_settings", args=[f.UBON])
    data = {"name_th": "ประชุมชี้แจง", "due_date": "๓๐/๑๑/๒๕๖๙", "sort_order": "๒"}

    response = personas.client_for(personas.province_officer).post(url, data)

    assert response.status_code == 302
    assert [d.name_th for d in f.definitions()][:3] == [STEP_NAMES[0], "ประชุมชี้แจง", STEP_NAMES[1]]
    assert (
        personas.client_for(personas.district_officer).post(url, data | {"name_th": "ของอำเภอ"}).status_code
        == 403
    )
    assert personas.client_for(personas.district_officer).get(url).status_code == 200
    assert not StepDefinition.objects.filter(name_th="ของอำเภอ").exists()


# ------------------------------------------------------------------ scope and permissions


@pytest.fixture
def mueang_urls(mueang):
    """Every URL of a Mueang plan and its objects: (method, url)."""
    plan = mueang["hua_ruea"]
    step = f.steps(plan)[0]
    need = f.add_need(plan)
    project = plan.projects.get()
    forwarding = Forwarding.objects.create(
        project=project, sent_on=f.today(), target_kind="local_government", target_name="อบต.หัวเรือ"
    )
    gets = [
        reverse("planning:plan", args=[plan.pk]),
        reverse("planning:plan_profile", args=[plan.pk]),
        reverse("planning:step", args=[step.pk]),
        reverse("planning:need_edit", args=[plan.pk, need.pk]),
        reverse("planning:need_create", args=[plan.pk]),
        reverse("planning:project", args=[project.pk]),
        reverse("planning:project_edit", args=[plan.pk, project.pk]),
        reverse("planning:project_create", args=[plan.pk]),
        reverse("planning:tambon", args=[f.HUA_RUEA]),
        reverse("planning:district", args=[f.MUEANG]),
    ]
    posts = [
        (reverse("planning:plan_open", args=[f.NAI_MUEANG]), {}),
        (reverse("planning:plan_profile", args=[plan.pk]), {"population": "1", "version": plan.version}),
        (reverse("planning:step", args=[step.pk]), {"save_step": "1", "status": "done"}),
        (reverse("planning:need_create", args=[plan.pk]), {"description": "x"}),
        (reverse("planning:need_edit", args=[plan.pk, need.pk]), {"description": "x"}),
        (reverse("planning:need_delete", args=[plan.pk, need.pk]), {}),
        (reverse("planning:project_edit", args=[plan.pk, project.pk]), {"name": "x"}),
        (reverse("planning:project_delete", args=[plan.pk, project.pk]), {}),
        (reverse("planning:bulk_status", args=[plan.pk]), {"project": [project.pk], "status": "done"}),
        (
            reverse("planning:forwarding_add", args=[project.pk]),
            {"sent_on": f.be(f.today()), "target_kind": "district", "target_name": "อำเภอ"},
        ),
        (
            reverse("planning:forwarding_outcome", args=[forwarding.pk]),
            {"outcome": "rejected", "reason": "ไม่รับ"},
        ),
    ]
    return {"gets": gets, "posts": posts}


def unchanged_state():
    return (
        list(TambonPlan.objects.values_list("pk", "population")),
        list(PlanStep.objects.values_list("pk", "status")),
        list(Need.objects.values_list("pk", "description")),
        list(Project.objects.values_list("pk", "name", "status")),
        list(ProjectBudget.objects.values_list("pk", "amount")),
        list(Forwarding.objects.values_list("pk", "outcome")),
    )


def test_other_district_officer_gets_404_guessing_mueang_urls(personas, mueang_urls):
    client = personas.client_for(personas.other_district_officer)
    before = unchanged_state()

    for url in mueang_urls["gets"]:
        assert client.get(url).status_code == 404, url
    for url, data in mueang_urls["posts"]:
        assert client.post(url, data).status_code == 404, url

    assert unchanged_state() == before


def test_outsider_gets_404_on_ubons_pages(personas, mueang_urls):
    client = personas.client_for(personas.outsider)

    assert client.get(reverse("planning:province", args=[f.UBON])).status_code == 404
    assert client.get(reverse("planning:step_settings", args=[f.UBON])).status_code == 404
    for url in mueang_urls["gets"]:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("planning:province", args=["33"])).status_code == 200


def test_viewer_sees_the_pages_but_may_not_post(personas, mueang_urls):
    client = personas.client_for(personas.viewer)
    before = unchanged_state()
    plan = TambonPlan.objects.get(tambon_id=f.HUA_RUEA)
    project = plan.projects.get()

    for url in (
        reverse("planning:province", args=[f.UBON]),
        reverse("planning:district", args=[f.MUEANG]),
        reverse("planning:plan", args=[plan.pk]),
        reverse("planning:project", args=[project.pk]),
    ):
        assert client.get(url).status_code == 200, url
    plan_page = html(client.get(reverse("planning:plan", args=[plan.pk])))
    assert reverse("planning:project_create", args=[plan.pk]) not in plan_page
    assert 'type="checkbox" name="project"' not in plan_page

    for url, data in mueang_urls["posts"]:
        assert client.post(url, data).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url  # refused before the form is even read

    assert unchanged_state() == before


def test_anonymous_is_sent_to_the_login_page(db, mueang_urls):
    client = Client()
    login = reverse("accounts:login")

    for url in [*mueang_urls["gets"], reverse("planning:province", args=[f.UBON]), reverse("planning:index")]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(login), url
    for url, data in mueang_urls["posts"]:
        response = client.post(url, data)
        assert response.status_code == 302 and response.url.startswith(login), url
    assert not Need.objects.filter(description="x").exists()
