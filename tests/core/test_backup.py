"""`manage.py backup` / `manage.py restore`: a round trip gives back the same rows and files, byte for byte.

The tests run inside the test transaction (flush and restore included), so the areas loaded once per
session are back, untouched, for the tests after these.
"""

import hashlib
import io
import json
import shutil
import tarfile
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection

from tambonplan.accounts.models import User
from tambonplan.areas.models import District, Province, Tambon
from tambonplan.core.backup import MANIFEST_NAME, make_backup, table_checksums
from tambonplan.directives.demo import seed_circulars
from tambonplan.directives.models import Circular, Enclosure
from tambonplan.planning.models import Need, Project
from tests.conftest import PASSWORD
from tests.planning.factories import add_need, add_project, make_plan, village
from tests.reports.factories import filled_report

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.MEDIA_ROOT
    # A flush inside the test's transaction recreated the content types; the rollback removed them again.
    ContentType.objects.clear_cache()


@pytest.fixture
def data(personas, media_root):
    """Users, a plan with needs and projects, a circular with a district report, enclosures (files)."""
    plan = make_plan()
    add_need(plan, village=village())
    add_need(plan, "น้ำประปาไม่เพียงพอ")
    add_project(plan, budgets={2569: "150000.50", 2570: "99000"})
    assert seed_circulars() == 1  # the Ubon circular with its three enclosures (files)
    filled_report(personas.district_officer, Circular.objects.get())
    nested = media_root / "ภาพถ่าย" / "ปี 2569"
    nested.mkdir(parents=True)
    (nested / "บันทึก.txt").write_text("ข้อความทดสอบ\n", encoding="utf-8")
    return personas


def media_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def area_counts() -> tuple[int, int, int]:
    return Province.objects.count(), District.objects.count(), Tambon.objects.count()


def restore(archive, *args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("restore", str(archive), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of the archive with change(name, bytes) -> bytes (or None to drop) applied to each member."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            data = source.extractfile(member).read()
            data = change(member.name, data)
            if data is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    return target


def empty_database() -> None:
    connection.check_constraints()  # PostgreSQL: no pending deferred checks, or TRUNCATE refuses
    call_command("flush", interactive=False, verbosity=0)


def test_round_trip_after_flush_gives_back_the_same_rows_and_files(data, media_root, tmp_path):
    before_tables, before_areas, before_files = table_checksums(), area_counts(), media_bytes(media_root)
    assert Enclosure.objects.count() == 3 and len(before_files) == 4
    archive = tmp_path / "backups" / "tambonplan.tar.gz"

    out = StringIO()
    call_command("backup", "--output", str(archive), stdout=out)

    assert "สำรองข้อมูลแล้ว" in out.getvalue() and str(archive) in out.getvalue()
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile(MANIFEST_NAME).read())
    assert manifest["tables"] == before_tables
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["tables"]["accounts.user"]["rows"] == 6
    assert set(manifest["files"]) == set(before_files)
    assert "contenttypes.contenttype" not in manifest["tables"]

    empty_database()
    shutil.rmtree(media_root)
    assert User.objects.count() == 0 and area_counts() == (0, 0, 0)

    stdout, stderr = restore(archive)

    assert "ตรวจสอบแล้ว" in stdout and stderr == ""
    assert table_checksums() == before_tables
    assert area_counts() == before_areas
    assert media_bytes(media_root) == before_files
    assert User.objects.get(username="huaruea_tambon").check_password(PASSWORD)
    assert Project.objects.get().budgets.get(fiscal_year=2569).amount == Decimal("150000.50")
    # The sequences follow the restored ids (PostgreSQL): new rows get fresh ids.
    highest = Need.objects.order_by("-pk").first().pk
    assert add_need(make_plan(), "ใหม่หลังกู้คืน").pk > highest


def test_restore_refuses_a_database_with_data_unless_forced(data, media_root, tmp_path):
    archive = make_backup(tmp_path / "b.tar.gz").path
    before = table_checksums()

    with pytest.raises(CommandError, match="ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว"):
        restore(archive)
    assert table_checksums() == before

    Need.objects.all().delete()
    (media_root / "ภาพถ่าย" / "ปี 2569" / "บันทึก.txt").unlink()
    stdout, _ = restore(archive, "--force")

    assert "ตรวจสอบแล้ว" in stdout
    assert table_checksums() == before
    assert (media_root / "ภาพถ่าย" / "ปี 2569" / "บันทึก.txt").read_text(encoding="utf-8") == "ข้อความทดสอบ\n"


def test_a_changed_file_is_reported_as_a_mismatch(data, tmp_path):
    archive = make_backup(tmp_path / "b.tar.gz").path

    def change(name, content):
        return content + b"x" if name.endswith("บันทึก.txt") else content

    tampered = rewrite(archive, tmp_path / "t.tar.gz", change)
    err = StringIO()
    with pytest.raises(CommandError, match="ไม่ตรงกับไฟล์สำรอง 1 รายการ"):
        call_command("restore", str(tampered), "--force", stdout=StringIO(), stderr=err)
    assert "บันทึก.txt" in err.getvalue()


def test_a_changed_count_in_the_manifest_is_reported_as_a_mismatch(data, tmp_path):
    archive = make_backup(tmp_path / "b.tar.gz").path

    def change(name, content):
        if name != MANIFEST_NAME:
            return content
        manifest = json.loads(content)
        manifest["tables"]["accounts.user"]["rows"] += 1
        return json.dumps(manifest).encode()

    tampered = rewrite(archive, tmp_path / "t.tar.gz", change)
    err = StringIO()
    with pytest.raises(CommandError, match="ไม่ตรงกับไฟล์สำรอง"):
        call_command("restore", str(tampered), "--force", stdout=StringIO(), stderr=err)
    assert "accounts.user" in err.getvalue()


def test_changed_rows_are_refused_before_anything_is_written(data, tmp_path):
    archive = make_backup(tmp_path / "b.tar.gz").path
    before = table_checksums()

    def change(name, content):
        return content.replace("ทดสอบ".encode(), "แก้ไข".encode()) if name == "database.jsonl" else content

    tampered = rewrite(archive, tmp_path / "t.tar.gz", change)
    with pytest.raises(CommandError, match="checksum"):
        restore(tampered, "--force")
    assert table_checksums() == before


@pytest.mark.parametrize("name", ["media/../../evil.txt", "/tmp/evil-absolute.txt", "../evil.txt"])
def test_a_member_climbing_out_of_the_media_folder_is_refused(data, tmp_path, name):
    archive = make_backup(tmp_path / "b.tar.gz").path
    before = table_checksums()

    tampered = tmp_path / "t.tar.gz"
    # The bad member first, before database.jsonl: refused before anything is unpacked or written.
    with tarfile.open(archive, "r:gz") as source, tarfile.open(tampered, "w:gz") as out:
        info = tarfile.TarInfo(name)
        info.size = 4
        out.addfile(info, io.BytesIO(b"evil"))
        for member in source:
            out.addfile(member, source.extractfile(member))

    with pytest.raises(CommandError, match="ไม่ปลอดภัย"):
        restore(tampered, "--force")
    assert table_checksums() == before
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil-absolute.txt").exists()


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path):
    text = tmp_path / "notes.tar.gz"
    text.write_text("ไม่ใช่ไฟล์สำรอง", encoding="utf-8")
    with pytest.raises(CommandError, match="ไม่ใช่ไฟล์สำรองของ TambonPlan"):
        restore(text)
    with pytest.raises(CommandError, match="ไม่พบไฟล์สำรอง"):
        restore(tmp_path / "missing.tar.gz")


def test_a_truncated_archive_is_refused_and_nothing_changes(data, tmp_path):
    archive = make_backup(tmp_path / "b.tar.gz").path
    before = table_checksums()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    with pytest.raises(CommandError, match="เสียหาย"):
        restore(truncated, "--force")
    assert table_checksums() == before


def test_a_load_that_fails_leaves_the_database_as_it_was(data, tmp_path):
    """A row pointing at a plan that is not there: the flush and the rows loaded so far are rolled back."""
    archive = make_backup(tmp_path / "b.tar.gz").path
    before = table_checksums()
    broken = {}

    def change(name, content):
        if name == "database.jsonl":
            lines = content.splitlines(keepends=True)
            for number, line in enumerate(lines):
                row = json.loads(line)
                if row["model"] == "planning.need":
                    row["fields"]["plan"] = 987654
                    lines[number] = json.dumps(row, ensure_ascii=False).encode() + b"\n"
                    break
            broken["sha256"] = hashlib.sha256(b"".join(lines)).hexdigest()
            return b"".join(lines)
        if name == MANIFEST_NAME:
            manifest = json.loads(content)
            manifest["database_sha256"] = broken["sha256"]
            return json.dumps(manifest).encode()
        return content

    tampered = rewrite(archive, tmp_path / "t.tar.gz", change)
    with pytest.raises(CommandError, match="โหลดข้อมูลจากไฟล์สำรองไม่สำเร็จ"):
        restore(tampered, "--force")
    assert table_checksums() == before


def test_backup_goes_to_the_data_folder_by_default(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    out = StringIO()
    call_command("backup", stdout=out)
    (archive,) = (tmp_path / "data" / "backups").glob("tambonplan-*.tar.gz")
    assert str(archive) in out.getvalue()
    assert not list(archive.parent.glob("*.partial"))
