"""Partner accounts: a partner's own user sees its commitments in the portal and nothing else."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tambonplan.accounts.models import Role, User
from tambonplan.accounts.scope import NOTHING, scope_of
from tambonplan.areas.models import Province
from tambonplan.partners import services
from tambonplan.partners.models import Commitment, CommitmentKind, CommitmentStatus, PartnerLevel, PartnerType
from tambonplan.planning.models import Project, ProjectBudget, ProjectClass, TambonPlan

pytestmark = pytest.mark.django_db


def register(user, name):
    return services.partner_create(
        user=user,
        province=Province.objects.get(code="34"),
        name=name,
        partner_type=PartnerType.PRIVATE,
        level=PartnerLevel.PROVINCIAL,
    )


@pytest.fixture
def setting(personas):
    ours = register(personas.province_officer, "บริษัท สยามพัฒนา จำกัด")
    theirs = register(personas.province_officer, "มูลนิธิเพื่อนเยาวชนอีสาน")
    support = ProjectClass.objects.get(code="support")
    plan = TambonPlan.objects.create(tambon_id="340104", fiscal_year=2569)
    road = Project.objects.create(plan=plan, name="ถนนคอนกรีตหมู่ 3", project_class=support)
    ProjectBudget.objects.create(project=road, fiscal_year=2569, amount=500000)
    secret = Project.objects.create(plan=plan, name="โครงการลับของภาคีอื่น", project_class=support)
    Commitment.objects.create(
        partner=ours,
        project=road,
        fiscal_year=2569,
        kind=CommitmentKind.BUDGET,
        amount=200000,
        status=CommitmentStatus.APPROVED,
    )
    Commitment.objects.create(
        partner=theirs,
        project=secret,
        fiscal_year=2569,
        kind=CommitmentKind.BUDGET,
        amount=99999,
    )
    user = User.objects.create_user(
        username="siam", password="x", role=Role.PARTNER, partner=ours, province_id="34"
    )
    return {"ours": ours, "theirs": theirs, "road": road, "secret": secret, "user": user}


def test_partner_users_have_no_area_scope(setting):
    assert scope_of(setting["user"]).level == NOTHING


def test_portal_shows_only_own_commitments_and_projects(personas, setting):
    client = personas.client_for(setting["user"])
    response = client.get(reverse("partners:portal"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "ถนนคอนกรีตหมู่ 3" in content
    assert "200,000" in content
    assert "500,000" in content
    assert "อนุมัติ" in content
    assert "หัวเรือ" in content
    assert "โครงการลับของภาคีอื่น" not in content
    assert "99,999" not in content
    assert "มูลนิธิเพื่อนเยาวชนอีสาน" not in content
    portal = response.context["portal"]
    assert [c.project for c in portal.commitments] == [setting["road"]]
    assert [row.project for row in portal.projects] == [setting["road"]]


def test_portal_is_403_for_staff(personas, setting):
    for user in (personas.province_officer, personas.viewer, personas.tambon_officer):
        assert personas.client_for(user).get(reverse("partners:portal")).status_code == 403


def test_portal_needs_login(client):
    response = client.get(reverse("partners:portal"))
    assert response.status_code == 302


def test_partner_user_gets_404_elsewhere(personas, setting):
    client = personas.client_for(setting["user"])
    for url in (
        reverse("partners:partner_detail", args=[setting["theirs"].pk]),
        reverse("partners:partner_detail", args=[setting["ours"].pk]),
        reverse("partners:partner_edit", args=[setting["ours"].pk]),
        reverse("partners:project_match", args=[setting["secret"].pk]),
        reverse("partners:project_match", args=[setting["road"].pk]),
        reverse("planning:project", args=[setting["secret"].pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.get(reverse("partners:partner_list"))
    assert response.status_code == 404


def test_home_redirects_partner_users_to_the_portal(personas, setting):
    response = personas.client_for(setting["user"]).get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("partners:portal")
    assert personas.client_for(personas.province_officer).get(reverse("home")).status_code == 200


def test_partner_role_requires_a_partner(db):
    user = User(username="nopartner", role=Role.PARTNER)
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "partner" in error.value.message_dict


# ------------------------------------------------------------------ creating partner users


def partner_user_data(partner, **extra):
    data = {
        "username": "siam_staff",
        "first_name": "สมหญิง",
        "last_name": "ภาคีดี",
        "email": "",
        "position": "ผู้ประสานงานโครงการ",
        "phone": "",
        "role": Role.PARTNER,
        "partner": partner.pk,
        "is_active": "on",
        "password1": "Another-secret-2570",
        "password2": "Another-secret-2570",
    }
    data.update(extra)
    return data


def test_province_officer_creates_a_partner_user(personas, setting):
    client = personas.client_for(personas.province_officer)
    page = client.get("/accounts/users/new/").content.decode()
    assert "ภาคีการพัฒนา (ดูข้อมูลของตนเอง)" in page
    response = client.post("/accounts/users/new/", partner_user_data(setting["ours"]))
    assert response.status_code == 302
    user = User.objects.get(username="siam_staff")
    assert user.role == Role.PARTNER and user.partner == setting["ours"]
    assert user.province_id == "34" and user.district_id is None


def test_district_officer_is_not_offered_the_partner_role(personas, setting):
    client = personas.client_for(personas.district_officer)
    assert "ภาคีการพัฒนา (ดูข้อมูลของตนเอง)" not in client.get("/accounts/users/new/").content.decode()
    client.post("/accounts/users/new/", partner_user_data(setting["ours"], district="3401"))
    assert not User.objects.filter(username="siam_staff").exists()


def test_partner_must_be_in_the_managers_province(personas, setting):
    from tambonplan.accounts import services as account_services

    sisaket_partner = services.partner_create(
        user=personas.outsider,
        province=Province.objects.get(code="33"),
        name="มูลนิธิศรีสะเกษ",
        partner_type=PartnerType.CIVIL_SOCIETY,
        level=PartnerLevel.PROVINCIAL,
    )
    with pytest.raises(ValidationError):
        account_services.user_create(
            actor=personas.province_officer,
            username="wrong_partner",
            password="Another-secret-2570",
            role=Role.PARTNER,
            partner=sisaket_partner,
        )
    client = personas.client_for(personas.province_officer)
    response = client.post("/accounts/users/new/", partner_user_data(sisaket_partner))
    assert response.status_code == 200
    assert not User.objects.filter(username="siam_staff").exists()
