"""Issue 15: deployment and request hardening (cache table, bodies, proxies, docs, tokens).

Each test goes through the public API as the client that attacked, and failed before the fix.
"""

import pytest
from config.settings import base
from django.core.cache import cache
from django.test import override_settings
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-1"
PRODUCTION_CACHES = {  # as config/settings/production.py
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "shuangshi_cache",
    }
}


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


# --- item 15: the cache table exists whatever settings migrated the database


def test_production_cache_works_on_a_database_migrated_under_other_settings(
    production_throttles, api, hr_a
):
    # The test database was migrated under the test settings (an in-memory cache).
    with override_settings(CACHES=PRODUCTION_CACHES):
        cache.clear()
        assert api(hr_a).get("/api/v1/auth/me/").status_code == 200
        assert APIClient().get("/api/v1/auth/csrf/").status_code == 204
        assert cache.get("throttle_anon_127.0.0.1") is not None


# --- item 7: bounded request bodies, no deep nesting


def test_a_huge_json_body_to_the_token_endpoint_is_refused_unparsed(hr_a):
    body = '{"username": "hr_a", "password": "' + "x" * (3 * 1024 * 1024) + '"}'
    response = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")
    assert response.status_code == 413
    assert "1024 KB" in response.json()["detail"]


@pytest.mark.parametrize("depth", [50, 100_000])
def test_deeply_nested_json_is_a_400_not_a_500(hr_a, depth):
    body = "[" * depth + "]" * depth
    client = APIClient()
    client.raise_request_exception = False
    response = client.post("/api/v1/auth/token/", body, content_type="application/json")
    assert response.status_code == 400
    assert "20" in response.json()["detail"]


def test_a_nested_body_from_a_signed_in_user_is_a_400_too(api, hr_a, teacher_a):
    client = api(hr_a)
    client.raise_request_exception = False
    body = '{"major": ' + "[" * 5000 + "]" * 5000 + "}"
    url = f"/api/v1/teachers/{teacher_a.pk}/"
    assert client.patch(url, body, content_type="application/json").status_code == 400


def test_a_huge_form_body_is_refused_too(hr_a):
    body = "username=hr_a&password=" + "x" * (2 * 1024 * 1024)
    response = APIClient().post(
        "/api/v1/auth/token/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413


def test_an_ordinary_json_login_still_works(hr_a):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "hr_a", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["token"]
