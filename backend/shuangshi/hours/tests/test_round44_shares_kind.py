"""Round 44: the dashboard's practical-hours card takes the school-kind filter the other
cards take: `teaching-hours/shares/?kind=` keeps only schools of that kind; a bad kind is a
400 naming `kind`."""

import pytest

from shuangshi import testing
from shuangshi.hours import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/teaching-hours/shares/"


def record(school, practical=600):
    return services.teaching_hours_create(
        data={
            "school": school,
            "term": "2025-2026-1",
            "major_category": "",
            "total_hours": 1000,
            "practical_hours": practical,
        }
    )


def schools_of(client, query=""):
    r = client.get(f"{URL}?term=2025-2026-1{query}")
    assert r.status_code == 200, r.content
    return [row["school"]["id"] for row in r.json()["schools"]]


def test_the_province_reads_the_shares_of_one_kind(api, province, school_a, school_b):
    record(school_a)  # secondary_vocational
    record(school_b, practical=400)  # technician_college
    unreported = testing.make_school(kind="technical_school")
    client = api(province)
    assert set(schools_of(client)) >= {school_a.pk, school_b.pk, unreported.pk}
    assert schools_of(client, "&kind=technician_college") == [school_b.pk]
    assert schools_of(client, "&kind=secondary_vocational") == [school_a.pk]
    assert schools_of(client, "&kind=technical_school") == [unreported.pk]
    assert schools_of(client, "&kind=technician_college&below_target=false") == []
    assert schools_of(client, f"&kind=technician_college&city={school_a.city_id}") == []


def test_a_city_reads_its_own_schools_of_one_kind(api, city_nc, school_a, school_b):
    record(school_a)
    record(school_b)  # another city's
    client = api(city_nc)
    assert schools_of(client, "&kind=secondary_vocational") == [school_a.pk]
    assert schools_of(client, "&kind=technician_college") == []


def test_a_bad_kind_is_a_400_naming_it(api, province):
    r = api(province).get(f"{URL}?kind=university", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400
    assert list(r.json()) == ["kind"]
    assert "university" in r.json()["kind"][0]


def test_base_staff_are_refused_with_or_without_a_kind(api, base_staff):
    assert api(base_staff).get(f"{URL}?kind=technician_college").status_code == 403
    assert api(base_staff).get(URL).status_code == 403
