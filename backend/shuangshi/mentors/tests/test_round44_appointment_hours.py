"""Round 44: an appointment's hours had no bound below the database's (2,147,483,647 hours
for a ten-month appointment were saved). Now at most 24 a day of a dated appointment, as a
training programme's, and at most 100,000 (an import's whole-number column) for any."""

from datetime import date

import pytest

from shuangshi.mentors import services
from shuangshi.mentors.models import MentorAppointment

from .conftest import appoint, make_mentor

pytestmark = pytest.mark.django_db

URL = "/api/v1/mentor-appointments/"


def english(client):
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def test_hours_beyond_24_a_day_of_the_appointment_are_a_400_on_hours(api, hr_a, school_a):
    mentor = make_mentor()
    client = english(api(hr_a))
    ten_days = {
        "mentor_id_number": mentor.id_number,
        "mode": "teaching",
        "start_on": "2025-03-01",
        "end_on": "2025-03-10",
    }
    response = client.post(URL, {**ten_days, "hours": 241}, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["hours"] == [
        "An appointment of 10 days has at most 240 hours (24 hours a day)."
    ]
    assert not MentorAppointment.objects.filter(mentor=mentor).exists()
    assert client.post(URL, {**ten_days, "hours": 240}, format="json").status_code == 201


def test_an_open_ended_appointment_takes_at_most_100000_hours(api, hr_a, school_a):
    mentor = make_mentor()
    client = api(hr_a)
    body = {"mentor_id_number": mentor.id_number, "mode": "teaching", "start_on": "2024-09-01"}
    response = client.post(URL, {**body, "hours": 2_147_483_647}, format="json")
    assert response.status_code == 400
    assert "hours" in response.json()
    assert client.post(URL, {**body, "hours": 100_000}, format="json").status_code == 201


def test_shortening_an_appointment_below_its_hours_is_refused(api, hr_a, school_a):
    appointment = appoint(
        make_mentor(), school_a, start_on=date(2025, 3, 1), end_on=date(2025, 6, 30), hours=200
    )
    response = english(api(hr_a)).patch(
        f"{URL}{appointment.pk}/",
        {"end_on": "2025-03-05", "version": appointment.version},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["hours"] == [
        "An appointment of 5 days has at most 120 hours (24 hours a day)."
    ]
    appointment.refresh_from_db()
    assert appointment.end_on == date(2025, 6, 30)


def test_the_service_refuses_it_for_every_writer(school_a):
    with pytest.raises(services.ValidationError) as refused:
        appoint(
            make_mentor(), school_a, start_on=date(2025, 3, 1), end_on=date(2025, 3, 1), hours=25
        )
    assert "hours" in refused.value.message_dict


def test_a_city_user_is_still_refused(api, city_nc):
    mentor = make_mentor()
    body = {"mentor_id_number": mentor.id_number, "mode": "teaching", "start_on": "2024-09-01"}
    assert api(city_nc).post(URL, {**body, "hours": 10}, format="json").status_code == 403
