"""Writing village plans: one plan a year with a forum of its own tambon, year and village, the committee's
approval, items, and pulling the items beyond the village into the tambon plan (one need, linked both ways,
kept in step, never pulled twice); the permissions of every write."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from tambonplan.core.concurrency import ConcurrentEditError
from tambonplan.events.models import EventKind
from tambonplan.planning.models import Need, NeedSource, TambonPlan
from tambonplan.villageplans import services
from tambonplan.villageplans.models import VillagePlan, VillagePlanItem
from tests.events import factories as ef
from tests.planning import factories as pf
from tests.villageplans import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def tambon(code=f.HUA_RUEA):
    from tambonplan.areas.models import Tambon

    return Tambon.objects.get(code=code)


# ---------------------------------------------------------------------------------------------- pulling


def test_pulling_an_item_makes_exactly_one_need_of_the_tambon_plan_linked_both_ways(personas):
    tambon_plan = pf.make_plan()
    village_plan = f.plan(moo=2)
    item = f.item(village_plan, votes=87)
    before = Need.objects.count()

    need = services.pull_into_tambon_plan(personas.tambon_officer, item)

    assert Need.objects.count() == before + 1
    assert need.plan == tambon_plan
    assert need.village == village_plan.village
    assert (need.description, need.category, need.votes) == (item.description, item.category, 87)
    assert need.source == NeedSource.VILLAGE_PLAN
    item.refresh_from_db()
    assert item.need == need
    assert Need.objects.get(pk=need.pk).village_item == item
    assert need.history.count() == 1  # recorded by planning's own service


def test_pulling_opens_the_tambon_plan_of_the_year_when_there_is_none(personas):
    item = f.item(f.plan())
    assert not TambonPlan.objects.filter(tambon_id=f.HUA_RUEA).exists()

    need = services.pull_into_tambon_plan(personas.tambon_officer, item)

    assert need.plan.tambon_id == f.HUA_RUEA and need.plan.fiscal_year == pf.fiscal_year()
    assert need.plan.steps.exists()


def test_pulling_twice_is_refused_and_makes_no_second_need(personas):
    pf.make_plan()
    item = f.item(f.plan())
    services.pull_into_tambon_plan(personas.tambon_officer, item)

    with pytest.raises(ValidationError, match="ส่งเข้าแผนพัฒนาตำบลแล้ว"):
        services.pull_into_tambon_plan(personas.tambon_officer, item)

    assert Need.objects.count() == 1


def test_items_the_village_does_itself_stay_in_the_village_plan(personas):
    pf.make_plan()
    village_plan = f.plan()
    own = f.item(village_plan, "คัดแยกขยะในครัวเรือน", class_code="community")

    with pytest.raises(ValidationError, match="ไม่ส่งเข้าแผนพัฒนาตำบล"):
        services.pull_into_tambon_plan(personas.tambon_officer, own)
    assert services.pull_all(personas.tambon_officer, tambon=tambon(), fiscal_year=pf.fiscal_year()) == 0

    assert not Need.objects.exists()
    own.refresh_from_db()
    assert own.need is None


def test_pull_all_takes_every_eligible_item_of_the_tambon_at_once(personas):
    pf.make_plan()
    first, second = f.plan(moo=1), f.plan(moo=2)
    f.item(first, "ถนนชำรุด")
    f.item(first, "ฝึกอาชีพ", class_code="joint")
    f.item(first, "คัดแยกขยะ", class_code="community")
    f.item(second, "ประปาไม่พอ")
    f.item(f.plan(moo=3, year=pf.fiscal_year() - 1), "ปีก่อน")  # another year: not this one's
    pulled_before = f.item(second, "ไฟฟ้าส่องสว่าง")
    services.pull_into_tambon_plan(personas.tambon_officer, pulled_before)

    count = services.pull_all(personas.tambon_officer, tambon=tambon(), fiscal_year=pf.fiscal_year())

    assert count == 3
    needs = Need.objects.filter(plan__fiscal_year=pf.fiscal_year())
    assert sorted(needs.values_list("description", flat=True)) == [
        "ถนนชำรุด",
        "ประปาไม่พอ",
        "ฝึกอาชีพ",
        "ไฟฟ้าส่องสว่าง",
    ]
    assert services.pull_all(personas.tambon_officer, tambon=tambon(), fiscal_year=pf.fiscal_year()) == 0


def test_pulling_one_plans_items_leaves_the_other_villages(personas):
    pf.make_plan()
    first, second = f.plan(moo=1), f.plan(moo=2)
    f.item(first, "ถนนชำรุด")
    f.item(second, "ประปาไม่พอ")

    count = services.pull_all(
        personas.tambon_officer, tambon=tambon(), fiscal_year=pf.fiscal_year(), plan=first
    )

    assert count == 1
    assert list(Need.objects.values_list("description", flat=True)) == ["ถนนชำรุด"]


def test_a_community_plans_item_becomes_a_tambon_wide_need(personas):
    pf.make_plan()
    item = f.item(f.plan(community=f.community()))

    need = services.pull_into_tambon_plan(personas.tambon_officer, item)

    assert need.village is None


# ---------------------------------------------------------------------------------------------- editing


def test_editing_a_pulled_item_changes_its_need_in_the_same_transaction(personas):
    pf.make_plan()
    item = f.item(f.plan())
    need = services.pull_into_tambon_plan(personas.tambon_officer, item)
    item.refresh_from_db()

    services.item_save(
        user=personas.tambon_officer,
        plan=item.plan,
        item=item,
        version=item.version,
        description="ถนนลูกรังเข้าพื้นที่นา",
        category=f.category("ด้านเศรษฐกิจ"),
        item_class=item.item_class,
        votes=120,
    )

    need.refresh_from_db()
    assert (need.description, need.category.name_th, need.votes) == ("ถนนลูกรังเข้าพื้นที่นา", "ด้านเศรษฐกิจ", 120)
    assert Need.objects.count() == 1
    assert need.history.count() == 2


def test_a_failing_need_update_leaves_the_item_unchanged(personas, monkeypatch):
    pf.make_plan()
    item = f.item(f.plan())
    services.pull_into_tambon_plan(personas.tambon_officer, item)
    item.refresh_from_db()

    def refuse(**kwargs):
        raise ValidationError("ไม่ผ่าน")

    monkeypatch.setattr(services.planning_services, "need_save", refuse)
    with pytest.raises(ValidationError):
        services.item_save(
            user=personas.tambon_officer, plan=item.plan, item=item, version=item.version, description="ใหม่"
        )

    item.refresh_from_db()
    assert item.description == "ถนนเข้าหมู่บ้านชำรุด ต้องการถนนคอนกรีต"


def test_a_pulled_item_cannot_become_one_the_village_does_itself(personas):
    pf.make_plan()
    item = f.item(f.plan())
    services.pull_into_tambon_plan(personas.tambon_officer, item)
    item.refresh_from_db()

    with pytest.raises(ValidationError, match="ส่งเข้าแผนพัฒนาตำบลแล้ว"):
        services.item_save(
            user=personas.tambon_officer,
            plan=item.plan,
            item=item,
            version=item.version,
            item_class=f.item_class("community"),
        )


def test_an_edit_made_on_a_stale_page_is_refused(personas):
    item = f.item(f.plan())
    stale = item.version
    services.item_save(user=personas.tambon_officer, plan=item.plan, item=item, version=stale, votes=5)

    with pytest.raises(ConcurrentEditError):
        services.item_save(user=personas.tambon_officer, plan=item.plan, item=item, version=stale, votes=6)


def test_a_joint_item_names_whom_the_village_works_with(personas):
    with pytest.raises(ValidationError, match="ร่วมกับใคร"):
        services.item_save(
            user=personas.tambon_officer,
            plan=f.plan(),
            description="ฝึกอาชีพ",
            category=f.category(),
            item_class=f.item_class("joint"),
            partner_name="",
        )


def test_deleting_a_pulled_item_takes_its_need_out_and_is_refused_while_a_project_answers_it(personas):
    tambon_plan = pf.make_plan()
    kept = f.item(f.plan(moo=1), "ถนนชำรุด")
    gone = f.item(f.plan(moo=2), "ประปาไม่พอ")
    kept_need = services.pull_into_tambon_plan(personas.tambon_officer, kept)
    gone_need = services.pull_into_tambon_plan(personas.tambon_officer, gone)
    project = pf.add_project(tambon_plan, "ก่อสร้างถนนคอนกรีต", class_code="support")
    project.needs.add(kept_need)

    with pytest.raises(ValidationError, match="ก่อสร้างถนนคอนกรีต"):
        services.item_delete(user=personas.tambon_officer, item=kept)
    services.item_delete(user=personas.tambon_officer, item=gone)

    assert VillagePlanItem.objects.filter(pk=kept.pk).exists()
    assert Need.objects.filter(pk=kept_need.pk).exists()
    assert not Need.objects.filter(pk=gone_need.pk).exists()


def test_a_plan_with_pulled_items_is_not_deleted(personas):
    pf.make_plan()
    village_plan = f.plan()
    services.pull_into_tambon_plan(personas.tambon_officer, f.item(village_plan))

    with pytest.raises(ValidationError, match="ส่งเข้าแผนพัฒนาตำบลแล้ว 1 รายการ"):
        services.plan_delete(user=personas.tambon_officer, plan=village_plan)
    other = f.plan(moo=2)
    f.item(other, class_code="community")
    services.plan_delete(user=personas.tambon_officer, plan=other)
    assert not VillagePlan.objects.filter(pk=other.pk).exists()


# ---------------------------------------------------------------------------------------------- plans


def test_a_village_has_one_plan_a_year(personas):
    village = pf.village(f.HUA_RUEA, 1)
    services.plan_create(user=personas.tambon_officer, tambon=tambon(), fiscal_year=2570, village=village)

    with pytest.raises(ValidationError, match="มีแผนของปีงบประมาณ 2570 อยู่แล้ว"):
        services.plan_create(user=personas.tambon_officer, tambon=tambon(), fiscal_year=2570, village=village)
    services.plan_create(user=personas.tambon_officer, tambon=tambon(), fiscal_year=2569, village=village)


def test_a_plan_is_of_a_village_of_its_tambon_or_of_one_of_its_communities(personas):
    with pytest.raises(ValidationError, match="หมู่บ้านต้องอยู่ในตำบล"):
        services.plan_create(
            user=personas.tambon_officer,
            tambon=tambon(),
            fiscal_year=2570,
            village=pf.village(f.NONG_KHON, 1),
        )
    with pytest.raises(ValidationError, match="อย่างใดอย่างหนึ่ง"):
        services.plan_create(user=personas.tambon_officer, tambon=tambon(), fiscal_year=2570)
    plan = services.plan_create(
        user=personas.tambon_officer, tambon=tambon(), fiscal_year=2570, community=f.community()
    )
    assert plan.community.name_th == "วัดใต้" and plan.village is None


@pytest.mark.parametrize(
    ("area", "changes", "message"),
    [
        (f"{f.HUA_RUEA}01", {"kind": EventKind.WORKSHOP}, "ไม่ใช่เวทีประชาคมหมู่บ้าน"),
        (f"{f.NONG_KHON}01", {}, "ไม่ได้จัดในตำบลของแผนนี้"),
        (f"{f.HUA_RUEA}01", {"fiscal_year": 2560}, "ปีงบประมาณ 2560"),
        (f"{f.HUA_RUEA}02", {}, "จัดสำหรับหมู่ที่ 2 ไม่ใช่หมู่ที่ 1"),
    ],
)
def test_the_forum_is_a_village_forum_of_the_plans_tambon_year_and_village(personas, area, changes, message):
    pf.village(area[:6], int(area[6:]))
    forum = ef.event(
        area, kind=changes.get("kind", EventKind.VILLAGE_FORUM), fiscal_year=changes.get("fiscal_year")
    )
    plan = f.plan()

    with pytest.raises(ValidationError, match=message):
        services.plan_update(user=personas.tambon_officer, plan=plan, version=plan.version, forum=forum)


def test_a_tambon_wide_forum_serves_every_village(personas):
    forum = f.forum(moo=None)
    plan = f.plan()

    saved = services.plan_update(user=personas.tambon_officer, plan=plan, version=plan.version, forum=forum)

    assert saved.forum == forum


def test_approval_with_minutes_neither_in_the_future_nor_before_the_forum(personas):
    forum = f.forum()
    plan = f.plan()
    today = timezone.localdate()
    officer = personas.tambon_officer

    with pytest.raises(ValidationError, match="อนาคต"):
        services.plan_update(
            user=officer, plan=plan, version=1, forum=forum, approved_on=today + timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="ก่อนวันจัดเวทีประชาคม"):
        services.plan_update(
            user=officer, plan=plan, version=1, forum=forum, approved_on=today - timedelta(days=5)
        )
    minutes = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    saved = services.plan_update(
        user=officer,
        plan=plan,
        version=1,
        forum=forum,
        approved_on=today,
        approval_note="มติเห็นชอบ",
        minutes=minutes,
    )

    assert saved.is_reviewed and saved.approval_note == "มติเห็นชอบ"
    assert saved.minutes.name.endswith(".pdf") and "minutes" not in saved.minutes.name
    with pytest.raises(ConcurrentEditError):
        services.plan_update(user=officer, plan=plan, version=1, forum=forum, approved_on=None)


def test_minutes_that_are_not_a_pdf_or_an_image_are_refused(personas):
    plan = f.plan()
    upload = SimpleUploadedFile("minutes.exe", b"MZ\x90\x00", content_type="application/octet-stream")

    with pytest.raises(ValidationError, match="ไม่ใช่ชนิดที่รับได้"):
        services.plan_update(
            user=personas.tambon_officer, plan=plan, version=1, approved_on=None, minutes=upload
        )


# ---------------------------------------------------------------------------------------------- communities


def test_the_communities_register_has_each_name_once_per_tambon(personas):
    created = services.community_save(
        user=personas.tambon_officer, tambon=tambon(), name_th=" ชุมชนวัดใต้ ", number=3
    )

    assert created.name_th == "วัดใต้" and str(created) == "ชุมชนวัดใต้"
    with pytest.raises(ValidationError, match="มีชุมชนวัดใต้ อยู่แล้ว"):
        services.community_save(user=personas.tambon_officer, tambon=tambon(), name_th="วัดใต้")
    services.community_save(user=personas.tambon_officer, tambon=tambon(f.NONG_KHON), name_th="วัดใต้")
    services.community_save(
        user=personas.tambon_officer, tambon=tambon(), community=created, name_th="วัดใต้", is_active=False
    )
    created.refresh_from_db()
    assert not created.is_active


# ---------------------------------------------------------------------------------------------- permissions


def test_other_districts_do_not_see_and_read_only_roles_do_not_change(personas):
    pf.make_plan()
    item = f.item(f.plan())

    with pytest.raises(Http404):
        services.pull_into_tambon_plan(personas.other_district_officer, item)
    with pytest.raises(PermissionDenied):
        services.pull_into_tambon_plan(personas.viewer, item)
    with pytest.raises(PermissionDenied):
        services.item_delete(user=personas.viewer, item=item)
    with pytest.raises(Http404):
        services.community_save(user=personas.outsider, tambon=tambon(), name_th="นอกพื้นที่")
    with pytest.raises(PermissionDenied):
        services.pull_all(personas.viewer, tambon=tambon(), fiscal_year=pf.fiscal_year())

    item.refresh_from_db()
    assert item.need is None and not Need.objects.exists()
