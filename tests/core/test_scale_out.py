"""Scale-out (docs/OPERATIONS.md): the cache and the task queue on Redis, read replicas through the router,
and the parsing of the variables that switch them on.

The Redis tests use the test-only Redis database 15 and keys unique to the run, and delete what they made.
They are skipped only when no Redis answers at TEST_REDIS_URL (default redis://127.0.0.1:6379/15).
"""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS
from django_tasks import TaskResultStatus

from tambonplan import config
from tambonplan.core import counters, db_router
from tambonplan.core.db_router import ReplicaRouter
from tambonplan.events import services as event_services
from tambonplan.events.models import Event
from tambonplan.reports import reminders
from tambonplan.reports.models import Reminder
from tambonplan.reports.tasks import send_reminder_task
from tests.events import factories as event_factories
from tests.reports.test_reminders import DUE, make_circular

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
BASE_DIR = Path(__file__).resolve().parents[2]


def redis_client():
    import redis

    return redis.Redis.from_url(REDIS_URL)


@pytest.fixture(scope="module")
def redis_available():
    import redis

    try:
        redis_client().ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"no Redis at {REDIS_URL}: {exc}")


@pytest.fixture
def unique():
    return f"tp-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def redis_cache_settings(redis_available, settings, unique):
    """CACHES as settings.py builds them from REDIS_URL, with a key prefix unique to this test."""
    settings.CACHES = config.cache_config(config.redis_url("REDIS_URL", REDIS_URL), key_prefix=unique)
    yield unique
    client = redis_client()
    keys = list(client.scan_iter(f"{unique}:*"))
    if keys:
        client.delete(*keys)
    caches.close_all()


# ------------------------------------------------------------------ (a) the cache on Redis


def test_cache_config_uses_redis_when_a_url_is_given():
    assert config.cache_config(None) == {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    redis_caches = config.cache_config("redis://cache.internal:6379/0", key_prefix="ubon")
    assert redis_caches["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/0",
        "KEY_PREFIX": "ubon",
    }
    assert config.session_engine(None) == "django.contrib.sessions.backends.db"
    assert (
        config.session_engine("redis://cache.internal:6379/0") == "django.contrib.sessions.backends.cached_db"
    )


def test_cache_set_get_and_expiry_on_redis(redis_cache_settings):
    assert isinstance(caches["default"], RedisCache)
    cache.set("greeting", {"th": "สวัสดี"}, timeout=60)
    cache.set("short", "lived", timeout=1)

    assert cache.get("greeting") == {"th": "สวัสดี"}
    assert cache.get("short") == "lived"
    # The key prefix is in Redis: another installation with another prefix sees nothing.
    assert redis_client().exists(f"{redis_cache_settings}:1:greeting")
    other = RedisCache(REDIS_URL, {"KEY_PREFIX": f"{redis_cache_settings}-other"})
    assert other.get("greeting") is None

    time.sleep(1.3)
    assert cache.get("short") is None
    assert cache.get("greeting") == {"th": "สวัสดี"}


def two_hosts(prefix: str) -> tuple[RedisCache, RedisCache]:
    """Two cache backends with their own connection pools, as two gunicorn processes would have."""
    return RedisCache(REDIS_URL, {"KEY_PREFIX": prefix}), RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})


@pytest.mark.django_db
def test_checkin_rate_limit_counts_across_processes(redis_cache_settings, settings, monkeypatch):
    settings.REDIS_URL = REDIS_URL  # core.counters keeps its windows in the cache
    monkeypatch.setattr(event_services, "CHECKIN_MAX_PER_IP", 3)
    event = event_factories.event()
    host_a, host_b = two_hosts(redis_cache_settings)
    assert host_a._cache is not host_b._cache

    def register(host, index):
        monkeypatch.setattr(counters, "cache", host)
        return event_services.checkin_register(
            token=event_services.checkin_link_token(event),
            name=f"ผู้เข้าร่วม {index}",
            group="socho",
            phone="",
            client_ip="10.9.9.9",
        )

    register(host_a, 1)
    register(host_b, 2)
    register(host_a, 3)
    with pytest.raises(event_services.CheckinRateLimited):
        register(host_b, 4)  # the fourth new attendee from the address, whichever process answers it
    with pytest.raises(event_services.CheckinRateLimited):
        register(host_a, 5)
    assert event.attendees.count() == 3


# ------------------------------------------------------------------ (b) the task queue on Redis


@pytest.fixture
def rq_settings(redis_available, settings, unique):
    """TASKS, RQ_QUEUES and RQ as settings.py builds them for TASKS_BACKEND=redis, on a queue name unique to
    this test (RQ does not prefix its keys)."""
    tasks, queues, rq = config.tasks_config("redis", config.redis_url("TASKS_REDIS_URL", REDIS_URL))
    tasks["default"]["QUEUES"] = [unique]
    settings.TASKS = tasks
    settings.RQ_QUEUES = {"default": queues["default"], unique: queues["default"]}
    settings.RQ = rq
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://tambonplan.example"
    made = []  # ids of the jobs and names of the workers
    yield unique, made
    client = redis_client()
    keys = set(client.scan_iter(f"*{unique}*"))
    for name in made:
        keys.update(client.scan_iter(f"rq:*{name}*"))
    if keys:
        client.delete(*keys)
    client.srem("rq:queues", f"rq:queue:{unique}")
    client.delete("rq:clean_groups")  # the worker's throttle of its registry clean-up (expires anyway)


def run_burst_worker(queue_name: str, made: list) -> bool:
    """The worker of `manage.py rqworker`, in this process (no fork), until the queue is empty."""
    import django_rq

    worker = django_rq.get_worker(queue_name, worker_class="rq.SimpleWorker")
    made.append(worker.name)
    return worker.work(burst=True)


def test_tasks_config():
    assert config.tasks_config("database", None)[0] == {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend"}
    }
    tasks, queues, rq = config.tasks_config("redis", "redis://queue.internal:6379/1")
    assert tasks == {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    assert queues["default"]["URL"] == "redis://queue.internal:6379/1"
    assert rq == {"JOB_CLASS": "django_tasks_rq.Job"}


@pytest.mark.django_db
def test_reminder_email_goes_through_the_redis_queue(rq_settings, personas, mailoutbox):
    queue_name, made = rq_settings
    personas.district_officer.email = "mueang@example.com"
    personas.district_officer.save()
    circular = make_circular()
    circular.districts.set(["3401"])
    (reminder,) = reminders.create_due_reminders(DUE - timedelta(days=3))

    result = send_reminder_task.using(queue_name=queue_name).enqueue(reminder.pk)
    made.append(result.id)
    assert result.backend == "default"
    assert result.status == TaskResultStatus.READY
    assert mailoutbox == []
    assert redis_client().llen(f"rq:queue:{queue_name}") == 1

    assert run_burst_worker(queue_name, made) is True

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
    assert [message.to for message in mailoutbox] == [["mueang@example.com"]]
    assert Reminder.objects.get(pk=reminder.pk).sent_at is not None
    assert redis_client().llen(f"rq:queue:{queue_name}") == 0


@pytest.mark.django_db
def test_a_failing_task_is_reported_failed(rq_settings):
    queue_name, made = rq_settings
    result = send_reminder_task.using(queue_name=queue_name).enqueue("not-an-id")
    made.append(result.id)

    run_burst_worker(queue_name, made)

    result.refresh()
    assert result.status == TaskResultStatus.FAILED
    assert [error.exception_class_path for error in result.errors] == ["builtins.ValueError"]


# ------------------------------------------------------------------ (c) read replicas


@pytest.fixture
def router():
    db_router.reset_pinning()
    yield ReplicaRouter(replicas=["replica_1", "replica_2"])
    db_router.reset_pinning()


def test_replica_databases_mirror_default_in_tests():
    replicas = config.replica_databases(
        "DATABASE_REPLICA_URLS",
        [
            "postgres://plan:s3cret@replica-a.internal:5432/tambonplan",
            "postgres://plan@replica-b.internal/tambonplan",
        ],
    )
    assert list(replicas) == ["replica_1", "replica_2"]
    assert replicas["replica_1"]["ENGINE"] == "django.db.backends.postgresql"
    assert replicas["replica_1"]["HOST"] == "replica-a.internal"
    assert replicas["replica_2"]["HOST"] == "replica-b.internal"
    assert all(replica["TEST"] == {"MIRROR": "default"} for replica in replicas.values())
    assert config.replica_databases("DATABASE_REPLICA_URLS", []) == {}


def test_reads_go_round_robin_to_the_replicas(router):
    assert [router.db_for_read(Event) for _ in range(4)] == [
        "replica_1",
        "replica_2",
        "replica_1",
        "replica_2",
    ]


def test_writes_go_to_default_and_pin_later_reads_of_the_request(router):
    assert router.db_for_read(Event) == "replica_1"
    assert router.db_for_write(Event) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Event) == DEFAULT_DB_ALIAS  # read-your-writes
    db_router.reset_pinning()  # the next request (request_started)
    assert router.db_for_read(Event) == "replica_2"


def test_sessions_and_the_task_queue_are_read_from_default(router):
    from django.contrib.sessions.models import Session
    from django_tasks_db.models import DBTaskResult

    assert router.db_for_read(Session) == DEFAULT_DB_ALIAS
    assert router.db_for_read(DBTaskResult) == DEFAULT_DB_ALIAS


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_default(router):
    # pytest-django runs this test inside transaction.atomic on default.
    assert router.db_for_read(Event) == DEFAULT_DB_ALIAS


def test_migrations_only_on_default_and_relations_allowed(router):
    assert router.allow_migrate("replica_1", "events", "event") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "events", "event") is None
    on_replica, on_default, elsewhere = Event(), Event(), Event()
    on_replica._state.db, on_default._state.db, elsewhere._state.db = "replica_2", "default", "archive"
    assert router.allow_relation(on_replica, on_default) is True
    assert router.allow_relation(on_replica, elsewhere) is None


def test_querysets_follow_the_router(settings, router):
    settings.DATABASE_ROUTERS = [router]
    assert Event.objects.all().db == "replica_1"
    assert Event.objects.select_for_update().db == DEFAULT_DB_ALIAS


def test_without_replicas_the_router_sends_everything_to_default():
    empty = ReplicaRouter(replicas=[])
    assert empty.db_for_read(Event) == DEFAULT_DB_ALIAS


# ------------------------------------------------------------------ (d) parsing the variables


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("http://127.0.0.1:6379/0", "REDIS_URL='http://127.0.0.1:6379/0' is not a Redis URL"),
        ("127.0.0.1:6379", "REDIS_URL='127.0.0.1:6379' is not a Redis URL"),
        ("redis://127.0.0.1:port/0", "REDIS_URL='redis://127.0.0.1:port/0' is not a Redis URL"),
        ("redis:///0", "REDIS_URL='redis:///0' names no host"),
        ("redis://127.0.0.1:6379/cache", "REDIS_URL='redis://127.0.0.1:6379/cache': the database"),
        ("unix://", "REDIS_URL='unix://' names no socket path"),
    ],
)
def test_bad_redis_url_fails_naming_the_variable(raw, message):
    with pytest.raises(ImproperlyConfigured) as error:
        config.redis_url("REDIS_URL", raw)
    assert message in str(error.value)


def test_bad_redis_url_hides_the_password():
    with pytest.raises(ImproperlyConfigured) as error:
        config.redis_url("TASKS_REDIS_URL", "http://:hunter2@queue.internal:6379/1")
    assert "TASKS_REDIS_URL" in str(error.value)
    assert "hunter2" not in str(error.value) and ":***@" in str(error.value)


@pytest.mark.parametrize(
    "raw",
    ["redis://127.0.0.1:6379/0", "rediss://:pw@cache.internal:6380", "unix:///run/redis.sock", None, " "],
)
def test_good_redis_urls(raw):
    expected = raw.strip() or None if raw else None
    assert config.redis_url("REDIS_URL", raw) == expected


def test_bad_replica_url_fails_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match=r"DATABASE_REPLICA_URLS \(URL 2\) is not a database URL"):
        config.replica_databases(
            "DATABASE_REPLICA_URLS", ["postgres://plan@replica-a.internal/tambonplan", "replica-b.internal"]
        )


def test_bad_tasks_backend_fails_naming_the_variable():
    assert config.tasks_backend_name("TASKS_BACKEND", None) == "database"
    assert config.tasks_backend_name("TASKS_BACKEND", " Redis ") == "redis"
    with pytest.raises(ImproperlyConfigured, match="TASKS_BACKEND='celery' is not a task backend"):
        config.tasks_backend_name("TASKS_BACKEND", "celery")
    with pytest.raises(
        ImproperlyConfigured, match="TASKS_BACKEND=redis needs a Redis URL: set TASKS_REDIS_URL"
    ):
        config.tasks_config("redis", None)


SHOW_SETTINGS = """
import django
django.setup()
from django.conf import settings
print(settings.CACHES["default"]["BACKEND"], settings.CACHES["default"].get("KEY_PREFIX"))
print(settings.SESSION_ENGINE)
print(settings.TASKS["default"]["BACKEND"], settings.RQ_QUEUES.get("default", {}).get("URL"))
print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS, "django_rq" in settings.INSTALLED_APPS)
"""


def run_settings(**env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"REDIS_URL", "TASKS_BACKEND", "TASKS_REDIS_URL", "DATABASE_REPLICA_URLS", "CACHE_KEY_PREFIX"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="tambonplan.settings")
    return subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS], env=environment, cwd=BASE_DIR, capture_output=True, text=True
    )


def test_settings_read_the_scale_out_variables(tmp_path):
    plain = run_settings(TAMBONPLAN_DATA_DIR=str(tmp_path))
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.splitlines() == [
        "django.core.cache.backends.locmem.LocMemCache None",
        "django.contrib.sessions.backends.db",
        "django_tasks_db.DatabaseBackend None",
        "['default'] [] False",
    ]

    scaled = run_settings(
        TAMBONPLAN_DATA_DIR=str(tmp_path),
        REDIS_URL="redis://cache.internal:6379/0",
        CACHE_KEY_PREFIX="ubon",
        TASKS_BACKEND="redis",
        TASKS_REDIS_URL="redis://queue.internal:6379/1",
        DATABASE_REPLICA_URLS="postgres://a.internal/tp, postgres://b.internal/tp",
    )
    assert scaled.returncode == 0, scaled.stderr
    assert scaled.stdout.splitlines() == [
        "django.core.cache.backends.redis.RedisCache ubon",
        "django.contrib.sessions.backends.cached_db",
        "django_tasks_rq.RQBackend redis://queue.internal:6379/1",
        "['default', 'replica_1', 'replica_2'] ['tambonplan.core.db_router.ReplicaRouter'] True",
    ]

    bad = run_settings(TAMBONPLAN_DATA_DIR=str(tmp_path), REDIS_URL="localhost:6379")
    assert bad.returncode != 0 and "REDIS_URL='localhost:6379' is not a Redis URL" in bad.stderr
