from datetime import date

import pytest

from shuangshi import testing
from shuangshi.mentors.models import MentorAppointment
from shuangshi.mentors.selectors import mentor_counts_by_school

from .conftest import appoint, make_mentor

pytestmark = pytest.mark.django_db

URL = "/api/v1/mentor-appointments/"


def payload(**fields):
    values = {
        "mode": "teaching",
        "start_on": "2024-09-01",
        "end_on": "2025-07-15",
        "hours": 72,
    }
    values.update(fields)
    return values


def test_school_hr_appoint_a_mentor_registered_elsewhere_by_id_number(
    api, hr_a, school_a, mentor_b
):
    data = payload(mentor_id_number=mentor_b.id_number)
    response = api(hr_a).post(URL, data, format="json")
    assert response.status_code == 201, response.data
    assert response.data["school"] == school_a.pk
    assert response.data["mentor_name"] == "陈师傅"
    # From now on the mentor is theirs to see.
    assert api(hr_a).get(f"/api/v1/mentors/{mentor_b.pk}/").status_code == 200


def test_school_hr_cannot_appoint_an_unseen_mentor_by_id(api, hr_a, mentor_b):
    response = api(hr_a).post(URL, payload(mentor=mentor_b.pk), format="json")
    assert response.status_code == 400
    assert "mentor" in response.data


def test_school_hr_appoint_their_mentor_in_another_mode(api, hr_a, mentor_a):
    data = payload(mentor=mentor_a.pk, mode="research")
    assert api(hr_a).post(URL, data, format="json").status_code == 201


def test_school_hr_cannot_appoint_to_another_school(api, hr_a, mentor_a, school_b):
    data = payload(mentor=mentor_a.pk, school=school_b.pk)
    response = api(hr_a).post(URL, data, format="json")
    assert response.status_code == 400
    assert "school" in response.data


def test_the_province_names_the_school(api, province, mentor_a, school_b):
    data = payload(mentor=mentor_a.pk)
    assert api(province).post(URL, data, format="json").status_code == 400
    data["school"] = school_b.pk
    assert api(province).post(URL, data, format="json").status_code == 201


@pytest.mark.parametrize("who", ["city_nc", "base_staff"])
def test_cities_and_base_staff_cannot_appoint(api, request, who, mentor_a, school_a):
    user = request.getfixturevalue(who)
    data = payload(mentor=mentor_a.pk, school=school_a.pk)
    assert api(user).post(URL, data, format="json").status_code == 403


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2023-01-01", "2023-09-01"),  # ends on the day the open appointment starts
        ("2030-01-01", None),  # open-ended against open-ended
        ("2024-01-01", "2024-02-01"),  # inside
    ],
)
def test_overlapping_appointments_in_the_same_mode_are_refused(api, hr_a, mentor_a, start, end):
    # mentor_a teaches at school_a from 2023-09-01 with no end.
    data = payload(mentor=mentor_a.pk, start_on=start, end_on=end)
    response = api(hr_a).post(URL, data, format="json")
    assert response.status_code == 400
    assert "start_on" in response.data
    assert MentorAppointment.objects.filter(mentor=mentor_a).count() == 1


def test_back_to_back_appointments_are_accepted(api, hr_a, school_a):
    mentor = make_mentor()
    appoint(mentor, school_a, start_on=date(2023, 9, 1), end_on=date(2024, 7, 15))
    data = payload(mentor_id_number=mentor.id_number, start_on="2024-07-16", end_on=None)
    assert api(hr_a).post(URL, data, format="json").status_code == 201


def test_the_same_dates_at_another_school_are_accepted(api, hr_b, mentor_a):
    data = payload(mentor_id_number=mentor_a.id_number, start_on="2023-09-01", end_on=None)
    assert api(hr_b).post(URL, data, format="json").status_code == 201


def test_an_update_cannot_create_an_overlap(api, hr_a, school_a):
    mentor = make_mentor()
    appoint(mentor, school_a, start_on=date(2023, 9, 1), end_on=date(2024, 7, 15))
    later = appoint(mentor, school_a, start_on=date(2024, 9, 1), end_on=date(2025, 7, 15))
    url = f"{URL}{later.pk}/"
    bad = {"start_on": "2024-07-01", "version": later.version}
    assert api(hr_a).patch(url, bad, format="json").status_code == 400
    ok = {"start_on": "2024-08-01", "hours": 80, "version": later.version}
    response = api(hr_a).patch(url, ok, format="json")
    assert response.status_code == 200, response.data
    assert response.data["version"] == later.version + 1


def test_an_appointment_cannot_end_before_it_starts(api, hr_a, mentor_a):
    data = payload(mentor=mentor_a.pk, mode="project", start_on="2025-01-02", end_on="2025-01-01")
    response = api(hr_a).post(URL, data, format="json")
    assert response.status_code == 400
    assert "end_on" in response.data


def test_school_hr_see_and_change_only_their_schools_appointments(api, hr_a, mentor_a, mentor_b):
    response = api(hr_a).get(URL)
    assert [a["mentor"] for a in response.data["results"]] == [mentor_a.pk]
    other = mentor_b.appointments.get()
    assert api(hr_a).get(f"{URL}{other.pk}/").status_code == 404
    assert api(hr_a).delete(f"{URL}{other.pk}/").status_code == 404


def test_school_hr_end_an_appointment_by_deleting_it(api, hr_a, mentor_a):
    appointment = mentor_a.appointments.get()
    assert api(hr_a).delete(f"{URL}{appointment.pk}/").status_code == 204


def test_the_city_reads_its_appointments(api, city_nc, mentor_a, mentor_b):
    assert api(city_nc).get(URL).data["count"] == 1


def test_appointments_filter_by_date_in_force(api, province, school_a):
    mentor = make_mentor()
    appoint(mentor, school_a, start_on=date(2020, 1, 1), end_on=date(2020, 12, 31))
    appoint(mentor, school_a, start_on=date(2022, 1, 1))
    assert api(province).get(URL, {"active_on": "2020-06-01"}).data["count"] == 1
    assert api(province).get(URL, {"active_on": "2021-06-01"}).data["count"] == 0


def test_listing_appointments_takes_a_bounded_number_of_queries(
    api, hr_a, school_a, django_assert_max_num_queries
):
    for _ in range(15):
        appoint(make_mentor(), school_a)
    with django_assert_max_num_queries(5):
        response = api(hr_a).get(URL)
    assert response.data["count"] == 15


# --------------------------------------------------------------------------- the selector


def test_counts_by_school_give_every_requested_school_a_row(db):
    school = testing.make_school()
    empty = testing.make_school()
    mentor = make_mentor()
    appoint(mentor, school, start_on=date(2024, 1, 1))
    appoint(mentor, school, mode="research", start_on=date(2024, 1, 1))
    counts = mentor_counts_by_school([school.pk, empty.pk], date(2025, 6, 1))
    assert counts[school.pk] == {
        "mentors": 1,
        "by_mode": {"teaching": 1, "research": 1, "project": 0},
        "part_time_track": 1,
    }
    assert counts[empty.pk]["mentors"] == 0


def test_counts_by_school_take_one_query(db, django_assert_num_queries):
    schools = [testing.make_school() for _ in range(5)]
    for school in schools:
        appoint(make_mentor(), school)
    with django_assert_num_queries(1):
        mentor_counts_by_school([s.pk for s in schools], date(2025, 6, 1))


# Round 40 (exploratory QA): an appointment dated before the mentor could work counted
# toward the part-time track.
def test_an_appointment_cannot_start_before_the_mentor_turned_16(api, hr_a, school_a):
    mentor = make_mentor(birth_date=date(1990, 3, 15))
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    early = payload(mentor_id_number=mentor.id_number, start_on="1960-01-01", end_on="1961-12-31")
    response = client.post(URL, early, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["start_on"] == [
        "The appointment starts before the mentor turned 16 (born on 1990-03-15): "
        "check the start date."
    ]
    on_the_day = payload(
        mentor_id_number=mentor.id_number, start_on="2006-03-15", end_on="2007-03-14"
    )
    assert client.post(URL, on_the_day, format="json").status_code == 201
    assert MentorAppointment.objects.filter(mentor=mentor).count() == 1


def test_an_update_cannot_move_the_start_before_the_mentor_turned_16(api, hr_a, school_a):
    mentor = make_mentor(birth_date=date(1990, 3, 15))
    appointment = appoint(mentor, school_a, start_on=date(2020, 9, 1))
    response = api(hr_a).patch(
        f"{URL}{appointment.pk}/",
        {"start_on": "2006-03-14", "version": appointment.version},
        format="json",
    )
    assert response.status_code == 400
    assert "start_on" in response.json()


def test_a_city_user_cannot_appoint(api, city_nc, school_a):
    mentor = make_mentor(birth_date=date(1990, 3, 15))
    response = api(city_nc).post(URL, payload(mentor_id_number=mentor.id_number), format="json")
    assert response.status_code == 403
