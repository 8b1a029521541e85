"""Round 45: a certificate or enterprise period that breaks a date rule (teachers.validation)
and is also one its teacher already has (the service's duplicate rule,
services._refuse_stored_twice) is refused in one 400 that names both fields, as round 43
did; since round 44 the answer named only the date field."""

from typing import Any

import pytest

from shuangshi import testing
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher

pytestmark = pytest.mark.django_db

CERTIFICATES = "/api/v1/certificates/"
PERIODS = "/api/v1/enterprise-periods/"
TAKEN = "This teacher already has a certificate of this kind with this number."
SAME_PERIOD = (
    "This teacher already has an enterprise period of this kind at this enterprise starting "
    "on this day."
)


@pytest.fixture
def api(api: Any) -> Any:
    """The messages are asserted in English (the API's default language is Chinese)."""

    def client(user: Any = None) -> Any:
        c = api(user)
        c.credentials(HTTP_ACCEPT_LANGUAGE="en")
        return c

    return client


def certificate(teacher: Teacher, **fields: Any) -> dict[str, Any]:
    return {
        "teacher": teacher.pk,
        "kind": "skill_level",
        "level": "grade4",
        "name": "电工",
        "number": "S4302-001",
        "issued_on": "2022-06-30",
        **fields,
    }


def period(teacher: Teacher, **fields: Any) -> dict[str, Any]:
    return {
        "teacher": teacher.pk,
        "kind": "employment",
        "enterprise": "江铃汽车股份有限公司",
        "start_on": "2005-07-01",
        "end_on": "2008-06-30",
        **fields,
    }


def test_a_certificate_with_bad_dates_stored_twice_names_both_fields(api, hr_a, teacher_a):
    client = api(hr_a)
    assert client.post(CERTIFICATES, certificate(teacher_a), format="json").status_code == 201
    again = certificate(teacher_a, issued_on="1980-01-01", expires_on="1979-01-01")
    response = client.post(CERTIFICATES, again, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["number"] == [TAKEN]
    assert body["expires_on"] == ["The expiry date cannot be before the issue date."]
    assert body["issued_on"] == [
        "The issue date must be after the teacher's birth date (1985-06-15)."
    ]
    assert Certificate.objects.filter(teacher=teacher_a).count() == 1


def test_a_certificate_changed_to_bad_dates_and_anothers_number_names_both(api, hr_a, teacher_a):
    client = api(hr_a)
    client.post(CERTIFICATES, certificate(teacher_a), format="json")
    second = client.post(
        CERTIFICATES, certificate(teacher_a, number="S4302-002"), format="json"
    ).json()
    response = client.patch(
        f"{CERTIFICATES}{second['id']}/",
        {"number": "S4302-001", "expires_on": "2020-01-01", "version": second["version"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "expires_on": ["The expiry date cannot be before the issue date."],
        "number": [TAKEN],
    }


def test_a_period_with_bad_dates_stored_twice_names_both_fields(api, hr_a, teacher_a):
    client = api(hr_a)
    assert client.post(PERIODS, period(teacher_a), format="json").status_code == 201
    response = client.post(PERIODS, period(teacher_a, end_on="2004-01-01"), format="json")
    assert response.status_code == 400
    assert response.json() == {
        "end_on": ["The end date cannot be before the start date."],
        "start_on": [SAME_PERIOD],
    }
    assert EnterprisePeriod.objects.filter(teacher=teacher_a).count() == 1


def test_a_clean_write_asks_about_duplicates_once_as_before(api, hr_a, teacher_a):
    client = api(hr_a)
    assert client.post(CERTIFICATES, certificate(teacher_a), format="json").status_code == 201
    response = client.post(CERTIFICATES, certificate(teacher_a), format="json")
    assert response.status_code == 400
    assert response.json() == {"number": [TAKEN]}


def test_a_city_or_teacher_role_is_refused_as_before(api, city_nc, teacher_a):
    user = testing.make_user("teacher45", testing.Role.TEACHER, teacher=teacher_a)
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    bad = certificate(teacher_a, issued_on="1980-01-01", expires_on="1979-01-01")
    assert api(city_nc).post(CERTIFICATES, bad, format="json").status_code == 403
    assert api(city_nc).post(PERIODS, period(teacher_a), format="json").status_code == 403
    stored = Certificate.objects.create(
        teacher=teacher_a,
        kind="skill_level",
        level="grade4",
        number="S4302-001",
        issued_on="2022-06-30",
    )
    response = api(user).patch(
        f"{CERTIFICATES}{stored.pk}/",
        {"expires_on": "2020-01-01", "version": stored.version},
        format="json",
    )
    assert response.status_code == 403
