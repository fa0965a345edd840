from django.core.management.base import BaseCommand

from tambonplan.areas.services import areas_load


class Command(BaseCommand):
    help = "Load every province, district and subdistrict of Thailand from geothai (idempotent)."

    def handle(self, *args, **options):
        result = areas_load()
        self.stdout.write(result.summary_line())
