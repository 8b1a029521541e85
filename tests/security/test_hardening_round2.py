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
from shuangshi.audit.models import RateCount

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
        cache.set("probe", 1)  # the table is there (list counts and other callers use it)
        assert cache.get("probe") == 1
    # The rate limits count in a table of their own (audit.throttling).
    assert RateCount.objects.filter(ident="throttle_anon_127.0.0.1").exists()


# --- item 7: bounded request bodies, no deep nesting


def test_a_huge_json_body_to_the_token_endpoint_is_refused_unparsed(hr_a):
    body = '{"username": "hr_a", "password": "' + "x" * (3 * 1024 * 1024) + '"}'
    response = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["detail"] == "请求内容超过 1024 KB 的上限。"


@pytest.mark.parametrize("depth", [50, 100_000])
def test_deeply_nested_json_is_a_400_not_a_500(hr_a, depth):
    body = "[" * depth + "]" * depth
    client = APIClient()
    client.raise_request_exception = False
    response = client.post("/api/v1/auth/token/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "JSON 嵌套超过 20 层。"


def test_a_nested_body_from_a_signed_in_user_is_a_400_too(api, hr_a, teacher_a):
    client = api(hr_a)
    client.raise_request_exception = False
    body = '{"major": ' + "[" * 5000 + "]" * 5000 + "}"
    url = f"/api/v1/teachers/{teacher_a.pk}/"
    assert client.patch(url, body, content_type="application/json").status_code == 400


def test_the_evidence_file_endpoint_bounds_its_json_bodies_too(api, hr_a):
    client = api(hr_a)
    client.raise_request_exception = False
    huge = '{"description": "' + "x" * (2 * 1024 * 1024) + '"}'
    response = client.post("/api/v1/evidence-files/", huge, content_type="application/json")
    assert response.status_code == 413
    deep = "[" * 5000 + "]" * 5000
    response = client.post("/api/v1/evidence-files/", deep, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "JSON 嵌套超过 20 层。"


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


# --- item 8: every date a client sends lies between 1950 and 2100

RANGE = "1950-01-01"


@pytest.mark.parametrize(
    ("who", "url", "field"),
    [
        ("hr_a", "/api/v1/teachers/", "hired_on"),
        ("hr_a", "/api/v1/teachers/", "birth_date"),
        ("hr_a", "/api/v1/certificates/", "issued_on"),
        ("hr_a", "/api/v1/certificates/", "expires_on"),
        ("hr_a", "/api/v1/enterprise-periods/", "start_on"),
        ("hr_a", "/api/v1/enterprise-periods/", "end_on"),
        ("hr_a", "/api/v1/mentor-appointments/", "start_on"),
        ("province", "/api/v1/training-bases/", "approved_on"),
        ("base_staff", "/api/v1/training-programs/", "end_on"),
    ],
)
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1949-12-31", "2101-01-01"])
def test_a_date_outside_1950_to_2100_is_a_400_naming_the_field(request, api, who, url, field, day):
    client = api(request.getfixturevalue(who))
    client.raise_request_exception = False
    response = client.post(url, {field: day}, format="json")
    assert response.status_code == 400
    assert RANGE in response.json()[field][0]


def test_an_edge_date_is_accepted_by_the_field(api, hr_a):
    response = api(hr_a).post("/api/v1/teachers/", {"hired_on": "1950-01-01"}, format="json")
    assert "hired_on" not in response.json()


def test_the_target_deadline_is_bounded(api, province, city_nc):
    client = api(province)
    url = "/api/v1/targets/training_bases/"
    version = client.get(url).json()["version"]
    response = client.patch(url, {"deadline": "9999-12-31", "version": version}, format="json")
    assert response.status_code == 400
    assert RANGE in response.json()["deadline"][0]
    refused = api(city_nc).patch(url, {"deadline": "2030-01-01", "version": version})
    assert refused.status_code == 403


@pytest.mark.parametrize("query", ["to=0001-01-01", "from=9999-12", "to=2101-01"])
def test_the_ratio_trend_refuses_far_dates(api, city_nc, query):
    client = api(city_nc)
    client.raise_request_exception = False
    response = client.get(f"/api/v1/ratios/trend/?{query}")
    assert response.status_code == 400
    assert RANGE in str(response.json())


def test_an_imported_date_outside_the_range_is_a_row_error(api, hr_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.spreadsheets.books import TEACHER_HEADERS, teacher_row, teachers_book

    row = teacher_row()
    row[TEACHER_HEADERS.index("入职日期")] = "9999-12-31"
    client = api(hr_a)
    file = SimpleUploadedFile("教师.xlsx", teachers_book([row]))
    upload = client.post("/api/v1/imports/", {"kind": "teachers", "file": file}, format="multipart")
    assert upload.status_code == 201
    body = client.get(f"/api/v1/imports/{upload.json()['id']}/").json()
    assert body["status"] == "invalid"
    assert [(e["column"], RANGE in e["message"]) for e in body["errors"]] == [("入职日期", True)]


# --- item 16: no bidi overrides or zero-width characters in names

SPOOFED = "李\u202e雷\u200b\u2066\ufeff"


def test_invisible_characters_are_stripped_from_a_teachers_name(api, hr_a, teacher_a):
    client = api(hr_a)
    url = f"/api/v1/teachers/{teacher_a.pk}/"
    version = client.get(url).json()["version"]
    response = client.patch(url, {"name": SPOOFED, "version": version}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "李雷"
    assert api(hr_a).get(url).json()["name"] == "李雷"


def test_a_name_of_nothing_but_invisible_characters_is_blank(api, hr_a, teacher_a):
    client = api(hr_a)
    url = f"/api/v1/teachers/{teacher_a.pk}/"
    version = client.get(url).json()["version"]
    response = client.patch(url, {"name": "\u200b\u202e", "version": version}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()


def test_invisible_characters_are_stripped_from_a_schools_name(api, province, school_a, hr_a):
    url = f"/api/v1/schools/{school_a.pk}/"
    client = api(province)
    version = client.get(url).json().get("version")
    payload = {"name": "南昌\u200d职业\u202d学院", **({"version": version} if version else {})}
    response = client.patch(url, payload, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "南昌职业学院"
    assert api(hr_a).patch(url, {"name": "x"}, format="json").status_code == 403


def test_invisible_characters_are_stripped_from_imported_names(api, hr_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.spreadsheets.books import TEACHER_HEADERS, teacher_row, teachers_book

    row = teacher_row()
    row[TEACHER_HEADERS.index("姓名")] = SPOOFED
    client = api(hr_a)
    file = SimpleUploadedFile("教师.xlsx", teachers_book([row]))
    upload = client.post("/api/v1/imports/", {"kind": "teachers", "file": file}, format="multipart")
    job = upload.json()["id"]
    assert client.get(f"/api/v1/imports/{job}/").json()["status"] == "valid"
    client.post(f"/api/v1/imports/{job}/commit/")
    assert client.get(f"/api/v1/imports/{job}/").json()["status"] == "committed"
    names = [t["name"] for t in client.get("/api/v1/teachers/").json()["results"]]
    assert names == ["李雷"]


# --- item 13: a password like the username is refused on every path that sets one


def test_the_province_cannot_create_a_user_whose_password_is_its_name(api, province, city_nc):
    payload = {"username": "zhangwei2024", "password": "zhangwei2024", "role": "province"}
    response = api(province).post("/api/v1/users/", payload, format="json")
    assert response.status_code == 400
    assert "password" in response.json()
    assert api(city_nc).post("/api/v1/users/", payload, format="json").status_code == 403


@pytest.fixture
def zhangwei(db):
    from shuangshi.accounts.models import Role, User

    return User.objects.create_user(username="zhangwei2024", password=PASSWORD, role=Role.PROVINCE)


def test_a_password_set_on_an_existing_user_is_checked_against_its_name(api, province, zhangwei):
    url = f"/api/v1/users/{zhangwei.pk}/"
    response = api(province).patch(url, {"password": "Zhangwei2024"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()


def test_a_user_cannot_change_their_password_to_their_name(api, zhangwei):
    response = api(zhangwei).post(
        "/api/v1/auth/password/",
        {"old_password": PASSWORD, "new_password": "zhangwei2025"},
        format="json",
    )
    assert response.status_code == 400
    assert "new_password" in response.json()


def test_the_create_user_command_refuses_a_password_like_the_name(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="password"):
        call_command(
            "create_user", "zhangwei2024", role="province", password="zhangwei2024", verbosity=0
        )


# --- item 4: API tokens end (idle, absolute, logout, password change, deactivation)


def token_for(username: str = "hr_a", password: str = PASSWORD) -> str:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def me(token: str) -> int:
    return APIClient().get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code


def test_a_token_works_until_logout_then_is_refused(hr_a):
    token = token_for()
    assert me(token) == 200
    client = APIClient()
    assert (
        client.post("/api/v1/auth/logout/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 204
    )
    assert me(token) == 401


def test_a_password_change_ends_the_old_tokens(hr_a):
    token = token_for()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    changed = client.post(
        "/api/v1/auth/password/",
        {"old_password": PASSWORD, "new_password": "a-new-Pass-9471"},
        format="json",
    )
    assert changed.status_code == 200
    assert me(token) == 401
    assert me(token_for(password="a-new-Pass-9471")) == 200


def test_deactivation_ends_the_tokens_and_reactivation_does_not_revive_them(api, province, hr_a):
    token = token_for()
    assert api(province).delete(f"/api/v1/users/{hr_a.pk}/").status_code == 204
    assert me(token) == 401
    reactivated = api(province).patch(f"/api/v1/users/{hr_a.pk}/", {"is_active": True})
    assert reactivated.status_code == 200
    assert me(token) == 401


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() moved forward by hand (no sleeping)."""
    from datetime import timedelta

    from django.utils import timezone

    real_now = timezone.now
    offset = {"value": timedelta(0)}
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset["value"])

    def advance(**delta: float) -> None:
        offset["value"] += timedelta(**delta)

    return advance


def test_a_token_unused_for_the_idle_time_expires(settings, hr_a, clock):
    token = token_for()
    clock(hours=11)
    assert me(token) == 200  # used: the idle time starts again
    clock(hours=11)
    assert me(token) == 200
    clock(hours=12, minutes=1)
    assert me(token) == 401


def test_a_token_in_daily_use_still_ends_after_the_absolute_lifetime(hr_a, clock):
    token = token_for()
    statuses = []
    for _use in range(17):  # every 10 hours: never idle for 12
        clock(hours=10)
        statuses.append(me(token))
    assert statuses[:16] == [200] * 16  # up to 160 hours
    assert statuses[16] == 401  # 170 hours: past the 7 days (168)


def test_the_token_endpoint_keeps_its_contract(hr_a):
    token = token_for()
    assert isinstance(token, str) and len(token) >= 40
    assert me(token) == 200
    assert me("0" * 64) == 401


# --- item 6: X-Forwarded-For is believed only from TRUSTED_PROXIES


def test_forged_forwarded_addresses_do_not_escape_the_anonymous_limit(production_throttles):
    client = APIClient()
    statuses = [
        client.get("/api/v1/auth/csrf/", HTTP_X_FORWARDED_FOR=f"10.9.8.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [204] * 3 + [429]


def test_a_trusted_proxy_passes_each_clients_address_on(production_throttles, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    client = APIClient()
    # The client's own forged hop (left) is ignored; the nearest untrusted hop counts.
    statuses = [
        client.get(
            "/api/v1/auth/csrf/", HTTP_X_FORWARDED_FOR=f"6.6.6.6, 203.0.113.{n}, 10.1.1.1"
        ).status_code
        for n in range(4)
    ]
    assert statuses == [204] * 4
    same = [
        client.get("/api/v1/auth/csrf/", HTTP_X_FORWARDED_FOR=f"{n}.1.1.1, 203.0.113.7").status_code
        for n in range(1, 5)
    ]
    assert same == [204] * 3 + [429]


def test_forged_addresses_do_not_escape_the_password_lock_out(settings, hr_a):
    client = APIClient()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/api/v1/auth/token/",
            {"username": "hr_a", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    locked = client.post(
        "/api/v1/auth/token/",
        {"username": "hr_a", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert locked.status_code == 429


def test_the_audit_log_records_the_real_address_not_a_forged_one(api, hr_a, teacher_a):
    from auditlog.models import LogEntry

    client = api(hr_a)
    url = f"/api/v1/teachers/{teacher_a.pk}/"
    version = client.get(url).json()["version"]
    response = client.patch(
        url,
        {"major": "数控技术", "version": version},
        format="json",
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )
    assert response.status_code == 200
    entry = LogEntry.objects.filter(object_pk=str(teacher_a.pk)).latest("timestamp")
    assert entry.remote_addr == "127.0.0.1"


# --- item 14: Swagger UI from our own static files; the docs need a login in production


def test_the_api_docs_load_nothing_from_a_cdn(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn.jsdelivr.net" not in html
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<script>" not in html  # the start-up script is a file (?script), not inline
    assert "cdn.jsdelivr.net" not in page["Content-Security-Policy"]
    assert "script-src 'self';" in page["Content-Security-Policy"] + ";"
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()
    bundle = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert bundle.status_code == 200


def test_closed_api_docs_need_a_signed_in_user(settings, client, api, hr_a):
    settings.API_DOCS_PUBLIC = False
    assert client.get("/api/schema/").status_code == 401
    assert client.get("/api/docs/").status_code == 401
    signed_in = api(hr_a)
    assert signed_in.get("/api/schema/").status_code == 200
    assert signed_in.get("/api/docs/").status_code == 200


def test_production_closes_the_docs_and_drops_the_cdn():
    import os
    import secrets
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/hard",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.API_DOCS_PUBLIC, 'jsdelivr' in str(s.CONTENT_SECURITY_POLICY))",
        ],
        cwd=Path(__file__).resolve().parents[2] / "backend",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["False", "False"], result.stderr
