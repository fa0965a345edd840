"""Django settings for TambonPlan. Every deployment-specific value comes from the environment."""

from pathlib import Path

import fontpkg_sarabun
from django.core.exceptions import ImproperlyConfigured

from tambonplan import config

BASE_DIR = Path(__file__).resolve().parent.parent
config.load_env_file(BASE_DIR / ".env")
DATA_DIR = Path(config.env_str("TAMBONPLAN_DATA_DIR", str(BASE_DIR / "data")))

DEBUG = config.env_bool("DEBUG", True)
SECRET_KEY = config.secret_key("SECRET_KEY", debug=DEBUG, key_file=DATA_DIR / "secret_key.txt")
ALLOWED_HOSTS = config.env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off (production mode)")
CSRF_TRUSTED_ORIGINS = config.env_list("CSRF_TRUSTED_ORIGINS", [])
# The reverse proxies and load balancers in front of gunicorn (addresses or CIDR blocks): only a request
# from one of them has its X-Forwarded-For read for the client's address (tambonplan.core.http.client_ip).
TRUSTED_PROXIES = config.env_networks("TRUSTED_PROXIES")

INSTALLED_APPS = [
    "tambonplan.accounts.apps.FrontDoorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "tambonplan.core",
    "tambonplan.areas",
    "tambonplan.accounts",
    "tambonplan.documents",
    "tambonplan.committees",
    "tambonplan.events",
    "tambonplan.planning",
    "tambonplan.partners",
    "tambonplan.localgov",
    "tambonplan.funding",
    "tambonplan.villagedata",
    "tambonplan.villageplans",
    "tambonplan.maps",
    "tambonplan.notifications",
    "tambonplan.directives",
    "tambonplan.reports",
    "tambonplan.opendata",
    "tambonplan.api",
    "tambonplan.bench",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tambonplan.core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tambonplan.accounts.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "tambonplan.core.history.HistoryChannelMiddleware",
    "tambonplan.core.middleware.ThaiPreferencesMiddleware",
    "tambonplan.api.errors.ApiErrorMiddleware",
]

ROOT_URLCONF = "tambonplan.urls"
WSGI_APPLICATION = "tambonplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tambonplan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tambonplan.core.context_processors.navigation",
            ],
            "builtins": ["tambonplan.thai.templatetags"],
        },
    },
]

DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": config.database_config("DATABASE_URL", DATA_DIR / "tambonplan.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # Take the write lock when a transaction begins: two writers wait for each other instead of
            # one failing with "database is locked" (the loser of a race then sees the winner's version).
            "transaction_mode": "IMMEDIATE",
        }
    )
# Read replicas of the default database (scale-out, docs/OPERATIONS.md): replica_1, replica_2, … and a
# router that sends reads to them round-robin (writes, transactions and migrations stay on default).
REPLICA_DATABASES = config.replica_databases(
    "DATABASE_REPLICA_URLS", config.env_list("DATABASE_REPLICA_URLS", [])
)
DATABASES.update(REPLICA_DATABASES)
# PostgreSQL's JIT compiler costs 20-40 ms per query and only pays off for long analytic queries: the
# pages' grouped queries ran up to 35% faster without it (docs/PERFORMANCE.md).
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if REPLICA_DATABASES:
    DATABASE_ROUTERS = ["tambonplan.core.db_router.ReplicaRouter"]

# Redis (REDIS_URL) for the cache, shared by every web host (check-in rate limits) and for sessions;
# without it, per-process memory and database sessions (one host).
REDIS_URL = config.redis_url("REDIS_URL", config.env_str("REDIS_URL"))
CACHES = config.cache_config(REDIS_URL, key_prefix=config.env_str("CACHE_KEY_PREFIX", "tambonplan"))
SESSION_ENGINE = config.session_engine(REDIS_URL)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Django's four validators, with Thai messages (tambonplan.accounts.password_validation).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "tambonplan.accounts.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "tambonplan.accounts.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "tambonplan.accounts.password_validation.CommonPasswordValidator"},
    {"NAME": "tambonplan.accounts.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "tambonplan" / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(config.env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "tambonplan" / "static",
    ("fonts/sarabun", Path(fontpkg_sarabun.__file__).parent / "files"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(config.env_str("MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "media/"
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = config.env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = config.env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = config.env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = config.env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = config.env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = config.env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = config.env_str("DEFAULT_FROM_EMAIL", "TambonPlan <noreply@localhost>")

# The audit trail is read-only in the admin too: no "revert to this version", which would bypass the
# services' rules (reports, orders and commitments change state only through them).
SIMPLE_HISTORY_REVERT_DISABLED = True

# Background tasks: the database queue (`manage.py db_worker`), or Redis through RQ with TASKS_BACKEND=redis
# (`manage.py rqworker default`; TASKS_REDIS_URL, else REDIS_URL).
TASKS_BACKEND = config.tasks_backend_name("TASKS_BACKEND", config.env_str("TASKS_BACKEND"))
TASKS, RQ_QUEUES, RQ = config.tasks_config(
    TASKS_BACKEND, config.redis_url("TASKS_REDIS_URL", config.env_str("TASKS_REDIS_URL")) or REDIS_URL
)
if TASKS_BACKEND == "redis":
    INSTALLED_APPS.append("django_rq")
# The address users reach the site at, for links in emails and QR codes in documents (core/site_url.py).
SITE_URL = config.env_str("SITE_URL", "http://127.0.0.1:8000")
# Days before a report due date when districts that have not submitted get a reminder.
REPORT_REMINDER_DAYS_BEFORE = config.env_int("REPORT_REMINDER_DAYS_BEFORE", 3)
# LINE Official Account (Messaging API) for notifications (docs/OPERATIONS.md): without a token nothing goes
# to LINE; the secret verifies the webhook /line/webhook/; the base URL can point at `manage.py line_stub`.
LINE_CHANNEL_ACCESS_TOKEN = config.env_str("LINE_CHANNEL_ACCESS_TOKEN", "")
LINE_CHANNEL_SECRET = config.env_str("LINE_CHANNEL_SECRET", "")
LINE_API_BASE_URL = config.env_str("LINE_API_BASE_URL", "https://api.line.me")
LINE_ADD_FRIEND_URL = config.env_str("LINE_ADD_FRIEND_URL", "")  # the OA's "add friend" link, shown to users
# Requests per user (token or session) to the API, e.g. "600/m"; kept in the cache (shared with Redis).
API_RATE_LIMIT = config.env_str("API_RATE_LIMIT", "600/m")

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMPORT_MAX_BYTES = config.env_int("IMPORT_MAX_BYTES", 20 * 1024 * 1024)
IMPORT_MAX_ROWS = config.env_int("IMPORT_MAX_ROWS", 200_000)
# XLSX imports (docs/OPERATIONS.md, Security): characters of cell text an upload may make the parser
# materialise (a shared string counts once per cell that refers to it), and the child process that parses it.
IMPORT_MAX_CELL_TEXT = config.env_int("IMPORT_MAX_CELL_TEXT", 50_000_000)
IMPORT_PARSE_MEMORY_MB = config.env_int("IMPORT_PARSE_MEMORY_MB", 1024)
IMPORT_PARSE_TIMEOUT_SECONDS = config.env_int("IMPORT_PARSE_TIMEOUT_SECONDS", 60)

# The first fiscal year (Buddhist era) offered by the fiscal-year selector.
FIRST_FISCAL_YEAR = config.env_int("FIRST_FISCAL_YEAR", 2566)
# The local governments' development plans (แผนพัฒนาท้องถิ่น) cover fixed periods of LOCAL_PLAN_YEARS fiscal
# years, one of which starts on LOCAL_PLAN_FIRST_YEAR (BE): 2566-2570, 2571-2575, ... (the ผ.02 export).
LOCAL_PLAN_FIRST_YEAR = config.env_int(
    "LOCAL_PLAN_FIRST_YEAR", 2566, bounds=(2500, 2700), hint=" (a Buddhist-era year, e.g. 2566)"
)
LOCAL_PLAN_YEARS = config.env_int("LOCAL_PLAN_YEARS", 5, bounds=(1, 10))
# Seconds the public open-data rows are cached (and the downloads' Cache-Control max-age); 0: not cached.
OPEN_DATA_CACHE_SECONDS = config.env_int("OPEN_DATA_CACHE_SECONDS", 3600)

# Security (docs/OPERATIONS.md, Security). Login lockout: LOGIN_MAX_FAILURES failed passwords or two-factor
# codes for one username, or LOGIN_MAX_FAILURES_PER_IP from one address, within LOGIN_LOCKOUT_MINUTES.
LOGIN_MAX_FAILURES = config.env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_MAX_FAILURES_PER_IP = config.env_int("LOGIN_MAX_FAILURES_PER_IP", 50)
LOGIN_LOCKOUT_MINUTES = config.env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Password reset (tambonplan.accounts.password_reset): a link is good for PASSWORD_RESET_TIMEOUT seconds and
# once (it stops working when the password changes). Per hour: PASSWORD_RESET_MAX_REQUESTS requests for one
# e-mail address (or links for one user), PASSWORD_RESET_MAX_REQUESTS_PER_IP from one client address (or
# links made by one manager).
PASSWORD_RESET_TIMEOUT = config.env_int("PASSWORD_RESET_TIMEOUT", 3600, bounds=(300, 7 * 24 * 3600))
PASSWORD_RESET_MAX_REQUESTS = config.env_int("PASSWORD_RESET_MAX_REQUESTS", 5, bounds=(1, 1000))
PASSWORD_RESET_MAX_REQUESTS_PER_IP = config.env_int(
    "PASSWORD_RESET_MAX_REQUESTS_PER_IP", 20, bounds=(1, 10000)
)
# Keys that encrypt the two-factor secrets in the database (tambonplan.core.crypto): the first encrypts,
# all decrypt (rotation). Empty: one key derived from SECRET_KEY.
FIELD_ENCRYPTION_KEYS = config.fernet_keys("FIELD_ENCRYPTION_KEYS")
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie (forms carry the token; static/js/tambonplan.js sends no requests).
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "tambonplan.core.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    # Behind the HTTPS proxy of docs/OPERATIONS.md, which sets X-Forwarded-Proto; 0 when gunicorn is reached
    # directly (the header would then be the client's word).
    if config.env_bool("SECURE_PROXY_SSL_HEADER", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = config.env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = config.env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = config.env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    SECURE_HSTS_SECONDS = config.env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = config.env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = config.env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is the domain owner's decision (it binds every subdomain of the registered domain and is
        # slow to undo); not preloading is deliberate, so `check --deploy` need not warn about it.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# One console handler for everything. Django's own loggers lose their handlers (they propagate to it), so
# a refused request is logged once; 4xx responses are one line without the exception's traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "tambonplan.core.log_filters.OneLineForRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config.env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"filters": ["one_line_refusals"]},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
