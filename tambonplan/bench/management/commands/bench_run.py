from pathlib import Path

from tambonplan.bench.run import results_markdown, run
from tambonplan.core.commands import AuditedCommand


class Command(AuditedCommand):
    help = "Measure the key pages and jobs on the bench data, each next to its floor; write bench/results.md."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=15, help="runs of each page after a warm-up")
        parser.add_argument("--import-rows", type=int, default=10_000)
        parser.add_argument("--output", default="bench/results.md", help="the results file ('' for none)")
        parser.add_argument("--load", default="", help="a file with the load run's lines to include")

    def handle(self, *args, repeat: int, import_rows: int, output: str, load: str, **options):
        results = run(repeat=repeat, import_rows=import_rows, write=self.stdout.write)
        if output:
            load_lines = Path(load).read_text().splitlines() if load else None
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text(results_markdown(results, load=load_lines), encoding="utf-8")
            self.stdout.write(f"wrote {output}")
