"""Round 44: the dashboard's "falling below within 6 months" list takes the school-kind
filter the other cards take (`?kind=`), and a bad kind is a 400 naming `kind`."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import services
from shuangshi.qualification.models import IntervalHorizon
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

URL = "/api/v1/ratios/forecast/schools/"
STORED = pytest.mark.parametrize("stored", [False, True], ids=["evaluated", "from intervals"])


def qualified(school: Any, expires_on: date | None) -> Teacher:
    """A junior teacher (certificate and 200 days of practice up to today) until ``expires_on``."""
    teacher = testing.make_teacher(school)
    testing.make_certificate(teacher, expires_on=expires_on)
    today = timezone.localdate()
    testing.make_period(teacher, start_on=today - timedelta(days=199), end_on=today)
    return teacher


def falls_soon(school: Any) -> None:
    """2 of 3 qualified (66.7%) today; one certificate lapses in 50 days (33.3%)."""
    qualified(school, timezone.localdate() + timedelta(days=50))
    qualified(school, None)
    testing.make_teacher(school)


def use(stored: bool) -> None:
    if stored:
        services.qualifications_rebuild()
        assert IntervalHorizon.objects.exists()
    else:
        IntervalHorizon.objects.all().delete()


def ids(client: Any, query: str = "") -> list[int]:
    r = client.get(f"{URL}?months=6{query}")
    assert r.status_code == 200, r.content
    return [row["school"]["id"] for row in r.json()]


@STORED
def test_the_province_reads_the_schools_falling_below_of_one_kind(
    api, province, school_a, school_b, stored
):
    falls_soon(school_a)  # secondary_vocational
    falls_soon(school_b)  # technician_college
    use(stored)
    client = api(province)
    assert sorted(ids(client)) == sorted([school_a.pk, school_b.pk])
    assert ids(client, "&kind=technician_college") == [school_b.pk]
    assert ids(client, "&kind=secondary_vocational") == [school_a.pk]
    assert ids(client, "&kind=technical_school") == []
    assert ids(client, f"&kind=technician_college&city={school_b.city_id}") == [school_b.pk]
    assert ids(client, f"&kind=technician_college&city={school_a.city_id}") == []


def test_a_city_reads_its_own_schools_of_one_kind(api, city_nc, school_a, school_b):
    falls_soon(school_a)
    falls_soon(school_b)  # another city's
    client = api(city_nc)
    assert ids(client) == [school_a.pk]
    assert ids(client, "&kind=secondary_vocational") == [school_a.pk]
    assert ids(client, "&kind=technician_college") == []


def test_a_bad_kind_is_a_400_naming_it(api, province):
    r = api(province).get(f"{URL}?kind=university", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400
    assert list(r.json()) == ["kind"]
    assert "university" in r.json()["kind"][0]


def test_base_staff_are_refused_with_or_without_a_kind(api, base_staff):
    assert api(base_staff).get(f"{URL}?kind=technician_college").status_code == 403
    assert api(base_staff).get(URL).status_code == 403
