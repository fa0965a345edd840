"""Recording a recipient's answer: validation in Thai, the ledger rows it writes, the outcome it moves."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tambonplan.funding import services
from tambonplan.funding.models import ForwardingAnswer, FundingEntry
from tambonplan.planning.models import ForwardOutcome, ProjectStatus, TargetKind
from tests.funding import factories as ff
from tests.partners.funding_factories import pdf_upload
from tests.planning import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    plan = pf.make_plan(pf.HUA_RUEA)
    return pf.add_project(plan, "ขุดลอกหนองน้ำสาธารณะ", "support", budgets={pf.fiscal_year() + 1: "500000"})


def test_included_with_ordinance_money_moves_to_funded_and_writes_one_secured_entry(personas, project):
    fwd = ff.forwarding(project)
    year = pf.fiscal_year()
    answer = ff.answer(personas.tambon_officer, fwd, funding=[ff.money(year + 1, "450000", "ข้อบัญญัติ 2570")])

    fwd.refresh_from_db()
    project.refresh_from_db()
    assert fwd.outcome == ForwardOutcome.FUNDED
    assert project.status == ProjectStatus.FUNDED
    assert "เพิ่มเติม ครั้งที่ 1" in fwd.accepted_plan
    (entry,) = FundingEntry.objects.all()
    assert (entry.fiscal_year, entry.amount, entry.status) == (year + 1, Decimal("450000"), "secured")
    assert entry.source_group == "local_government"
    assert entry.source_name == "องค์การบริหารส่วนตำบลหัวเรือ"
    assert entry.local_government_id == fwd.local_government_id
    assert entry.answer == answer and entry.project_id == project.pk


def test_included_without_money_moves_to_accepted_only(personas, project):
    fwd = ff.forwarding(project)
    ff.answer(personas.tambon_officer, fwd)
    fwd.refresh_from_db()
    assert fwd.outcome == ForwardOutcome.ACCEPTED
    assert not FundingEntry.objects.exists()


def test_a_later_answer_with_money_moves_accepted_to_funded(personas, project):
    fwd = ff.forwarding(project)
    ff.answer(personas.tambon_officer, fwd)
    ff.answer(personas.tambon_officer, fwd, funding=[ff.money(pf.fiscal_year() + 1, "100000")])
    fwd.refresh_from_db()
    assert fwd.outcome == ForwardOutcome.FUNDED
    assert fwd.answers.count() == 2


def test_outcome_never_moves_back(personas, project):
    fwd = ff.forwarding(project)
    fwd.outcome = ForwardOutcome.UNDER_WAY
    fwd.save()
    ff.answer(personas.tambon_officer, fwd, funding=[ff.money(pf.fiscal_year() + 1, "1000")])
    fwd.refresh_from_db()
    assert fwd.outcome == ForwardOutcome.UNDER_WAY


def test_not_included_needs_a_reason_and_rejects(personas, project):
    fwd = ff.forwarding(project)
    fields = {"inclusion": "not_included", "amendment_kind": "", "amendment_number": None}
    with pytest.raises(ValidationError) as error:
        ff.answer(personas.tambon_officer, fwd, **fields)
    assert "เหตุผล" in str(error.value)
    ff.answer(personas.tambon_officer, fwd, reason="เกินศักยภาพงบประมาณ", **fields)
    fwd.refresh_from_db()
    assert fwd.outcome == ForwardOutcome.REJECTED
    assert fwd.reason == "เกินศักยภาพงบประมาณ"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"amendment_kind": ""}, "amendment_kind", "ลักษณะการบรรจุ"),
        ({"amendment_number": None}, "amendment_number", "ครั้งที่"),
        ({"amendment_year": None}, "amendment_year", "ปี พ.ศ."),
        ({"amendment_year": 2400}, "amendment_year", "ต้องอยู่ระหว่าง"),
        ({"answered_on": pf.today() + timedelta(days=1)}, "answered_on", "อนาคต"),
        ({"answered_on": pf.today() - timedelta(days=400)}, "answered_on", "ก่อนวันที่ส่งต่อ"),
    ],
)
def test_included_in_a_local_plan_needs_its_amendment(personas, project, fields, field, words):
    fwd = ff.forwarding(project)
    with pytest.raises(ValidationError) as error:
        ff.answer(personas.tambon_officer, fwd, **fields)
    assert field in error.value.message_dict
    assert words in " ".join(error.value.message_dict[field])
    assert not ForwardingAnswer.objects.exists()
    fwd.refresh_from_db()
    assert fwd.outcome == ForwardOutcome.PENDING


def test_the_original_plan_needs_no_amendment_number(personas, project):
    fwd = ff.forwarding(project)
    answer = ff.answer(personas.tambon_officer, fwd, amendment_kind="original", amendment_number=None)
    assert answer.amendment_number is None


def test_an_agency_needs_no_amendment_and_its_money_is_the_agencies(personas, project):
    fwd = ff.forwarding(project, kind=TargetKind.AGENCY, name="สำนักงานเกษตรจังหวัดอุบลราชธานี")
    ff.answer(
        personas.tambon_officer,
        fwd,
        amendment_kind="",
        amendment_number=None,
        amendment_year=None,
        funding=[ff.money(pf.fiscal_year() + 2, "20000", "งบพัฒนาจังหวัด")],
    )
    (entry,) = FundingEntry.objects.all()
    assert (entry.source_group, entry.source_name, entry.local_government_id) == (
        "agencies",
        "สำนักงานเกษตรจังหวัดอุบลราชธานี",
        None,
    )


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ((pf.fiscal_year() - 1, "1000", ""), "ก่อนปีของแผน"),
        ((pf.fiscal_year() + 11, "1000", ""), "เกิน 10 ปี"),
        ((pf.fiscal_year() + 1, "-5", ""), "ไม่ติดลบ"),
        ((pf.fiscal_year() + 1, "", ""), "จำนวนเงิน"),
        (("", "1000", ""), "ปีงบประมาณ"),
        ((pf.fiscal_year() + 1, "abc", ""), "จำนวนเงิน"),
    ],
)
def test_bad_money_rows_are_refused_with_their_number_and_nothing_is_written(personas, project, row, words):
    fwd = ff.forwarding(project)
    with pytest.raises(ValidationError) as error:
        ff.answer(personas.tambon_officer, fwd, funding=[(pf.fiscal_year() + 1, "10", ""), row])
    message = " ".join(error.value.message_dict["funding"])
    assert "รายการที่ 2" in message and words in message
    assert not ForwardingAnswer.objects.exists() and not FundingEntry.objects.exists()


def test_money_needs_an_inclusion(personas, project):
    fwd = ff.forwarding(project)
    with pytest.raises(ValidationError) as error:
        ff.answer(
            personas.tambon_officer, fwd, inclusion="considering", funding=[ff.money(pf.fiscal_year(), "1")]
        )
    assert "บรรจุในแผนแล้ว" in str(error.value)


def test_only_editors_of_the_area_may_record(personas, project):
    fwd = ff.forwarding(project)
    with pytest.raises(Http404):
        ff.answer(personas.other_district_officer, fwd)
    with pytest.raises(PermissionDenied):
        ff.answer(personas.viewer, fwd)
    assert not ForwardingAnswer.objects.exists()


def test_update_replaces_the_money_and_delete_keeps_the_outcome(personas, project):
    fwd = ff.forwarding(project)
    user = personas.tambon_officer
    answer = ff.answer(user, fwd, scan=pdf_upload(), funding=[ff.money(pf.fiscal_year() + 1, "100")])
    values = ff.included(plan_row="15")
    answer = services.answer_update(
        user=user,
        answer=answer,
        version=answer.version,
        funding=[ff.money(pf.fiscal_year() + 1, "300"), ff.money(pf.fiscal_year() + 2, "200")],
        **values,
    )
    assert answer.plan_row == "15" and answer.scan
    assert sorted(FundingEntry.objects.values_list("amount", flat=True)) == [Decimal(200), Decimal(300)]
    services.answer_delete(user=user, answer=answer)
    assert not FundingEntry.objects.exists() and not ForwardingAnswer.objects.exists()
    fwd.refresh_from_db()
    assert fwd.outcome == ForwardOutcome.FUNDED
