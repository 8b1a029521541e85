"""Settings shared by every environment. Values come from the environment (see config.env)."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str
from config.storage import default_storage

BACKEND_DIR = Path(__file__).resolve().parent.parent.parent
REPO_DIR = BACKEND_DIR.parent
VAR_DIR = Path(env_str("SHUANGSHI_VAR_DIR", str(REPO_DIR / "var")))
FRONTEND_DIST = Path(env_str("SHUANGSHI_FRONTEND_DIST", str(REPO_DIR / "frontend" / "dist")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-local-only-key-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",  # its table only: API tokens are knox's (they expire)
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files served from our own static files
    "auditlog",
    "axes",
    "shuangshi.common",
    "shuangshi.accounts",
    "shuangshi.schools",
    "shuangshi.teachers",
    "shuangshi.mentors",
    "shuangshi.training",
    "shuangshi.qualification",
    "shuangshi.spreadsheets",
    "shuangshi.audit",
    "shuangshi.recognition",
    "django_tasks",
    "django_tasks_db",
    "shuangshi.jobs",
    "shuangshi.notifications",
    "shuangshi.duty",
    "shuangshi.hours",
]

MIDDLEWARE = [
    # First: settles the client address (TRUSTED_PROXIES) for everything below.
    "shuangshi.common.proxies.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A query string holding a lone surrogate is a 400 (worded in the request's language).
    "shuangshi.common.parsers.SurrogateQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "shuangshi.audit.middleware.AuditMiddleware",
    "shuangshi.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out username+address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, whose session user stops from its teacher's leaving date (docs/security.md)
    "shuangshi.accounts.backends.AccountBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    url = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'shuangshi.sqlite3'}")
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
    config["CONN_HEALTH_CHECKS"] = True
    if config["ENGINE"].endswith("sqlite3"):
        # `make run`: the web server and the jobs worker share the file. Writers wait for
        # each other (IMMEDIATE, timeout) and readers never block a writer (WAL).
        config["OPTIONS"] = {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    elif config["ENGINE"].endswith("postgresql"):
        # The statements run through shuangshi.common.prepared are prepared once a
        # connection has run them this many times (psycopg; Django's own cursors bind on
        # the client and are never prepared). -1 turns it off, as a pooler in transaction
        # mode needs (it cannot keep a session's prepared statements).
        threshold = env_int("DB_PREPARE_THRESHOLD", 5, minimum=-1)
        config["OPTIONS"] = {
            **config.get("OPTIONS", {}),
            "prepare_threshold": None if threshold < 0 else threshold,
        }
    return dict(config)


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BACKEND_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# STATIC_ROOT (collectstatic) is set in production; elsewhere static files come from finders.
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.is_dir() else []
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    # Evidence files: var/media, or an S3-compatible store (EVIDENCE_STORAGE=s3, config/storage.py).
    "default": default_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SESSION_ENGINE = "shuangshi.common.sessions"  # database sessions, malformed keys refused
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# ID-number lookups (lookup endpoints, completions by ID, import rows, a create hitting a
# registered number) each user may make per day; past it, 429 (docs/security.md).
ID_LOOKUPS_PER_DAY = env_int("ID_LOOKUPS_PER_DAY", 500, minimum=1)

# E-mail (the daily digest): the console locally; production sets EMAIL_BACKEND to
# django.core.mail.backends.smtp.EmailBackend and the EMAIL_* variables.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "shuangshi@localhost")
SITE_URL = env_str("SITE_URL", "")  # prefixes the links in e-mails

# Largest accepted upload (Excel import), in megabytes.
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 20, minimum=1)
# What an uploaded workbook may hold (spreadsheets.guard checks before any parser runs).
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 200_000, minimum=2)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 60, minimum=20)
IMPORT_MAX_UNPACKED_MB = env_int("IMPORT_MAX_UNPACKED_MB", 200, minimum=1)
IMPORT_MAX_ZIP_MEMBERS = env_int("IMPORT_MAX_ZIP_MEMBERS", 500, minimum=10)
IMPORT_MAX_COMPRESSION_RATIO = env_int("IMPORT_MAX_COMPRESSION_RATIO", 100, minimum=10)
# Largest evidence file (recognition: PDF, JPEG, PNG), in megabytes.
EVIDENCE_MAX_MB = env_int("EVIDENCE_MAX_MB", 10, minimum=1)
# The evidence file types accepted, judged by content: some of these three (comma-separated).
EVIDENCE_CONTENT_TYPES = env_list(
    "EVIDENCE_CONTENT_TYPES", ["application/pdf", "image/jpeg", "image/png"]
)
# Public recognition-certificate checks per address (DRF rate, e.g. 30/min).
VERIFY_RATE = env_str("VERIFY_RATE", "30/min")
# Request bodies other than file uploads (JSON, forms): a larger one is a 413 (common.parsers).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("API_BODY_MAX_KB", 1024, minimum=64) * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "shuangshi.common.uploads.UploadLimitHandler",  # refuses bodies far past UPLOAD_MAX_MB
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # `Authorization: Token …`: knox's hashed, expiring tokens in one query a request.
        # First, so that DRF answers no or bad credentials 401 with `WWW-Authenticate: Token`
        # (the first class names the header; the session's names none, which made it 403).
        "shuangshi.accounts.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "shuangshi.common.filtering.SearchFilter",  # a refused term names `search`
        "shuangshi.common.filtering.OrderingFilter",  # an unknown ordering names `ordering`
    ],
    "DEFAULT_PARSER_CLASSES": [  # bounded bodies, no deep nesting (issue 15)
        "shuangshi.common.parsers.JSONParser",
        "shuangshi.common.parsers.FormParser",
        "shuangshi.common.parsers.MultiPartParser",  # no lone surrogates (round 47)
    ],
    "DEFAULT_PAGINATION_CLASS": "shuangshi.common.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "shuangshi.common.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        # DRF's user and anon rates, counted in one statement a request (audit.throttling)
        "shuangshi.audit.throttling.UserThrottle",
        "shuangshi.audit.throttling.AnonThrottle",
    ],
    "NUM_PROXIES": 0,  # REMOTE_ADDR, settled by common.proxies (TRUSTED_PROXIES)
    "DEFAULT_THROTTLE_RATES": {
        "user": env_str("API_RATE_USER", "3000/min"),
        "anon": env_str("API_RATE_ANON", "120/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# API tokens (POST /auth/token/): end after TOKEN_IDLE_HOURS without use and TOKEN_MAX_DAYS
# after they were issued, whichever comes first; logout, a password change and deactivation
# revoke them (accounts.services).
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env_int("TOKEN_IDLE_HOURS", 12, minimum=1)),
    "AUTO_REFRESH": True,  # each use moves the end to TOKEN_TTL from now…
    "AUTO_REFRESH_MAX_TTL": timedelta(days=env_int("TOKEN_MAX_DAYS", 7, minimum=1)),  # …up to
    "AUTH_HEADER_PREFIX": "Token",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Shuangshi API",
    "DESCRIPTION": "Dual-qualified (双师型/一体化) teacher workforce system.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from our static files (drf-spectacular-sidecar), not a CDN: the CSP needs none.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Two "status" choice sets: name them (check --deploy warns about the collision).
    "ENUM_NAME_OVERRIDES": {
        "ImportJobStatusEnum": "shuangshi.spreadsheets.models.ImportStatus",
        "JobStatusEnum": "shuangshi.jobs.models.JobStatus",
        "TrainingBaseStatusEnum": "shuangshi.training.models.BaseStatus",
        "RecordStatusEnum": "shuangshi.teachers.models.RecordStatus",
        "ApplicationStatusEnum": "shuangshi.recognition.models.ApplicationStatus",
        "FieldCategoryEnum": "shuangshi.teachers.categories.FieldCategory",
        "RecognitionLevelEnum": "shuangshi.recognition.models.LEVELS",
        "QualificationLevelEnum": "shuangshi.qualification.engine.LEVELS",
    },
}

# Background jobs (DESIGN §10, docs/jobs.md): django-tasks with its database backend; the
# workers are `manage.py jobs_worker` and also run the periodic schedule (jobs/schedule.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOBS_RETENTION_DAYS = env_int("JOBS_RETENTION_DAYS", 30, minimum=1)  # uploads, generated files
JOBS_STALE_MINUTES = env_int("JOBS_STALE_MINUTES", 10, minimum=1)  # SQLite: no heartbeat = dead
# A queued job whose engine task was taken this long ago and that no worker claimed is
# delivered again (its worker died in between; a live one claims within milliseconds).
JOBS_CLAIM_GRACE_SECONDS = env_int("JOBS_CLAIM_GRACE_SECONDS", 60, minimum=1)
# ...at most this many deliveries in all; then it ends `failed` (its workers keep dying).
JOBS_DELIVERIES_MAX = env_int("JOBS_DELIVERIES_MAX", 3, minimum=1)
JOBS_TICK_SECONDS = env_int("JOBS_TICK_SECONDS", 30, minimum=1)  # schedule and reaper

# /api/schema/ and /api/docs/ open to anyone (True) or to signed-in users only (False, the
# production default: the schema maps every endpoint and parameter).
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", True)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Hardening (shuangshi.audit): lock-out, audit history, content security policy.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False  # no banner on every command
# Proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated; none by
# default). common.proxies settles the client address into REMOTE_ADDR, which DRF's
# throttles (NUM_PROXIES 0), django-axes and the audit log read.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AUDITLOG_STORE_JSON_CHANGES = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # Everything from our own origin (Swagger UI too); Ant Design writes inline styles.
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_id_numbers": {"()": "shuangshi.audit.logfilters.MaskIdNumbers"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_id_numbers"]},
        # runserver's request log (`make run`): Django's own handler, with the same mask as
        # gunicorn's access log (URLs carry ?search=<ID number>).
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_id_numbers"],
        },
    },
    "loggers": {
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
