"""ศอช. members offered as participants for a tambon: serving members of the orders in force only."""

import pytest

from tambonplan.areas.models import Tambon
from tambonplan.committees.models import MemberStatus, OrderState
from tambonplan.committees.selectors import socho_members_for_tambon
from tests.committees import factories as f


@pytest.fixture
def committees(db):
    """ศอช.ต. and ก.บ.ต. of Hua Ruea, ศอช.ต. of Nong Khon, ศอช.อ. of Mueang and of Warin, ศอช.จ. of Ubon."""
    socho_t = f.order("socho_t", f.HUA_RUEA, people=f.socho_people(10, prefix="หัวเรือ"))
    f.leave(socho_t.members.get(first_name="หัวเรือ10"), MemberStatus.RESIGNED)
    old = f.order("socho_t", f.HUA_RUEA, state=OrderState.SUPERSEDED, people=f.socho_people(9, prefix="เดิม"))
    draft = f.order("socho_t", f.HUA_RUEA, state=OrderState.DRAFT, people=f.socho_people(9, prefix="ร่าง"))
    f.order("kbt", f.HUA_RUEA)
    f.order("socho_t", f.NONG_KHON, people=f.socho_people(9, prefix="หนองขอน"))
    socho_a = f.order("socho_a", f.MUEANG, people=f.socho_people(9, prefix="อำเภอเมือง"))
    f.leave(socho_a.members.get(first_name="อำเภอเมือง2"), MemberStatus.DIED)
    f.order("socho_a", f.WARIN, people=f.socho_people(9, prefix="วาริน"))
    f.order("socho_j", f.UBON, people=f.socho_people(9, prefix="จังหวัด"))
    return {"socho_t": socho_t, "old": old, "draft": draft, "socho_a": socho_a}


def names(user, code: str = f.HUA_RUEA) -> list[str]:
    return [m.first_name for m in socho_members_for_tambon(user, Tambon.objects.get(code=code))]


EXPECTED_HUA_RUEA = [f"หัวเรือ{i}" for i in range(1, 10)] + [f"อำเภอเมือง{i}" for i in range(1, 10) if i != 2]


def test_serving_members_of_the_tambon_and_district_socho_in_force(personas, committees):
    found = names(personas.district_officer)

    # tambon level first, then district level, each in order of position
    assert sorted(found[:9]) == [f"หัวเรือ{i}" for i in range(1, 10)]
    assert found[0] == "หัวเรือ1" and found[9] == "อำเภอเมือง1"  # the chairs
    assert sorted(found) == sorted(EXPECTED_HUA_RUEA)


def test_not_kbt_members_resigned_superseded_drafts_or_other_areas(personas, committees):
    found = set(names(personas.province_officer))

    assert found == set(EXPECTED_HUA_RUEA)
    assert "สมชาย" not in found  # ก.บ.ต.
    assert "หัวเรือ10" not in found and "อำเภอเมือง2" not in found  # resigned, died
    assert not any(name.startswith(("เดิม", "ร่าง", "หนองขอน", "วาริน", "จังหวัด")) for name in found)


def test_each_member_says_which_committee_and_position(personas, committees):
    members = list(socho_members_for_tambon(personas.district_officer, Tambon.objects.get(code=f.HUA_RUEA)))

    first = members[0]
    assert (first.full_name, first.position.name_th, first.order.committee.kind.short_name) == (
        "นายหัวเรือ1 ทดสอบ",
        "ประธาน",
        "ศอช.ต.",
    )
    assert {m.order.committee.kind.code for m in members} == {"socho_t", "socho_a"}


def test_a_tambon_without_its_own_socho_gets_the_district_ones(personas, committees):
    assert sorted(names(personas.district_officer, f.NAI_MUEANG)) == sorted(
        f"อำเภอเมือง{i}" for i in range(1, 10) if i != 2
    )


def test_the_tambon_officer_gets_the_same_list_for_its_tambon(personas, committees):
    assert sorted(names(personas.tambon_officer)) == sorted(EXPECTED_HUA_RUEA)


def test_nothing_outside_the_users_area(personas, committees):
    assert names(personas.other_district_officer) == []
    assert names(personas.outsider) == []
    assert names(personas.tambon_officer, f.NAI_MUEANG) == []
