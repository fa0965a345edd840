"""Backup and restore of the whole instance: the database as JSON lines plus the uploaded files, one .tar.gz.

The archive holds
- ``database.jsonl``: every row of every model, one JSON object per line (the shape of Django's
  serializers), models in dependency order, rows in primary-key order, dumped inside one read
  transaction (PostgreSQL: REPEATABLE READ READ ONLY, a consistent snapshot; SQLite: one read
  transaction, which in WAL mode also sees one snapshot);
- ``media/…``: every file under MEDIA_ROOT;
- ``manifest.json``: format, versions, database vendor, per model its row count and sha256 (of its
  lines), per file its sha256 and size.

Content types, permissions and sessions are left out: ``migrate`` recreates the first two, and rows
that point at them (admin log, user and group permissions) are written with natural keys, so the
archive does not depend on the ids of the database it came from. Everything else keeps its ids.

Restore runs ``migrate``, then in one transaction empties the database and loads the rows (all or
nothing), resets the PostgreSQL sequences, puts the files back and verifies the counts and checksums.
The same code runs on SQLite and PostgreSQL; an archive from one can be restored into the other.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, router, transaction
from django.utils import timezone

FORMAT = "tambonplan-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_NAME = "database.jsonl"
MEDIA_PREFIX = "media"
# Recreated by migrate (content types, permissions) or not worth keeping (sessions).
EXCLUDED_MODELS = frozenset({"contenttypes.contenttype", "auth.permission", "sessions.session"})
# Rows pointing at these are written with natural keys: their ids differ between databases.
NATURAL_KEY_MODELS = (ContentType, Permission)
# A database holding any of these is not empty: restore refuses it unless forced.
KEY_MODELS = ("accounts.user", "planning.tambonplan", "committees.committee", "directives.circular")
CHUNK = 1000
COPY_BUFFER = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is in Thai, for the user."""


@dataclass
class Manifest:
    format: str
    version: int
    created_at: str
    django_version: str
    app_version: str
    database_vendor: str
    database_sha256: str
    tables: dict[str, dict] = field(default_factory=dict)  # "app.model" -> {"rows": n, "sha256": hex}
    files: dict[str, dict] = field(default_factory=dict)  # path under MEDIA_ROOT -> {"sha256", "size"}
    # Not stored in the archive: where it was written, its size and how long it took.
    path: Path | None = None
    size: int = 0
    seconds: float = 0.0

    STORED = (
        "format",
        "version",
        "created_at",
        "django_version",
        "app_version",
        "database_vendor",
        "database_sha256",
        "tables",
        "files",
    )

    @property
    def rows(self) -> int:
        return sum(table["rows"] for table in self.tables.values())

    def to_json(self) -> bytes:
        data = {name: getattr(self, name) for name in self.STORED}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT:
                raise BackupError("ไฟล์นี้ไม่ใช่ไฟล์สำรองข้อมูลของ TambonPlan (manifest.json ไม่ถูกต้อง)")
            if data.get("version") != FORMAT_VERSION:
                raise BackupError(f"ไม่รองรับไฟล์สำรองรุ่นที่ {data.get('version')} (รองรับรุ่น {FORMAT_VERSION})")
            manifest = cls(**{name: data[name] for name in cls.STORED})
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise BackupError(f"manifest.json ในไฟล์สำรองเสียหาย: {exc}") from exc
        if not isinstance(manifest.tables, dict) or not isinstance(manifest.files, dict):
            raise BackupError("manifest.json ในไฟล์สำรองเสียหาย: รายการตารางหรือไฟล์ไม่ถูกต้อง")
        return manifest


@dataclass
class Report:
    manifest: Manifest
    tables: dict[str, dict]
    files: int
    mismatches: list[str]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.mismatches

    @property
    def rows(self) -> int:
        return sum(table["rows"] for table in self.tables.values())


# ------------------------------------------------------------------ serialization


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder keeps only milliseconds of datetimes and times: a backup keeps microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class _Serializer(PythonSerializer):
    """Natural keys only for the foreign keys to content types and permissions; ids everywhere else."""

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = issubclass(field.remote_field.model, NATURAL_KEY_MODELS)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = issubclass(field.remote_field.model, NATURAL_KEY_MODELS)
        super().handle_m2m_field(obj, field)


def backup_models(using: str = DEFAULT_DB_ALIAS) -> list:
    """The models whose rows are backed up, in dependency order."""
    app_list = {}
    for app_config in apps.get_app_configs():
        models = [
            model
            for model in app_config.get_models()
            if not model._meta.proxy
            and model._meta.managed
            and model._meta.label_lower not in EXCLUDED_MODELS
            and router.allow_migrate_model(using, model)
        ]
        if models:
            app_list[app_config] = models
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def _m2m_names(model) -> list[str]:
    return [f.name for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]


def _model_lines(model, using: str) -> Iterator[bytes]:
    """Each row of the model as one line of JSON (sorted keys, sorted many-to-many lists), in pk order."""
    m2m = _m2m_names(model)
    queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
    if m2m:
        queryset = queryset.prefetch_related(*m2m)
    serializer = _Serializer()
    batch = []

    def lines(objects) -> Iterator[bytes]:
        for data in serializer.serialize(objects):
            for name in m2m:
                data["fields"][name] = sorted(data["fields"][name], key=lambda value: json.dumps(value))
            text = json.dumps(data, cls=_Encoder, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            yield text.encode() + b"\n"

    for obj in queryset.iterator(chunk_size=CHUNK):
        batch.append(obj)
        if len(batch) >= CHUNK:
            yield from lines(batch)
            batch = []
    if batch:
        yield from lines(batch)


def _dump(out, using: str) -> dict[str, dict]:
    """Write every backed-up row to the binary file `out`; per model its row count and checksum."""
    tables = {}
    for model in backup_models(using):
        digest, rows = hashlib.sha256(), 0
        for line in _model_lines(model, using):
            out.write(line)
            digest.update(line)
            rows += 1
        tables[model._meta.label_lower] = {"rows": rows, "sha256": digest.hexdigest()}
    return tables


def table_checksums(using: str = DEFAULT_DB_ALIAS) -> dict[str, dict]:
    """Per backed-up model ("app.model") its row count and the sha256 of its rows as written in a backup."""

    class _Sink:
        def write(self, data):
            pass

    with transaction.atomic(using=using):
        return _dump(_Sink(), using)


# ------------------------------------------------------------------ backup


def default_backup_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"tambonplan-{stamp}.tar.gz"


def _app_version() -> str:
    try:
        return metadata.version("tambonplan")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout without install
        return "unknown"


def _media_files(media_root: Path, skip: Iterable[Path] = ()) -> list[tuple[str, Path]]:
    """(path under MEDIA_ROOT with "/", absolute path) of every regular file, sorted; symlinks skipped."""
    skip = {path.resolve() for path in skip}
    found = []
    if not media_root.is_dir():
        return found
    for folder, dirs, names in os.walk(media_root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file() or path.resolve() in skip:
                continue
            found.append((path.relative_to(media_root).as_posix(), path))
    return found


class _HashingReader:
    def __init__(self, raw):
        self.raw, self.digest, self.size = raw, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.raw.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
    tar.addfile(info, io.BytesIO(data))


def make_backup(path: Path | str | None = None, *, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Write a backup archive to `path` (default: DATA_DIR/backups/tambonplan-YYYYmmdd-HHMMSS.tar.gz)."""
    started = time.monotonic()
    path = Path(path) if path else default_backup_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    connection = connections[using]
    try:
        with tempfile.TemporaryFile(dir=path.parent) as dump:
            # One snapshot for the whole dump; inside a caller's transaction (tests) that one's is used.
            snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
            with transaction.atomic(using=using):
                if snapshot:
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                tables = _dump(dump, using)
            dump.seek(0)
            manifest = Manifest(
                format=FORMAT,
                version=FORMAT_VERSION,
                created_at=timezone.now().isoformat(),
                django_version=django.get_version(),
                app_version=_app_version(),
                database_vendor=connection.vendor,
                database_sha256="",
                tables=tables,
            )
            with tarfile.open(partial, "w:gz", format=tarfile.PAX_FORMAT) as tar:
                info = tarfile.TarInfo(DATABASE_NAME)
                info.size, info.mtime, info.mode = dump.seek(0, os.SEEK_END), int(time.time()), 0o644
                dump.seek(0)
                reader = _HashingReader(dump)
                tar.addfile(info, reader)
                manifest.database_sha256 = reader.digest.hexdigest()
                media_root = Path(settings.MEDIA_ROOT)
                for relative, file_path in _media_files(media_root, skip=[partial, path]):
                    with open(file_path, "rb") as raw:
                        info = tar.gettarinfo(fileobj=raw, arcname=f"{MEDIA_PREFIX}/{relative}")
                        info.uid = info.gid = 0
                        info.uname = info.gname = ""
                        reader = _HashingReader(raw)
                        tar.addfile(info, reader)
                    manifest.files[relative] = {"sha256": reader.digest.hexdigest(), "size": reader.size}
                _add_bytes(tar, MANIFEST_NAME, manifest.to_json())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    manifest.path, manifest.size = path, path.stat().st_size
    manifest.seconds = time.monotonic() - started
    return manifest


# ------------------------------------------------------------------ restore


def _member_path(name: str) -> PurePosixPath:
    """The archive member's relative path; anything absolute or climbing out ("..") is refused."""
    parts = name.replace("\\", "/").split("/")
    if not name or name.startswith(("/", "\\")) or ":" in parts[0]:
        raise BackupError(f"ไฟล์สำรองมีชื่อไฟล์ที่ไม่ปลอดภัย (เป็น path เต็ม): {name!r} ไม่กู้คืน")
    if ".." in parts:
        raise BackupError(f"ไฟล์สำรองมีชื่อไฟล์ที่ไม่ปลอดภัย (มี ..): {name!r} ไม่กู้คืน")
    parts = [part for part in parts if part not in ("", ".")]
    if not parts:
        raise BackupError(f"ไฟล์สำรองมีชื่อไฟล์ที่ไม่ถูกต้อง: {name!r}")
    return PurePosixPath(*parts)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as raw:
        while chunk := raw.read(COPY_BUFFER):
            digest.update(chunk)
    return digest.hexdigest()


def _unpack(archive: Path, workdir: Path) -> Manifest:
    """Check and unpack the whole archive into `workdir` (database.jsonl, media/…); its manifest."""
    if not archive.is_file():
        raise BackupError(f"ไม่พบไฟล์สำรอง {archive}")
    manifest_raw = None
    seen = set()
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                relative = _member_path(member.name)
                if member.isdir():
                    continue
                if not member.isfile():
                    raise BackupError(f"ไฟล์สำรองมีรายการที่ไม่ใช่ไฟล์ปกติ (ลิงก์หรืออุปกรณ์): {member.name!r} ไม่กู้คืน")
                name = relative.as_posix()
                if name in seen:
                    raise BackupError(f"ไฟล์สำรองมีไฟล์ {name!r} ซ้ำกัน")
                seen.add(name)
                source = tar.extractfile(member)
                if name == MANIFEST_NAME:
                    manifest_raw = source.read()
                    continue
                if name != DATABASE_NAME and relative.parts[0] != MEDIA_PREFIX:
                    raise BackupError(f"ไฟล์สำรองมีไฟล์ที่ไม่รู้จัก: {name!r}")
                target = workdir.joinpath(*relative.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as out:
                    shutil.copyfileobj(source, out, COPY_BUFFER)
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, OSError) as exc:
        raise BackupError(
            f"อ่านไฟล์สำรอง {archive.name} ไม่ได้: ไม่ใช่ไฟล์สำรองของ TambonPlan (.tar.gz) "
            f"หรือไฟล์เสียหาย/ไม่ครบ ({exc})"
        ) from exc
    if manifest_raw is None or DATABASE_NAME not in seen:
        raise BackupError(f"{archive.name} ไม่ใช่ไฟล์สำรองของ TambonPlan: ไม่มี manifest.json หรือ database.jsonl")
    manifest = Manifest.from_json(manifest_raw)
    if _sha256(workdir / DATABASE_NAME) != manifest.database_sha256:
        raise BackupError("ข้อมูลฐานข้อมูลในไฟล์สำรองไม่ตรงกับ checksum ใน manifest.json: ไฟล์ถูกแก้ไขหรือเสียหาย ไม่กู้คืน")
    return manifest


def database_has_data(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The key models ("app.model") that already hold rows; a database not migrated yet holds none."""
    existing = set(connections[using].introspection.table_names())
    holding = []
    for label in KEY_MODELS:
        model = apps.get_model(label)
        if model._meta.db_table in existing and model._base_manager.using(using).exists():
            holding.append(label)
    return holding


def _read_groups(path: Path) -> Iterator[tuple[str, list[dict]]]:
    """(model label, up to CHUNK rows) from database.jsonl, one model at a time."""
    label, rows = None, []
    with open(path, "rb") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                data = json.loads(line)
                model = data["model"]
            except (ValueError, KeyError, TypeError) as exc:
                raise BackupError(f"database.jsonl บรรทัด {number} เสียหาย: {exc}") from exc
            if rows and (model != label or len(rows) >= CHUNK):
                yield label, rows
                rows = []
            label = model
            rows.append(data)
    if rows:
        yield label, rows


def _insert(model, objects: list, using: str) -> None:
    """Insert deserialized rows as they are (raw: no auto_now, no upload_to, no signals) and their m2m."""
    if not objects:
        return
    connection = connections[using]
    fields = model._meta.local_concrete_fields
    rows = [obj.object for obj in objects]
    size = max(1, min(CHUNK, connection.ops.bulk_batch_size(fields, rows) or CHUNK))
    for start in range(0, len(rows), size):
        model._base_manager.using(using)._insert(
            rows[start : start + size], fields=fields, using=using, raw=True
        )
    for name in _m2m_names(model):
        m2m_field = model._meta.get_field(name)
        through = m2m_field.remote_field.through
        source = through._meta.get_field(m2m_field.m2m_field_name()).attname
        target = through._meta.get_field(m2m_field.m2m_reverse_field_name()).attname
        links = [
            through(**{source: obj.object.pk, target: pk})
            for obj in objects
            for pk in obj.m2m_data.get(name, [])
        ]
        through._base_manager.using(using).bulk_create(links, batch_size=size)


def _load(path: Path, using: str) -> list:
    """Load database.jsonl into the (empty) database; the models loaded."""
    loaded = {}
    for label, rows in _read_groups(path):
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError) as exc:
            raise BackupError(f"ไฟล์สำรองมีข้อมูลของ {label} ซึ่งไม่มีในระบบรุ่นนี้") from exc
        objects = []
        try:
            for obj in PythonDeserializer(rows, using=using, handle_forward_references=True):
                if obj.deferred_fields:
                    raise BackupError(f"ข้อมูล {label} pk={obj.object.pk} อ้างถึงข้อมูลที่ไม่มีในฐานข้อมูล")
                objects.append(obj)
        except (serializers.base.DeserializationError, FieldDoesNotExist) as exc:
            raise BackupError(f"อ่านข้อมูล {label} ในไฟล์สำรองไม่ได้: {exc}") from exc
        _insert(model, objects, using)
        loaded[model] = True
    return list(loaded)


def _verify(manifest: Manifest, tables: dict[str, dict], media_root: Path) -> list[str]:
    mismatches = []
    for label in sorted(set(manifest.tables) | set(tables)):
        want, have = manifest.tables.get(label), tables.get(label)
        if want is None and have is not None and have["rows"] == 0:
            continue  # a table newer than the archive, still empty
        if want is None or have is None:
            mismatches.append(f"ตาราง {label}: มีในไฟล์สำรองหรือฐานข้อมูลเพียงฝั่งเดียว")
        elif want.get("rows") != have["rows"]:
            mismatches.append(f"ตาราง {label}: ในไฟล์สำรอง {want.get('rows')} แถว กู้คืนได้ {have['rows']} แถว")
        elif want.get("sha256") != have["sha256"]:
            mismatches.append(f"ตาราง {label}: checksum ไม่ตรงกับไฟล์สำรอง")
    for relative, want in sorted(manifest.files.items()):
        path = media_root.joinpath(*_member_path(relative).parts)
        if not path.is_file():
            mismatches.append(f"ไฟล์ {relative}: ไม่มีหลังกู้คืน")
        elif path.stat().st_size != want.get("size") or _sha256(path) != want.get("sha256"):
            mismatches.append(f"ไฟล์ {relative}: เนื้อหาไม่ตรงกับ checksum ในไฟล์สำรอง")
    return mismatches


def restore_backup(
    path: Path | str, *, force: bool = False, migrate: bool = True, using: str = DEFAULT_DB_ALIAS
) -> Report:
    """Restore an archive made by make_backup into this instance; refuses a database with data unless forced.

    Nothing is written to the database when the archive is unreadable or the load fails; the counts and
    checksums are checked afterwards and any difference is listed in the report's mismatches.
    """
    started = time.monotonic()
    path = Path(path)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".tambonplan-restore-") as work:
        workdir = Path(work)
        manifest = _unpack(path, workdir)
        if not force and (holding := database_has_data(using)):
            raise BackupError(
                "ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว (" + ", ".join(holding) + "): "
                "กู้คืนได้เฉพาะฐานข้อมูลว่าง หรือระบุ --force เพื่อลบข้อมูลเดิมทั้งหมดก่อนกู้คืน"
            )
        if migrate:
            call_command("migrate", interactive=False, verbosity=0, database=using)
        try:
            with transaction.atomic(using=using):
                if connection.vendor == "postgresql":
                    connection.check_constraints()  # fire pending deferred checks: TRUNCATE refuses them
                call_command("flush", interactive=False, verbosity=0, database=using)
                models = _load(workdir / DATABASE_NAME, using)
                connection.check_constraints(table_names=[model._meta.db_table for model in models])
                statements = connection.ops.sequence_reset_sql(no_style(), backup_models(using))
                if statements:
                    with connection.cursor() as cursor:
                        for sql in statements:
                            cursor.execute(sql)
        except (IntegrityError, DatabaseError) as exc:
            raise BackupError(f"โหลดข้อมูลจากไฟล์สำรองไม่สำเร็จ ไม่มีการเปลี่ยนแปลงฐานข้อมูล: {exc}") from exc
        finally:
            ContentType.objects.clear_cache()
        media = workdir / MEDIA_PREFIX
        count = 0
        for relative, source in _media_files(media):
            target = media_root.joinpath(*_member_path(relative).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)  # a rename, or a copy when MEDIA_ROOT is another disk
            count += 1
    tables = table_checksums(using)
    mismatches = _verify(manifest, tables, media_root)
    return Report(manifest, tables, count, mismatches, time.monotonic() - started)
