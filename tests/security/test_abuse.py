"""Lock-out, rate limits, CSRF on the browser session, production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from config.settings import base
from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

pytestmark = pytest.mark.django_db
BACKEND = Path(__file__).resolve().parents[2] / "backend"
PASSWORD = "pw-for-tests-1"


@pytest.mark.parametrize("url", ["/api/v1/auth/token/", "/api/v1/auth/login/"])
def test_repeated_bad_passwords_lock_the_account_out(settings, url, hr_a):
    client = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "hr_a", "password": "wrong"})
        assert response.status_code == 400

    assert client.post(url, {"username": "hr_a", "password": "wrong"}).status_code == 429
    # Locked out: even the right password is refused now.
    assert client.post(url, {"username": "hr_a", "password": PASSWORD}).status_code == 429


def test_a_lock_out_does_not_lock_other_users(settings, hr_a, hr_b):
    client = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/api/v1/auth/token/", {"username": "hr_a", "password": "wrong"})
    ok = client.post("/api/v1/auth/token/", {"username": "hr_b", "password": PASSWORD})
    assert ok.status_code == 200


def test_a_good_session_login_resets_the_failure_count(settings, hr_a):
    client = APIClient()
    url = "/api/v1/auth/login/"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(url, {"username": "hr_a", "password": "wrong"})
    assert client.post(url, {"username": "hr_a", "password": PASSWORD}).status_code == 200
    client.post("/api/v1/auth/logout/")
    assert client.post(url, {"username": "hr_a", "password": "wrong"}).status_code == 400


@pytest.fixture
def production_throttles(monkeypatch, settings):
    """The throttles base.py configures (the test settings turn them off), at small rates."""
    settings.REST_FRAMEWORK = {
        **base.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "5/min", "anon": "3/min"},
    }
    monkeypatch.setattr(APIView, "throttle_classes", api_settings.DEFAULT_THROTTLE_CLASSES)
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)
    cache.clear()
    yield
    cache.clear()


def test_the_api_rate_limits_each_user(production_throttles, api, hr_a, hr_b):
    client = api(hr_a)
    statuses = [client.get("/api/v1/teachers/").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    assert "Retry-After" in client.get("/api/v1/teachers/")
    # Another user has their own budget.
    assert api(hr_b).get("/api/v1/teachers/").status_code == 200


def test_the_api_rate_limits_anonymous_clients(production_throttles):
    client = APIClient()
    statuses = [client.get("/api/v1/auth/csrf/").status_code for _ in range(4)]
    assert statuses == [204] * 3 + [429]


def test_the_base_settings_throttle_per_user_and_per_address():
    from django.utils.module_loading import import_string
    from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

    classes = [import_string(c) for c in base.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]]
    assert any(issubclass(c, UserRateThrottle) for c in classes)
    assert any(issubclass(c, AnonRateThrottle) for c in classes)


def test_a_session_write_needs_the_csrf_token(hr_a, teacher_a):
    client = APIClient(enforce_csrf_checks=True)
    client.get("/api/v1/auth/csrf/")
    csrf = client.cookies["csrftoken"].value
    login = client.post(
        "/api/v1/auth/login/",
        {"username": "hr_a", "password": PASSWORD},
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert login.status_code == 200
    csrf = client.cookies["csrftoken"].value  # rotated on login

    url = f"/api/v1/teachers/{teacher_a.pk}/"
    refused = client.patch(url, {"major": "数控技术", "version": 1})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    accepted = client.patch(url, {"major": "数控技术", "version": 1}, HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 200


def test_responses_carry_the_content_security_policy_and_frame_options(api, hr_a):
    response = api(hr_a).get("/api/v1/auth/me/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "object-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def _production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/hard",
    )
    return {**env, **extra}


def test_the_production_settings_pass_the_deployment_checklist():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BACKEND,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_a_weak_secret_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BACKEND,
        env=_production_env(DJANGO_SECRET_KEY="insecure-short"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_sends_hsts_and_secure_cookies():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.X_FRAME_OPTIONS, s.SECURE_SSL_REDIRECT)",
        ],
        cwd=BACKEND,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["31536000", "True", "True", "DENY", "True"]


def test_an_upload_far_past_the_limit_is_refused_while_it_arrives(settings, api, hr_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("教师.xlsx", b"\0" * (3 * 1024 * 1024))
    response = api(hr_a).post(
        "/api/v1/imports/", {"kind": "teachers", "file": big}, format="multipart"
    )
    assert response.status_code == 413
    assert "1 MB" in response.json()["detail"]


def test_an_upload_just_past_the_limit_gets_the_import_views_own_message(settings, api, hr_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_MAX_MB = 1
    file = SimpleUploadedFile("教师.xlsx", b"\0" * (1024 * 1024 + 10))
    response = api(hr_a).post(
        "/api/v1/imports/", {"kind": "teachers", "file": file}, format="multipart"
    )
    assert response.status_code == 400
    assert "file" in response.json()


def test_production_keeps_rate_limit_counters_in_the_shared_database():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.CACHES['default']['BACKEND'])",
        ],
        cwd=BACKEND,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"
