"""Round 45 (QA, privacy): an appointment starting before the mentor turned 16 was refused
with the mentor's full birth date, to a school HR who reads the mentor masked (DESIGN §5:
the mask and the birth year only). Such a writer is now told, and checked by, the birth
year alone: no start date tried tells the day. A reader of the full record (the HR of the
only school the mentor serves, the province) is told the date as before."""

from datetime import date

import pytest

from shuangshi.mentors.models import MentorAppointment

from .conftest import appoint, make_mentor

pytestmark = pytest.mark.django_db

URL = "/api/v1/mentor-appointments/"
BIRTH = date(1985, 3, 17)


def english(client):
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


@pytest.fixture
def shared(school_a, school_b):
    """A mentor hr_a's school and hr_b's both appoint: masked for both."""
    mentor = make_mentor(birth_date=BIRTH)
    appoint(mentor, school_a, mode="project", start_on=date(2020, 9, 1))
    appoint(mentor, school_b, mode="project", start_on=date(2021, 9, 1))
    return mentor


def _no_birth_date(messages):
    text = " ".join(messages)
    assert "1985-03-17" not in text and "03-17" not in text and "3月17" not in text, text


def test_a_masked_writer_s_update_is_refused_without_the_birth_date(api, hr_b, shared):
    client = english(api(hr_b))
    read = client.get(f"/api/v1/mentors/{shared.pk}/").json()
    assert read["birth_date"] is None and read["birth_year"] == 1985
    mine = MentorAppointment.objects.get(mentor=shared, school__code=hr_b.school.code)
    response = client.patch(
        f"{URL}{mine.pk}/", {"start_on": "1995-01-01", "version": mine.version}, format="json"
    )
    assert response.status_code == 400, response.json()
    assert response.json()["start_on"] == [
        "The appointment must start after the year the mentor turned 16 (born in 1985): "
        "check the start date."
    ]
    _no_birth_date(response.json()["start_on"])


def test_the_message_in_chinese_has_no_birth_date(api, hr_a, shared):
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = {"mentor": shared.pk, "mode": "teaching", "start_on": "1990-01-01", "hours": 10}
    response = client.post(URL, body, format="json")
    assert response.status_code == 400, response.json()
    _no_birth_date(response.json()["start_on"])
    assert "1985" in response.json()["start_on"][0]


def test_a_masked_writer_is_checked_by_the_year_so_no_date_tells_the_day(api, hr_b, shared):
    """Starts tried around the birthday get one answer for the whole year the mentor turns
    16: refused (the day-exact rule would refuse 2001-03-16 and take 2001-03-17)."""
    client = english(api(hr_b))
    for start in ("2001-01-01", "2001-03-16", "2001-03-17", "2001-12-31"):
        body = {"mentor": shared.pk, "mode": "teaching", "start_on": start, "hours": 10}
        response = client.post(URL, body, format="json")
        assert response.status_code == 400, (start, response.json())
        _no_birth_date(response.json()["start_on"])
    body = {"mentor": shared.pk, "mode": "teaching", "start_on": "2002-01-01", "hours": 10}
    assert client.post(URL, body, format="json").status_code == 201


def test_by_id_number_a_masked_writer_gets_no_birth_date(api, hr_b, school_a):
    mentor = make_mentor(birth_date=BIRTH)
    appoint(mentor, school_a, mode="project", start_on=date(2020, 9, 1))
    body = {
        "mentor_id_number": mentor.id_number,
        "mode": "project",
        "start_on": "1990-01-01",
        "hours": 10,
    }
    response = english(api(hr_b)).post(URL, body, format="json")
    assert response.status_code == 400, response.json()
    _no_birth_date(response.json()["start_on"])


def test_the_hr_of_the_only_school_reads_the_date_and_the_day_exact_rule(api, hr_a, school_a):
    mentor = make_mentor(birth_date=BIRTH)
    appoint(mentor, school_a, mode="project", start_on=date(2020, 9, 1))
    client = english(api(hr_a))
    assert client.get(f"/api/v1/mentors/{mentor.pk}/").json()["birth_date"] == "1985-03-17"
    body = {"mentor": mentor.pk, "mode": "teaching", "start_on": "2001-03-16", "hours": 10}
    response = client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["start_on"] == [
        "The appointment starts before the mentor turned 16 (born on 1985-03-17): "
        "check the start date."
    ]
    body["start_on"] = "2001-03-17"
    assert client.post(URL, body, format="json").status_code == 201


def test_the_province_reads_the_date(api, province, shared, school_a):
    body = {
        "mentor": shared.pk,
        "school": school_a.pk,
        "mode": "teaching",
        "start_on": "1990-01-01",
        "hours": 10,
    }
    response = english(api(province)).post(URL, body, format="json")
    assert response.status_code == 400
    assert "1985-03-17" in response.json()["start_on"][0]
