"""Small parsers that read settings from environment variables and fail loudly on bad values."""

import base64
import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def load_env_file(path: Path) -> None:
    """Read KEY=VALUE lines of a .env file into os.environ; the real environment wins, empty values skip."""
    if not path.is_file():
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise ImproperlyConfigured(f"{path}:{number}: expected KEY=VALUE, got {line!r}")
        value = value.strip().strip("'\"")
        if value:
            os.environ.setdefault(key.strip(), value)


def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(name: str, default: int, *, bounds: tuple[int, int] | None = None, hint: str = "") -> int:
    """An integer; with bounds (lowest, highest), one outside them is refused, the hint added to the error."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from exc
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is out of range: use a number from {bounds[0]} to {bounds[1]}{hint}"
        )
    return value


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Comma-separated addresses or CIDR blocks ("10.0.0.0/8, 127.0.0.1"); empty or unset gives none."""
    networks = []
    for item in env_list(name, []):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an IP address or CIDR block") from exc
    return networks


def fernet_keys(name: str) -> list[str]:
    """Comma-separated Fernet keys (32 bytes, url-safe base64), checked at start; unset gives none."""
    keys = env_list(name, [])
    for number, key in enumerate(keys, start=1):
        try:
            valid = len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32
        except (ValueError, UnicodeError):
            valid = False
        if not valid:
            raise ImproperlyConfigured(
                f"{name} (key {number}) is not a Fernet key: 32 bytes in url-safe base64, made with "
                '`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`'
            )
    return keys


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_config(name: str, default_sqlite_path: Path) -> dict:
    raw = os.environ.get(name) or f"sqlite:///{default_sqlite_path}"
    return parse_database_url(name, raw)


def parse_database_url(name: str, raw: str) -> dict:
    """One database URL (from the variable `name`) as a Django DATABASES entry."""
    try:
        config = dj_database_url.parse(raw, conn_max_age=0)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"{name} is not a database URL that Django understands: {exc}") from exc
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"{name}={raw!r} names no database engine")
    return config


# ------------------------------------------------------------------ scale-out (docs/OPERATIONS.md)

REDIS_SCHEMES = {"redis", "rediss", "unix"}
TASKS_BACKENDS = {"database", "redis"}
RQ_JOB_CLASS = "django_tasks_rq.Job"


def _without_password(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.password is None:
        return raw
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def redis_url(name: str, raw: str | None) -> str | None:
    """A Redis URL (redis://[:password@]host[:port][/db], rediss://…, unix:///path.sock), checked; None if
    unset or empty. The error names the variable and hides the password."""
    if raw is None or not raw.strip():
        return None
    raw = raw.strip()
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={_without_password(raw)!r} is not a Redis URL: {exc}") from exc
    example = "(e.g. redis://127.0.0.1:6379/0)"
    if parts.scheme not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            f"{name}={_without_password(raw)!r} is not a Redis URL {example}: the scheme must be "
            f"one of {', '.join(sorted(REDIS_SCHEMES))}"
        )
    if parts.scheme == "unix":
        if not parts.path:
            raise ImproperlyConfigured(f"{name}={raw!r} names no socket path (unix:///run/redis.sock)")
        return raw
    if not parts.hostname:
        raise ImproperlyConfigured(f"{name}={_without_password(raw)!r} names no host {example}")
    db = parts.path.lstrip("/")
    if db and not db.isdigit():
        raise ImproperlyConfigured(
            f"{name}={_without_password(raw)!r}: the database after the host must be a number, not {db!r}"
        )
    return raw


def cache_config(redis: str | None, *, key_prefix: str = "tambonplan") -> dict:
    """CACHES: Redis (shared by every host: check-in rate limits, sessions) when a URL is given, else
    per-process memory. The key prefix lets several installations share one Redis database."""
    if redis is None:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis,
            "KEY_PREFIX": key_prefix,
        }
    }


def session_engine(redis: str | None) -> str:
    """Sessions: write-through cache over the database with Redis (a Redis restart logs nobody out), the
    database alone without it."""
    if redis is None:
        return "django.contrib.sessions.backends.db"
    return "django.contrib.sessions.backends.cached_db"


def tasks_backend_name(name: str, raw: str | None) -> str:
    value = (raw or "database").strip().lower() or "database"
    if value not in TASKS_BACKENDS:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a task backend (use database or redis)")
    return value


def tasks_config(backend: str, redis: str | None, *, url_names: str = "TASKS_REDIS_URL or REDIS_URL"):
    """(TASKS, RQ_QUEUES, RQ) for the django-tasks default backend: the database queue (django-tasks-db,
    `manage.py db_worker`) or Redis through RQ (django-tasks-rq, `manage.py rqworker default`)."""
    if backend == "database":
        return {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, {}, {}
    if redis is None:
        raise ImproperlyConfigured(f"TASKS_BACKEND=redis needs a Redis URL: set {url_names}")
    tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    # DEFAULT_TIMEOUT: a job running longer is killed (a reminder email takes seconds). RQ keeps a finished
    # job's result 500 seconds; the app reads none (a reminder records its sending in the database).
    queues = {"default": {"URL": redis, "DEFAULT_TIMEOUT": 10 * 60}}
    return tasks, queues, {"JOB_CLASS": RQ_JOB_CLASS}


def replica_databases(name: str, urls: list[str]) -> dict:
    """DATABASES entries replica_1, replica_2, … for read replicas of the default database. Each mirrors
    "default" in tests, so the test run needs no second database."""
    replicas = {}
    for number, raw in enumerate(urls, start=1):
        replica = parse_database_url(f"{name} (URL {number})", raw)
        replica["TEST"] = {"MIRROR": "default"}
        replicas[f"replica_{number}"] = replica
    return replicas


def secret_key(name: str, *, debug: bool, key_file: Path) -> str:
    """SECRET_KEY from the environment; in development it is generated once and kept in key_file."""
    value = os.environ.get(name)
    if value:
        return value
    if not debug:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off (production mode)")
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(50)
    key_file.write_text(value, encoding="utf-8")
    key_file.chmod(0o600)
    return value
