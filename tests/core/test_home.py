"""The home page (cockpit): what each persona has to do next, each item a link to the page where it is done,
and where the fiscal year stands; a read-only user watches, an outsider sees nothing of Ubon."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse

from tambonplan.accounts.models import Role
from tambonplan.directives import services as directive_services
from tambonplan.planning.models import Forwarding
from tambonplan.reports import services as report_services
from tests.committees import factories as cf
from tests.conftest import make_user
from tests.events import factories as ef
from tests.partners import funding_factories as ff
from tests.planning import factories as pf
from tests.reports import factories as rf


@pytest.fixture(autouse=True)
def empty_cache():
    """The nation's figures and a province's last year come from the open data's cache."""
    cache.clear()
    yield
    cache.clear()


def todo(response) -> str:
    """The "to do" (or "to watch") card of the home page."""
    text = response.content.decode()
    return text.split('id="todo"', 1)[1].split('id="standing"', 1)[0]


def standing(response, key: str) -> str:
    """The text of one figure of "where we stand"."""
    text = response.content.decode()
    return re.sub(r"<[^>]+>|\s+", " ", text.split(f'data-standing="{key}"', 1)[1].split("</li>", 1)[0])


def items(response) -> list:
    return response.context["cockpit"].items


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return response


# ------------------------------------------------------------------ district officer


def test_district_officer_is_asked_to_acknowledge_the_circular(personas):
    circular = rf.circular()
    client = personas.client_for(personas.district_officer)

    card = todo(home(client))

    assert "รับทราบหนังสือสั่งการ ที่ อบ\u00a0๐๐๑๙/ว\u00a0๕๓๑" in card
    assert f'href="/directives/{circular.pk}/"' in card
    assert "data-action" in card and ">รับทราบ</a>" in card

    directive_services.acknowledge(user=personas.district_officer, circular=circular)

    assert "รับทราบหนังสือสั่งการ" not in todo(home(client))


def test_district_officer_is_asked_to_start_then_to_send_the_report(personas):
    circular = rf.circular(due=pf.today() + timedelta(days=5))
    client = personas.client_for(personas.district_officer)

    card = todo(home(client))
    assert "จัดทำรายงานผลตามหนังสือ" in card
    assert f'href="/reports/circular/{circular.pk}/district/3401/"' in card
    assert "อีก 5 วัน" in card

    report = rf.filled_report(personas.district_officer, circular)
    card = todo(home(client))
    assert "ส่งรายงานผลตามหนังสือ" in card and f'href="/reports/{report.pk}/"' in card

    report_services.submit(user=personas.district_officer, report=report)
    card = todo(home(client))
    assert "รายงานผลตามหนังสือ" not in card
    assert "1 จาก 1" in standing(home(client), "reporting")


def test_a_returned_report_shows_as_to_correct(personas):
    circular = rf.circular()
    report = rf.submitted(personas.district_officer, circular).report
    report_services.return_for_correction(
        user=personas.province_officer, report=report, comment="ตัวเลขโครงการไม่ตรงกับแผน"
    )

    card = todo(home(personas.client_for(personas.district_officer)))

    assert "แก้ไขรายงานผลตามหนังสือ" in card and "ที่จังหวัดส่งกลับ" in card
    assert f'href="/reports/{report.pk}/"' in card
    assert "ตัวเลขโครงการไม่ตรงกับแผน" in card
    assert "ส่งรายงานผลตามหนังสือ" not in card  # listed once, as to correct


def test_a_returned_report_of_an_earlier_year_still_shows(personas):
    circular = rf.circular(year=pf.fiscal_year() - 1, due=pf.today() - timedelta(days=200))
    report = rf.submitted(personas.district_officer, circular).report
    report_services.return_for_correction(user=personas.province_officer, report=report, comment="แก้ไข")

    card = todo(home(personas.client_for(personas.district_officer)))

    assert "แก้ไขรายงานผลตามหนังสือ" in card and "เลยกำหนด 200 วัน" in card


def test_district_officer_sees_each_kind_of_work_linked_to_where_it_is_done(personas):
    plan = pf.make_plan(pf.HUA_RUEA)
    pf.first_step_due(pf.today() - timedelta(days=3))
    pf.approve(plan)
    project = pf.add_project(plan, "ขุดลอกคลองส่งน้ำ", class_code="support")
    forwarded = pf.add_project(plan, "ซ่อมแซมฝายชะลอน้ำ", class_code="support")
    Forwarding.objects.create(
        project=forwarded, sent_on=pf.today(), target_kind="local_government", target_name="อบต.หัวเรือ"
    )
    commitment = ff.commitment(project, ff.partner(), status="pledged")
    ff.commitment(forwarded, ff.partner("บริษัท ข้าวหอม จำกัด"), status="approved")
    event = ef.event(ef.HUA_RUEA, starts_in=timedelta(days=-2), title="เวทีประชาคมหมู่บ้านหัวเรือ")
    attended = ef.event(ef.NONG_KHON, starts_in=timedelta(days=-2), title="เวทีประชาคมหนองขอน")
    ef.attendee(attended, "นายสมชาย ใจดี")
    cf.set_review_date()
    cf.order("kbt", pf.HUA_RUEA, signed_on=cf.BEFORE)

    response = home(personas.client_for(personas.district_officer))
    card = todo(response)
    step = plan.steps.order_by("definition__sort_order").first()

    assert f'href="/planning/steps/{step.pk}/"' in card and "เลยกำหนด 3 วัน" in card
    assert f'href="/planning/projects/{project.pk}/"' in card
    assert f'/planning/projects/{forwarded.pk}/"' not in card
    assert f'href="/partners/commitments/{commitment.pk}/"' in card
    assert "บริษัท ข้าวหอม" not in card  # approved already
    assert f'href="/events/{event.pk}/"' in card and "เวทีประชาคมหมู่บ้านหัวเรือ" in card
    assert "เวทีประชาคมหนองขอน" not in card
    assert "ก.บ.ต.: ต้องทบทวนคำสั่งแต่งตั้ง" in card
    assert f'href="/committees/c/kbt/{pf.HUA_RUEA}/"' in card
    assert "ก.บ.ต.: ยังไม่มีคำสั่งแต่งตั้ง" in card  # the other eleven tambons
    assert "เปิดแผนพัฒนาตำบล" in card and f'href="/planning/tambon/{pf.NAI_MUEANG}/"' in card
    dated = [item.due for item in items(response) if item.due is not None]
    assert dated == sorted(dated)
    assert all(item.due is None for item in items(response)[len(dated) :])


def test_a_step_late_in_many_tambons_is_one_item_with_a_link_per_tambon(personas):
    plans = [pf.make_plan(code) for code in pf.MUEANG_TAMBONS]
    pf.first_step_due(pf.today() - timedelta(days=1))
    pf.mark_done(plans[0], 1)

    response = home(personas.client_for(personas.district_officer))

    [item] = [item for item in items(response) if item.kind == "step"]
    assert item.is_overdue and "เลยกำหนด 11 ตำบล" in item.detail
    assert len(item.links) == 11
    assert "หัวเรือ" in [link.label for link in item.links] and plans[0].tambon.name_th not in [
        link.label for link in item.links
    ]


def test_steps_due_within_fourteen_days_show_and_later_ones_do_not(personas):
    pf.make_plan(pf.HUA_RUEA)
    definitions = pf.definitions()
    for definition, days in zip(definitions, (10, 14, 15), strict=False):
        definition.due_date = pf.today() + timedelta(days=days)
        definition.save()
    for definition in definitions[3:]:
        definition.due_date = pf.today() + timedelta(days=60)
        definition.save()

    card = todo(home(personas.client_for(personas.tambon_officer)))

    assert "อีก 10 วัน" in card and "อีก 14 วัน" in card and "อีก 15 วัน" not in card


# ------------------------------------------------------------------ tambon officer


def test_tambon_officer_sees_its_overdue_step_and_not_other_tambons(personas):
    own = pf.make_plan(pf.HUA_RUEA)
    other = pf.make_plan(pf.NAI_MUEANG)
    pf.first_step_due(pf.today() - timedelta(days=4))
    own_step = own.steps.order_by("definition__sort_order").first()
    other_step = other.steps.order_by("definition__sort_order").first()

    card = todo(home(personas.client_for(personas.tambon_officer)))

    assert own_step.definition.name_th in card and "เลยกำหนด 4 วัน" in card
    assert f'href="/planning/steps/{own_step.pk}/"' in card
    assert f'/planning/steps/{other_step.pk}/"' not in card
    assert "บันทึกขั้นตอน" in card
    assert "รับทราบหนังสือสั่งการ" not in card  # the district acknowledges, not its tambon officers


def test_tambon_officer_is_not_asked_for_the_districts_report(personas):
    rf.circular()

    card = todo(home(personas.client_for(personas.tambon_officer)))

    assert "รายงานผลตามหนังสือ" not in card and "รับทราบหนังสือสั่งการ" not in card


# ------------------------------------------------------------------ province officer


def test_province_officer_sees_reports_waiting_for_review(personas):
    circular = rf.circular()
    mueang = rf.submitted(personas.district_officer, circular).report
    warin = rf.submitted(personas.other_district_officer, circular, rf.WARIN).report

    response = home(personas.client_for(personas.province_officer))
    card = todo(response)

    assert "ตรวจรายงานผลของอำเภอ" in card and "รอตรวจ 2 อำเภอ" in card
    assert f'href="/reports/{mueang.pk}/"' in card and f'href="/reports/{warin.pk}/"' in card
    assert standing(response, "awaiting_review").strip().endswith("2")
    assert "2 จาก 2" in standing(response, "reporting")

    report_services.accept(user=personas.province_officer, report=mueang)
    card = todo(home(personas.client_for(personas.province_officer)))
    assert f'href="/reports/{warin.pk}/"' in card and "ตรวจรายงาน</a>" in card
    assert f'href="/reports/{mueang.pk}/"' not in card


def test_province_officer_is_told_of_districts_owing_a_report_after_its_due_date(personas):
    circular = rf.circular(due=pf.today() - timedelta(days=2))
    rf.submitted(personas.district_officer, circular)

    card = todo(home(personas.client_for(personas.province_officer)))

    assert "อำเภอยังไม่ส่งรายงานผลตามหนังสือ" in card and "ส่งแล้ว 1 จาก 2 อำเภอ" in card
    assert f'href="/reports/circular/{circular.pk}/"' in card and "เลยกำหนด 2 วัน" in card


def test_province_officer_is_asked_for_the_years_settings_until_they_are_made(personas):
    client = personas.client_for(personas.province_officer)

    card = todo(home(client))
    assert 'href="/directives/new/"' in card
    assert 'href="/planning/province/34/steps/"' in card
    assert 'href="/committees/province/34/"' in card

    rf.circular()
    pf.set_due_dates()
    cf.set_review_date()
    card = todo(home(client))
    assert 'href="/directives/new/"' not in card and "/steps/" not in card
    assert 'href="/committees/province/34/"' not in card


def test_province_officer_sees_the_districts_behind(personas):
    for code in ("340104", "340105", "341501"):
        pf.make_plan(code)
    pf.first_step_due(pf.today() - timedelta(days=1))

    response = home(personas.client_for(personas.province_officer))

    behind = response.context["cockpit"].behind
    assert [row.name for row in behind] == ["เมืองอุบลราชธานี", "วารินชำราบ"]
    assert behind[0].url == "/planning/district/3401/?only=overdue"
    assert "ตำบลที่มีขั้นตอนเลยกำหนด 2 จาก 12 ตำบล" in behind[0].detail


# ------------------------------------------------------------------ viewer and outsider


def test_viewer_watches_without_action_buttons(personas):
    circular = rf.circular(due=pf.today() - timedelta(days=1))
    rf.submitted(personas.district_officer, circular)

    card = todo(home(personas.client_for(personas.viewer)))

    assert "สิ่งที่ต้องติดตาม" in card and "สิ่งที่ต้องทำ" not in card
    assert "รายงานผลของอำเภอที่รอจังหวัดตรวจ" in card and "อำเภอยังไม่ส่งรายงานผล" in card
    assert "data-action" not in card and "btn-primary" not in card
    assert "/directives/new/" not in card  # the year's settings are the officers'


def test_outsider_sees_nothing_of_ubon(personas):
    circular = rf.circular(due=pf.today() - timedelta(days=1))
    report = rf.submitted(personas.district_officer, circular).report
    pf.make_plan(pf.HUA_RUEA)
    pf.first_step_due(pf.today() - timedelta(days=1))

    text = home(personas.client_for(personas.outsider)).content.decode()

    assert "จังหวัดศรีสะเกษ" in text
    for ubon in (
        "อุบลราชธานี",
        "๕๓๑",
        "หัวเรือ",
        f"/reports/{report.pk}/",
        "/reports/circular/",
        "/planning/steps/",
    ):
        assert ubon not in text, ubon


# ------------------------------------------------------------------ where we stand


def test_figures_show_the_year_with_last_years_trend(personas):
    last_year = pf.fiscal_year() - 1
    done_last_year = pf.make_plan(pf.HUA_RUEA, last_year)
    pf.mark_done(done_last_year, 99)
    pf.make_plan(pf.NONG_KHON, last_year)
    now = pf.make_plan(pf.HUA_RUEA)
    pf.mark_done(now, 99)
    for code in (pf.HUA_RUEA, pf.NONG_KHON, pf.NAI_MUEANG):
        pf.make_plan(code)
    pf.add_project(now, budgets={pf.fiscal_year(): "100000"})
    ef.event(ef.HUA_RUEA, starts_in=timedelta(days=-1))

    response = home(personas.client_for(personas.tambon_officer))

    figures = {figure.key: figure for figure in response.context["cockpit"].figures}
    assert (figures["plans_done"].done, figures["plans_done"].total, figures["plans_done"].percent) == (
        1,
        2,
        50,
    )
    assert figures["plans_done"].last_percent == 50 and figures["plans_done"].change == 0
    assert (figures["workshops"].done, figures["workshops"].percent) == (1, 50)
    assert (figures["budget"].done, figures["budget"].total) == (0, 100000)
    assert figures["budget"].last_percent is None  # no need last year: no trend
    assert "reporting" not in figures  # tambon officers do not report
    assert "ปีก่อน 50%" in standing(response, "plans_done") and "เท่าเดิม" in standing(response, "plans_done")


def test_no_trend_when_last_year_had_no_plans(personas):
    pf.make_plan(pf.HUA_RUEA)

    response = home(personas.client_for(personas.district_officer))

    assert "ปีก่อน" not in standing(response, "plans_done")
    assert "ยังไม่มีหนังสือสั่งการที่ให้รายงานผลในปีนี้" in standing(response, "reporting")


def test_province_trend_reads_last_year_from_the_open_data(personas):
    last_year = pf.fiscal_year() - 1
    pf.mark_done(pf.make_plan(pf.HUA_RUEA, last_year), 99)
    pf.make_plan(pf.HUA_RUEA)

    response = home(personas.client_for(personas.province_officer))

    figure = next(f for f in response.context["cockpit"].figures if f.key == "plans_done")
    assert (figure.done, figure.total, figure.last_percent) == (0, 219, 0)  # 1 of 219 tambons rounds to 0
    assert "ปีก่อน 0%" in standing(response, "plans_done")


def test_district_trend_reads_its_own_row_of_last_years_open_data(personas):
    last_year = pf.fiscal_year() - 1
    pf.mark_done(pf.make_plan(pf.HUA_RUEA, last_year), 99)
    pf.make_plan(pf.NONG_KHON, last_year)
    pf.mark_done(pf.make_plan(pf.WARIN_TAMBON, last_year), 99)  # another district: not counted
    pf.make_plan(pf.HUA_RUEA)

    response = home(personas.client_for(personas.district_officer))

    figure = next(f for f in response.context["cockpit"].figures if f.key == "plans_done")
    assert (figure.done, figure.total, figure.last_percent) == (0, 12, 8)  # 1 of 12 tambons last year
    assert "ปีก่อน 8%" in standing(response, "plans_done") and "▼ 8" in standing(response, "plans_done")


# ------------------------------------------------------------------ the Department


def test_department_watches_provinces_late_and_consolidations_complete(personas):
    department = make_user("cdd_department", Role.DEPARTMENT)
    late = rf.circular(due=pf.today() - timedelta(days=3))
    rf.submitted(personas.district_officer, late)
    pf.make_plan(pf.HUA_RUEA)

    response = home(personas.client_for(department))
    card = todo(response)
    cockpit = response.context["cockpit"]

    assert "สิ่งที่ต้องติดตาม" in card and "data-action" not in card
    assert "จังหวัดที่อำเภอยังส่งรายงานผลไม่ครบหลังกำหนด" in card
    assert f'href="/reports/circular/{late.pk}/"' in card and "อุบลราชธานี ส่งแล้ว 1/2" in card
    figures = {figure.key: figure for figure in cockpit.figures}
    assert (figures["consolidations"].done, figures["consolidations"].total) == (0, 1)
    assert (figures["reporting"].done, figures["reporting"].total) == (1, 2)
    assert figures["plans_done"].total == 7256
    assert [row.name for row in cockpit.behind] == ["อุบลราชธานี"]
    assert "ยังไม่มีแผนของปีนี้ในระบบ 75 จังหวัด" in cockpit.behind_note
    assert cockpit.figures_as_of is not None


def test_department_sees_a_complete_consolidation(personas):
    department = make_user("cdd_department", Role.DEPARTMENT)
    circular = rf.circular(districts=(rf.MUEANG,))
    report = rf.submitted(personas.district_officer, circular).report
    report_services.accept(user=personas.province_officer, report=report)

    response = home(personas.client_for(department))

    cockpit = response.context["cockpit"]
    assert [(link.label, link.url) for link in cockpit.complete] == [
        ("อุบลราชธานี", reverse("reports:consolidation", args=[circular.pk]))
    ]
    figure = next(f for f in cockpit.figures if f.key == "consolidations")
    assert (figure.done, figure.total, figure.percent) == (1, 1, 100)


def test_partner_users_go_to_their_portal(personas, db):
    partner_user = make_user("huaruea_partner", Role.PARTNER)
    partner_user.partner = ff.partner()
    partner_user.save()

    response = personas.client_for(partner_user).get("/")

    assert response.status_code == 302 and response["Location"] == reverse("partners:portal")


def test_a_date_far_ahead_is_not_marked_due(personas):
    rf.circular(due=date(2099, 1, 1))

    response = home(personas.client_for(personas.district_officer))

    [report] = [item for item in items(response) if item.kind == "report"]
    assert not report.is_overdue and not report.is_due_soon
