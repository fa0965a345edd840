"""A partner commitment's ledger entry follows it through every write: none while proposed or cancelled,
pledged, then secured; its value, year, source group and partner; the data migration's rule; bulk paths."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tambonplan.funding.ledger import entries_for_commitments, record_commitment
from tambonplan.funding.models import FundingEntry
from tambonplan.partners import commitments as services
from tambonplan.partners.models import Commitment, CommitmentKind, PartnerType
from tests.partners import funding_factories as pff
from tests.planning import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def project():
    plan = pf.make_plan(pf.HUA_RUEA)
    return pf.add_project(plan, budgets={plan.fiscal_year: "100000"})


def entry_of(commitment):
    return FundingEntry.objects.filter(commitment=commitment).first()


def test_the_entry_follows_the_commitment_through_its_life(personas, project):
    user = personas.district_officer
    partner = pff.partner("บริษัทน้ำตาลอุบล", PartnerType.PRIVATE)
    c = services.commitment_create(
        user=user, project=project, partner=partner, kind=CommitmentKind.BUDGET, amount=Decimal("50000")
    )
    assert entry_of(c) is None  # proposed: no money yet

    c = services.commitment_transition(user=user, commitment=c, to_status="pledged")
    entry = entry_of(c)
    assert (entry.status, entry.amount, entry.fiscal_year) == ("pledged", Decimal("50000"), c.fiscal_year)
    assert (entry.source_group, entry.source_name, entry.partner_id) == ("partners", partner.name, partner.pk)
    assert entry.project_id == project.pk and entry.answer_id is None

    c = services.commitment_transition(user=user, commitment=c, to_status="approved")
    assert entry_of(c).status == "secured"
    c = services.commitment_update(
        user=user,
        commitment=c,
        partner=partner,
        kind=CommitmentKind.MATERIALS,
        in_kind_description="ปูนซีเมนต์ 200 ถุง",
        estimated_value=Decimal("30000"),
        fiscal_year=project.plan.fiscal_year + 1,
        proposed_on=c.proposed_on,
    )
    entry = entry_of(c)
    assert (entry.amount, entry.fiscal_year, entry.status) == (
        Decimal("30000"),
        project.plan.fiscal_year + 1,
        "secured",
    )
    assert entry.reference == "วัสดุ: ปูนซีเมนต์ 200 ถุง"
    c = services.commitment_transition(user=user, commitment=c, to_status="delivered")
    assert entry_of(c).status == "secured"
    assert FundingEntry.objects.count() == 1


def test_cancelling_removes_the_entry(personas, project):
    user = personas.district_officer
    c = services.commitment_create(
        user=user, project=project, partner=pff.partner(), kind=CommitmentKind.BUDGET, amount=Decimal("10")
    )
    services.commitment_transition(user=user, commitment=c, to_status="pledged")
    assert FundingEntry.objects.count() == 1
    services.commitment_transition(user=user, commitment=c, to_status="cancelled")
    assert not FundingEntry.objects.exists()


@pytest.mark.parametrize(
    ("ptype", "group"),
    [
        (PartnerType.COMMUNITY, "community"),
        (PartnerType.LOCAL_GOVERNMENT, "local_government"),
        (PartnerType.GOVERNMENT, "agencies"),
        (PartnerType.ACADEMIC, "agencies"),
        (PartnerType.INTERNATIONAL, "agencies"),
        (PartnerType.PRIVATE, "partners"),
        (PartnerType.CIVIL_SOCIETY, "partners"),
        (PartnerType.RELIGIOUS, "partners"),
    ],
)
def test_the_source_group_is_the_partner_types(project, ptype, group):
    c = pff.commitment(project, pff.partner(f"ภาคี {ptype}", ptype), status="approved")
    assert entry_of(c).source_group == group


def test_a_commitment_before_the_plans_year_is_refused(personas, project):
    with pytest.raises(ValidationError) as error:
        services.commitment_create(
            user=personas.district_officer,
            project=project,
            partner=pff.partner(),
            kind=CommitmentKind.BUDGET,
            amount=Decimal("1"),
            fiscal_year=project.plan.fiscal_year - 1,
        )
    assert "ก่อนปีของแผน" in str(error.value)
    assert not Commitment.objects.exists()


def test_record_commitment_is_idempotent_and_bulk_entries_match(project):
    partner = pff.partner()
    made = [
        Commitment(
            project=project,
            partner=partner,
            fiscal_year=project.plan.fiscal_year,
            kind="budget",
            amount=Decimal(amount),
            status=status,
        )
        for amount, status in (("1", "proposed"), ("2", "pledged"), ("3", "approved"), ("4", "cancelled"))
    ]
    made = Commitment.objects.bulk_create(made)
    FundingEntry.objects.bulk_create(entries_for_commitments(made))
    bulk = sorted(FundingEntry.objects.values_list("amount", "status"))
    assert bulk == [(Decimal(2), "pledged"), (Decimal(3), "secured")]
    for c in made:
        record_commitment(c)
    assert sorted(FundingEntry.objects.values_list("amount", "status")) == bulk


def test_the_data_migration_writes_the_entries_of_existing_commitments(project):
    """The migration's rule (funding 0004) is the ledger's: run its function on commitments without entries."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("tambonplan.funding.migrations.0004_ledger_of_commitments")
    partner = pff.partner("อบต.หัวเรือ", PartnerType.LOCAL_GOVERNMENT)
    for status in ("proposed", "pledged", "approved", "delivered", "cancelled"):
        Commitment.objects.create(
            project=project,
            partner=partner,
            fiscal_year=project.plan.fiscal_year,
            kind="labour",
            in_kind_description="แรงงาน 10 คน",
            estimated_value=Decimal("700"),
            status=status,
        )
    migration.forwards(apps, None)
    expected = sorted(record_commitment(c) is not None for c in Commitment.objects.all())
    assert expected.count(True) == 3
    rows = sorted(FundingEntry.objects.values_list("status", "source_group", "amount", "reference"))
    assert rows == [
        ("pledged", "local_government", Decimal(700), "แรงงาน: แรงงาน 10 คน"),
        ("secured", "local_government", Decimal(700), "แรงงาน: แรงงาน 10 คน"),
        ("secured", "local_government", Decimal(700), "แรงงาน: แรงงาน 10 คน"),
    ]
