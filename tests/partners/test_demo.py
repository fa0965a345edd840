"""The demo partners of Ubon: every type, commitments in every status on current-year projects and on the
FY2566 projects, some progress; made once."""

from django.urls import reverse

from tambonplan.areas.models import Province
from tambonplan.partners.demo import seed_partners
from tambonplan.partners.integration import integration
from tambonplan.partners.models import (
    Commitment,
    CommitmentStatus,
    Milestone,
    Partner,
    PartnerType,
    ProgressOverride,
)
from tambonplan.partners.names import name_key
from tambonplan.partners.selectors import abbreviations_for, suggest_partners
from tambonplan.planning.demo import seed_plans
from tambonplan.planning.models import Project
from tambonplan.thai.dates import current_fiscal_year


def test_seed_partners_makes_every_type_and_status_once(personas):
    seed_plans()
    made = seed_partners()

    assert made == Partner.objects.count() > 0
    assert set(Partner.objects.values_list("partner_type", flat=True)) == set(PartnerType.values)
    abbreviations = abbreviations_for("34")
    assert all(p.name_key == name_key(p.name, abbreviations) for p in Partner.objects.all())
    assert all(p.areas.exists() and p.focus_categories.exists() for p in Partner.objects.all())
    assert set(Commitment.objects.values_list("status", flat=True)) == set(CommitmentStatus.values)
    # FY2566, the year of the demo circular, and this year
    assert set(Commitment.objects.values_list("fiscal_year", flat=True)) == {2566, current_fiscal_year()}
    assert all(
        c.fiscal_year == c.project.plan.fiscal_year
        for c in Commitment.objects.select_related("project__plan")
    )
    assert Commitment.objects.filter(project__plan__tambon__district_id="3401").exists()
    for c in Commitment.objects.all():
        assert c.partner.province_id == c.project.plan.tambon_id[:2]
        assert (c.amount is not None) != bool(c.in_kind_description)
        if c.status in ("approved", "delivered"):
            assert c.pledged_on and c.approved_on
    assert Milestone.objects.filter(done_on__isnull=False).exists()
    assert ProgressOverride.objects.count() == 1

    count = Commitment.objects.count()
    assert seed_partners() == 0
    assert Commitment.objects.count() == count

    client = personas.client_for(personas.district_officer)
    assert client.get(reverse("partners:integration_district", args=["3401"])).status_code == 200
    assert client.get(reverse("partners:integration_province", args=["34"])).status_code == 200
    project = Milestone.objects.filter(project__plan__tambon__district_id="3401").first().project
    assert client.get(reverse("partners:project_progress", args=[project.pk])).status_code == 200


def test_demo_projects_have_categories_and_fogging_is_matched_with_health_partners(personas):
    """Issue 15: demo projects showed "ไม่ระบุด้าน" and a mosquito-fogging project's best match was a
    silk-weaving enterprise."""
    seed_plans()
    seed_partners()
    year = current_fiscal_year()
    officer = personas.province_officer

    assert not Project.objects.filter(category__isnull=True).exists()
    data = integration(officer, level="province", area=Province.objects.get(code="34"), fiscal_year=year)
    assert "ไม่ระบุด้าน" not in [row.name for row in data.categories]
    fogging = list(
        Project.objects.filter(plan__fiscal_year=year, name__contains="พ่นหมอกควัน").select_related(
            "plan__tambon"
        )
    )
    assert fogging
    for project in fogging:
        best = suggest_partners(officer, project)[0].partner
        assert "ด้านสาธารณสุข" in [c.name_th for c in best.focus_categories.all()], (
            project.plan.tambon_id,
            best,
        )
        assert "ทอผ้าไหม" not in best.name
