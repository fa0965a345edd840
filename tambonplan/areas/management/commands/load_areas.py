from tambonplan.areas.services import areas_load
from tambonplan.core.commands import AuditedCommand


class Command(AuditedCommand):
    help = "Load every province, district and subdistrict of Thailand from geothai (idempotent)."

    def handle(self, *args, **options):
        result = areas_load()
        self.stdout.write(result.summary_line())
