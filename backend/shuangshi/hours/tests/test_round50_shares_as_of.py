"""Round 50: the dashboard's practical-hours card on a past date reads the term in effect
that day (it read the latest term whatever the date): `teaching-hours/shares/?as_of=` chooses
the default term as today does (the latest with hours, not after that day's term); `term`
still wins; a bad date is a 400 naming `as_of`."""

from datetime import date

import pytest

from shuangshi import testing
from shuangshi.hours import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/teaching-hours/shares/"


def record(school, term, practical):
    return services.teaching_hours_create(
        data={
            "school": school,
            "term": term,
            "major_category": "",
            "total_hours": 1000,
            "practical_hours": practical,
        }
    )


@pytest.fixture
def terms(monkeypatch, school_a):
    """Today 2026-12-07 (term 2026-2027-1): hours of three terms and next year's plan."""
    testing.set_today(monkeypatch, date(2026, 12, 7))
    record(school_a, "2025-2026-1", 400)
    record(school_a, "2025-2026-2", 550)
    record(school_a, "2026-2027-1", 620)
    record(school_a, "2027-2028-1", 700)  # planned ahead
    return school_a


def share_of(client, query=""):
    r = client.get(f"{URL}{query}")
    assert r.status_code == 200, r.content
    body = r.json()
    return body["term"], body["schools"][0]["practical_hours"]


def test_a_past_date_reads_the_term_in_effect_that_day(api, province, terms):
    client = api(province)
    assert share_of(client) == ("2026-2027-1", 620)
    assert share_of(client, "?as_of=2026-05-20") == ("2025-2026-2", 550)
    assert share_of(client, "?as_of=2026-01-15") == ("2025-2026-1", 400)  # the winter break
    assert share_of(client, "?as_of=2026-12-07") == ("2026-2027-1", 620)


def test_a_date_before_any_hours_reads_none_and_a_term_still_wins(api, province, terms):
    client = api(province)
    r = client.get(f"{URL}?as_of=2024-03-01")
    assert r.status_code == 200
    assert r.json()["term"] is None
    assert r.json()["schools"][0]["total_hours"] == 0
    assert share_of(client, "?as_of=2026-05-20&term=2025-2026-1") == ("2025-2026-1", 400)


def test_a_date_ahead_reads_no_further_than_that_days_term(api, province, terms):
    assert share_of(api(province), "?as_of=2027-10-01") == ("2027-2028-1", 700)


def test_the_school_hr_reads_their_own_school_on_a_past_date(api, hr_a, terms):
    assert share_of(api(hr_a), "?as_of=2026-05-20") == ("2025-2026-2", 550)


@pytest.mark.parametrize("value", ["2026-5-20", "yesterday", "1900-01-01"])
def test_a_bad_date_is_a_400_naming_as_of(api, province, value):
    r = api(province).get(f"{URL}?as_of={value}")
    assert r.status_code == 400
    assert list(r.json()) == ["as_of"]


def test_a_teacher_and_base_staff_are_refused_on_any_date(api, base_staff, school_a):
    teacher = testing.make_teacher(school_a)
    user = testing.make_user("t1", "teacher", teacher=teacher)
    assert api(user).get(f"{URL}?as_of=2026-05-20").status_code == 403
    assert api(base_staff).get(f"{URL}?as_of=2026-05-20").status_code == 403
