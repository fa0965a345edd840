from django.core.management.base import CommandError

from tambonplan.core.backup import BackupError, restore_backup
from tambonplan.core.commands import AuditedCommand


class Command(AuditedCommand):
    help = (
        "Restore a backup made by `backup` into an empty database (or, with --force, replacing everything), "
        "then verify the row counts, checksums and files against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by `manage.py backup`")
        parser.add_argument(
            "--force",
            "--yes",
            action="store_true",
            dest="force",
            help="delete all data in the target database first, even when it is not empty",
        )

    def handle(self, *args, archive, force=False, **options):
        try:
            report = restore_backup(archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"กู้คืนข้อมูลจาก {archive} แล้ว: {report.rows:,} แถวใน {len(report.tables)} ตาราง, "
            f"ไฟล์แนบ {report.files:,} ไฟล์ (สำรองเมื่อ {report.manifest.created_at} "
            f"จาก {report.manifest.database_vendor}) ใช้เวลา {report.seconds:.1f} วินาที"
        )
        if not report.ok:
            for mismatch in report.mismatches:
                self.stderr.write(f"ไม่ตรงกัน: {mismatch}")
            raise CommandError(
                f"ข้อมูลที่กู้คืนไม่ตรงกับไฟล์สำรอง {len(report.mismatches)} รายการ: ตรวจสอบไฟล์สำรองก่อนใช้งาน"
            )
        self.stdout.write("ตรวจสอบแล้ว: จำนวนแถว checksum ของทุกตาราง และไฟล์แนบทุกไฟล์ตรงกับไฟล์สำรอง")
