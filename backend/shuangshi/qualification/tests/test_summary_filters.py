"""The summary follows the dashboard's city and kind filters (issue 14, item 1)."""

import pytest

from .test_api import staffed  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

URL = "/api/v1/ratios/summary/"


@pytest.mark.parametrize("as_of", [None, "2030-01-01"])
def test_a_city_filter_narrows_every_figure_of_the_summary(api, province, staffed, school_a, as_of):  # noqa: F811
    params = {"city": school_a.city_id, **({"as_of": as_of} if as_of else {})}
    data = api(province).get(URL, params).json()
    if as_of is None:
        assert (data["province"]["in_scope"], data["province"]["qualified"]) == (3, 2)
    assert data["schools"]["total"] == 1
    assert [c["city"]["id"] for c in data["by_city"]] == [school_a.city_id]
    assert [k["kind"] for k in data["by_kind"]] == [school_a.kind]


def test_a_kind_filter_narrows_every_figure_of_the_summary(api, province, staffed, school_b):  # noqa: F811
    data = api(province).get(URL, {"kind": "technician_college"}).json()
    assert (data["province"]["in_scope"], data["province"]["qualified"]) == (2, 1)
    assert data["schools"] == {"total": 1, "meeting_target": 0, "without_teachers_in_scope": 0}
    assert [c["city"]["id"] for c in data["by_city"]] == [school_b.city_id]


def test_a_city_user_asking_for_another_city_gets_nothing(api, city_nc, staffed, school_b):  # noqa: F811
    data = api(city_nc).get(URL, {"city": school_b.city_id}).json()
    assert data["schools"]["total"] == 0
    assert data["province"]["in_scope"] == 0


def test_bad_filters_are_400(api, province):
    for query in ({"kind": "castle"}, {"city": "x"}):
        assert api(province).get(URL, query).status_code == 400


def test_school_hr_is_refused_nothing_but_sees_only_its_school(api, hr_a, staffed, school_b):  # noqa: F811
    data = api(hr_a).get(URL, {"kind": "technician_college"}).json()
    assert data["schools"]["total"] == 0


# The schools page searches by name or code (issue 14, item 8).


@pytest.mark.parametrize("as_of", [None, "2030-01-01"])
def test_school_ratios_search_by_name_or_code(api, province, staffed, school_a, school_b, as_of):  # noqa: F811
    extra = {"as_of": as_of} if as_of else {}
    url = "/api/v1/ratios/schools/"
    rows = api(province).get(url, {"search": "九江", **extra}).json()["results"]
    assert [r["school"]["id"] for r in rows] == [school_b.pk]
    rows = api(province).get(url, {"search": school_a.code.lower(), **extra}).json()["results"]
    assert [r["school"]["id"] for r in rows] == [school_a.pk]


def test_school_hr_searching_finds_only_its_own_school(api, hr_a, staffed, school_b):  # noqa: F811
    rows = api(hr_a).get("/api/v1/ratios/schools/", {"search": "九江"}).json()["results"]
    assert rows == []
