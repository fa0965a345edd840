"""The plan's download and import pages: content types, every error shown with its row, scope (404 for
another area, 403 on imports for a read-only viewer)."""

import pytest
from django.urls import reverse

from tambonplan.planning.models import Need, Project, ProjectStatus
from tests.planning.test_imports import (
    GOOD_NEEDS,
    GOOD_PROJECTS,
    NEED_HEADERS,
    ROAD,
    make_plan,
    project_headers,
    upload,
)

DOWNLOADS = {
    "plan_pdf": "application/pdf",
    "plan_docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "plan_xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "needs_template": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "projects_template": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "status_template": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
IMPORTS = ("needs_import", "projects_import", "status_import")


def url(name: str, plan) -> str:
    return reverse(f"planning:{name}", kwargs={"pk": plan.pk})


@pytest.fixture
def plan(db):
    return make_plan()


@pytest.mark.parametrize("name", list(DOWNLOADS))
def test_downloads_for_an_officer_and_a_viewer_of_the_area(plan, personas, name):
    for user in (personas.tambon_officer, personas.viewer):
        response = personas.client_for(user).get(url(name, plan))

        assert response.status_code == 200, user
        assert response["Content-Type"] == DOWNLOADS[name]
        assert "attachment" in response["Content-Disposition"]
        assert "340104-2569" in response["Content-Disposition"]


def test_the_paths(plan):
    assert url("plan_pdf", plan) == f"/planning/plan/{plan.pk}/plan.pdf"
    assert url("needs_template", plan) == f"/planning/plan/{plan.pk}/templates/needs.xlsx"
    assert url("status_import", plan) == f"/planning/plan/{plan.pk}/import/status/"


@pytest.mark.parametrize("name", list(DOWNLOADS) + list(IMPORTS))
def test_another_districts_officer_and_an_outsider_get_404(plan, personas, name):
    for user in (personas.other_district_officer, personas.outsider):
        client = personas.client_for(user)
        assert client.get(url(name, plan)).status_code == 404, user
    response = personas.client_for(personas.other_district_officer).post(
        url("needs_import", plan), {"file": upload(NEED_HEADERS, GOOD_NEEDS)}
    )
    assert response.status_code == 404
    assert Need.objects.count() == 0


@pytest.mark.parametrize("name", IMPORTS)
def test_a_viewer_gets_403_on_imports(plan, personas, name):
    client = personas.client_for(personas.viewer)

    assert client.get(url(name, plan)).status_code == 403
    assert client.post(url(name, plan), {"file": upload(NEED_HEADERS, GOOD_NEEDS)}).status_code == 403
    assert Need.objects.count() == 0


@pytest.mark.parametrize("name", list(DOWNLOADS) + list(IMPORTS))
def test_anonymous_users_are_sent_to_log_in(plan, client, name):
    response = client.get(url(name, plan))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_plan_that_does_not_exist_is_404(db, personas):
    client = personas.client_for(personas.province_officer)
    assert client.get(reverse("planning:plan_pdf", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.parametrize("name", IMPORTS)
def test_import_form_links_the_template_and_the_plan(plan, personas, name):
    response = personas.client_for(personas.district_officer).get(url(name, plan))

    assert response.status_code == 200
    html = response.content.decode()
    assert url(name.replace("_import", "_template"), plan) in html
    assert reverse("planning:plan", kwargs={"pk": plan.pk}) in html
    assert 'enctype="multipart/form-data"' in html


def test_needs_import_page_shows_the_counts(plan, personas):
    client = personas.client_for(personas.tambon_officer)

    response = client.post(url("needs_import", plan), {"file": upload(NEED_HEADERS, GOOD_NEEDS)})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="import-result"' in html and "เพิ่มใหม่ 4 รายการ" in html
    assert Need.objects.filter(plan=plan).count() == 4
    again = client.post(url("needs_import", plan), {"file": upload(NEED_HEADERS, GOOD_NEEDS)})
    assert "ไม่เปลี่ยนแปลง 4 รายการ" in again.content.decode()


def test_projects_import_page_shows_every_error_with_its_row_and_saves_nothing(plan, personas):
    rows = [GOOD_PROJECTS[0], GOOD_PROJECTS[1][:1] + [""] + GOOD_PROJECTS[1][2:], GOOD_PROJECTS[2][:10] + ["จ้างเหมา"]
            + GOOD_PROJECTS[2][11:]]  # fmt: skip

    response = personas.client_for(personas.tambon_officer).post(
        url("projects_import", plan), {"file": upload(project_headers(), rows)}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="import-errors"' in html
    assert "พบข้อผิดพลาด 2 รายการ" in html
    assert '<td class="num">3</td>' in html and "ไม่ได้ระบุชื่อโครงการ" in html
    assert '<td class="num">4</td>' in html and "ไม่รู้จักประเภทโครงการ &#x27;จ้างเหมา&#x27;" in html
    assert Project.objects.count() == 0


def test_status_import_page_shows_how_many_changed(plan, personas):
    client = personas.client_for(personas.tambon_officer)
    client.post(url("projects_import", plan), {"file": upload(project_headers(), GOOD_PROJECTS)})
    road = plan.projects.get(name=ROAD)

    response = client.post(
        url("status_import", plan), {"file": upload(["รหัสโครงการ", "สถานะ"], [[road.pk, "ได้รับงบประมาณ"]])}
    )

    assert "เปลี่ยนสถานะ 1 โครงการ" in response.content.decode()
    road.refresh_from_db()
    assert road.status == ProjectStatus.FUNDED


def test_an_import_without_a_file_shows_the_form_error(plan, personas):
    response = personas.client_for(personas.tambon_officer).post(url("needs_import", plan), {})

    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode()


def test_the_province_downloads_every_project_of_its_plans(personas, django_assert_max_num_queries):
    import io

    from openpyxl import load_workbook

    from tests.planning import factories as pf

    year = pf.fiscal_year()
    for tambon in (pf.HUA_RUEA, pf.NONG_KHON, pf.WARIN_TAMBON):
        plan = pf.make_plan(tambon)
        pf.add_project(plan, "ขุดลอกคลอง", budgets={year: "250000"})
        pf.add_project(plan, "ฝึกอาชีพ", class_code="joint")
    client = personas.client_for(personas.province_officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("planning:province_projects_xlsx", args=["34"]))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][4] == "ชื่อโครงการ"
    assert len(rows) == 1 + 6
    assert ("340104", "เมืองอุบลราชธานี", "หัวเรือ") == rows[1][:3]
    assert rows[1][7] == 250000
    assert (
        personas.client_for(personas.outsider)
        .get(reverse("planning:province_projects_xlsx", args=["34"]))
        .status_code
        == 404
    )


def test_the_department_sees_the_national_overview(personas):
    from tests.conftest import make_user

    page = personas.client_for(make_user("cdd", "department")).get(reverse("planning:index")).content.decode()
    assert 'data-province="34"' in page and 'data-province="10"' not in page
