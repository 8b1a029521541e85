"""`?search=` on teaching-hours/ (the schema offers it, DESIGN §5) finds rows by the school's
name or code and by the term; it was ignored (every row came back)."""

import pytest

from shuangshi.hours import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/teaching-hours/"


def record(school, term="2026-2027-1"):
    return services.teaching_hours_create(
        data={
            "school": school,
            "term": term,
            "major_category": "",
            "total_hours": 1000,
            "practical_hours": 600,
        }
    )


@pytest.fixture
def rows(school_a, school_b):
    return {
        "a": record(school_a),
        "a_old": record(school_a, term="2025-2026-2"),
        "b": record(school_b),
    }


def found(client, term):
    response = client.get(URL, {"search": term})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_the_province_searches_by_school_name_code_and_term(api, province, rows, school_b):
    client = api(province)
    ids = {name: row.pk for name, row in rows.items()}
    assert found(client, "九江") == {ids["b"]}  # the school's name (九江技师学院)
    assert found(client, school_b.code.lower()) == {ids["b"]}  # its code, any case
    assert found(client, "2025-2026") == {ids["a_old"]}  # the term
    assert found(client, "2026-2027-1") == {ids["a"], ids["b"]}
    assert found(client, "南昌 2025") == {ids["a_old"]}  # every word matches
    assert found(client, "zzzz") == set()
    assert found(client, "") == set(ids.values())


def test_school_hr_searches_its_own_schools_rows_only(api, hr_a, rows):
    client = api(hr_a)
    assert found(client, "九江") == set()  # another school's name finds nothing
    assert found(client, "2025-2026-2") == {rows["a_old"].pk}


def test_the_city_searches_within_its_city(api, city_nc, rows):
    client = api(city_nc)
    assert found(client, "2026-2027-1") == {rows["a"].pk}  # 九江 is another city's


def test_a_role_without_the_list_is_refused_whatever_it_searches(api, base_staff, rows):
    assert api(base_staff).get(URL, {"search": "九江"}).status_code == 403
    assert api().get(URL, {"search": "九江"}).status_code == 401
