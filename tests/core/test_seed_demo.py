"""`manage.py seed_demo`: demo logins and villages for Ubon Ratchathani, for development only."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tambonplan.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from tambonplan.accounts.models import User
from tambonplan.areas.models import Tambon, Village

LOGIN_LINE = re.compile(r"^(\w+) username=(\S+) password=(\S+)$")


def seed(**options) -> list[str]:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue().splitlines()


def test_seed_demo_prints_one_login_per_persona_and_creates_ubon_villages(db, settings):
    settings.DEBUG = True

    lines = seed()

    logins = [LOGIN_LINE.match(line).groups() for line in lines if LOGIN_LINE.match(line)]
    assert logins == [(str(demo.role), demo.username, DEMO_PASSWORD) for demo in DEMO_USERS]
    assert {role for role, _name, _password in logins} == {
        "admin",
        "department",
        "province",
        "district",
        "tambon",
        "viewer",
        "partner",
    }
    assert User.objects.get(username="huaruea_partner").partner.name == "วิสาหกิจชุมชนกลุ่มทอผ้าไหมบ้านหัวเรือ"
    villages = Village.objects.all()
    assert villages.count() > 0
    assert not villages.exclude(tambon__district__province_id="34").exists()
    ubon_tambons = Tambon.objects.active().filter(district__province_id="34")
    assert villages.values("tambon").distinct().count() == ubon_tambons.count() == 219
    created = re.search(r"^villages created=(\d+) updated=0 unchanged=0$", "\n".join(lines), re.M)
    assert created and int(created[1]) == villages.count()

    assert Client().login(username="huaruea_tambon", password=DEMO_PASSWORD)
    tambon_officer = User.objects.get(username="huaruea_tambon")
    assert sorted(tambon_officer.tambons.values_list("code", flat=True)) == ["340104", "340105"]


def test_seed_demo_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        seed()

    assert not User.objects.exists()
    assert not Village.objects.exists()


def test_seed_demo_runs_with_force_when_debug_is_off(db, settings):
    settings.DEBUG = False

    lines = seed(force=True)

    assert sum(1 for line in lines if LOGIN_LINE.match(line)) == len(DEMO_USERS)
    # Besides the demo logins, only the reporting accounts of the demo district reports, which cannot log in.
    others = User.objects.exclude(username__in=[demo.username for demo in DEMO_USERS])
    assert User.objects.count() - others.count() == len(DEMO_USERS)
    assert all(not user.has_usable_password() and user.role == "district" for user in others)


def test_seed_demo_twice_is_fine(db, settings):
    settings.DEBUG = True
    seed()
    villages, users = Village.objects.count(), User.objects.count()

    lines = seed()

    assert f"villages created=0 updated=0 unchanged={villages}" in lines
    assert "district reports created=0" in lines
    assert Village.objects.count() == villages
    assert User.objects.count() == users
    assert Client().login(username="admin", password=DEMO_PASSWORD)
