from django.core.management.base import CommandError
from django.template.defaultfilters import filesizeformat

from tambonplan.core.backup import BackupError, make_backup
from tambonplan.core.commands import AuditedCommand


class Command(AuditedCommand):
    help = (
        "Back up the database (one consistent snapshot, as JSON) and the uploaded files into one .tar.gz "
        "(default data/backups/tambonplan-YYYYmmdd-HHMMSS.tar.gz); see docs/OPERATIONS.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="the archive to write (default under DATA_DIR/backups/)")

    def handle(self, *args, output=None, **options):
        try:
            manifest = make_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"สำรองข้อมูลแล้ว: {manifest.path} ขนาด {filesizeformat(manifest.size)} "
            f"({manifest.rows:,} แถวใน {len(manifest.tables)} ตาราง, ไฟล์แนบ {len(manifest.files):,} ไฟล์) "
            f"ใช้เวลา {manifest.seconds:.1f} วินาที"
        )
