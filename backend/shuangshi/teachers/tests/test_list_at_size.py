"""The teacher list at national size: a verdict per row, the reasons in the detail, and a
large total counted once a minute rather than on every page."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuangshi import testing

pytestmark = pytest.mark.django_db


def test_a_list_row_carries_the_verdict_and_the_detail_the_reasons(
    api: Any, province: Any, school_a: Any
) -> None:
    teacher = testing.make_teacher(school_a, name="王芳")
    row = api(province).get("/api/v1/teachers/").json()["results"][0]
    assert set(row["qualification"]) == {
        "level", "qualified", "in_scope", "valid_until", "level_after", "evaluated_on"
    }  # fmt: skip
    detail = api(province).get(f"/api/v1/teachers/{teacher.pk}/").json()
    assert "reasons" in detail["qualification"]
    assert detail["qualification"]["level"] == row["qualification"]["level"]


@pytest.fixture
def fresh_cache() -> Any:
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


def test_a_large_total_is_counted_once_then_read_from_the_cache(
    api: Any, province: Any, school_a: Any, settings: Any, fresh_cache: Any
) -> None:
    settings.LIST_COUNT_CACHE_ABOVE = 3
    for n in range(4):
        testing.make_teacher(school_a, name=f"教师{n}")
    client = api(province)
    assert client.get("/api/v1/teachers/?page_size=2").json()["count"] == 4
    with CaptureQueriesContext(connection) as second:
        page = client.get("/api/v1/teachers/?page_size=2&page=2").json()
    assert page["count"] == 4
    assert not [q for q in second.captured_queries if "COUNT(" in q["sql"].upper()]


def test_a_small_total_is_always_exact(api: Any, hr_a: Any, school_a: Any) -> None:
    client = api(hr_a)
    testing.make_teacher(school_a, name="甲")
    assert client.get("/api/v1/teachers/").json()["count"] == 1
    testing.make_teacher(school_a, name="乙")
    assert client.get("/api/v1/teachers/").json()["count"] == 2


def test_roles_without_teacher_lists_are_refused(api: Any, base_staff: Any) -> None:
    assert api(base_staff).get("/api/v1/teachers/").status_code == 403
