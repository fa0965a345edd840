"""Phone numbers of committee members and event attendees: the officers who work with them see them; the
read-only roles see names only; everyone outside the area sees nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.committees import factories as f
from tests.conftest import make_user
from tests.events import factories as ef

pytestmark = pytest.mark.django_db

HUA_RUEA = "340104"


@pytest.fixture
def order():
    made = f.order("kbt", HUA_RUEA)
    member = made.members.order_by("sort_order").first()
    return made, member


@pytest.mark.parametrize(("persona", "sees_phone"), [
    ("district_officer", True),
    ("tambon_officer", True),
    ("province_officer", True),
    ("viewer", False),
])  # fmt: skip
def test_member_phones_only_for_the_officers(personas, order, persona, sees_phone):
    made, member = order
    client = personas.client_for(getattr(personas, persona))
    for url in (
        reverse("committees:committee", args=["kbt", HUA_RUEA]),
        reverse("committees:order", args=[made.pk]),
    ):
        page = client.get(url).content.decode()
        assert member.first_name in page
        assert (member.phone in page) is sees_phone


def test_the_department_sees_names_not_phones(personas, order):
    made, member = order
    page = personas.client_for(make_user("cdd", "department")).get(
        reverse("committees:order", args=[made.pk])
    )
    assert member.first_name in page.content.decode() and member.phone not in page.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "other_district_officer"])
def test_outside_the_area_nothing(personas, order, persona):
    made, _member = order
    client = personas.client_for(getattr(personas, persona))
    assert client.get(reverse("committees:order", args=[made.pk])).status_code == 404


@pytest.mark.parametrize(("persona", "sees_phone"), [("district_officer", True), ("viewer", False)])
def test_attendee_phones_only_for_the_officers(personas, persona, sees_phone):
    event = ef.event(HUA_RUEA, starts_in=timedelta(hours=-2))
    ef.attendee(event, "นางสมใจ ใจดี", phone="0812345678")
    page = personas.client_for(getattr(personas, persona)).get(reverse("events:detail", args=[event.pk]))
    text = page.content.decode()
    assert "นางสมใจ ใจดี" in text
    assert ("0812345678" in text) is sees_phone
