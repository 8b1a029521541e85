"""Round 30: scope audit of teachers, mentors, training, schools and accounts.

1. `GET mentors/?mode=` matched a mentor by *any* of their appointments, also those at
   schools the reader may not see: a school's clerk learnt in which modes another school
   appoints the mentors they share (DESIGN §2: nothing outside one's scope, also through
   filters). The mode now matches the reader's own appointments only.
2. A mentor's place on the part-time track ("normally aged 70 or under", DESIGN §1) was
   judged on the exact birthday: `mentors/counts/?as_of=` (and the ratios' mentor figures)
   changed on the day a mentor turned 71, so a reader who sees the mentor's birth year only
   (city, a school sharing the mentor) could find the birth date by asking two dates, and
   with it narrow the masked ID number far below 1,000 candidates (DESIGN §5). The age is
   now the one reached in the year of the date asked: it changes on 1 January only.
"""

from datetime import date, timedelta

import pytest
from shuangshi.mentors.tests.conftest import appoint, make_mentor

pytestmark = pytest.mark.django_db

MENTORS = "/api/v1/mentors/"


# --------------------------------------------------------------------------- 1. ?mode=


@pytest.fixture
def shared_mentor(school_a, school_b):
    """Teaches at school A; does research at school B (which school A's clerk cannot see)."""
    mentor = make_mentor(name="刘建国")
    appoint(mentor, school_a, mode="teaching")
    appoint(mentor, school_b, mode="research")
    return mentor


@pytest.mark.parametrize("who", ["hr_a", "city_nc"])
def test_mentor_mode_filter_reads_only_the_readers_own_appointments(
    api, request, who, shared_mentor
):
    client = api(request.getfixturevalue(who))
    elsewhere = client.get(MENTORS, {"mode": "research"})  # only at school B
    nowhere = client.get(MENTORS, {"mode": "project"})  # at no school
    assert elsewhere.status_code == nowhere.status_code == 200
    assert elsewhere.json()["count"] == nowhere.json()["count"] == 0
    own = client.get(MENTORS, {"mode": "teaching"}).json()
    assert [m["id"] for m in own["results"]] == [shared_mentor.pk]


def test_mentor_mode_filter_still_sees_every_appointment_for_the_province(
    api, province, shared_mentor
):
    response = api(province).get(MENTORS, {"mode": "research"})
    assert [m["id"] for m in response.json()["results"]] == [shared_mentor.pk]


def test_mentor_mode_and_school_filters_together_stay_in_scope(api, hr_a, school_a, shared_mentor):
    response = api(hr_a).get(MENTORS, {"mode": "research", "school": school_a.pk})
    assert response.status_code == 200
    assert response.json()["count"] == 0


# --------------------------------------------------------------------------- 2. birthdays

BIRTH = date(1955, 3, 17)  # turns 71 on 2026-03-17
EVE, BIRTHDAY = date(2026, 3, 16), date(2026, 3, 17)


@pytest.fixture
def elder(school_a, school_b):
    """Teaches at schools A and B since 2020: on the track but for the age rule. School A's
    clerk and the Nanchang city account read their birth year only."""
    mentor = make_mentor(name="老匠人", birth_date=BIRTH, category="craftsman")
    appoint(mentor, school_a, start_on=date(2020, 1, 1))
    appoint(mentor, school_b, start_on=date(2020, 1, 1))
    return mentor


def _track(client, school, day) -> int:
    response = client.get(f"{MENTORS}counts/", {"school": school.pk, "as_of": day.isoformat()})
    assert response.status_code == 200, response.content
    (row,) = response.json()
    return row["part_time_track"]


@pytest.mark.parametrize("who", ["hr_a", "city_nc"])
def test_mentor_counts_do_not_change_on_a_hidden_birthday(api, request, who, elder, school_a):
    client = api(request.getfixturevalue(who))
    read = client.get(f"{MENTORS}{elder.pk}/").json()
    assert (read["birth_date"], read["birth_year"]) == (None, BIRTH.year)  # hidden
    seen = {_track(client, school_a, day) for day in (EVE, BIRTHDAY, date(2026, 12, 31))}
    assert len(seen) == 1, seen


def test_ratio_mentor_figures_do_not_change_on_a_hidden_birthday(api, city_nc, elder, school_a):
    client = api(city_nc)

    def track(day: date) -> int:
        response = client.get("/api/v1/ratios/schools/", {"as_of": day.isoformat()})
        assert response.status_code == 200, response.content
        (row,) = [r for r in response.json()["results"] if r["school"]["id"] == school_a.pk]
        return row["mentors"]["part_time_track"]

    assert track(EVE) == track(BIRTHDAY)


def test_the_age_rule_changes_on_new_year_only(api, province, elder, school_a):
    client = api(province)
    # Aged 70 or under through 2025 (turns 70 that year): on the track all year.
    assert _track(client, school_a, date(2025, 1, 1)) == 1
    assert _track(client, school_a, date(2025, 12, 31)) == 1
    # Turns 71 in 2026: off the track from its first day, never over 70 on the track.
    assert _track(client, school_a, date(2025, 12, 31) + timedelta(days=1)) == 0
    assert _track(client, school_a, BIRTHDAY) == 0
