"""Partner matching for a project: ranked, explained, deterministic, constant queries."""

import pytest
from django.urls import reverse

from tambonplan.areas.models import Province
from tambonplan.partners import selectors, services
from tambonplan.partners.models import Commitment, CommitmentKind, CommitmentStatus, PartnerLevel, PartnerType
from tambonplan.planning.models import Need, NeedCategory, Project, ProjectClass, TambonPlan

pytestmark = pytest.mark.django_db

INFRA = "ด้านโครงสร้างพื้นฐาน"


def category(name=INFRA):
    return NeedCategory.objects.get(name_th=name)


def other_category():
    return NeedCategory.objects.exclude(name_th=INFRA).order_by("sort_order").first()


def register(user, name, *, areas=(), categories=(), partner_type=PartnerType.CIVIL_SOCIETY, **fields):
    return services.partner_create(
        user=user,
        province=Province.objects.get(code="34"),
        name=name,
        partner_type=partner_type,
        level=PartnerLevel.PROVINCIAL,
        area_codes=areas,
        focus_categories=categories,
        **fields,
    )


@pytest.fixture
def project(db):
    plan = TambonPlan.objects.create(tambon_id="340104", fiscal_year=2569)
    project = Project.objects.create(
        plan=plan, name="ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ 3", project_class=ProjectClass.objects.get(code="support")
    )
    need = Need.objects.create(plan=plan, category=category(), description="ถนนในหมู่บ้านชำรุด")
    project.needs.add(need)
    return project


def commit(partner, project, status=CommitmentStatus.PLEDGED):
    return Commitment.objects.create(
        partner=partner,
        project=project,
        fiscal_year=2569,
        kind=CommitmentKind.BUDGET,
        amount=1000,
        status=status,
    )


def test_suggestions_are_ranked_and_explained(personas, project):
    officer = personas.province_officer
    local = register(
        officer,
        "อบต.หัวเรือ",
        areas=["340104"],
        categories=[category()],
        partner_type=PartnerType.LOCAL_GOVERNMENT,
    )
    district_wide = register(officer, "มูลนิธิพัฒนาเมืองอุบล", areas=["3401"], categories=[category()])
    province_wide = register(officer, "สำนักงานโยธาธิการจังหวัด", areas=["34"])
    register(officer, "มูลนิธิวารินทดสอบ", areas=["3415"], categories=[other_category()])
    register(officer, "ภาคีที่ไม่ใช้งาน", areas=["340104"], categories=[category()], is_active=False)

    suggestions = selectors.suggest_partners(officer, project)

    assert [s.partner for s in suggestions] == [local, district_wide, province_wide]
    assert [s.score for s in suggestions] == [8, 5, 1]
    assert suggestions[0].reasons == [
        "สนับสนุนด้านโครงสร้างพื้นฐาน ตรงกับด้านของโครงการ",
        "ทำงานในตำบลหัวเรือ",
        "เป็นองค์กรปกครองส่วนท้องถิ่นของพื้นที่",
    ]
    assert suggestions[1].reasons == [
        "สนับสนุนด้านโครงสร้างพื้นฐาน ตรงกับด้านของโครงการ",
        "ทำงานทั้งอำเภอเมืองอุบลราชธานี",
    ]
    assert suggestions[2].reasons == ["ทำงานทั้งจังหวัดอุบลราชธานี"]


HEALTH = "ด้านสาธารณสุข"


def test_a_project_without_needs_is_matched_by_its_own_category(personas):
    """An imported project has no need linked: its own category is what partners are compared with."""
    officer = personas.province_officer
    plan = TambonPlan.objects.create(tambon_id="340104", fiscal_year=2569)
    fogging = Project.objects.create(
        plan=plan,
        name="พ่นหมอกควันกำจัดยุงลายป้องกันไข้เลือดออก",
        project_class=ProjectClass.objects.get(code="joint"),
        category=category(HEALTH),
    )
    weaving = register(
        officer, "วิสาหกิจชุมชนกลุ่มทอผ้าไหมบ้านหัวเรือ", areas=["340104"], categories=[category("ด้านเศรษฐกิจ")]
    )
    health = register(officer, "สำนักงานสาธารณสุขจังหวัดอุบลราชธานี", areas=["34"], categories=[category(HEALTH)])

    suggestions = selectors.suggest_partners(officer, fogging)

    assert [s.partner for s in suggestions] == [health, weaving]
    assert suggestions[0].reasons == ["สนับสนุนด้านสาธารณสุข ตรงกับด้านของโครงการ", "ทำงานทั้งจังหวัดอุบลราชธานี"]
    page = (
        personas.client_for(officer)
        .get(reverse("partners:project_match", args=[fogging.pk]))
        .content.decode()
    )
    assert "ด้าน: ด้านสาธารณสุข" in page


def test_a_project_with_needs_is_matched_by_its_own_category_and_its_needs(personas, project):
    officer = personas.province_officer
    project.category = category(HEALTH)
    project.save()
    infra = register(officer, "สำนักงานโยธาธิการจังหวัด", categories=[category()])
    health = register(officer, "สำนักงานสาธารณสุขจังหวัด", categories=[category(HEALTH)])
    both = register(officer, "เทศบาลทดสอบ", categories=[category(), category(HEALTH)])

    scores = {s.partner: s.score for s in selectors.suggest_partners(officer, project)}

    assert scores == {both: 6, infra: 3, health: 3}
    assert [c.name_th for c in selectors.project_categories(project)] == [HEALTH, INFRA]


def test_partners_of_the_projects_category_come_before_busier_ones(personas, project):
    """A road builder with many past commitments in the district scores more than a partner of the
    project's category, but is listed after it."""
    officer = personas.province_officer
    builder = register(officer, "กองทุนทดสอบ", areas=["34"], partner_type=PartnerType.LOCAL_GOVERNMENT)
    earlier = Project.objects.create(
        plan=TambonPlan.objects.create(tambon_id="340105", fiscal_year=2568),
        name="เดิม",
        project_class=project.project_class,
    )
    for _ in range(3):
        commit(builder, earlier)
    supporter = register(officer, "มูลนิธิถนนดี", areas=["34"], categories=[category()])

    suggestions = selectors.suggest_partners(officer, project)

    assert [(s.partner, s.score) for s in suggestions] == [(supporter, 4), (builder, 6)]


def test_ties_are_broken_by_name_then_id(personas, project):
    officer = personas.province_officer
    for name in ("มูลนิธิค", "มูลนิธิก", "มูลนิธิข"):
        register(officer, name, areas=["3401"])
    twin = register(officer, "มูลนิธิก", areas=["3401"])
    names = [(s.partner.name, s.partner.pk) for s in selectors.suggest_partners(officer, project)]
    assert [name for name, _pk in names] == ["มูลนิธิก", "มูลนิธิก", "มูลนิธิข", "มูลนิธิค"]
    assert names[1][1] == twin.pk
    assert names == [(s.partner.name, s.partner.pk) for s in selectors.suggest_partners(officer, project)]


def test_past_commitments_in_the_district_count_unless_cancelled(personas, project):
    officer = personas.province_officer
    helper = register(officer, "มูลนิธิเคยช่วย")
    other_plan = TambonPlan.objects.create(tambon_id="340105", fiscal_year=2568)
    earlier = Project.objects.create(plan=other_plan, name="โครงการเดิม", project_class=project.project_class)
    commit(helper, earlier)
    commit(helper, earlier, status=CommitmentStatus.DELIVERED)
    commit(helper, earlier, status=CommitmentStatus.CANCELLED)
    warin_plan = TambonPlan.objects.create(tambon_id="341501", fiscal_year=2569)
    commit(helper, Project.objects.create(plan=warin_plan, name="วาริน", project_class=project.project_class))
    [suggestion] = selectors.suggest_partners(officer, project)
    assert suggestion.partner == helper
    assert suggestion.score == 2
    assert suggestion.reasons == ["เคยสนับสนุนโครงการในอำเภอนี้ 2 ครั้ง"]


def test_limit(personas, project):
    for index in range(5):
        register(personas.province_officer, f"มูลนิธิ{index}", areas=["34"])
    assert len(selectors.suggest_partners(personas.province_officer, project, limit=3)) == 3


def test_match_page_lists_suggestions_with_a_commitment_link(personas, project):
    partner = register(personas.province_officer, "อบต.หัวเรือ", areas=["340104"], categories=[category()])
    client = personas.client_for(personas.district_officer)
    response = client.get(reverse("partners:project_match", args=[project.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "อบต.หัวเรือ" in content
    assert "ทำงานในตำบลหัวเรือ" in content
    assert f"{reverse('partners:commitment_create', args=[project.pk])}?partner={partner.pk}" in content


def test_match_page_queries_are_constant(personas, project, django_assert_max_num_queries):
    officer = personas.province_officer
    for index in range(15):
        register(officer, f"มูลนิธิ{index}", areas=["3401", "340104"], categories=[category(), other_category()])
    client = personas.client_for(officer)
    client.get(reverse("partners:project_match", args=[project.pk]))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("partners:project_match", args=[project.pk])).status_code == 200


def test_match_page_is_scoped(personas, project):
    assert (
        personas.client_for(personas.outsider)
        .get(reverse("partners:project_match", args=[project.pk]))
        .status_code
        == 404
    )
    assert (
        personas.client_for(personas.other_district_officer)
        .get(reverse("partners:project_match", args=[project.pk]))
        .status_code
        == 404
    )
