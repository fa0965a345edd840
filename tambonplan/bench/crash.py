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
from tambonplan.planning.models import Project, TambonPlan
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
        expected_growth = self.rows if self.finished else 0
        return (
            self.projects_after - self.projects_before == expected_growth
            and self.history_after - self.history_before == expected_growth
        )


def _counts(plan: TambonPlan) -> tuple[int, int]:
    return Project.objects.filter(plan=plan).count(), Project.history.filter(plan_id=plan.pk).count()


def killed_imports(*, rows: int = 10_000, delays=(0.5, 1.0, 1.5, 2.0, 3.0), write=print):
    """Start the project import in a child process and kill it (SIGKILL) after each delay; the plan must
    have either every row or none of them afterwards."""
    year = current_fiscal_year()
    plan = TambonPlan.objects.get(tambon_id=TAMBON, fiscal_year=year)
    user = User.objects.filter(role=Role.DISTRICT, district_id=TAMBON[:4], is_active=True).first()
    content = import_file(plan, rows)
    results = []
    for delay in delays:
        before = _counts(plan)
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
        after = _counts(plan)
        result = KilledImport(delay, finished, before[0], after[0], before[1], after[1], rows=rows)
        results.append(result)
        write(
            f"- import killed after {delay:.1f} s: {'finished before the kill' if finished else 'killed'}; "
            f"projects {before[0]} → {after[0]}, audit entries {before[1]} → {after[1]}: "
            f"{'all or nothing' if result.all_or_nothing else 'PARTIAL WRITE'}"
        )
        if finished:  # undo, so the next run starts from the same state
            Project.objects.filter(plan=plan).exclude(pk__in=_ids_before(plan, before[0])).delete()
    return results


def _ids_before(plan: TambonPlan, count: int) -> list[int]:
    return list(Project.objects.filter(plan=plan).order_by("pk").values_list("pk", flat=True)[:count])


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
