"""One scope rule: for every persona and every scoped object of a world (one of everything in a Mueang Ubon,
a Warin Chamrap and a Si Sa Ket tambon, with their districts and provinces), the list filter
(`Model.objects.in_scope(user)`) and the object check (`may_view`) agree (issue 19, item 2)."""

import pytest
from django.apps import apps

from tambonplan.accounts.scope import ScopedQuerySet, may_view
from tests.committees import factories as cf
from tests.conftest import make_user
from tests.events import factories as ef
from tests.security.matrix import ANON, DISTRICT, PARTNER, build_world, make_partner_user, make_personas

pytestmark = pytest.mark.slow


def scoped_models():
    """Every model whose default manager filters by scope and whose objects answer their area code."""
    return [
        model
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), ScopedQuerySet)
        and hasattr(model, "scope_paths")
        and hasattr(model, "area_code")
    ]


def test_the_list_and_the_object_check_agree_for_every_persona_and_object(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    users = make_personas()
    mueang = build_world("340104", users[DISTRICT])
    users[PARTNER] = make_partner_user(mueang.partner)
    build_world("341501", make_user("warin_writer", "district", district="3415"), suffix="warin")
    build_world("330101", make_user("sisaket_writer", "district", district="3301"), suffix="sisaket")
    # Records of the areas above a tambon: seen by the officers below them, never by another province.
    for area in ("34", "3401", "3415", "33"):
        ef.event(area, title=f"อบรมระดับพื้นที่ {area}")
    cf.order("socho_a", "3401")
    cf.order("socho_j", "34")
    cf.order("socho_j", "33")

    models = scoped_models()
    assert len(models) > 20
    disagreements = []
    seen = 0
    for model in models:
        objects = list(model._default_manager.all())
        seen += len(objects)
        for name, user in users.items():
            if user is None or name == ANON:
                continue
            listed = set(model._default_manager.in_scope(user).values_list("pk", flat=True))
            for obj in objects:
                if (obj.pk in listed) != may_view(user, obj):
                    disagreements.append(
                        f"{model.__name__} {obj.pk} ({obj.area_code}) for {name}: "
                        f"list {'has' if obj.pk in listed else 'lacks'} it, the check says {may_view(user, obj)}"
                    )
    assert seen > 100
    assert disagreements == [], "\n".join(disagreements)
