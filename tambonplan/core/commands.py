"""The base of every management command of the project."""

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.core.management.base import BaseCommand, CommandError

from tambonplan.core.history import Channel, recorded_as
from tambonplan.core.tabular import TabularError

T = TypeVar("T")


class AuditedCommand(BaseCommand):
    """A management command whose changes the audit trail shows as made by a system command (an import
    service it calls still records them as imported)."""

    def execute(self, *args, **options):
        with recorded_as(Channel.COMMAND):
            return super().execute(*args, **options)


class ImportCommand(AuditedCommand):
    """A command that imports one file through an import service: every row error printed in Thai with its
    row and column, and nothing written when there is any."""

    def import_file(self, file: Path, load: Callable[[], T]) -> T:
        if not file.is_file():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        try:
            return load()
        except TabularError as error:
            for row_error in error.errors:
                where = [f"แถว {row_error.row}"] if row_error.row is not None else []
                if row_error.column:
                    where.append(f"คอลัมน์ '{row_error.column}'")
                prefix = f"{' '.join(where)}: " if where else ""
                self.stderr.write(f"{prefix}{row_error.message}")
            raise CommandError(f"ไม่ได้นำเข้า: พบข้อผิดพลาด {len(error.errors)} รายการ ไม่มีข้อมูลใดถูกบันทึก") from error
