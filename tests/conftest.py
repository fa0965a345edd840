"""Shared fixtures: the real areas of Thailand loaded once per test database, and the personas.

Personas (as in the developers' guide): a provincial officer of Ubon Ratchathani, a district officer
of Mueang Ubon, a tambon CD officer (Hua Ruea and Nong Khon), an officer of another district (Warin
Chamrap), a read-only viewer of the province, and an outsider (a provincial officer of Si Sa Ket).
"""

from dataclasses import dataclass

import pytest
from django.test import Client, override_settings

from tambonplan.accounts.models import Role, User
from tambonplan.areas.models import Tambon, Village
from tambonplan.areas.services import areas_load

PASSWORD = "Test-password-2569"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The personas' passwords hashed with a fast hasher: PBKDF2 costs about half a second per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def public_site_url(settings):
    """The site's address as in production: tests run with DEBUG off, where documents print QR codes only for
    a SITE_URL reachable from outside (core/site_url.py), so the default 127.0.0.1 would be refused."""
    settings.SITE_URL = "https://tambonplan.example"


@pytest.fixture(scope="session", autouse=True)
def media_root_per_worker(tmp_path_factory):
    """Uploaded files of this test process in a folder of its own: parallel workers (pytest-xdist) never see
    each other's files (the backup tests compare the media folder before and after)."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        areas_load()


def make_user(username: str, role: str, *, province=None, district=None, tambons=()) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        first_name=username,
        last_name="ทดสอบ",
        province_id=province or (district[:2] if district else None),
        district_id=district,
    )
    user.tambons.set(tambons)
    return user


@dataclass
class Personas:
    province_officer: User
    district_officer: User
    tambon_officer: User
    other_district_officer: User
    viewer: User
    outsider: User

    def client_for(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture
def personas(db) -> Personas:
    return Personas(
        province_officer=make_user("ubon_province", Role.PROVINCE, province="34"),
        district_officer=make_user("mueang_district", Role.DISTRICT, district="3401"),
        tambon_officer=make_user(
            "huaruea_tambon", Role.TAMBON, district="3401", tambons=["340104", "340105"]
        ),
        other_district_officer=make_user("warin_district", Role.DISTRICT, district="3415"),
        viewer=make_user("ubon_viewer", Role.VIEWER, province="34"),
        outsider=make_user("sisaket_province", Role.PROVINCE, province="33"),
    )


@pytest.fixture
def ubon_villages(db) -> list[Village]:
    """Three villages in each of four tambons: Hua Ruea, Nong Khon (Mueang), and two of Warin Chamrap."""
    villages = []
    for tambon in Tambon.objects.filter(code__in=["340104", "340105", "341501", "341502"]):
        for moo in (1, 2, 3):
            villages.append(
                Village.objects.create(
                    code=Village.code_for(tambon.code, moo), tambon=tambon, moo=moo, name_th=f"บ้านทดสอบ{moo}"
                )
            )
    return villages
