from pathlib import Path

from django.core.management.base import CommandError

from tambonplan.bench.load import MAX_SECONDS, run_load
from tambonplan.core.commands import AuditedCommand


class Command(AuditedCommand):
    help = "A bounded load run (loopback only, at most 60 s) against gunicorn on this database."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--seconds", type=int, default=30)
        parser.add_argument("--port", type=int, default=8799)
        parser.add_argument("--workers", type=int, default=4)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--output", default="bench/load.txt", help="the summary file ('' for none)")

    def handle(self, *args, users, seconds, port, workers, threads, output, **options):
        if not 1 <= seconds <= MAX_SECONDS:
            raise CommandError(f"--seconds ต้องอยู่ระหว่าง 1 ถึง {MAX_SECONDS}")
        if users < 1:
            raise CommandError("--users ต้องมากกว่า 0")
        lines = run_load(
            users=users, seconds=seconds, port=port, workers=workers, threads=threads, write=self.stdout.write
        )
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text("\n".join(lines) + "\n", encoding="utf-8")
