from pathlib import Path

from django.core.management.base import CommandError

from tambonplan.core.commands import AuditedCommand
from tambonplan.core.tabular import TabularError
from tambonplan.villagedata.scales import Survey
from tambonplan.villagedata.services import results_import


class Command(AuditedCommand):
    help = (
        "Import village results of the Department's surveys (jpt: households passing/surveyed per indicator;"
        " kch2k: level 1-3 per item) from a CSV or XLSX file; writes nothing if any row is bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("survey", choices=Survey.values)
        parser.add_argument("file", type=Path)

    def handle(self, *args, survey: str, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        try:
            counts = results_import(user=None, survey=survey, upload=file)
        except TabularError as error:
            for row_error in error.errors:
                where = [f"แถว {row_error.row}"] if row_error.row is not None else []
                if row_error.column:
                    where.append(f"คอลัมน์ '{row_error.column}'")
                prefix = f"{' '.join(where)}: " if where else ""
                self.stderr.write(f"{prefix}{row_error.message}")
            raise CommandError(f"ไม่ได้นำเข้า: พบข้อผิดพลาด {len(error.errors)} รายการ ไม่มีข้อมูลใดถูกบันทึก") from error
        self.stdout.write(
            f"results created={counts.created} updated={counts.updated} unchanged={counts.unchanged}"
        )
