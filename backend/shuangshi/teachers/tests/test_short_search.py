"""The teacher list's search (teachers.filters.TeacherSearchFilter): the same matches as
DRF's search; on PostgreSQL terms of one or two characters through the character index
(migration 0012), longer ones through the trigram index over the joined columns (0013)."""

import json
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import Q
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from shuangshi import testing
from shuangshi.teachers import filters
from shuangshi.teachers.api import TeacherViewSet
from shuangshi.teachers.filters import TeacherSearchFilter
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

PEOPLE = [
    # name, staff number, major
    ("王伟", "T0001", "机电一体化技术"),
    ("王小伟", "T0002", "会计"),  # 王 and 伟, not side by side
    ("张伟王", "A0003", "数控技术"),  # 伟王, not 王伟
    ("李娜", "t0004", "电子商务"),  # a lower-case staff number
    ("欧阳娜娜", "Z9", "机电技术"),
    ("赵%_", "B0006", "旅游"),  # LIKE's wildcards, to be matched as they are
]

TERMS = [
    "王", "伟", "王伟", "伟王", "娜", "娜娜", "阳娜", "T0", "t0", "z", "Z9", "机电", "技术", "电",
    "%", "_", "%_", "鑫", "鑫鑫", "0", "王伟 机电", "王 会计", "机电一", "\x01伟", "ß",
    # three characters or more (the trigram index over the joined columns, 0013): none may
    # be found across two columns (伟T0: name then staff number; 1机电: staff number then major)
    "一体化", "T0001", "t0001", "欧阳娜娜", "赵%_", "伟T0", "1机电", "\x01伟王", "王伟 T00",
]  # fmt: skip


def _expected(term_string: str) -> set[str]:
    """Every term somewhere in the name, staff number or major, case aside."""
    terms = term_string.split()
    return {
        name
        for name, staff_no, major in PEOPLE
        if all(any(t.upper() in v.upper() for v in (name, staff_no, major)) for t in terms)
    }


@pytest.fixture
def people(school_a: Any, school_b: Any) -> None:
    for n, (name, staff_no, major) in enumerate(PEOPLE):
        school = school_a if n % 2 == 0 else school_b
        testing.make_teacher(school, name=name, staff_no=staff_no, major=major)


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize("term", TERMS)
def test_a_search_finds_exactly_the_teachers_holding_each_term(
    api: Any, province: Any, term: str
) -> None:
    found = api(province).get("/api/v1/teachers/", {"search": term, "page_size": 100}).json()
    assert {row["name"] for row in found["results"]} == _expected(term)
    assert (found["count"], found["count_exact"]) == (len(_expected(term)), True)


@pytest.mark.usefixtures("people")
def test_a_short_search_stays_in_the_users_scope(
    api: Any, hr_a: Any, base_staff: Any, school_a: Any
) -> None:
    found = api(hr_a).get("/api/v1/teachers/", {"search": "伟"}).json()["results"]
    assert {row["name"] for row in found} == {"王伟", "张伟王"}  # school A's only
    assert {row["school"] for row in found} == {school_a.pk}
    refused = api(base_staff).get("/api/v1/teachers/", {"search": "伟"})
    assert refused.status_code == 403


def _bitmap_scans_only(cursor: Any) -> None:
    """A few rows: the planner would read them all, or walk the list's order index once
    autovacuum has analyzed the test database's (empty) table; only an index search is left."""
    cursor.execute("SET LOCAL enable_seqscan = off")
    cursor.execute("SET LOCAL enable_indexscan = off")


def _search_sql(term: str) -> Any:
    view = TeacherViewSet()
    return TeacherSearchFilter().filter_queryset(_request(term), Teacher.objects.all(), view)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index")
@pytest.mark.usefixtures("people")
@pytest.mark.parametrize("term", ["鑫", "鑫鑫", "王伟"])
def test_on_postgresql_a_short_search_can_read_the_character_index(term: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        _bitmap_scans_only(cursor)
        plan = _search_sql(term).explain()
    assert "teachers_teacher_search_chars" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index")
@pytest.mark.usefixtures("people")
@pytest.mark.parametrize("term", ["机电一", "T0001", "欧阳娜娜"])
def test_on_postgresql_a_longer_search_reads_the_joined_trigram_index(term: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        _bitmap_scans_only(cursor)
        plan = _search_sql(term).explain()
    assert "teachers_teacher_search_trgm" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index")
def test_one_trigram_index_serves_the_three_columns() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'teachers_teacher' "
            "AND indexdef LIKE '%%gin_trgm_ops%%'"
        )
        found = dict(cursor.fetchall())
    assert list(found) == ["teachers_teacher_search_trgm"]
    assert all(column in found["teachers_teacher_search_trgm"] for column in filters.SEARCHED)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index")
def test_the_character_index_holds_what_the_search_asks_for() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'teachers_teacher_search_chars'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin" in definition and "string_to_array" in definition
    assert all(column in definition for column in ("name", "staff_no", "major"))


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize("term", ["王", "王伟", "伟王", "T0", "鑫鑫"])
def test_the_planners_own_choice_finds_the_same_teachers(
    api: Any, province: Any, term: str, monkeypatch: Any
) -> None:
    monkeypatch.setattr(filters, "FROM_INDEX_UP_TO", -1)  # never read from the index only
    found = api(province).get("/api/v1/teachers/", {"search": term}).json()
    assert {row["name"] for row in found["results"]} == _expected(term)


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return str(cursor.fetchone()[0])


def _request(search: str) -> Request:
    return Request(APIRequestFactory().get("/api/v1/teachers/", {"search": search}))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.usefixtures("people")
def test_rare_characters_are_read_from_the_index_only_and_only_for_the_list() -> None:
    with filters.short_search_plan(_request("鑫鑫")) as from_index:
        assert from_index is True
        assert [_setting(s) for s in ("enable_indexscan", "enable_seqscan", "jit")] == [
            "off",
            "off",
            "off",
        ]
    assert [_setting(s) for s in ("enable_indexscan", "enable_seqscan")] == ["on", "on"]
    with filters.short_search_plan(_request("王伟芳")) as from_index:  # no short term
        assert from_index is False
        assert _setting("enable_indexscan") == "on"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.usefixtures("people")
def test_characters_many_teachers_hold_leave_the_plan_to_the_planner(monkeypatch: Any) -> None:
    monkeypatch.setattr(filters, "FROM_INDEX_UP_TO", 0)  # every estimate is "many"
    with filters.short_search_plan(_request("王")) as from_index:
        assert from_index is False
        assert _setting("enable_indexscan") == "on"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.usefixtures("people")
def test_a_list_read_from_the_index_only_is_counted_whatever_the_planner_expects(
    api: Any, province: Any, settings: Any
) -> None:
    settings.LIST_COUNT_COST_LIMIT = 0  # every other search would say the planner's guess
    for term in ("鑫鑫", "王伟"):
        found = api(province).get("/api/v1/teachers/", {"search": term}).json()
        assert (found["count"], found["count_exact"]) == (len(_expected(term)), True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
@pytest.mark.usefixtures("people")
def test_a_short_search_too_large_to_count_says_the_likes_estimate(
    api: Any, province: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.LIST_COUNT_EXACT_UP_TO = 1
    monkeypatch.setattr(filters, "FROM_INDEX_UP_TO", -1)  # the planner's own plan
    found = api(province).get("/api/v1/teachers/", {"search": "机电"}).json()
    plain = Teacher.objects.filter(
        Q(name__icontains="机电") | Q(staff_no__icontains="机电") | Q(major__icontains="机电")
    ).values("pk")[:2]
    planned = json.loads(plain.explain(format="json"))[0]["Plan"]["Plans"][0]["Plan Rows"]
    assert found["count_exact"] is False
    assert found["count"] == max(int(planned), 2)  # 2 found, more than the bound of 1
    assert {row["name"] for row in found["results"]} == _expected("机电")


def _admin_found(admin_client: Any, query: str) -> set[str]:
    page = admin_client.get("/admin/teachers/teacher/", {"q": query})
    assert page.status_code == 200
    return {str(t) for t in page.context["cl"].result_list}


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    "term", ["王", "王伟", "伟王", "t0", "机电", "一体化", "T0001", "伟T0", "%_"]
)
def test_the_admin_search_finds_what_the_list_finds(admin_client: Any, term: str) -> None:
    names = {str(t) for t in Teacher.objects.filter(name__in=_expected(term))}
    assert _admin_found(admin_client, term) == names


@pytest.mark.usefixtures("people")
def test_the_admin_search_keeps_a_quoted_phrase_whole(admin_client: Any) -> None:
    # '"王 会计"' is one term (no teacher holds it); unquoted it is two (王小伟 holds both).
    assert _admin_found(admin_client, '"王 会计"') == set()
    assert _admin_found(admin_client, "王 会计") == {
        str(t) for t in Teacher.objects.filter(name="王小伟")
    }


@pytest.mark.usefixtures("people")
def test_the_admin_search_is_refused_to_a_non_staff_user(client: Any, province: Any) -> None:
    client.force_login(province)
    page = client.get("/admin/teachers/teacher/", {"q": "王"})
    assert page.status_code == 302  # to the admin's login
    assert "/admin/login/" in page["Location"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_on_postgresql_the_admin_search_uses_the_search_indexes(admin_client: Any) -> None:
    """Each term is the list's condition (the expressions the indexes are built on)."""
    page = admin_client.get("/admin/teachers/teacher/", {"q": "王 机电一"})
    sql = str(page.context["cl"].queryset.query)
    assert "string_to_array" in sql  # 王: the character index's expression (0012)
    assert "CHR(1)" in sql.upper()  # 机电一: the joined columns' expression (0013)
