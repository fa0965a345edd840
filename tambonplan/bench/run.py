"""Benchmarks of the key pages and jobs on the generated national data, each next to its floor.

Every figure is measured in this one run, in this process (the server-side time: from the request entering
Django to the response leaving it, with the test client), repeated, as median and 95th percentile. Each
floor is the least that work can cost here:

- a page: the SQL statements the page itself sent, run again alone on a cursor with every row fetched
  (no ORM, no Python work, no template): what the database must do anyway;
- the PDF: WeasyPrint laying out the very HTML the page rendered;
- the Excel export: openpyxl writing the same rows and columns (write-only) from plain tuples;
- the import: openpyxl reading the same file (read-only), every cell.

- a map: joining the same outlines' SVG paths, already cached, into one string: what drawing them costs at
  least (the rows the map colours are the page's, measured with the page).

Targets (issue 7): a page within 2 x its floor + 30 ms and a median of at most 300 ms; the export's peak
memory under 300 MB; the import within 2 x its floor. A map (issue 20): at most 150 ms, its SVG under 300 KB.
"""

import io
import math
import os
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import django
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tambonplan.accounts.models import Role, User
from tambonplan.areas.models import District, Province, Tambon, Village
from tambonplan.directives.models import Circular
from tambonplan.documents import pdf as pdf_module
from tambonplan.documents.xlsx import Sheet, build_xlsx
from tambonplan.maps.choropleth import ChoroplethMap
from tambonplan.planning import imports
from tambonplan.planning.maps import PROGRESS, progress_map
from tambonplan.planning.models import PlanStep, Project, ProjectClass, TambonPlan
from tambonplan.planning.selectors import district_progress, national_progress, province_tambon_progress
from tambonplan.reports.models import DistrictReport, ReportState
from tambonplan.thai.dates import current_fiscal_year

PROVINCE, DISTRICT, TAMBON = "34", "3401", "340104"
PAGE_LIMIT_MS, PAGE_SLACK_MS, MEMORY_LIMIT_MB = 300.0, 30.0, 300.0
MAP_LIMIT_MS, MAP_LIMIT_KB = 150.0, 300.0
MAP = {"measure": PROGRESS, "area_name": "bench"}


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile (p between 0 and 1) of the values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


class Rollback(Exception):
    """Raised to undo a measured write."""


@dataclass
class Result:
    name: str
    kind: str  # "page", "export", "pdf", "import", "map"
    times_ms: list[float]
    floor_name: str
    floor_ms: list[float]
    queries: int = 0
    peak_mb: float | None = None
    size_kb: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 0.95)

    @property
    def floor(self) -> float:
        return statistics.median(self.floor_ms)

    @property
    def ratio(self) -> float:
        return self.median / self.floor if self.floor else float("inf")

    @property
    def target(self) -> str:
        if self.kind == "page":
            return f"≤ 2×floor+{PAGE_SLACK_MS:.0f} ms and ≤ {PAGE_LIMIT_MS:.0f} ms"
        if self.kind == "export":
            return f"peak < {MEMORY_LIMIT_MB:.0f} MB"
        if self.kind == "import":
            return "≤ 2×floor"
        if self.kind == "map":
            return f"≤ {MAP_LIMIT_MS:.0f} ms, SVG < {MAP_LIMIT_KB:.0f} KB"
        return "(no target)"

    @property
    def met(self) -> bool | None:
        if self.kind == "page":
            return self.median <= 2 * self.floor + PAGE_SLACK_MS and self.median <= PAGE_LIMIT_MS
        if self.kind == "export":
            return self.peak_mb is not None and self.peak_mb < MEMORY_LIMIT_MB
        if self.kind == "import":
            return self.median <= 2 * self.floor
        if self.kind == "map":
            return self.median <= MAP_LIMIT_MS and self.size_kb is not None and self.size_kb < MAP_LIMIT_KB
        return None


def _times(call: Callable[[], object], repeat: int) -> list[float]:
    call()  # warm up (caches, connections, template loading)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _sql_floor(statements: list[str], repeat: int) -> list[float]:
    def run():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()

    return _times(run, repeat)


def _get(client: Client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return response


def measure_page(name: str, client: Client, url: str, repeat: int) -> Result:
    _get(client, url)
    with CaptureQueriesContext(connection) as captured:
        _get(client, url)
    statements = [
        q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]
    return Result(
        name=f"{name} `{url}`",
        kind="page",
        times_ms=_times(lambda: _get(client, url), repeat),
        floor_name="its SQL alone",
        floor_ms=_sql_floor(statements, repeat),
        queries=len(statements),
    )


def measure_export(client: Client, url: str, repeat: int) -> Result:
    content = _get(client, url).content
    rows = list(load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True))
    headers, body = rows[0], rows[1:]

    def floor():
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(headers)
        for row in body:
            sheet.append(row)
        workbook.save(io.BytesIO())

    tracemalloc.start()
    _get(client, url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Result(
        name=f"Excel export of a province's projects ({len(body):,} rows) `{url}`",
        kind="export",
        times_ms=_times(lambda: _get(client, url), repeat),
        floor_name="openpyxl write-only, same rows",
        floor_ms=_times(floor, repeat),
        peak_mb=peak / 2**20,
    )


def measure_pdf(client: Client, url: str, repeat: int) -> Result:
    captured: list[str] = []
    original = pdf_module.pdf_from_html

    def keep(html: str) -> bytes:
        captured.append(html)
        return original(html)

    pdf_module.pdf_from_html = keep
    try:
        _get(client, url)
    finally:
        pdf_module.pdf_from_html = original
    html = captured[-1]
    return Result(
        name=f"PDF of a district report `{url}`",
        kind="pdf",
        times_ms=_times(lambda: _get(client, url), repeat),
        floor_name="WeasyPrint on the same HTML",
        floor_ms=_times(lambda: original(html), repeat),
    )


def measure_map(name: str, build: Callable[[], ChoroplethMap], repeat: int) -> Result:
    """The map of rows already read (`build`: the page's call), drawn as SVG, against joining its paths."""
    chart = build()
    svg = chart.svg()
    paths = [area.shape.path for area in chart.drawn] + [shape.path for shape in chart.context]
    return Result(
        name=f"{name} ({len(chart.drawn):,} areas)",
        kind="map",
        times_ms=_times(lambda: build().svg(), repeat),
        floor_name="joining the cached paths",
        floor_ms=_times(lambda: "".join(paths), repeat),
        size_kb=len(svg.encode()) / 1024,
    )


def import_file(plan: TambonPlan, rows: int, *, prefix: str = "โครงการพัฒนาหมู่บ้าน ลำดับ") -> bytes:
    columns = imports.project_columns(plan)
    headers = [column.headers[-1] for column in columns]
    years = len(columns) - len(imports.PROJECT_COLUMNS) - 1
    project_class = ProjectClass.objects.filter(needs_target=False).order_by("sort_order").first()

    def row(i: int) -> list[object]:
        return [
            i,
            f"{prefix} {i}",
            "เศรษฐกิจชุมชน",
            "เพิ่มรายได้ครัวเรือน",
            "ครัวเรือน 50 ครัวเรือน",
            "",
            "รายได้เพิ่มขึ้นร้อยละ 10",
            "ชุมชนเข้มแข็ง",
            "อบต.",
            "อบต.",
            project_class.name_th,
            "",
            "",
            "ด้านเศรษฐกิจ",
            "",
            *([10000 + i] * years),
            "เสนอ",
        ]

    return build_xlsx([Sheet(imports.PROJECTS_SHEET, headers, (row(i) for i in range(1, rows + 1)))])


def measure_import(user: User, plan: TambonPlan, rows: int, repeat: int) -> Result:
    content = import_file(plan, rows)

    def run():
        try:
            with transaction.atomic():
                upload = io.BytesIO(content)
                upload.name = "projects.xlsx"
                imports.projects_import(user=user, plan=plan, upload=upload)
                raise Rollback
        except Rollback:
            pass

    def floor():
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        for _row in workbook.active.iter_rows(values_only=True):
            pass

    return Result(
        name=f"Import of {rows:,} projects into one plan",
        kind="import",
        times_ms=_times(run, repeat),
        floor_name="openpyxl read-only, every cell",
        floor_ms=_times(floor, repeat),
    )


def _client(user: User) -> Client:
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "127.0.0.1")
    client.force_login(user)
    return client


def _user(role: str, **area) -> User:
    user = User.objects.filter(role=role, is_active=True, **area).order_by("id").first()
    if user is None:
        raise RuntimeError(f"No active {role} user {area}: run bench_generate first")
    return user


def run(*, repeat: int = 15, import_rows: int = 10_000, write=None) -> list[Result]:
    """Every benchmark, printed as it goes (`write`), returned for the results file."""
    write = write or print
    year = current_fiscal_year()
    department_user = _user(Role.DEPARTMENT)
    province_user = _user(Role.PROVINCE, province_id=PROVINCE)
    department = _client(department_user)
    province = _client(province_user)
    district_user = _user(Role.DISTRICT, district_id=DISTRICT)
    district = _client(district_user)
    plan = TambonPlan.objects.get(tambon_id=TAMBON, fiscal_year=year)
    circular = Circular.objects.filter(province_id=PROVINCE, fiscal_year=year).order_by("-id").first()
    report = (
        DistrictReport.objects.filter(circular=circular)
        .exclude(state=ReportState.DRAFT)
        .order_by("district_id")
        .first()
    )
    pages = [
        ("Home of the Department", department, reverse("home")),
        ("Home of a province officer", province, reverse("home")),
        ("Home of a district officer", district, reverse("home")),
        ("National overview (Department)", department, reverse("planning:index")),
        (
            "Province overview: plan progress by district",
            province,
            reverse("planning:province", args=[PROVINCE]),
        ),
        ("Province committees overview", province, reverse("committees:province", args=[PROVINCE])),
        ("Province budget integration", province, reverse("partners:integration_province", args=[PROVINCE])),
        ("A district's tambon list", district, reverse("planning:district", args=[DISTRICT])),
        ("A plan page", district, reverse("planning:plan", args=[plan.pk])),
        ("Reporting rates of a circular", province, reverse("reports:rates", args=[circular.pk])),
        ("Consolidated provincial report", province, reverse("reports:consolidation", args=[circular.pk])),
        ("Department's list of circulars", department, reverse("reports:index")),
        ("API: the nation's projects, first 100 (Department)", department, "/api/v1/projects?page_size=100"),
        (
            "API: a district's projects of the year",
            district,
            f"/api/v1/projects?area={DISTRICT}&fiscal_year={year}&page_size=100",
        ),
        ("API: a province's district reports", province, f"/api/v1/reports?area={PROVINCE}&page_size=100"),
    ]
    results = []
    for name, client, url in pages:
        results.append(measure_page(name, client, url, repeat))
        write(line(results[-1]))
    nation_rows = national_progress(department_user, fiscal_year=year)
    province_area = Province.objects.get(code=PROVINCE)
    district_rows = district_progress(province_user, province=province_area, fiscal_year=year)
    tambon_rows = province_tambon_progress(province_user, districts=district_rows, fiscal_year=year)
    maps = [
        ("Map: the nation by province", lambda: progress_map(nation_rows, level="province", **MAP)),
        ("Map: a province by tambon", lambda: progress_map(tambon_rows, level="tambon", **MAP)),
    ]
    for name, build in maps:
        results.append(measure_map(name, build, repeat))
        write(line(results[-1]))
    results.append(
        measure_export(province, reverse("planning:province_projects_xlsx", args=[PROVINCE]), repeat)
    )
    write(line(results[-1]))
    results.append(measure_pdf(province, reverse("reports:pdf", args=[report.pk]), max(3, repeat // 3)))
    write(line(results[-1]))
    results.append(measure_import(district_user, plan, import_rows, 3))
    write(line(results[-1]))
    return results


def line(result: Result) -> str:
    extra = f", {result.queries} queries" if result.queries else ""
    extra += f", peak {result.peak_mb:.0f} MB" if result.peak_mb is not None else ""
    extra += f", SVG {result.size_kb:.0f} KB" if result.size_kb is not None else ""
    verdict = {True: "ok", False: "MISSED", None: "-"}[result.met]
    return (
        f"{result.name}: median {result.median:.1f} ms, p95 {result.p95:.1f} ms; floor {result.floor:.1f} ms "
        f"({result.floor_name}); ×{result.ratio:.2f}{extra} [{verdict}]"
    )


def machine() -> list[str]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next(line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo") as handle:
            kb = int(next(line.split()[1] for line in handle if line.startswith("MemTotal")))
            memory = f"{kb / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        database = cursor.fetchone()[0]
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores, {memory} RAM",
        f"- Python {platform.python_version()}, Django {django.get_version()}, database: {connection.vendor} "
        f"({database.split(' on ')[0]})",
        f"- Settings: DEBUG={settings.DEBUG}",
    ]


def dataset() -> str:
    counts = {
        "provinces": Province.objects.filter(is_active=True).count(),
        "districts": District.objects.filter(is_active=True).count(),
        "tambons": Tambon.objects.filter(is_active=True).count(),
        "villages": Village.objects.count(),
        "plans": TambonPlan.objects.count(),
        "plan steps": PlanStep.objects.count(),
        "projects": Project.objects.count(),
        "district reports": DistrictReport.objects.count(),
    }
    return ", ".join(f"{n:,} {name}" for name, n in counts.items())


def results_markdown(results: list[Result], *, load: list[str] | None = None) -> str:
    rows = [
        "| page or job | median ms | p95 ms | floor ms | floor | ratio | queries | target | met |",
        "|---|---:|---:|---:|---|---:|---:|---|---|",
    ]
    for r in results:
        memory = f" (peak {r.peak_mb:.0f} MB)" if r.peak_mb is not None else ""
        memory += f" (SVG {r.size_kb:.0f} KB)" if r.size_kb is not None else ""
        rows.append(
            f"| {r.name}{memory} | {r.median:.1f} | {r.p95:.1f} | {r.floor:.1f} | {r.floor_name} | "
            f"{r.ratio:.2f} | {r.queries or ''} | {r.target} | "
            f"{ {True: 'yes', False: '**no**', None: '-'}[r.met] } |"
        )
    parts = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} by `python manage.py bench_run` on the data of "
        "`python manage.py bench_generate` (see README, Benchmarks). Times are server-side, in one "
        "process, median and 95th percentile of repeated runs after a warm-up; each floor is measured in "
        "the same run (module docstring of `tambonplan/bench/run.py`).",
        "",
        "Machine:",
        *machine(),
        "",
        f"Data: {dataset()}.",
        "",
        *rows,
    ]
    if load:
        parts += ["", "## Load", "", *load]
    return "\n".join(parts) + "\n"
