"""On the need form, choosing a village narrows the กชช.2ค panel to its items, and "ใช้ความรุนแรง 5" puts 5
into the severity field (issue 17, item 7)."""

from tambonplan.accounts.models import Role
from tambonplan.areas.models import Tambon, Village
from tambonplan.villagedata.defaults import seed_indicators
from tambonplan.villagedata.models import Indicator
from tests.browser.test_datepicker import sign_in
from tests.conftest import make_user
from tests.planning import factories as plans
from tests.villagedata.factories import add_kch2k


def test_choosing_a_village_offers_its_kch2k_severity(live_server, page, transactional_db):
    from tambonplan.areas.services import areas_load

    areas_load()
    seed_indicators(Indicator)  # the catalogue of the data migration, flushed by a transactional test
    make_user("mueang_district", Role.DISTRICT, district="3401")
    tambon = Tambon.objects.get(code=plans.HUA_RUEA)
    villages = [
        Village.objects.create(code=Village.code_for(tambon.code, moo), tambon=tambon, moo=moo, name_th=name)
        for moo, name in ((1, "บ้านโพนม่วง"), (2, "บ้านดอนพัฒนา"))
    ]
    add_kch2k(["34010401", 2568, "2.1", 1], ["34010402", 2568, "6.4", 2])
    plan = plans.make_plan(plans.HUA_RUEA, 2570)
    errors = sign_in(page, live_server, "mueang_district", f"/planning/plan/{plan.pk}/needs/new/")

    groups = page.locator("[data-severity-village]")
    assert groups.count() == 2 and groups.nth(0).is_visible() and groups.nth(1).is_visible()

    page.select_option("#id_village", str(villages[1].pk))
    assert page.locator(f'[data-severity-village="{villages[0].pk}"]').is_hidden()
    page.select_option("#id_village", str(villages[0].pk))
    assert page.locator(f'[data-severity-village="{villages[1].pk}"]').is_hidden()
    page.locator(f'[data-severity-village="{villages[0].pk}"] [data-severity="5"]').click()

    assert page.input_value("#id_severity") == "5"
    assert errors == []
