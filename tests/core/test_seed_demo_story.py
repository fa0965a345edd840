"""The demo tells one story a user can follow: the FY2566 circular with FY2566 trainings, workshops, plans and
partners that its district reports count and describe, the current year in progress beside it, and projects
in their villages, so the plan document's หมู่ที่ column is filled (issue 16, item 10)."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tambonplan.accounts.demo import DEMO_PASSWORD
from tambonplan.accounts.models import User
from tambonplan.directives.models import Circular, ReportTopic
from tambonplan.events.models import Event, EventKind
from tambonplan.partners.models import Commitment, CommitmentStatus
from tambonplan.planning.defaults import STEP_NAMES
from tambonplan.planning.documents import plan_content, plan_pdf
from tambonplan.planning.models import PlanStep, Project, StepStatus, TambonPlan
from tambonplan.reports.models import DistrictReport, ResultStatus
from tambonplan.reports.selectors import content_of
from tambonplan.thai.dates import BANGKOK, current_fiscal_year
from tambonplan.thai.digits import to_thai_digits
from tests.document_text import pdf_text, squeeze

NUMBER = re.compile(r"\d[\d,]*")


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())


def _written(value) -> str:
    return f"{int(value):,}"


def test_the_fy2566_reports_say_what_their_figures_show(demo):
    circular = Circular.objects.get(number="อบ ๐๐๑๙/ว ๕๓๑")
    assert circular.fiscal_year == 2566
    province = User.objects.get(username="ubon_province")
    reports = list(DistrictReport.objects.filter(circular=circular).select_related("district"))
    assert len(reports) == 7
    for report in reports:
        content = content_of(province, report)
        figures = {key: figure.value for key, figure in content.figures.items()}
        where = report.district.name_th
        for key in ("orientation_events", "orientation_participants", "plans", "plans_complete", "workshops"):
            assert figures[key] > 0, (where, key)
        assert figures["workshop_participants"] > 0 and figures["funded_projects"] > 0, where
        for section in content.sections:
            if not section.topic:
                continue
            values = {_written(figure.value) for figure in section.figures}
            quoted = NUMBER.findall(section.narrative)
            # what the district writes quotes its own figures, and claims done only with something to show
            assert quoted and set(quoted) <= values, (where, section.number, section.narrative, values)
            assert section.status != ResultStatus.NOT_STARTED, (where, section.number)
            if section.status == ResultStatus.DONE:
                assert any(figure.value > 0 for figure in section.figures), (where, section.number)
        statuses = {section.topic: section.status for section in content.sections}
        done = figures["plans_complete"] == figures["tambons"]
        assert (statuses[ReportTopic.PLANS] == ResultStatus.DONE) == done, where

    # the Mueang report as its officer prints it: each result's text beside the figures it quotes
    mueang = next(report for report in reports if report.district_id == "3401")
    client = Client()
    client.login(username="mueang_district", password=DEMO_PASSWORD)
    response = client.get(reverse("reports:pdf", args=[mueang.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    content = content_of(User.objects.get(username="mueang_district"), mueang)
    for section in content.sections:
        if section.narrative:
            assert squeeze(to_thai_digits(section.narrative)) in text, section.number
    training = content.figures["orientation_events"]
    assert squeeze(f"จัดอบรม/สร้างความเข้าใจ(ครั้ง){to_thai_digits(_written(training.value))}") in text


def test_the_fy2566_story_follows_the_circular_and_this_year_is_under_way(demo):
    circular = Circular.objects.get(number="อบ ๐๐๑๙/ว ๕๓๑")
    year = circular.fiscal_year
    for district in circular.districts.all():
        assert TambonPlan.objects.filter(tambon__district=district, fiscal_year=year).exists(), district

    def day(moment):
        return timezone.localtime(moment, BANGKOK).date()

    trainings = {
        event.district_id: day(event.starts_at)
        for event in Event.objects.filter(fiscal_year=year, kind=EventKind.ORIENTATION)
    }
    workshop_steps = dict(
        PlanStep.objects.filter(
            plan__fiscal_year=year, definition__name_th=STEP_NAMES[1], status=StepStatus.DONE
        ).values_list("plan__tambon_id", "done_on")
    )
    workshops = list(Event.objects.filter(fiscal_year=year, kind=EventKind.WORKSHOP))
    assert len(workshops) == len(workshop_steps) > 100
    for workshop in workshops:
        held = day(workshop.starts_at)
        # after the circular and the district's training, on the day the plan records, before the report
        assert circular.issued_on < trainings[workshop.district_id] < held <= circular.report_due, workshop
        assert workshop_steps[workshop.tambon_id] == held, workshop
    delivered = Commitment.objects.filter(fiscal_year=year, status=CommitmentStatus.DELIVERED)
    assert delivered.exists()
    assert all(c.project.plan.fiscal_year == year for c in Commitment.objects.filter(fiscal_year=year))

    # this year beside it: plans part-way, and Hua Ruea's workshop under way as its plan says
    now = current_fiscal_year()
    steps = PlanStep.objects.filter(plan__fiscal_year=now)
    assert steps.filter(status=StepStatus.DONE).exists()
    assert steps.exclude(status=StepStatus.DONE).exists()
    assert not steps.filter(done_on__gt=timezone.localdate()).exists()
    huaruea = Event.objects.get(fiscal_year=now, kind=EventKind.WORKSHOP, tambon_id="340104")
    assert huaruea.starts_at <= timezone.now() < huaruea.ends_at
    assert steps.get(plan__tambon_id="340104", definition__name_th=STEP_NAMES[1]).status == (
        StepStatus.IN_PROGRESS
    )
    for event in Event.objects.filter(fiscal_year=now, kind=EventKind.WORKSHOP, district_id="3401"):
        step = steps.filter(plan__tambon_id=event.tambon_id, definition__name_th=STEP_NAMES[1]).first()
        if step is not None and step.status == StepStatus.DONE:
            assert day(event.starts_at) == step.done_on, event
        elif event.tambon_id != "340104":
            assert event.starts_at > timezone.now() + timedelta(days=1), event


def test_every_demo_project_serves_villages_and_the_plan_document_names_them(demo):
    assert Project.objects.exists()
    assert not Project.objects.filter(villages__isnull=True).exists()
    for project in Project.objects.prefetch_related("villages").select_related("plan")[:200]:
        assert all(village.tambon_id == project.plan.tambon_id for village in project.villages.all())

    plan = TambonPlan.objects.select_related("tambon__district__province").get(
        tambon_id="340104", fiscal_year=2566
    )
    lines = [line for group in plan_content(plan).project_groups for line in group.projects]
    assert lines and all(line.villages for line in lines)
    text = pdf_text(plan_pdf(plan))
    for line in lines:
        assert squeeze(line.villages) in text, line
