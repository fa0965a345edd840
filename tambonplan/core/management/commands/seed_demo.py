from django.conf import settings
from django.core.management.base import CommandError

from tambonplan.accounts.demo import DEMO_PASSWORD, seed_users
from tambonplan.areas.demo import seed_villages
from tambonplan.areas.services import areas_load
from tambonplan.committees.demo import seed_committees
from tambonplan.core.commands import AuditedCommand
from tambonplan.directives.demo import seed_circulars
from tambonplan.events.demo import seed_events
from tambonplan.partners.demo import seed_partners
from tambonplan.planning.demo import seed_plans
from tambonplan.reports.demo import seed_reports


class Command(AuditedCommand):
    help = (
        "Build demo data for Ubon Ratchathani (FY2566, the year of its circular, with the district reports"
        " to it; the current fiscal year under way) and print the demo logins (development only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="run even when DEBUG is off")

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo สร้างผู้ใช้ที่มีรหัสผ่านเปิดเผย: ใช้ได้เมื่อ DEBUG เปิดอยู่ หรือระบุ --force")
        self.stdout.write(areas_load().summary_line())
        villages = seed_villages()
        self.stdout.write(
            f"villages created={villages.created} updated={villages.updated} unchanged={villages.unchanged}"
        )
        seed_users()
        from tambonplan.localgov.demo import seed_local_governments

        self.stdout.write(f"local governments created={seed_local_governments()}")
        self.stdout.write(f"committees created={seed_committees()}")
        self.stdout.write(f"plans created={seed_plans()}")
        self.stdout.write(f"partners created={seed_partners()}")
        self.stdout.write(f"events created={seed_events()}")
        # After the events: seed_events seeds nothing once Mueang Ubon has an event (a village forum).
        from tambonplan.villageplans.demo import seed_village_plans

        self.stdout.write(f"village plans created={seed_village_plans()}")
        self.stdout.write(f"circulars created={seed_circulars()}")
        self.stdout.write(f"district reports created={seed_reports()}")
        from tambonplan.villagedata.demo import seed_village_data

        self.stdout.write(f"village indicator results created={seed_village_data()}")
        from tambonplan.notifications.demo import seed_line_links

        self.stdout.write(f"demo LINE links created={seed_line_links()}")
        for demo in seed_users():
            self.stdout.write(f"{demo.role} username={demo.username} password={DEMO_PASSWORD}")
