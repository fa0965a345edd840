from pathlib import Path

from tambonplan.core.commands import ImportCommand
from tambonplan.localgov.services import local_governments_import


class Command(ImportCommand):
    help = "Import the local-government register (the nation) from a CSV or XLSX file; all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        counts = self.import_file(file, lambda: local_governments_import(user=None, upload=file))
        self.stdout.write(f"local governments created={counts.created} updated={counts.updated}")
