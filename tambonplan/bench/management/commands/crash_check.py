from django.core.management.base import CommandError

from tambonplan.bench.crash import concurrent_edits, killed_imports, outage_during_load
from tambonplan.core.commands import AuditedCommand


class Command(AuditedCommand):
    help = (
        "Crash safety on the bench data: imports killed midway (all or nothing) and, with --outage, a "
        "PostgreSQL restart during a bounded load run (errors only during the outage, no app restart)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000, help="rows of the import that is killed")
        parser.add_argument("--outage", action="store_true", help="also restart PostgreSQL during a load run")
        parser.add_argument("--seconds", type=int, default=30)

    def handle(self, *args, rows, outage, seconds, **options):
        failures = []
        self.stdout.write("Imports killed midway:")
        for result in killed_imports(rows=rows, write=self.stdout.write):
            if not result.all_or_nothing:
                failures.append(f"import killed after {result.delay_s} s left a partial write")
        self.stdout.write("Concurrent edits:")
        if not concurrent_edits(write=self.stdout.write).ok:
            failures.append("concurrent edits lost an update or made two versions")
        if outage:
            self.stdout.write("PostgreSQL restarted during a load run:")
            run = outage_during_load(seconds=seconds, write=self.stdout.write)
            if run.errors_outside(grace_s=2.0):
                failures.append("errors outside the outage")
            if not run.recovered:
                failures.append("no request served after the restart")
            if run.server_pids_before != run.server_pids_after:
                failures.append("gunicorn workers were replaced")
        if failures:
            raise CommandError("; ".join(failures))
        self.stdout.write("crash safety: ok")
