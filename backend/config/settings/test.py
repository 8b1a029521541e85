"""Fast settings for the test suite."""

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK

DEBUG = False
ALLOW_DEMO_DATA = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
# Jobs run at once, inside the request that starts them (jobs tests use the database backend).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The public certificate check's per-address limit (recognition): out of the way of tests
# that call it many times; test_evidence_and_records.py sets a small one to test it.
VERIFY_RATE = "100000/min"
