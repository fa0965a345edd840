"""Commitments: what they require by kind, the partner's province, the document checked by content, the legal
status moves (every illegal one refused, nothing changed), and who may write them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tambonplan.partners import commitments as services
from tambonplan.partners.models import Commitment, CommitmentKind, CommitmentStatus, PartnerType
from tambonplan.thai.dates import be_date_long
from tests.partners import funding_factories as ff
from tests.planning import factories as pf

S = CommitmentStatus
LEGAL = {
    (S.PROPOSED, S.PLEDGED),
    (S.PLEDGED, S.APPROVED),
    (S.APPROVED, S.DELIVERED),
    (S.PROPOSED, S.CANCELLED),
    (S.PLEDGED, S.CANCELLED),
    (S.APPROVED, S.CANCELLED),
}
DATE_FIELDS = ("proposed_on", "pledged_on", "approved_on", "delivered_on", "cancelled_on")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def project(db):
    plan = pf.make_plan(pf.HUA_RUEA)
    return pf.add_project(plan, budgets={plan.fiscal_year: "100000"})


@pytest.fixture
def partner(db):
    return ff.partner()


def create(user, project, partner, **fields):
    fields.setdefault("kind", CommitmentKind.BUDGET)
    return services.commitment_create(user=user, project=project, partner=partner, **fields)


def test_budget_commitment_is_proposed_for_the_plans_year(personas, project, partner):
    c = create(personas.district_officer, project, partner, amount=Decimal("50000"), note=" ร่วมสมทบ ")

    assert c.status == S.PROPOSED
    assert c.fiscal_year == project.plan.fiscal_year
    assert c.proposed_on == pf.today()
    assert c.value == Decimal("50000")
    assert c.note == "ร่วมสมทบ"


def test_budget_kind_requires_an_amount(personas, project, partner):
    with pytest.raises(ValidationError) as error:
        create(personas.district_officer, project, partner, amount=None)
    assert "amount" in error.value.message_dict
    assert not Commitment.objects.exists()


@pytest.mark.parametrize("kind", [k for k in CommitmentKind.values if k != CommitmentKind.BUDGET])
def test_in_kind_requires_a_description_and_a_value(personas, project, partner, kind):
    with pytest.raises(ValidationError) as error:
        create(personas.district_officer, project, partner, kind=kind, amount=Decimal(5))
    assert set(error.value.message_dict) == {"in_kind_description", "estimated_value"}
    c = create(
        personas.district_officer,
        project,
        partner,
        kind=kind,
        amount=Decimal(5),
        in_kind_description="รถขุด 3 วัน",
        estimated_value=Decimal("30000"),
    )
    assert c.amount is None  # an in-kind commitment carries no money amount
    assert c.value == Decimal("30000")


def test_the_partner_must_be_of_the_projects_province(personas, project):
    sisaket = ff.partner("มูลนิธิศรีสะเกษ", province=ff.SISAKET)
    with pytest.raises(ValidationError) as error:
        create(personas.district_officer, project, sisaket, amount=Decimal(1))
    assert "จังหวัดเดียวกับโครงการ" in str(error.value)


def test_the_document_is_checked_by_its_content(personas, project, partner):
    with pytest.raises(ValidationError):
        create(personas.district_officer, project, partner, amount=Decimal(1), document=ff.fake_pdf())
    assert not Commitment.objects.exists()
    c = create(personas.district_officer, project, partner, amount=Decimal(1), document=ff.pdf_upload())
    assert c.document.name.endswith(".pdf")
    assert "mou" not in c.document.name  # stored under a random name
    scan = create(
        personas.district_officer, project, partner, amount=Decimal(1), document=ff.image_upload("x.pdf")
    )
    assert scan.document.name.endswith(".png")


def test_the_legal_path_stamps_each_date(personas, project, partner):
    proposed = pf.today() - timedelta(days=30)
    c = create(personas.district_officer, project, partner, amount=Decimal(1), proposed_on=proposed)
    days = {S.PLEDGED: pf.today() - timedelta(days=20), S.APPROVED: pf.today() - timedelta(days=5)}
    for status in (S.PLEDGED, S.APPROVED, S.DELIVERED):
        c = services.commitment_transition(
            user=personas.district_officer, commitment=c, to_status=status, on_date=days.get(status)
        )
        assert c.status == status
    assert (c.pledged_on, c.approved_on, c.delivered_on) == (days[S.PLEDGED], days[S.APPROVED], pf.today())
    assert c.cancelled_on is None


@pytest.mark.parametrize("start", S.values)
@pytest.mark.parametrize("target", S.values)
def test_every_illegal_move_is_refused_and_changes_nothing(personas, project, partner, start, target):
    c = ff.commitment(project, partner, status=start)
    if (start, target) in LEGAL:
        moved = services.commitment_transition(user=personas.district_officer, commitment=c, to_status=target)
        assert moved.status == target
        assert getattr(moved, f"{target}_on") == pf.today()
        return
    before = Commitment.objects.values(*DATE_FIELDS, "status", "version").get(pk=c.pk)
    with pytest.raises(ValidationError) as error:
        services.commitment_transition(user=personas.district_officer, commitment=c, to_status=target)
    message = " ".join(error.value.messages)
    assert str(S(start).label) in message and str(S(target).label) in message
    assert Commitment.objects.values(*DATE_FIELDS, "status", "version").get(pk=c.pk) == before


def test_an_unknown_status_is_refused(personas, project, partner):
    c = ff.commitment(project, partner)
    with pytest.raises(ValidationError):
        services.commitment_transition(user=personas.district_officer, commitment=c, to_status="paid")


def test_a_future_date_is_refused(personas, project, partner):
    c = ff.commitment(project, partner)
    with pytest.raises(ValidationError):
        services.commitment_transition(
            user=personas.district_officer,
            commitment=c,
            to_status=S.PLEDGED,
            on_date=pf.today() + timedelta(days=1),
        )
    assert Commitment.objects.get(pk=c.pk).status == S.PROPOSED


def test_update_changes_kind_and_bumps_the_version(personas, project, partner):
    c = create(personas.district_officer, project, partner, amount=Decimal(100))
    other = ff.partner("บริษัท อุบลพัฒนาการเกษตร จำกัด", PartnerType.PRIVATE)
    updated = services.commitment_update(
        user=personas.tambon_officer,
        commitment=c,
        partner=other,
        kind=CommitmentKind.LABOUR,
        in_kind_description="แรงงานจิตอาสา",
        estimated_value=Decimal("8000"),
        fiscal_year=c.fiscal_year,
        proposed_on=c.proposed_on,
        version=c.version,
    )
    assert (updated.partner, updated.amount, updated.value, updated.version) == (
        other,
        None,
        Decimal(8000),
        2,
    )


def test_scope_other_district_404_viewer_403(personas, project, partner):
    with pytest.raises(Http404):
        create(personas.other_district_officer, project, partner, amount=Decimal(1))
    with pytest.raises(PermissionDenied):
        create(personas.viewer, project, partner, amount=Decimal(1))
    c = ff.commitment(project, partner)
    with pytest.raises(Http404):
        services.commitment_transition(user=personas.outsider, commitment=c, to_status=S.PLEDGED)
    with pytest.raises(PermissionDenied):
        services.commitment_transition(user=personas.viewer, commitment=c, to_status=S.PLEDGED)
    assert Commitment.objects.get(pk=c.pk).status == S.PROPOSED
    assert services.commitment_transition(user=personas.tambon_officer, commitment=c, to_status=S.PLEDGED)


def _approve(user, c, on_date=None):
    for status in (S.PLEDGED, S.APPROVED):
        c = services.commitment_transition(user=user, commitment=c, to_status=status, on_date=on_date)
    return c


def test_an_approval_over_the_need_warns_and_goes_through(personas, partner):
    plan = pf.make_plan(pf.HUA_RUEA)
    project = pf.add_project(plan, "ซ่อมถนน", budgets={plan.fiscal_year: "450000"})
    user = personas.district_officer
    first = _approve(user, create(user, project, partner, amount=Decimal(300000)))
    assert services.over_need_warning(first) == ""
    second = _approve(user, create(user, project, partner, amount=Decimal(400000)))
    assert second.status == S.APPROVED  # the approval still goes through
    warning = services.over_need_warning(second)
    assert "เกินความต้องการ 250,000 บาท" in warning
    assert "700,000" in warning and "450,000" in warning


def test_a_pledged_date_before_the_proposed_date_is_refused(personas, project, partner):
    proposed = pf.today() - timedelta(days=3)
    c = create(personas.district_officer, project, partner, amount=Decimal(1), proposed_on=proposed)
    with pytest.raises(ValidationError) as error:
        services.commitment_transition(
            user=personas.district_officer,
            commitment=c,
            to_status=S.PLEDGED,
            on_date=proposed - timedelta(days=1),
        )
    message = " ".join(error.value.messages)
    assert be_date_long(proposed) in message and be_date_long(proposed - timedelta(days=1)) in message
    assert "รับปาก" in message and "เสนอขอ" in message
    assert Commitment.objects.get(pk=c.pk).status == S.PROPOSED
    same_day = services.commitment_transition(
        user=personas.district_officer, commitment=c, to_status=S.PLEDGED, on_date=proposed
    )
    assert same_day.pledged_on == proposed


def test_a_proposed_date_after_the_pledged_date_is_refused_on_edit(personas, project, partner):
    proposed, pledged = pf.today() - timedelta(days=5), pf.today() - timedelta(days=3)
    c = create(personas.district_officer, project, partner, amount=Decimal(1), proposed_on=proposed)
    c = services.commitment_transition(
        user=personas.district_officer, commitment=c, to_status=S.PLEDGED, on_date=pledged
    )
    later = pf.today() - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.commitment_update(
            user=personas.district_officer,
            commitment=c,
            partner=partner,
            kind=CommitmentKind.BUDGET,
            amount=Decimal(1),
            fiscal_year=c.fiscal_year,
            proposed_on=later,
        )
    assert "proposed_on" in error.value.message_dict
    message = " ".join(error.value.messages)
    assert be_date_long(later) in message and be_date_long(pledged) in message
    assert Commitment.objects.get(pk=c.pk).proposed_on == proposed
