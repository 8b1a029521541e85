"""Round 47: "New appointment → New mentor" posted the mentor, then the appointment; an
appointment refused (the end before the start) left the mentor stored, and the corrected
name and enterprise of the next try were never sent. Now POST mentor-appointments/ takes the
new mentor with the appointment (`new_mentor`), and writes both or neither."""

from datetime import date
from typing import Any

import pytest

from shuangshi.mentors.models import Mentor, MentorAppointment

from .conftest import make_mentor, mentor_data

pytestmark = pytest.mark.django_db

URL = "/api/v1/mentor-appointments/"


def english(client: Any) -> Any:
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def new_mentor(**fields: Any) -> dict[str, Any]:
    data = mentor_data(**fields)
    data.pop("gender")
    data.pop("birth_date")  # taken from the ID number
    return data


def body(mentor: dict[str, Any], **fields: Any) -> dict[str, Any]:
    values = {"new_mentor": mentor, "mode": "teaching", "start_on": "2026-03-01", "hours": 64}
    values.update(fields)
    return values


def test_a_refused_appointment_registers_no_mentor(api, hr_a, school_a):
    mentor = new_mentor(name="刘工")
    client = english(api(hr_a))
    response = client.post(URL, body(mentor, end_on="2026-02-01"), format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["end_on"] == ["The end date cannot be before the start date."]
    assert not Mentor.objects.filter(id_number=mentor["id_number"]).exists()

    # The corrected details are the ones stored, with the appointment.
    fixed = {**mentor, "name": "刘建国", "enterprise": "江西洪都航空工业集团"}
    response = client.post(URL, body(fixed, end_on="2026-06-30"), format="json")
    assert response.status_code == 201, response.json()
    stored = Mentor.objects.get(id_number=mentor["id_number"])
    assert (stored.name, stored.enterprise) == ("刘建国", "江西洪都航空工业集团")
    assert stored.birth_date == date(1975, 4, 2)
    appointment = MentorAppointment.objects.get(mentor=stored)
    assert appointment.school == school_a
    assert appointment.end_on == date(2026, 6, 30)
    assert response.json()["mentor"] == stored.pk
    assert response.json()["mentor_name"] == "刘建国"


def test_a_refused_hours_registers_no_mentor(api, hr_a, school_a):
    mentor = new_mentor()
    response = api(hr_a).post(URL, body(mentor, end_on="2026-03-02", hours=100), format="json")
    assert response.status_code == 400
    assert "hours" in response.json()
    assert not Mentor.objects.filter(id_number=mentor["id_number"]).exists()


def test_the_mentors_errors_come_on_the_mentors_field_names(api, hr_a, school_a):
    taken = make_mentor()
    client = english(api(hr_a))
    response = client.post(URL, body(new_mentor(name=""), end_on="2026-02-01"), format="json")
    assert response.status_code == 400
    errors = response.json()
    assert "new_mentor" not in errors
    assert errors["name"]
    response = client.post(URL, body(new_mentor(id_number=taken.id_number)), format="json")
    assert response.status_code == 400
    errors = response.json()
    assert errors["id_number"] == [
        "A mentor with this ID number is already registered; look them up to appoint."
    ]
    assert Mentor.objects.count() == 1
    assert not MentorAppointment.objects.exists()


def test_a_new_mentor_and_a_named_one_together_are_refused(api, hr_a, school_a):
    other = make_mentor()
    mentor = new_mentor()
    response = api(hr_a).post(URL, body(mentor, mentor_id_number=other.id_number), format="json")
    assert response.status_code == 400
    assert "new_mentor" in response.json()
    assert not Mentor.objects.filter(id_number=mentor["id_number"]).exists()
    assert not MentorAppointment.objects.exists()


def test_a_new_mentor_is_no_part_of_an_update(api, hr_a, school_a):
    response = api(hr_a).post(URL, body(new_mentor()), format="json")
    assert response.status_code == 201
    appointment = response.json()
    mentor = new_mentor()
    response = api(hr_a).patch(
        f"{URL}{appointment['id']}/",
        {"new_mentor": mentor, "version": appointment["version"]},
        format="json",
    )
    assert response.status_code == 400
    assert "new_mentor" in response.json()
    assert not Mentor.objects.filter(id_number=mentor["id_number"]).exists()


@pytest.mark.parametrize("who", ["city_nc", "base_staff"])
def test_roles_that_do_not_appoint_register_nobody(api, request, school_a, who):
    user = request.getfixturevalue(who)
    mentor = new_mentor()
    response = api(user).post(URL, body(mentor, school=school_a.pk), format="json")
    assert response.status_code == 403
    assert not Mentor.objects.filter(id_number=mentor["id_number"]).exists()
    assert not MentorAppointment.objects.exists()


def test_the_province_names_the_school(api, province, school_a):
    mentor = new_mentor()
    response = api(province).post(URL, body(mentor, school=school_a.pk), format="json")
    assert response.status_code == 201, response.json()
    stored = Mentor.objects.get(id_number=mentor["id_number"])
    assert stored.registered_by_school is None
    assert MentorAppointment.objects.get(mentor=stored).school == school_a
