"""Builders for the funding tests: a registered local government, forwardings, answers with money."""

from datetime import timedelta
from decimal import Decimal

from tambonplan.funding import services
from tambonplan.localgov.models import LocalGovernment, LocalGovernmentKind
from tambonplan.planning.models import Forwarding, TargetKind
from tests.planning import factories as pf


def local_government(name="หัวเรือ", tambons=(pf.HUA_RUEA,), code="6340104") -> LocalGovernment:
    lg, _created = LocalGovernment.objects.get_or_create(
        code=code,
        defaults={
            "kind": LocalGovernmentKind.SAO,
            "name_th": name,
            "province_id": tambons[0][:2],
            "district_id": tambons[0][:4],
        },
    )
    lg.tambons.set(tambons)
    return lg


def forwarding(project, *, kind=TargetKind.LOCAL_GOVERNMENT, name="", lg=None, days_ago=30) -> Forwarding:
    if kind == TargetKind.LOCAL_GOVERNMENT and lg is None:
        lg = local_government(tambons=(project.plan.tambon_id,), code=f"6{project.plan.tambon_id}")
    return Forwarding.objects.create(
        project=project,
        sent_on=pf.today() - timedelta(days=days_ago),
        target_kind=kind,
        target_name=name or (lg.full_name if lg else "สำนักงานเกษตรอำเภอเมืองอุบลราชธานี"),
        local_government=lg,
    )


def included(**fields) -> dict:
    """The fields of an answer that puts the project into a local plan (addition no. 1 of the plan's year)."""
    values = {
        "answered_on": pf.today(),
        "letter_number": "อบ 71201/123",
        "inclusion": "included",
        "amendment_kind": "addition",
        "amendment_number": 1,
        "amendment_year": pf.fiscal_year(),
        "plan_row": "12",
    }
    values.update(fields)
    return values


def answer(user, forwarding_, funding=(), **fields):
    return services.answer_record(user=user, forwarding=forwarding_, funding=funding, **included(**fields))


def money(year, amount, reference="ข้อบัญญัติงบประมาณรายจ่าย") -> tuple:
    return (year, Decimal(amount), reference)
