"""A bounded load run against gunicorn on loopback: N concurrent users, about 80% reads of overviews and
lists and 20% project status updates, for at most 60 seconds; throughput, latency percentiles, errors.

Only 127.0.0.1 is ever contacted. The server is started here (gunicorn with this process's environment,
so the same DATABASE_URL) and stopped at the end, whatever happens.
"""

import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.urls import reverse

from tambonplan.accounts.models import Role, User
from tambonplan.bench.run import percentile
from tambonplan.directives.models import Circular
from tambonplan.planning.models import ProjectStatus, TambonPlan
from tambonplan.thai.dates import current_fiscal_year

HOST = "127.0.0.1"
MAX_SECONDS = 60
PROVINCE = "34"


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    reads: int = 0
    writes: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, ms: float, *, write: bool, error: str | None) -> None:
        with self.lock:
            self.latencies_ms.append(ms)
            if write:
                self.writes += 1
            else:
                self.reads += 1
            if error:
                self.errors.append(error)


def session_cookie(user: User) -> str:
    """A logged-in session for the user, as the server's session engine stores it."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


def http_request(port: int, method: str, path: str, cookies: dict, body: str = "", headers=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        all_headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Host": HOST}
        if body:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        connection.request(method, path, body=body or None, headers=all_headers)
        response = connection.getresponse()
        response.read()
        set_cookie = response.getheader("Set-Cookie")
        return response.status, set_cookie
    finally:
        connection.close()


def wait_for_health(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _cookie = http_request(port, "GET", "/healthz", {})
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz")


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def start_server(port: int, workers: int, threads: int) -> subprocess.Popen:
    """gunicorn on the port, which must be free (never measure another server by mistake)."""
    if not _port_is_free(port):
        raise RuntimeError(f"port {port} is in use: choose another with --port")
    command = [
        sys.executable, "-m", "gunicorn", "tambonplan.wsgi",
        "--bind", f"{HOST}:{port}", "--workers", str(workers), "--threads", str(threads),
        "--worker-class", "gthread", "--log-level", "warning",
    ]  # fmt: skip
    environment = {**os.environ, "ALLOWED_HOSTS": HOST}
    return subprocess.Popen(command, env=environment, start_new_session=True)


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def targets() -> tuple[list[tuple[str, str]], list[tuple[int, list[int]]]]:
    """The pages read (role, path) and the plans written (plan id, its project ids), of Ubon."""
    year = current_fiscal_year()
    circular = Circular.objects.filter(province_id=PROVINCE, fiscal_year=year).order_by("-id").first()
    plans = TambonPlan.objects.filter(tambon__district__province_id=PROVINCE, fiscal_year=year)
    plans = list(plans.order_by("id")[:200])
    reads = [
        ("department", reverse("planning:index")),
        ("province", reverse("planning:province", args=[PROVINCE])),
        ("province", reverse("committees:province", args=[PROVINCE])),
        ("province", reverse("partners:integration_province", args=[PROVINCE])),
        ("province", reverse("planning:district", args=["3401"])),
        *(("province", reverse("planning:plan", args=[plan.pk])) for plan in plans[:20]),
    ]
    if circular is not None:
        reads.append(("province", reverse("reports:rates", args=[circular.pk])))
    writes = [(plan.pk, list(plan.projects.values_list("pk", flat=True)[:20])) for plan in plans[:50]]
    return reads, [(pk, ids) for pk, ids in writes if ids]


def run_load(*, users: int = 50, seconds: int = 30, port: int = 8799, workers: int = 4, threads: int = 4,
             seed: int = 7, write=print) -> list[str]:  # fmt: skip
    """Start gunicorn, run the mix for `seconds` (at most 60), stop it; the summary lines."""
    seconds = min(seconds, MAX_SECONDS)
    reads, writes = targets()
    sessions = {
        "department": session_cookie(User.objects.filter(role=Role.DEPARTMENT, is_active=True).first()),
        "province": session_cookie(
            User.objects.filter(role=Role.PROVINCE, province_id=PROVINCE, is_active=True).first()
        ),
    }
    statuses = [value for value, _label in ProjectStatus.choices]
    tally = Tally()
    server = start_server(port, workers, threads)
    try:
        wait_for_health(port)
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped")
        # A CSRF cookie for the writes, as a browser would get it from the plan page.
        cookies = {settings.SESSION_COOKIE_NAME: sessions["province"]}
        plan_page = reverse("planning:plan", args=[writes[0][0]])
        _status, set_cookie = http_request(port, "GET", plan_page, cookies)
        csrf = SimpleCookie(set_cookie or "").get(settings.CSRF_COOKIE_NAME)
        csrf_token = csrf.value if csrf else ""
        stop_at = time.monotonic() + seconds

        def user_loop(index: int) -> None:
            rng = random.Random(seed * 1000 + index)
            while time.monotonic() < stop_at:
                is_write = rng.random() < 0.2
                if is_write:
                    plan_pk, project_ids = rng.choice(writes)
                    path = reverse("planning:bulk_status", args=[plan_pk])
                    body = f"project={rng.choice(project_ids)}&status={rng.choice(statuses)}"
                    request_cookies = {**cookies, settings.CSRF_COOKIE_NAME: csrf_token}
                    headers = {"X-CSRFToken": csrf_token}
                    method = "POST"
                else:
                    role, path = rng.choice(reads)
                    request_cookies = {settings.SESSION_COOKIE_NAME: sessions[role]}
                    body, headers, method = "", None, "GET"
                start = time.perf_counter()
                error = None
                try:
                    status, _cookie = http_request(port, method, path, request_cookies, body, headers)
                    if status >= 400:
                        error = f"{method} {path} -> {status}"
                except OSError as exc:
                    error = f"{method} {path} -> {exc.__class__.__name__}"
                tally.add((time.perf_counter() - start) * 1000, write=is_write, error=error)

        started = time.monotonic()
        pool = [threading.Thread(target=user_loop, args=(i,), daemon=True) for i in range(users)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join(timeout=seconds + 35)
        elapsed = time.monotonic() - started
    finally:
        stop_server(server)
    return summary(tally, users=users, elapsed=elapsed, workers=workers, threads=threads, write=write)


def summary(tally: Tally, *, users: int, elapsed: float, workers: int, threads: int, write=print):
    ordered = sorted(tally.latencies_ms)
    total = len(ordered)
    lines = [
        f"- {users} concurrent users for {elapsed:.0f} s against gunicorn ({workers} workers × {threads} "
        f"threads) on {HOST}, {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}",
        f"- requests: {total:,} ({tally.reads:,} reads, {tally.writes:,} project updates, "
        f"{100 * tally.writes / total if total else 0:.0f}% writes); throughput {total / elapsed:.1f} req/s",
        f"- latency: p50 {percentile(ordered, 0.5):.0f} ms, p95 {percentile(ordered, 0.95):.0f} ms, "
        f"p99 {percentile(ordered, 0.99):.0f} ms, mean {statistics.fmean(ordered):.0f} ms"
        if total
        else "- latency: no requests",
        f"- errors: {len(tally.errors)}" + (f" (first: {tally.errors[0]})" if tally.errors else ""),
    ]
    for text in lines:
        write(text)
    return lines
