"""Teaching hours filter by the fields' names (DESIGN §5: `?school=…`), as every list does."""

import pytest

from shuangshi.hours import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/teaching-hours/"


def record(school, term="2026-2027-1", major=""):
    return services.teaching_hours_create(
        data={
            "school": school,
            "term": term,
            "major_category": major,
            "total_hours": 1000,
            "practical_hours": 600,
        }
    )


def test_the_list_filters_by_school_term_and_category(api, province, school_a, school_b):
    a = record(school_a)
    a_old = record(school_a, term="2025-2026-2")
    b = record(school_b, major="46")
    client = api(province)

    def ids(query):
        r = client.get(f"{URL}?{query}")
        assert r.status_code == 200, r.content
        return {row["id"] for row in r.json()["results"]}

    assert ids(f"school={school_a.pk}") == {a.pk, a_old.pk}
    assert ids(f"school={school_b.pk}") == {b.pk}
    assert ids(f"school={school_a.pk}&term=2025-2026-2") == {a_old.pk}
    assert ids("major_category=46") == {b.pk}
    assert ids(f"city={school_a.city_id}") >= {a.pk, a_old.pk}


def test_a_malformed_school_is_a_400_naming_it(api, province):
    r = api(province).get(f"{URL}?school=1.5")
    assert r.status_code == 400 and "school" in r.json()


def test_another_schools_hours_stay_out_of_hr_scope_when_asked_by_school(
    api, hr_b, school_a, school_b
):
    record(school_a)
    b = record(school_b)
    client = api(hr_b)
    assert client.get(f"{URL}?school={school_a.pk}").json()["count"] == 0
    assert [r["id"] for r in client.get(f"{URL}?school={school_b.pk}").json()["results"]] == [b.pk]


def test_shares_answer_for_one_school(api, province, city_nc, school_a, school_b):
    record(school_a)
    record(school_b)
    data = api(province).get(f"{URL}shares/?school={school_a.pk}").json()
    assert [row["school"]["id"] for row in data["schools"]] == [school_a.pk]
    assert api(province).get(f"{URL}shares/?school=x").status_code == 400
    # school_b is in Jiujiang: for Nanchang's city user it is no row, not a leak
    assert api(city_nc).get(f"{URL}shares/?school={school_b.pk}").json()["schools"] == []
    own = api(city_nc).get(f"{URL}shares/?school={school_a.pk}").json()["schools"]
    assert [row["school"]["id"] for row in own] == [school_a.pk]
