"""The daily ``send_notifications`` tells what became due (report deadlines, overdue plan steps, orders
needing review, open check-ins) once, and sends; ``line_stub`` listens on loopback only; ``seed_demo``'s LINE
links are marked as demo."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tambonplan.accounts.demo import seed_users
from tambonplan.notifications.demo import seed_line_links
from tambonplan.notifications.models import Delivery, LineAccount, LineGroup, Notification
from tambonplan.thai.dates import bangkok_today
from tests.committees import factories as cf
from tests.events import factories as ef
from tests.notifications.helpers import MUEANG_GROUP, MUEANG_LINE, TAMBON_LINE, WARIN_LINE, pushes
from tests.planning import factories as pf
from tests.reports import factories as rf

pytestmark = pytest.mark.django_db


def test_send_notifications_tells_what_became_due_once(linked, stub):
    circular = rf.circular(due=bangkok_today() + timedelta(days=2), districts=(pf.MUEANG, pf.WARIN))
    rf.submitted(linked.other_district_officer, circular, pf.WARIN)  # Warin has sent its report
    pf.set_due_dates()
    pf.first_step_due(bangkok_today() - timedelta(days=3))
    plan = pf.make_plan(pf.HUA_RUEA)
    cf.set_review_date()
    cf.order("kbt", pf.HUA_RUEA, signed_on=cf.BEFORE)
    event = ef.event(pf.HUA_RUEA, starts_in=timedelta(hours=3), title="ประชุมประชาคมตำบลหัวเรือ")
    out = StringIO()

    call_command("send_notifications", "--now", stdout=out)

    assert "แจ้งเตือนใหม่ถึงผู้ใช้" in out.getvalue()
    mueang = Notification.objects.filter(user=linked.district_officer)
    assert set(mueang.values_list("kind", flat=True)) >= {"report_due", "step_overdue", "order_review"}
    tambon = Notification.objects.filter(user=linked.tambon_officer)
    assert set(tambon.values_list("kind", flat=True)) == {"step_overdue", "order_review", "checkin_opened"}
    assert not Notification.objects.filter(user=linked.other_district_officer).exists()
    # LINE: the district officer's digest (report due, order review; overdue steps are off by default for a
    # district officer), the tambon officer's digest and check-in message, the district group's digest.
    (district_digest,) = pushes(stub, MUEANG_LINE)
    assert "ถึงกำหนดส่งรายงานผล" in district_digest["texts"][0]
    assert "ต้องทบทวน" in district_digest["texts"][0]
    tambon_texts = [push["texts"][0] for push in pushes(stub, TAMBON_LINE)]
    assert len(tambon_texts) == 2
    assert any(
        f"/events/{event.pk}/" in text and "เปิดลงทะเบียนด้วยคิวอาร์โค้ดแล้ว" in text for text in tambon_texts
    )
    assert any(f"/planning/steps/{pf.steps(plan)[0].pk}/" in text for text in tambon_texts)
    assert len(pushes(stub, MUEANG_GROUP)) == 1
    assert pushes(stub, WARIN_LINE) == []

    sent = len(stub.requests)
    call_command("send_notifications", "--now", stdout=StringIO())
    assert len(stub.requests) == sent
    assert not Delivery.objects.exclude(status="sent").exists()


def test_send_notifications_refuses_a_bad_date():
    with pytest.raises(CommandError, match="ไม่ถูกต้อง"):
        call_command("send_notifications", "--date", "15/12/2569", stdout=StringIO())


def test_the_line_stub_listens_on_loopback_only():
    with pytest.raises(CommandError, match="loopback only"):
        call_command("line_stub", "--host", "0.0.0.0", stdout=StringIO())


def test_seed_demo_links_the_demo_district_officers_to_demo_line_ids(db):
    seed_users()
    assert seed_line_links() == 4
    assert seed_line_links() == 0
    accounts = LineAccount.objects.select_related("user").order_by("user__username")
    assert [a.user.username for a in accounts] == ["mueang_district", "warin_district"]
    assert all(a.is_demo and len(a.line_user_id) == 33 for a in accounts)
    assert sorted(LineGroup.objects.values_list("area_code", flat=True)) == ["3401", "3415"]
    assert all(LineGroup.objects.values_list("is_demo", flat=True))
