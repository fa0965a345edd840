"""Crash safety, scripted and repeatable (issue 8): an import killed midway leaves all or nothing, and the
app rides out a PostgreSQL restart in the middle of a load run without being restarted itself.

Both scenarios run against the database of this process's settings and only on 127.0.0.1.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from tambonplan.accounts.models import Role, User
from tambonplan.bench.load import (
    HOST,
    http_request,
    session_cookie,
    start_server,
    stop_server,
    targets,
    wait_for_health,
)
from tambonplan.bench.run import import_file
from tambonplan.planning.models import Project, ProjectClass, TambonPlan
from tambonplan.thai.dates import current_fiscal_year

TAMBON = "340104"

# The child process: import the file given on stdin into the plan, printing "started" first.
IMPORT_CHILD = """
import io, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tambonplan.settings")
import django
django.setup()
from tambonplan.accounts.models import User
from tambonplan.planning import imports
from tambonplan.planning.models import TambonPlan
content = sys.stdin.buffer.read()
upload = io.BytesIO(content)
upload.name = "projects.xlsx"
plan = TambonPlan.objects.get(pk=int(sys.argv[1]))
user = User.objects.get(pk=int(sys.argv[2]))
print("started", flush=True)
imports.projects_import(user=user, plan=plan, upload=upload)
print("finished", flush=True)
"""


@dataclass
class KilledImport:
    delay_s: float
    finished: bool
    projects_before: int
    projects_after: int
    history_before: int
    history_after: int
    rows: int = 0

    @property
    def all_or_nothing(self) -> bool:
        """Every row or none (the kill may land after the commit but before the process exits), and an
        audit entry for each new project."""
        growth = self.projects_after - self.projects_before
        return growth in (0, self.rows) and self.history_after - self.history_before == growth


def _counts(plan: TambonPlan) -> tuple[int, int]:
    return Project.objects.filter(plan=plan).count(), Project.history.filter(plan_id=plan.pk).count()


def killed_imports(*, rows: int = 10_000, delays=(0.5, 1.0, 1.5, 2.0, 3.0), write=print):
    """Start the project import in a child process and kill it (SIGKILL) after each delay; the plan must
    have either every row or none of them afterwards."""
    year = current_fiscal_year()
    plan = TambonPlan.objects.get(tambon_id=TAMBON, fiscal_year=year)
    user = User.objects.filter(role=Role.DISTRICT, district_id=TAMBON[:4], is_active=True).first()
    # Names no project of the plan has yet, so a finished import adds exactly `rows` projects.
    content = import_file(plan, rows, prefix=f"โครงการทดสอบการหยุดกลางคัน {time.time_ns()}")
    results = []
    for delay in delays:
        before = _counts(plan)
        last_pk = Project.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        child = subprocess.Popen(
            [sys.executable, "-c", IMPORT_CHILD, str(plan.pk), str(user.pk)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=os.environ.copy(),
        )
        child.stdin.write(content)
        child.stdin.close()
        child.stdout.readline()  # "started": Django is up and the import begins
        time.sleep(delay)
        finished = child.poll() is not None
        if not finished:
            child.send_signal(signal.SIGKILL)
        child.wait()
        finished = finished and child.returncode == 0
        time.sleep(1.0)  # a COMMIT sent just before the kill is still finishing in the server
        after = _counts(plan)
        result = KilledImport(delay, finished, before[0], after[0], before[1], after[1], rows=rows)
        results.append(result)
        write(
            f"- import killed after {delay:.1f} s: {'finished before the kill' if finished else 'killed'}"
            f"{' (after its commit)' if not finished and after[0] > before[0] else ''}; "
            f"projects {before[0]} → {after[0]}, audit entries {before[1]} → {after[1]}: "
            f"{'all or nothing' if result.all_or_nothing else 'PARTIAL WRITE'}"
        )
        if after[0] > before[0]:  # undo, so the next run starts from the same state
            Project.objects.filter(plan=plan, pk__gt=last_pk).delete()
    return results


@dataclass
class OutageRun:
    started: float
    outage_from: float = 0.0
    outage_to: float = 0.0
    ok: list[float] = field(default_factory=list)  # seconds since start of each success
    errors: list[tuple[float, str]] = field(default_factory=list)
    server_pids_before: list[int] = field(default_factory=list)
    server_pids_after: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def errors_outside(self, grace_s: float) -> list[tuple[float, str]]:
        return [(t, e) for t, e in self.errors if not self.outage_from <= t <= self.outage_to + grace_s]

    @property
    def recovered(self) -> bool:
        return any(t > self.outage_to for t in self.ok)


def _worker_pids(server: subprocess.Popen) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    return sorted(int(pid) for pid in found)


def restart_database() -> None:
    """Restart the local PostgreSQL cluster (what an outage looks like to the app)."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart", "-m", "fast"], check=True
    )


def outage_during_load(*, users: int = 10, seconds: int = 30, restart_at: float = 8.0, port: int = 8798,
                       write=print) -> OutageRun:  # fmt: skip
    """A bounded read load (at most 60 s) against gunicorn while PostgreSQL restarts once."""
    if connection.vendor != "postgresql":
        raise RuntimeError("the outage scenario needs PostgreSQL (DATABASE_URL)")
    seconds = min(seconds, 60)
    reads, _writes = targets()
    province = User.objects.filter(role=Role.PROVINCE, province_id="34", is_active=True).first()
    cookies = {settings.SESSION_COOKIE_NAME: session_cookie(province)}
    paths = [path for role, path in reads if role == "province"]
    run = OutageRun(started=time.monotonic())
    connection.close()  # this process holds no connection across the restart
    server = start_server(port, workers=2, threads=4)
    try:
        wait_for_health(port)
        run.server_pids_before = _worker_pids(server)
        run.started = time.monotonic()
        stop_at = run.started + seconds

        def user_loop(index: int) -> None:
            n = index
            while time.monotonic() < stop_at:
                path = paths[n % len(paths)]
                n += users
                try:
                    status, _cookie = http_request(port, "GET", path, cookies)
                    error = None if status < 400 else f"GET {path} -> {status}"
                except OSError as exc:
                    error = f"GET {path} -> {exc.__class__.__name__}"
                at = time.monotonic() - run.started
                with run.lock:
                    (run.errors.append((at, error)) if error else run.ok.append(at))

        pool = [threading.Thread(target=user_loop, args=(i,), daemon=True) for i in range(users)]
        for thread in pool:
            thread.start()
        time.sleep(restart_at)
        run.outage_from = time.monotonic() - run.started
        restart_database()
        run.outage_to = time.monotonic() - run.started
        for thread in pool:
            thread.join(timeout=seconds + 35)
        run.server_pids_after = _worker_pids(server)
    finally:
        stop_server(server)
    late = run.errors_outside(grace_s=2.0)
    write(
        f"- {len(run.ok) + len(run.errors)} requests by {users} users over {seconds} s on {HOST}; PostgreSQL "
        f"restarted from {run.outage_from:.1f} s to {run.outage_to:.1f} s"
    )
    write(f"- errors: {len(run.errors)}, of which outside the outage (+2 s): {len(late)}")
    write(f"- served after the restart: {sum(1 for t in run.ok if t > run.outage_to)} requests; "
          f"same gunicorn workers: {run.server_pids_before == run.server_pids_after}")  # fmt: skip
    return run


@dataclass
class ConcurrentEdits:
    project_saved: int
    project_conflicts: int
    project_name_kept: bool
    report_versions: int
    report_refusals: int

    @property
    def ok(self) -> bool:
        return (
            self.project_saved == 1
            and self.project_conflicts == 1
            and self.project_name_kept
            and self.report_versions == 1
            and self.report_refusals == 1
        )


def _race(calls) -> list[object]:
    """Run the calls at the same moment in threads (each with its own database connection); their results
    or the exceptions they raised."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is what is measured
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def concurrent_edits(*, write=print) -> ConcurrentEdits:
    """Two officers save the same project from pages opened at the same version, at the same moment; a
    district officer's double click on "submit". One wins, the other is told; one version."""
    from tambonplan.core.concurrency import ConcurrentEditError
    from tambonplan.planning import services as planning_services
    from tambonplan.reports import services as report_services
    from tambonplan.reports.models import DistrictReport, ReportState, ReportVersion

    plan = TambonPlan.objects.get(tambon_id=TAMBON, fiscal_year=current_fiscal_year())
    officer = User.objects.filter(role=Role.DISTRICT, district_id=TAMBON[:4], is_active=True).first()
    province = User.objects.filter(role=Role.PROVINCE, province_id=TAMBON[:2], is_active=True).first()
    project = Project.objects.filter(plan=plan).select_related(
        "project_class"
    ).first() or Project.objects.create(
        plan=plan, name="โครงการทดสอบการแก้ไขพร้อมกัน", project_class=ProjectClass.objects.first()
    )
    fields = {"project_class": project.project_class, "priority": project.priority, "status": project.status}

    def save(name):
        return lambda: planning_services.project_save(
            user=officer, plan=plan, project=project, version=project.version, name=name, **fields
        )

    outcomes = _race([save("ชื่อจากหน้าต่างที่หนึ่ง"), save("ชื่อจากหน้าต่างที่สอง")])
    saved = [o for o in outcomes if isinstance(o, Project)]
    conflicts = [o for o in outcomes if isinstance(o, ConcurrentEditError)]
    project.refresh_from_db()
    kept = len(saved) == 1 and project.name == saved[0].name

    report = DistrictReport.objects.filter(district_id=TAMBON[:4]).order_by("-circular__fiscal_year").first()
    if report.state not in (ReportState.DRAFT, ReportState.RETURNED):
        if report.state == ReportState.ACCEPTED:
            report_services.reopen(user=province, report=report, comment="ทดสอบการส่งซ้ำ")
        else:
            report_services.return_for_correction(user=province, report=report, comment="ทดสอบการส่งซ้ำ")
    report.refresh_from_db()
    if not report.reporter_name:
        report.reporter_name, report.reporter_position, report.reporter_phone = "ผู้ทดสอบ", "พัฒนาการ", "045"
        report.save()
    before = ReportVersion.objects.filter(report=report).count()
    submit = lambda: report_services.submit(user=officer, report=report)  # noqa: E731
    outcomes = _race([submit, submit])
    versions = ReportVersion.objects.filter(report=report).count() - before
    refusals = sum(1 for o in outcomes if isinstance(o, Exception))
    result = ConcurrentEdits(len(saved), len(conflicts), kept, versions, refusals)
    write(
        f"- the same project saved twice at once: {result.project_saved} saved, "
        f"{result.project_conflicts} told of the conflict, the saved name kept: {result.project_name_kept}"
    )
    write(
        f"- a double-clicked submit: {result.report_versions} new version, {result.report_refusals} refused"
    )
    return result
