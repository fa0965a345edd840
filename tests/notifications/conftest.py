"""A stand-in for LINE's Messaging API in this process (no network), the site pointed at it and tasks run at
once."""

import pytest

from tambonplan.notifications.line_stub import LineStub
from tambonplan.notifications.models import LineAccount, LineGroup
from tests.notifications.helpers import (
    IMMEDIATE,
    MUEANG_GROUP,
    MUEANG_LINE,
    SECRET,
    SITE,
    TAMBON_LINE,
    WARIN_GROUP,
    WARIN_LINE,
)


@pytest.fixture
def stub():
    server = LineStub()
    server.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def line_site(settings, stub):
    settings.TASKS = IMMEDIATE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = SITE
    settings.LINE_CHANNEL_ACCESS_TOKEN = "test-access-token"
    settings.LINE_CHANNEL_SECRET = SECRET
    settings.LINE_API_BASE_URL = stub.url


@pytest.fixture
def linked(personas):
    """Mueang's and Warin's district officers, the Hua Ruea tambon officer and both districts' groups linked."""
    LineAccount.objects.create(user=personas.district_officer, line_user_id=MUEANG_LINE)
    LineAccount.objects.create(user=personas.other_district_officer, line_user_id=WARIN_LINE)
    LineAccount.objects.create(user=personas.tambon_officer, line_user_id=TAMBON_LINE)
    LineGroup.objects.create(area_code="3401", group_id=MUEANG_GROUP)
    LineGroup.objects.create(area_code="3415", group_id=WARIN_GROUP)
    return personas
