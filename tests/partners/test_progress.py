"""Project progress: percent from weighted or unweighted milestones, weights that must total 100, photo
evidence checked by content, the manual override marked as such, and the roll-up weighted by budget."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tambonplan.partners import progress
from tambonplan.partners.integration import integration
from tambonplan.partners.models import Milestone, MilestoneEvidence, ProgressOverride
from tambonplan.partners.progress import Percent, Rollup
from tests.partners import funding_factories as ff
from tests.planning import factories as pf


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def project(db):
    plan = pf.make_plan(pf.HUA_RUEA)
    return pf.add_project(plan, budgets={plan.fiscal_year: "100000"})


def item(name, weight=0, done_on=None, pk=None):
    return {"pk": pk, "name": name, "weight": weight, "due_on": None, "done_on": done_on}


def test_percent_is_the_weight_of_done_milestones(project):
    ff.milestone(project, "ออกแบบ", 10, pf.today())
    ff.milestone(project, "ก่อสร้าง", 70, pf.today())
    ff.milestone(project, "ส่งมอบ", 20)
    assert progress.percents_for([project.pk])[project.pk] == Percent(80)


def test_without_weights_percent_is_done_over_total(project):
    ff.milestone(project, "ก", done_on=pf.today())
    ff.milestone(project, "ข")
    ff.milestone(project, "ค")
    assert progress.percents_for([project.pk])[project.pk].value == 33
    assert progress.milestone_percent([]) == 0


def test_weights_must_total_100_when_any_is_set(personas, project):
    with pytest.raises(ValidationError) as error:
        progress.milestones_save(
            user=personas.district_officer, project=project, items=[item("ก", 30), item("ข", 30)]
        )
    assert "100" in " ".join(error.value.messages)
    assert not Milestone.objects.exists()
    saved = progress.milestones_save(
        user=personas.district_officer, project=project, items=[item("ก", 40, pf.today()), item("ข", 60)]
    )
    assert [m.sort_order for m in saved] == [1, 2]
    assert progress.percents_for([project.pk])[project.pk].value == 40
    # unweighted is fine too; a milestone left out is deleted
    progress.milestones_save(
        user=personas.district_officer, project=project, items=[item("ก", 0, pk=saved[0].pk)]
    )
    assert list(Milestone.objects.values_list("name", "weight")) == [("ก", 0)]


def test_a_future_done_date_is_refused(personas, project):
    with pytest.raises(ValidationError):
        progress.milestones_save(
            user=personas.district_officer,
            project=project,
            items=[item("ก", 0, pf.today() + timedelta(days=1))],
        )


def test_evidence_must_be_a_photo_by_content(personas, project):
    milestone = ff.milestone(project)
    with pytest.raises(ValidationError):
        progress.evidence_add(
            user=personas.district_officer, milestone=milestone, upload=ff.pdf_upload("a.jpg")
        )
    photo = progress.evidence_add(
        user=personas.district_officer, milestone=milestone, upload=ff.image_upload("a.jpg", "JPEG")
    )
    assert photo.image.name.endswith(".jpg")
    assert MilestoneEvidence.objects.count() == 1
    progress.evidence_delete(user=personas.district_officer, evidence=photo)
    assert not MilestoneEvidence.objects.exists()


def test_the_override_replaces_the_percent_and_is_marked(personas, project):
    ff.milestone(project, "ก", done_on=pf.today())
    ff.milestone(project, "ข")
    with pytest.raises(ValidationError):
        progress.progress_override_set(
            user=personas.district_officer, project=project, percent=70, reason=" "
        )
    progress.progress_override_set(
        user=personas.district_officer, project=project, percent=70, reason="ตรวจหน้างาน"
    )
    percent = progress.percents_for([project.pk])[project.pk]
    assert percent == Percent(70, True, "ตรวจหน้างาน")
    page = progress.progress_page(personas.district_officer, project)
    assert (page.percent.value, page.percent.overridden, page.computed) == (70, True, 50)
    progress.progress_override_clear(user=personas.district_officer, project=project)
    assert progress.percents_for([project.pk])[project.pk] == Percent(50)


def test_writes_need_change_rights(personas, project):
    with pytest.raises(PermissionDenied):
        progress.progress_override_set(user=personas.viewer, project=project, percent=1, reason="x")
    with pytest.raises(PermissionDenied):
        progress.milestones_save(user=personas.viewer, project=project, items=[item("ก")])
    assert not ProgressOverride.objects.exists()


def test_rollup_weights_by_budget_and_counts_projects_without_budget():
    rollup = Rollup()
    rollup.add(Percent(50), Decimal(100_000))
    rollup.add(Percent(100, True), Decimal(300_000))
    rollup.add(Percent(0), Decimal(0))
    assert rollup.percent == Decimal("87.5")
    assert (rollup.projects, rollup.no_budget, rollup.overridden) == (3, 1, 1)
    assert Rollup().percent is None


def test_district_rollup_matches_a_hand_computation(personas):
    year = pf.fiscal_year()
    hua_ruea, nong_khon = pf.make_plan(pf.HUA_RUEA), pf.make_plan(pf.NONG_KHON)
    a = pf.add_project(hua_ruea, "ก", budgets={year: "100000"})
    b = pf.add_project(hua_ruea, "ข", budgets={year: "300000"})
    c = pf.add_project(nong_khon, "ค", budgets={year: "200000"})
    pf.add_project(nong_khon, "ง")  # no budget: out of the average, counted apart
    ff.milestone(a, "1", 50, pf.today())
    ff.milestone(a, "2", 50)
    ProgressOverride.objects.create(project=b, percent=100, reason="เสร็จแล้ว")
    ff.milestone(c, "1", done_on=pf.today())
    ff.milestone(c, "2")
    ff.milestone(c, "3")
    ff.milestone(c, "4")  # 25 %

    from tambonplan.areas.models import District

    data = integration(
        personas.district_officer,
        level="district",
        area=District.objects.get(code=pf.MUEANG),
        fiscal_year=year,
    )
    rows = {row.code: row.totals.progress for row in data.rows}
    assert rows[pf.HUA_RUEA].percent == Decimal("87.5")
    assert rows[pf.HUA_RUEA].overridden == 1
    assert rows[pf.NONG_KHON].percent == Decimal("25.0")
    assert rows[pf.NONG_KHON].no_budget == 1
    expected = (Decimal(100_000) * 50 + Decimal(300_000) * 100 + Decimal(200_000) * 25) / Decimal(600_000)
    assert data.total.progress.percent == expected.quantize(Decimal("0.1"))
    assert data.total.progress.no_budget == 1
