"""Production: every secret from the environment, secure cookies and headers."""

from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from config.env import env_bool, env_int, env_str

from .base import *  # noqa: F403

DEBUG = False
ALLOW_DEMO_DATA = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if SECRET_KEY.startswith("insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random string of 50+ characters.")
env_str("DATABASE_URL")  # production never falls back to SQLite
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

STATIC_ROOT = VAR_DIR / "static"  # noqa: F405
STORAGES = {
    "default": STORAGES["default"],  # noqa: F405 (EVIDENCE_STORAGE, config/storage.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Source maps (14 of the 51 MB collected: the API docs' bundles) are fetched only by a
# browser's developer tools: served as they are, not kept gzip- and brotli-compressed too
# (most of the image's collectstatic time).
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
API_DOCS_PUBLIC = env_bool("API_DOCS_PUBLIC", False)  # the API docs need a login

# Rate-limit counters must be shared by every gunicorn worker and machine: keep them in
# PostgreSQL (the table is created by the audit app's migration). A per-process cache would
# multiply every limit by the number of processes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "shuangshi_cache",
    }
}
