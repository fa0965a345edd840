from tambonplan.accounts.models import Role
from tambonplan.areas.models import Tambon, Village
from tests.conftest import PASSWORD, make_user


def test_district_officer_logs_in_and_drills_down_to_a_village_list(live_server, page, transactional_db):
    from tambonplan.areas.services import areas_load

    areas_load()
    make_user("mueang_district", Role.DISTRICT, district="3401")
    hua_ruea = Tambon.objects.get(code="340104")
    for moo, name in ((1, "บ้านหัวเรือ"), (2, "บ้านนาคำ"), (3, "บ้านโนนสูง")):
        Village.objects.create(
            code=Village.code_for(hua_ruea.code, moo), tambon=hua_ruea, moo=moo, name_th=name
        )

    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "mueang_district")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.wait_for_selector("h1:has-text('อำเภอเมืองอุบลราชธานี')")
    assert page.locator("[data-figure=tambons]").inner_text() == "12"
    assert page.locator("[data-figure=villages]").inner_text() == "3"

    page.click("#area-table >> text=หัวเรือ")  # the home's to-do list names Hua Ruea too (its committees)
    page.wait_for_selector("h1:has-text('ตำบลหัวเรือ')")
    rows = page.locator("#village-table tbody tr")
    assert rows.count() == 3
    assert "บ้านนาคำ" in rows.nth(1).inner_text()

    page.click("text=บ้านโนนสูง")
    page.wait_for_selector("h1:has-text('บ้านโนนสูง')")
    assert "34010403" in page.content()
