"""Round 48: two requests registering the same new mentor at once both passed the
serializer's "already registered" check; the second insert hit the unique ID number and was
answered "This record conflicts with an existing one". Now the service refuses it as the
serializer does: the id_number message (the nested new mentor's too, on the mentor's field
names as the serializer reports it)."""

import os
import threading
from typing import Any

import pytest
from django.db import connection

from shuangshi.mentors import services
from shuangshi.mentors.models import Mentor, MentorAppointment

from .conftest import mentor_data

pytestmark = pytest.mark.django_db

MENTORS = "/api/v1/mentors/"
APPOINTMENTS = "/api/v1/mentor-appointments/"
TAKEN_ZH = "该居民身份证号的导师已登记，请查找该导师后办理聘任。"
TAKEN_EN = "A mentor with this ID number is already registered; look them up to appoint."


def _new_mentor(**fields: Any) -> dict[str, Any]:
    data = mentor_data(**fields)
    data.pop("gender")
    data.pop("birth_date")  # taken from the ID number
    return data


def _appointment(mentor: dict[str, Any]) -> dict[str, Any]:
    return {"new_mentor": mentor, "mode": "teaching", "start_on": "2026-03-01", "hours": 64}


@pytest.fixture
def registered_meanwhile(monkeypatch: Any) -> None:
    """Another request registers the same ID number after this one's check, before its
    insert."""
    create = services.mentor_create

    def racing(*, data: dict[str, Any], user: Any = None) -> Mentor:
        create(data={**mentor_data(), "id_number": data["id_number"]})
        return create(data=data, user=user)

    monkeypatch.setattr(services, "mentor_create", racing)


def test_a_mentor_registered_meanwhile_is_the_id_number_message(api, hr_a, registered_meanwhile):
    data = _new_mentor()
    response = api(hr_a).post(MENTORS, data, format="json")
    assert response.status_code == 400
    assert response.json() == {"id_number": [TAKEN_ZH]}
    assert Mentor.objects.filter(id_number=data["id_number"]).count() == 1

    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(MENTORS, _new_mentor(), format="json")
    assert response.json() == {"id_number": [TAKEN_EN]}


def test_a_new_mentor_with_an_appointment_registered_meanwhile_too(
    api, hr_a, school_a, registered_meanwhile
):
    data = _new_mentor()
    response = api(hr_a).post(APPOINTMENTS, _appointment(data), format="json")
    assert response.status_code == 400
    assert response.json() == {"id_number": [TAKEN_ZH]}  # as the serializer reports it
    assert not MentorAppointment.objects.exists()  # nothing half written


def test_an_id_number_taken_meanwhile_by_an_edit_is_the_message_too(api, province, monkeypatch):
    mentor = services.mentor_create(data=mentor_data())
    other = mentor_data()
    update = services.mentor_update

    def racing(*, mentor: Mentor, data: dict[str, Any]) -> Mentor:
        services.mentor_create(data=other)
        return update(mentor=mentor, data=data)

    monkeypatch.setattr(services, "mentor_update", racing)
    url = f"{MENTORS}{mentor.pk}/"
    response = api(province).patch(
        url, {"id_number": other["id_number"], "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"id_number": [TAKEN_ZH]}


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="simultaneous requests need PostgreSQL (SQLite serialises writers anyway)",
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_registrations_one_wins_the_other_is_told(api, hr_a, school_a):
    data = _new_mentor()
    barrier = threading.Barrier(2)
    answers: list[tuple[int, Any]] = []

    def request(url: str, body: dict[str, Any]) -> None:
        try:
            client = api(hr_a)
            barrier.wait()
            response = client.post(url, body, format="json")
            answers.append((response.status_code, response.json()))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=request, args=(MENTORS, data)),
        threading.Thread(target=request, args=(APPOINTMENTS, _appointment(data))),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    statuses = sorted(status for status, _body in answers)
    assert statuses == [201, 400], answers
    (refused,) = [body for status, body in answers if status == 400]
    assert refused == {"id_number": [TAKEN_ZH]}
    assert Mentor.objects.filter(id_number=data["id_number"]).count() == 1
