"""Round 43: a mentor school HR registered whose appointment then failed to save stays that
school's to see and edit (and to appoint) until some school appoints them; another school's
HR does not see them. Mentors appointed somewhere are scoped by their appointments, as ever."""

from datetime import date

import pytest

from shuangshi.mentors.models import Mentor

from .conftest import appoint, mentor_data

pytestmark = pytest.mark.django_db
URL = "/api/v1/mentors/"


def _register(client):
    data = mentor_data(name="王工")
    data["birth_date"] = data["birth_date"].isoformat()
    response = client.post(URL, data, format="json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_hr_still_sees_and_edits_a_mentor_it_registered_with_no_appointment(api, hr_a):
    client = api(hr_a)
    pk = _register(client)  # …and the appointment that should follow was refused
    shown = client.get(f"{URL}{pk}/")
    assert shown.status_code == 200, shown.content
    assert shown.json()["editable"] is True
    assert pk in [m["id"] for m in client.get(URL).json()["results"]]
    edited = client.patch(
        f"{URL}{pk}/", {"title": "工程师", "version": shown.json()["version"]}, format="json"
    )
    assert edited.status_code == 200, edited.content
    assert Mentor.objects.get(pk=pk).title == "工程师"


def test_another_schools_hr_does_not_see_it(api, hr_a, hr_b):
    pk = _register(api(hr_a))
    assert api(hr_b).get(f"{URL}{pk}/").status_code == 404
    assert pk not in [m["id"] for m in api(hr_b).get(URL).json()["results"]]


def test_once_another_school_appoints_the_mentor_its_appointments_decide(api, hr_a, school_b):
    pk = _register(api(hr_a))
    appoint(Mentor.objects.get(pk=pk), school_b, start_on=date(2024, 9, 1))
    assert api(hr_a).get(f"{URL}{pk}/").status_code == 404


def test_a_mentor_the_province_registered_stays_the_provinces(api, province, hr_a):
    pk = _register(api(province))
    assert api(hr_a).get(f"{URL}{pk}/").status_code == 404
