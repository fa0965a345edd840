"""Every link in the menu answers for every persona who sees it: no menu item leads to a refusal or a 404."""

import re

import pytest

from tambonplan.accounts.models import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

MENU = re.compile(r'<nav class="navbar.*?</nav>', re.S)
LINK = re.compile(r'href="(/[^"#]*)"')


def menu_links(html: str) -> list[str]:
    return sorted(set(LINK.findall(MENU.search(html).group(0))))


@pytest.mark.parametrize(
    "role",
    ["admin", "department", "province_officer", "district_officer", "tambon_officer", "viewer"],
)
def test_every_menu_link_answers(personas, role):
    users = {
        "admin": lambda: make_user("admin_user", Role.ADMIN),
        "department": lambda: make_user("cdd_department", Role.DEPARTMENT),
    }
    user = users[role]() if role in users else getattr(personas, role)
    client = personas.client_for(user)
    links = menu_links(client.get("/").content.decode())
    assert len(links) >= 8
    for link in links:
        response = client.get(link, follow=True)
        assert response.status_code == 200, f"{role}: {link} answered {response.status_code}"
