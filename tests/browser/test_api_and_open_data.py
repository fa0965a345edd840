"""Issue 9 tried as a new user would: a district officer makes a token on its page, the docs page (Swagger UI,
run under our Content-Security-Policy) shows every endpoint, a script with the token lists the district's
projects and updates one's progress; an anonymous visitor downloads the province's open dataset."""

import csv
import io

from tambonplan.accounts.models import Role
from tambonplan.partners.models import ProgressOverride
from tests.conftest import PASSWORD, make_user
from tests.planning import factories as pf


def test_token_docs_script_and_open_data(live_server, page, transactional_db):
    from tambonplan.areas.services import areas_load

    areas_load()
    make_user("mueang_district", Role.DISTRICT, district="3401")
    plan = pf.make_plan(pf.HUA_RUEA)
    road = pf.add_project(plan, budgets={pf.fiscal_year(): "150000"})

    page.goto(f"{live_server.url}/api/tokens/")
    page.fill("#id_username", "mueang_district")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.fill("#id_name", "สคริปต์ความก้าวหน้า")
    page.check("#id_can_write")
    page.click("button:has-text('สร้างโทเค็น')")
    secret = page.locator("input[readonly]").input_value()
    assert secret.startswith("tp_")

    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    shown = page.locator(".opblock-summary-path").all_inner_texts()
    paths = page.request.get(f"{live_server.url}/api/v1/openapi.json").json()["paths"]
    operations = sum(
        len([m for m in item if m in ("get", "post", "put", "patch", "delete")]) for item in paths.values()
    )
    assert len(shown) == operations
    assert any("/api/v1/projects/{project_id}/progress" in text for text in shown)

    headers = {"Authorization": f"Bearer {secret}"}
    listed = page.request.get(f"{live_server.url}/api/v1/projects?area=3401", headers=headers).json()
    assert [row["name"] for row in listed["results"]] == [road.name]
    updated = page.request.put(
        f"{live_server.url}/api/v1/projects/{road.pk}/progress",
        headers={**headers, "Content-Type": "application/json"},
        data='{"percent": 40, "reason": "เทพื้นถนนแล้ว 2 ช่วง"}',
    )
    assert updated.status == 200 and updated.json()["percent"] == 40
    assert ProgressOverride.objects.get(project=road).percent == 40

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/open-data/?year={pf.fiscal_year()}&level=districts&province=34")
    with page.expect_download() as download:
        page.click("text=ดาวน์โหลด CSV")
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    mueang = next(row for row in rows if row["district_code"] == "3401")
    assert mueang["plans_opened"] == "1" and mueang["projects"] == "1"
