from pathlib import Path

from tambonplan.core.commands import ImportCommand
from tambonplan.villagedata.scales import Survey
from tambonplan.villagedata.services import results_import


class Command(ImportCommand):
    help = (
        "Import village results of the Department's surveys (jpt: households passing/surveyed per indicator;"
        " kch2k: level 1-3 per item) from a CSV or XLSX file; writes nothing if any row is bad."
    )

    def add_arguments(self, parser):
        parser.add_argument("survey", choices=Survey.values)
        parser.add_argument("file", type=Path)

    def handle(self, *args, survey: str, file: Path, **options):
        counts = self.import_file(file, lambda: results_import(user=None, survey=survey, upload=file))
        self.stdout.write(
            f"results created={counts.created} updated={counts.updated} unchanged={counts.unchanged}"
        )
