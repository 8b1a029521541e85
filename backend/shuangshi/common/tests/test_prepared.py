"""What every request runs is prepared once per connection (shuangshi.common.prepared);
a search is planned for its term."""

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from rest_framework.test import APIClient

from shuangshi import testing

pytestmark = pytest.mark.django_db


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL")
def test_what_every_list_page_runs_is_prepared_and_a_search_is_not(
    province: Any, school_a: Any, monkeypatch: Any
) -> None:
    from config.settings import base
    from django.utils.module_loading import import_string
    from rest_framework.views import APIView

    throttles = [import_string(c) for c in base.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]]
    monkeypatch.setattr(APIView, "throttle_classes", throttles)  # production's rate counts
    for n in range(3):
        testing.make_teacher(school_a, name=f"王伟芳{n}")
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"username": "province", "password": "pw-for-tests-1"}
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    for _ in range(8):
        page = client.get("/api/v1/teachers/", {"page_size": 1, "page": 2})
        assert page.status_code == 200
        assert [r["name"] for r in page.json()["results"]] == ["王伟芳1"]
        assert client.get("/api/v1/teachers/", {"search": "伟芳"}).json()["count"] == 3
    prepared = _prepared_statements()
    for read in ("knox_authtoken", "audit_ratecount", "teachers_schoolteachercount"):
        assert any(read in statement for statement in prepared), read
    assert any("WITH ORDINALITY" in statement for statement in prepared)  # the page's rows
    assert not any("LIKE" in statement.upper() for statement in prepared)


def test_prepared_statements_can_be_turned_off_for_a_pooler(monkeypatch: Any) -> None:
    from config.settings.base import _database

    monkeypatch.setenv("DATABASE_URL", "postgres://app@db:5432/shuangshi")
    monkeypatch.delenv("DB_PREPARE_THRESHOLD", raising=False)
    assert _database()["OPTIONS"]["prepare_threshold"] == 5
    monkeypatch.setenv("DB_PREPARE_THRESHOLD", "-1")
    assert _database()["OPTIONS"]["prepare_threshold"] is None
    monkeypatch.setenv("DB_PREPARE_THRESHOLD", "often")
    with pytest.raises(ImproperlyConfigured, match="DB_PREPARE_THRESHOLD"):
        _database()
    monkeypatch.setenv("DATABASE_URL", "sqlite:///x.sqlite3")
    monkeypatch.delenv("DB_PREPARE_THRESHOLD")
    assert "prepare_threshold" not in _database()["OPTIONS"]
