"""python manage.py bench_generate: the deterministic national dataset for benchmarks (bench/generate.py)."""

from django.core.management.base import CommandError

from tambonplan.bench.generate import (
    BENCH_PASSWORD,
    DEFAULT_PROJECTS_PER_PLAN,
    DEFAULT_SEED,
    BenchDataExists,
    Options,
    generate,
)
from tambonplan.core.commands import AuditedCommand


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",") if code.strip()]


def _years(text: str) -> list[int]:
    try:
        years = [int(year) for year in _codes(text)]
    except ValueError as error:
        raise CommandError(f"ปีงบประมาณต้องเป็นตัวเลข พ.ศ. คั่นด้วยจุลภาค เช่น 2569,2570: {text}") from error
    if not years or any(year < 2500 or year > 2700 for year in years):
        raise CommandError(f"ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2569,2570: {text}")
    return years


class Command(AuditedCommand):
    help = (
        "Build a deterministic (seeded) national dataset for benchmarks: areas, villages, plans for two "
        "fiscal years with projects and needs, committees, events, partners, circulars and district reports. "
        "Refuses when the selected provinces already hold such data unless --reset is given, which first "
        "deletes every plan, committee, event, partner, circular, report and village of those provinces "
        "(areas and users stay)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
        )
        parser.add_argument(
            "--projects-per-plan",
            type=int,
            default=DEFAULT_PROJECTS_PER_PLAN,
            help=f"about this many projects per plan (default {DEFAULT_PROJECTS_PER_PLAN})",
        )
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiplies the projects per plan (default 1)"
        )
        parser.add_argument(
            "--provinces",
            default="",
            help='comma-separated province codes, e.g. "34" or "34,33" (default all)',
        )
        parser.add_argument(
            "--years",
            default="",
            help="comma-separated fiscal years (BE), default the current and the previous one",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete the selected provinces' plans, committees, events, partners, circulars, reports and "
            "villages first",
        )
        parser.add_argument("--batch-size", type=int, default=2_000, help="rows per INSERT (default 2000)")

    def handle(self, *args, **options):
        if options["projects_per_plan"] < 0 or options["scale"] < 0:
            raise CommandError("จำนวนโครงการต่อแผนและตัวคูณต้องไม่ติดลบ")
        settings = Options(
            seed=options["seed"],
            projects_per_plan=options["projects_per_plan"],
            scale=options["scale"],
            provinces=_codes(options["provinces"]) or None,
            years=_years(options["years"]) if options["years"] else None,
            reset=options["reset"],
            batch_size=max(1, options["batch_size"]),
        )
        try:
            summary = generate(settings, log=self.stdout.write)
        except BenchDataExists as error:
            raise CommandError(str(error)) from error
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("")
        self.stdout.write("สรุปจำนวนแถวที่สร้าง:")
        for model, count in sorted(summary.counts.items()):
            self.stdout.write(f"  {model:<28} {count:>10,}")
        self.stdout.write(f"  {'รวม':<28} {sum(summary.counts.values()):>10,}")
        self.stdout.write(f"เวลาทั้งหมด {summary.seconds:.1f} วินาที")
        self.stdout.write("")
        self.stdout.write("ผู้ใช้สำหรับทดสอบประสิทธิภาพ:")
        for username, role in summary.users:
            self.stdout.write(f"  {role:<11} username={username} password={BENCH_PASSWORD}")
