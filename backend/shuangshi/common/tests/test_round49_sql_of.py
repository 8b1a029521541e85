"""A page of a whole list reuses its compiled SQL (common.prepared.sql_of); any other query
is compiled as before. And a list asked without `search` skips DRF's search field."""

from typing import Any

import pytest
from django.db.models import Count, F, Q
from django.db.models.sql.query import Query
from rest_framework.test import APIClient

from shuangshi import testing
from shuangshi.common import prepared
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db


def _page(*order: str) -> Any:
    return Teacher.objects.select_related("school").order_by(*order).values_list("pk", flat=True)


@pytest.fixture
def compiles(monkeypatch: Any) -> list[int]:
    """How many times a query's SQL was compiled."""
    calls: list[int] = []
    original = Query.sql_with_params

    def counted(self: Query) -> Any:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(Query, "sql_with_params", counted)
    monkeypatch.setattr(prepared, "_SQL", {})
    return calls


def test_a_page_of_the_whole_list_is_compiled_once_per_shape(compiles: list[int]) -> None:
    first = prepared.sql_of(_page("name", "id")[980:1000])
    assert len(compiles) == 1
    assert prepared.sql_of(_page("name", "id")[980:1000]) == first
    assert len(compiles) == 1  # the same page of the same order: looked up
    assert "OFFSET 980" in first[0] and first[1] == ()
    # Another page, another order, another direction: each its own SQL, equal to the ORM's.
    for query in (
        _page("name", "id")[1000:1020],
        _page("-hired_on", "id")[980:1000],
        _page("staff_no")[:20],
        Teacher.objects.values_list("name", flat=True).order_by("id")[:20],
    ):
        before = len(compiles)
        assert prepared.sql_of(query) == Query.sql_with_params(query.query)
        assert len(compiles) == before + 2  # compiled by sql_of, then by the check above
    assert len(prepared._SQL) == 5


@pytest.mark.parametrize(
    "query",
    [
        _page("name").filter(school_id=1)[:20],
        _page("name").exclude(name="x")[:20],
        _page("name").filter(Q(name__contains="王") | Q(staff_no="1"))[:20],
        _page("name").filter(school__city_id=1)[:20],
        _page("name").annotate(n=Count("certificates"))[:20],
        _page("name").distinct()[:20],
        _page("name").select_for_update()[:20],
        _page("name").extra(where=["1=1"])[:20],
        _page(F("name").desc())[:20],  # type: ignore[arg-type]
        _page("name").union(_page("name"))[:20],
    ],
    ids=lambda q: "",
)
def test_any_other_query_is_compiled_every_time(query: Any, compiles: list[int]) -> None:
    assert prepared._shape(query.query) is None
    try:
        expected = Query.sql_with_params(query.query)
    except Exception as error:  # what the ORM raises, sql_of raises
        with pytest.raises(type(error)):
            prepared.sql_of(query)
        return
    compiles.clear()
    assert prepared.sql_of(query) == expected
    assert prepared.sql_of(query) == expected
    assert len(compiles) == 2
    assert prepared._SQL == {}


def test_the_province_pages_read_the_same_rows(province: Any, school_a: Any) -> None:
    for n in range(5):
        testing.make_teacher(school_a, name=f"张{n}")
    client = APIClient()
    client.force_authenticate(province)
    for _ in range(2):  # the second time from the looked-up SQL
        names = [
            [r["name"] for r in client.get("/api/v1/teachers/", {**o, "page_size": 2, "page": p})
             .json()["results"]]
            for o in ({}, {"ordering": "-name"})
            for p in (1, 2, 3)
        ]  # fmt: skip
        assert names == [
            ["张0", "张1"], ["张2", "张3"], ["张4"], ["张4", "张3"], ["张2", "张1"], ["张0"]
        ]  # fmt: skip
    searched = client.get("/api/v1/teachers/", {"search": "张3", "page_size": 2, "page": 1})
    assert [r["name"] for r in searched.json()["results"]] == ["张3"]


def test_a_list_without_search_asks_no_search_field(province: Any, monkeypatch: Any) -> None:
    from rest_framework import fields

    built: list[Any] = []
    original = fields.CharField.__init__

    def counted(self: Any, **kwargs: Any) -> None:
        built.append(kwargs)
        original(self, **kwargs)

    client = APIClient()
    client.force_authenticate(province)
    monkeypatch.setattr(fields.CharField, "__init__", counted)
    assert client.get("/api/v1/teachers/").status_code == 200
    assert not [k for k in built if k.get("trim_whitespace") is False]  # DRF's search field
    refused = client.get("/api/v1/teachers/", {"search": "a\x00b"})
    assert refused.status_code == 400 and "search" in refused.json()
    assert client.get("/api/v1/teachers/", {"search": ""}).status_code == 200
