"""Round 43 (QA on the demo data): the API took the same certificate (teacher, kind and
number) and the same enterprise period twice, and a teacher's proposal made twice was
listed twice. A record is what the importer takes it for (a certificate: its teacher's of
a kind and number; a period: its teacher's of a kind at an enterprise from a start date,
text compared as a cell is read), and the API refuses a second one (teachers.validation).
A rejected proposal counts nowhere and does not stand in the way."""

from datetime import date
from typing import Any

import pytest

from shuangshi import testing
from shuangshi.teachers.models import Certificate, EnterprisePeriod, RecordStatus, Teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(api: Any) -> Any:
    """The messages are asserted in English (the API's default language is Chinese)."""

    def client(user: Any = None) -> Any:
        c = api(user)
        c.credentials(HTTP_ACCEPT_LANGUAGE="en")
        return c

    return client


CERTIFICATES = "/api/v1/certificates/"
PERIODS = "/api/v1/enterprise-periods/"
TAKEN = "This teacher already has a certificate of this kind with this number."
SAME_PERIOD = (
    "This teacher already has an enterprise period of this kind at this enterprise starting "
    "on this day."
)


def certificate(teacher: Teacher, **fields: Any) -> dict[str, Any]:
    return {
        "teacher": teacher.pk,
        "kind": "skill_level",
        "level": "grade4",
        "name": "电工",
        "number": "S4302-001",
        "issued_on": "2022-06-30",
        "field_category": "46",
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


@pytest.fixture
def teacher_user(teacher_a: Teacher) -> Any:
    user = testing.make_user("teacher43", testing.Role.TEACHER, teacher=teacher_a)
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    return user


def test_the_same_certificate_twice_is_refused_on_its_number(api, hr_a, teacher_a):
    client = api(hr_a)
    assert client.post(CERTIFICATES, certificate(teacher_a), format="json").status_code == 201
    response = client.post(CERTIFICATES, certificate(teacher_a), format="json")
    assert response.status_code == 400
    assert response.json() == {"number": [TAKEN]}
    # As an import reads it: full-width and padded, the same number.
    wide = certificate(teacher_a, number=" Ｓ４３０２－００１ ")
    assert client.post(CERTIFICATES, wide, format="json").status_code == 400
    assert Certificate.objects.filter(teacher=teacher_a, number="S4302-001").count() == 1


def test_the_same_number_of_another_kind_or_teacher_or_without_a_number_is_taken(
    api, hr_a, teacher_a, school_a
):
    client = api(hr_a)
    other = testing.make_teacher(school_a, name="李明")
    assert client.post(CERTIFICATES, certificate(teacher_a), format="json").status_code == 201
    vocational = certificate(teacher_a, kind="vocational_qualification")
    assert client.post(CERTIFICATES, vocational, format="json").status_code == 201
    assert client.post(CERTIFICATES, certificate(other), format="json").status_code == 201
    for _twice in range(2):
        blank = certificate(teacher_a, kind="professional_title", level="junior", number="")
        assert client.post(CERTIFICATES, blank, format="json").status_code == 201


def test_an_update_keeps_its_own_number_but_not_anothers(api, hr_a, teacher_a):
    client = api(hr_a)
    first = client.post(CERTIFICATES, certificate(teacher_a), format="json").json()
    second = client.post(
        CERTIFICATES, certificate(teacher_a, number="S4302-002"), format="json"
    ).json()
    response = client.patch(
        f"{CERTIFICATES}{first['id']}/",
        {"number": "S4302-001", "name": "维修电工", "version": first["version"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    response = client.patch(
        f"{CERTIFICATES}{second['id']}/",
        {"number": "S4302-001", "version": second["version"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"number": [TAKEN]}


def test_a_teachers_proposal_made_twice_is_listed_once(api, hr_a, teacher_a, teacher_user):
    client = api(teacher_user)
    first = client.post(CERTIFICATES, certificate(teacher_a), format="json")
    assert first.status_code == 201
    assert first.json()["status"] == "pending"
    second = client.post(CERTIFICATES, certificate(teacher_a), format="json")
    assert second.status_code == 400
    assert second.json() == {"number": [TAKEN]}
    listed = api(hr_a).get(CERTIFICATES, {"teacher": teacher_a.pk}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["number"] for r in rows].count("S4302-001") == 1


def test_a_rejected_proposal_does_not_stand_in_the_way(api, hr_a, teacher_a, teacher_user):
    proposed = api(teacher_user).post(CERTIFICATES, certificate(teacher_a), format="json").json()
    response = api(hr_a).post(
        f"{CERTIFICATES}{proposed['id']}/reject/", {"reason": "照片不清"}, format="json"
    )
    assert response.status_code == 200
    again = api(teacher_user).post(CERTIFICATES, certificate(teacher_a), format="json")
    assert again.status_code == 201, again.json()
    statuses = Certificate.objects.filter(teacher=teacher_a, number="S4302-001").values_list(
        "status", flat=True
    )
    assert sorted(statuses) == [RecordStatus.PENDING, RecordStatus.REJECTED]


def test_the_same_period_twice_is_refused_on_its_start(api, hr_a, teacher_a):
    client = api(hr_a)
    assert client.post(PERIODS, period(teacher_a), format="json").status_code == 201
    response = client.post(PERIODS, period(teacher_a), format="json")
    assert response.status_code == 400
    assert response.json() == {"start_on": [SAME_PERIOD]}
    # The importer's identity has no end: another end from the same start is the same period.
    other_end = period(teacher_a, end_on="2009-06-30")
    assert client.post(PERIODS, other_end, format="json").status_code == 400
    assert EnterprisePeriod.objects.filter(teacher=teacher_a).count() == 1


def test_another_start_kind_or_enterprise_is_another_period(api, hr_a, teacher_a):
    client = api(hr_a)
    assert client.post(PERIODS, period(teacher_a), format="json").status_code == 201
    for other in (
        period(teacher_a, start_on="2008-07-01", end_on="2009-06-30"),
        period(teacher_a, kind="practice"),
        period(teacher_a, enterprise="江西洪都航空工业集团"),
    ):
        response = client.post(PERIODS, other, format="json")
        assert response.status_code == 201, response.json()


def test_a_period_moved_onto_anothers_start_is_refused(api, hr_a, teacher_a):
    client = api(hr_a)
    client.post(PERIODS, period(teacher_a), format="json")
    later = client.post(
        PERIODS, period(teacher_a, start_on="2008-07-01", end_on="2009-06-30"), format="json"
    ).json()
    response = client.patch(
        f"{PERIODS}{later['id']}/",
        {"start_on": "2005-07-01", "version": later["version"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"start_on": [SAME_PERIOD]}
    assert EnterprisePeriod.objects.get(pk=later["id"]).start_on == date(2008, 7, 1)
