"""The audit trail as users read it on a record's page."""

import io
import json

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command, get_commands, load_command_class
from django.test import Client
from simple_history.manager import HistoryManager

from tambonplan.api.services import token_create
from tambonplan.areas.models import Village
from tambonplan.core.audit import AuditEntry, audit_trail
from tambonplan.core.commands import AuditedCommand
from tambonplan.planning import imports, services
from tests.planning import factories as pf
from tests.planning import test_imports as imports_tests


def test_a_status_change_reads_in_thai_labels_not_codes(personas):
    plan = pf.make_plan()
    project = pf.add_project(plan)

    services.project_set_status(
        user=personas.district_officer, project=project, status="under_way", version=project.version
    )

    change = next(c for c in audit_trail(project)[0].changes if c.field == "สถานะ")
    assert (change.old, change.new) == ("เสนอ", "กำลังดำเนินการ")


# ------------------------------------------------------------------ the channel of each change (issue 15)

HUA_RUEA_MOO_1 = "34010401"


def latest(obj) -> AuditEntry:
    return audit_trail(obj)[0]


def test_a_change_on_a_page_shows_it_was_made_on_a_page(personas, ubon_villages):
    client = personas.client_for(personas.district_officer)
    url = f"/areas/village/{HUA_RUEA_MOO_1}/edit/"

    client.post(url, {"moo": "1", "name_th": "บ้านหัวเรือเหนือ", "name_en": "", "version": "1"})

    assert latest(Village.objects.get(code=HUA_RUEA_MOO_1)).channel == "หน้าเว็บ"
    page = client.get(f"/areas/village/{HUA_RUEA_MOO_1}/").content.decode()
    history = page.split("ประวัติการเปลี่ยนแปลง", 1)[1]
    assert "mueang_district ทดสอบ · หน้าเว็บ" in history


def test_a_change_through_the_api_shows_the_tokens_name(personas):
    plan = pf.make_plan()
    project = pf.add_project(plan)
    _, secret = token_create(user=personas.district_officer, name="ระบบจังหวัด", can_write=True)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    response = client.patch(
        f"/api/v1/projects/{project.pk}",
        json.dumps({"status": "under_way", "version": project.version}),
        content_type="application/json",
    )

    assert response.status_code == 200
    entry = latest(project)
    assert entry.user == personas.district_officer
    assert entry.channel == "ผ่าน API (โทเค็น “ระบบจังหวัด”)"
    page = personas.client_for(personas.district_officer).get(f"/planning/projects/{project.pk}/")
    assert "ผ่าน API (โทเค็น “ระบบจังหวัด”)" in page.content.decode()


def test_a_change_through_the_api_in_a_signed_in_browser_says_so(personas):
    plan = pf.make_plan()
    project = pf.add_project(plan)
    client = personas.client_for(personas.district_officer)

    response = client.patch(
        f"/api/v1/projects/{project.pk}",
        json.dumps({"status": "under_way", "version": project.version}),
        content_type="application/json",
    )

    assert response.status_code == 200
    assert latest(project).channel == "ผ่าน API (เซสชัน)"


def test_an_import_on_the_upload_page_shows_it_was_imported(personas, ubon_villages):
    client = personas.client_for(personas.district_officer)
    rows = "tambon_code,moo,name_th\n340104,1,บ้านหัวเรือใหม่\n340104,9,บ้านโนนใหม่\n"

    client.post("/areas/villages/import/", {"file": SimpleUploadedFile("villages.csv", rows.encode())})

    assert latest(Village.objects.get(code=HUA_RUEA_MOO_1)).channel == "นำเข้าไฟล์"
    assert latest(Village.objects.get(code="34010409")).channel == "นำเข้าไฟล์"


def test_projects_imported_in_bulk_show_they_were_imported(personas):
    plan = imports_tests.make_plan()

    imports.projects_import(
        user=personas.district_officer,
        plan=plan,
        upload=imports_tests.upload(imports_tests.project_headers(), imports_tests.GOOD_PROJECTS),
    )
    imports.needs_import(
        user=personas.district_officer,
        plan=plan,
        upload=imports_tests.upload(imports_tests.NEED_HEADERS, imports_tests.GOOD_NEEDS),
    )

    for record in [*plan.projects.all(), *plan.needs.all()]:
        assert latest(record).channel == "นำเข้าไฟล์"
        assert latest(record).user == personas.district_officer


def test_a_change_by_a_management_command_shows_the_command(personas):
    user = personas.district_officer
    user.totp_secret_encrypted = "secret"
    user.save()

    call_command("disable_two_factor", user.username, stdout=io.StringIO())

    assert latest(user).channel == "คำสั่งระบบ"


def test_every_project_command_records_its_changes_as_a_command():
    commands = [name for name, app in get_commands().items() if app.startswith("tambonplan.")]

    assert commands
    for name in commands:
        assert issubclass(type(load_command_class(get_commands()[name], name)), AuditedCommand), name


def test_entries_written_before_the_channel_was_recorded_show_none(personas, ubon_villages):
    village = Village.objects.get(code=HUA_RUEA_MOO_1)
    village.history.update(history_channel="", history_api_token="")

    assert latest(village).channel == ""
    page = personas.client_for(personas.district_officer).get(f"/areas/village/{HUA_RUEA_MOO_1}/")
    history = page.content.decode().split("ประวัติการเปลี่ยนแปลง", 1)[1]
    assert "หน้าเว็บ" not in history and "นำเข้าไฟล์" not in history and "คำสั่งระบบ" not in history


def test_every_historical_model_records_the_channel():
    tracked = [
        model for model in apps.get_models() if isinstance(getattr(model, "history", None), HistoryManager)
    ]

    assert len(tracked) > 20
    for model in tracked:
        fields = {field.name for field in model.history.model._meta.get_fields()}
        assert {"history_channel", "history_api_token"} <= fields, model.__name__


def test_the_channel_costs_no_query_per_entry(personas, ubon_villages, django_assert_num_queries):
    village = Village.objects.get(code=HUA_RUEA_MOO_1)
    for name in ("บ้านหนึ่ง", "บ้านสอง", "บ้านสาม"):
        village.name_th = name
        village.save()

    with django_assert_num_queries(1):
        channels = [entry.channel for entry in audit_trail(village)]
    assert len(channels) == 4
