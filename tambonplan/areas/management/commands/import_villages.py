from pathlib import Path

from tambonplan.areas.services import villages_import
from tambonplan.core.commands import ImportCommand


class Command(ImportCommand):
    help = "Import villages from a CSV or XLSX file; writes nothing if any row is bad."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        counts = self.import_file(file, lambda: villages_import(user=None, upload=file))
        self.stdout.write(
            f"villages created={counts.created} updated={counts.updated} unchanged={counts.unchanged}"
        )
