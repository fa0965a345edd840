"""The village plan pages through the web client: the tambon's villages (with those without a plan), a plan
with its items and the pull buttons, the links both ways with the tambon plan's page, the forms typed as Thai
users type; other districts get 404, read-only roles 403."""

import html
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tambonplan.planning.models import Need
from tambonplan.villageplans import services
from tambonplan.villageplans.models import VillagePlan, VillagePlanItem
from tests.planning import factories as pf
from tests.villageplans import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def thai_date(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


def tambon_url(year=None):
    return reverse("villageplans:tambon", args=[f.HUA_RUEA]) + f"?year={year or pf.fiscal_year()}"


def test_the_tambon_page_lists_every_village_with_its_forum_approval_and_items(personas, ubon_villages):
    forum = f.forum(moo=1)
    first = f.plan(moo=1, forum=forum, approved_on=timezone.localdate())
    f.item(first, "ถนนชำรุด")
    f.item(first, "คัดแยกขยะ", class_code="community")
    client = personas.client_for(personas.tambon_officer)

    response = client.get(tambon_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("events:detail", args=[forum.pk]) in page
    rows = re.findall(r'<tr data-moo="(\d)">(.*?)</tr>', page, re.S)
    assert [moo for moo, _row in rows] == ["1", "2", "3"]
    assert "ยังไม่มีแผน" not in rows[0][1] and "ยังไม่มีแผน" in rows[1][1] and "ยังไม่มีแผน" in rows[2][1]
    assert 'data-figure="pulled">0/1<' in rows[0][1]
    assert 'data-figure="reviewed">1/3<' in page
    assert "table-stack" in page and 'data-label="เวทีประชาคม"' in page  # stacked cards on a phone
    assert "ส่งทุกรายการเข้าแผนพัฒนาตำบล" in page


def test_pulling_from_the_plan_page_links_the_item_and_the_tambon_plans_need_both_ways(
    personas, ubon_villages
):
    tambon_plan = pf.make_plan()
    plan = f.plan(moo=2, approved_on=timezone.localdate())
    support = f.item(plan, "ถนนชำรุด")
    f.item(plan, "คัดแยกขยะ", class_code="community")
    client = personas.client_for(personas.tambon_officer)
    page = client.get(reverse("villageplans:plan", args=[plan.pk])).content.decode()
    assert page.count("data-pull=") == 1 and f'data-pull="{support.pk}"' in page

    response = client.post(reverse("villageplans:item_pull", args=[support.pk]), follow=True)

    need = Need.objects.get()
    assert "ส่ง 'ถนนชำรุด' เข้าแผนพัฒนาตำบลแล้ว" in text(response)
    assert (
        f"{reverse('planning:plan', args=[tambon_plan.pk])}#village-need-{need.pk}"
        in response.content.decode()
    )
    assert "data-pull=" not in response.content.decode()
    plan_page = client.get(reverse("planning:plan", args=[tambon_plan.pk])).content.decode()
    assert f'id="village-need-{need.pk}"' in plan_page
    assert "จากแผนพัฒนาหมู่บ้าน หมู่ที่ 2" in text(client.get(reverse("planning:plan", args=[tambon_plan.pk])))
    assert reverse("villageplans:plan", args=[plan.pk]) in plan_page
    assert "แผนพัฒนาหมู่บ้าน (1/3 ผ่านการทบทวน)" in text(
        client.get(reverse("planning:plan", args=[tambon_plan.pk]))
    )
    assert tambon_url(tambon_plan.fiscal_year) in plan_page


def test_the_tambon_plan_page_reads_the_village_items_once(personas, ubon_villages):
    tambon_plan = pf.make_plan()
    plans = [f.plan(moo=moo) for moo in (1, 2, 3)]
    for plan in plans:
        services.pull_into_tambon_plan(personas.tambon_officer, f.item(plan, f"รายการ {plan.pk}"))
    client = personas.client_for(personas.tambon_officer)
    url = reverse("planning:plan", args=[tambon_plan.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    services.pull_into_tambon_plan(personas.tambon_officer, f.item(plans[0], "รายการเพิ่ม"))
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(three)


def test_pull_all_of_the_tambon_from_its_page(personas, ubon_villages):
    pf.make_plan()
    f.item(f.plan(moo=1), "ถนนชำรุด")
    f.item(f.plan(moo=2), "ประปา", class_code="joint")
    client = personas.client_for(personas.district_officer)

    response = client.post(
        reverse("villageplans:pull_tambon", args=[f.HUA_RUEA]), {"year": pf.fiscal_year()}, follow=True
    )

    assert "ส่งเข้าแผนพัฒนาตำบลแล้ว 2 รายการ" in text(response)
    assert Need.objects.count() == 2


def test_creating_a_plan_approving_it_with_minutes_and_adding_an_item_as_typed(personas, ubon_villages):
    forum = f.forum(moo=3)
    client = personas.client_for(personas.tambon_officer)
    create = reverse("villageplans:plan_create", args=[f.HUA_RUEA])
    assert client.get(create + f"?village={f.HUA_RUEA}03").status_code == 200

    response = client.post(
        create, {"place": f"v:{f.HUA_RUEA}03", "fiscal_year": pf.fiscal_year(), "forum": str(forum.pk)}
    )

    plan = VillagePlan.objects.get()
    assert response.status_code == 302 and plan.village.moo == 3 and plan.forum == forum
    today = timezone.localdate()
    minutes = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    response = client.post(
        reverse("villageplans:plan_edit", args=[plan.pk]),
        {
            "forum": str(forum.pk),
            "approved_on": thai_date(today),
            "approval_note": "มติเห็นชอบ",
            "minutes": minutes,
            "version": "๑",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.approved_on == today and plan.minutes
    assert client.get(reverse("villageplans:minutes", args=[plan.pk])).status_code == 200
    response = client.post(
        reverse("villageplans:item_create", args=[plan.pk]),
        {
            "description": "ถนนเข้าพื้นที่นา",
            "category": str(f.category().pk),
            "item_class": str(f.item_class("support").pk),
            "partner_name": "อบต.หัวเรือ",
            "estimated_budget": "๔๕๐,๐๐๐",
            "priority": "๑",
            "votes": "๘๗",
        },
    )
    assert response.status_code == 302
    item = VillagePlanItem.objects.get()
    assert (item.estimated_budget, item.votes, item.priority) == (450000, 87, 1)


def test_a_forum_of_another_village_is_refused_with_a_thai_message(personas, ubon_villages):
    plan = f.plan(moo=1)
    forum = f.forum(moo=2)
    client = personas.client_for(personas.tambon_officer)

    response = client.post(
        reverse("villageplans:plan_edit", args=[plan.pk]), {"forum": str(forum.pk), "version": "1"}
    )

    assert response.status_code == 200
    assert "จัดสำหรับหมู่ที่ 2 ไม่ใช่หมู่ที่ 1" in text(response)


def test_approving_before_the_forum_is_refused(personas, ubon_villages):
    forum = f.forum(moo=1)
    plan = f.plan(moo=1, forum=forum)
    client = personas.client_for(personas.tambon_officer)

    response = client.post(
        reverse("villageplans:plan_edit", args=[plan.pk]),
        {
            "forum": str(forum.pk),
            "approved_on": thai_date(timezone.localdate() - timedelta(days=9)),
            "version": "1",
        },
    )

    assert "ต้องไม่ก่อนวันจัดเวทีประชาคม" in text(response)


def test_editing_a_pulled_item_on_its_page_changes_the_need_too(personas, ubon_villages):
    pf.make_plan()
    item = f.item(f.plan())
    need = services.pull_into_tambon_plan(personas.tambon_officer, item)
    item.refresh_from_db()
    client = personas.client_for(personas.tambon_officer)
    url = reverse("villageplans:item_edit", args=[item.pk])
    assert "ปรับปัญหา/ความต้องการในแผนพัฒนาตำบลไปพร้อมกัน" in text(client.get(url))

    client.post(
        url,
        {
            "description": "ถนนคอนกรีตสายใหม่",
            "category": str(item.category_id),
            "item_class": str(item.item_class_id),
            "votes": "10",
            "version": str(item.version),
        },
    )

    need.refresh_from_db()
    assert need.description == "ถนนคอนกรีตสายใหม่" and need.votes == 10


def test_deleting_an_item_whose_need_a_project_answers_is_refused_on_the_page(personas, ubon_villages):
    tambon_plan = pf.make_plan()
    item = f.item(f.plan())
    need = services.pull_into_tambon_plan(personas.tambon_officer, item)
    pf.add_project(tambon_plan, "ก่อสร้างถนน", class_code="support").needs.add(need)
    client = personas.client_for(personas.tambon_officer)

    response = client.post(reverse("villageplans:item_delete", args=[item.pk]), follow=True)

    assert "ลบไม่ได้" in text(response)
    assert VillagePlanItem.objects.filter(pk=item.pk).exists()


def test_communities_register_and_their_row_on_the_tambon_page(personas, ubon_villages):
    client = personas.client_for(personas.tambon_officer)
    url = reverse("villageplans:communities", args=[f.HUA_RUEA])

    client.post(url, {"name_th": "วัดใต้", "number": "๑", "is_active": "on"})

    assert "ชุมชนวัดใต้" in text(client.get(url))
    page = client.get(tambon_url()).content.decode()
    assert "data-community=" in page and "ชุมชนวัดใต้" in page


def test_other_districts_get_404_and_read_only_roles_403_on_changes(personas, ubon_villages):
    pf.make_plan()
    plan = f.plan()
    item = f.item(plan)
    other = personas.client_for(personas.other_district_officer)
    viewer = personas.client_for(personas.viewer)

    for url in (
        tambon_url(),
        reverse("villageplans:plan", args=[plan.pk]),
        reverse("villageplans:item_edit", args=[item.pk]),
        reverse("villageplans:communities", args=[f.HUA_RUEA]),
    ):
        assert other.get(url).status_code == 404, url
    assert other.post(reverse("villageplans:item_pull", args=[item.pk])).status_code == 404

    page = viewer.get(reverse("villageplans:plan", args=[plan.pk]))
    assert page.status_code == 200 and "data-pull=" not in page.content.decode()
    assert viewer.post(reverse("villageplans:item_pull", args=[item.pk])).status_code == 403
    assert viewer.get(reverse("villageplans:item_edit", args=[item.pk])).status_code == 403
    assert viewer.post(reverse("villageplans:plan_delete", args=[plan.pk])).status_code == 403
    assert viewer.post(reverse("villageplans:pull_tambon", args=[f.HUA_RUEA])).status_code == 403
    assert not Need.objects.exists()


def test_the_district_page_counts_reviewed_villages_per_tambon(personas, ubon_villages):
    f.plan(moo=1, approved_on=timezone.localdate())
    client = personas.client_for(personas.district_officer)

    response = client.get(reverse("villageplans:district", args=["3401"]) + f"?year={pf.fiscal_year()}")

    row = re.search(rf'<tr data-tambon="{f.HUA_RUEA}">(.*?)</tr>', response.content.decode(), re.S)[1]
    assert 'data-figure="reviewed">1<' in row
    assert client.get(reverse("villageplans:index")).url == reverse("villageplans:district", args=["3401"])


def test_the_import_page_reports_bad_rows_and_writes_nothing(personas, ubon_villages):
    client = personas.client_for(personas.tambon_officer)
    url = reverse("villageplans:import", args=[f.HUA_RUEA]) + f"?year={pf.fiscal_year()}"
    upload = SimpleUploadedFile(
        "plans.csv",
        "หมู่ที่,ปัญหา/ความต้องการ/โครงการ,ด้าน,ประเภท\n9,ถนน,ด้านโครงสร้างพื้นฐาน,ทำเอง\n".encode(),
        content_type="text/csv",
    )

    response = client.post(url, {"file": upload})

    assert "ไม่มีหมู่ที่ 9" in text(response)
    assert not VillagePlan.objects.exists()
    template = client.get(reverse("villageplans:import_template", args=[f.HUA_RUEA]))
    assert template.status_code == 200 and template["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
