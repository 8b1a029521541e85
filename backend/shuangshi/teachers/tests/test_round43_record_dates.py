"""Round 43 (QA on the demo data): a teacher born 1998-03-10 got an employment period of
1970-1973 (and became junior by it), a professional title issued in 1960, and a practice
period of 2030-2031. The app refuses such dates elsewhere (hiring before birth, teaching
before 16, completions in the future); certificates and enterprise periods now too, in the
API and in imports alike (teachers.validation):

- a certificate is issued after the teacher's birth date and not in the future;
- a period starts at the age of 16 or later (the minimum age of teaching and of work) and
  not in the future; its end may be after today (the planned end of a period under way).
"""

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from shuangshi import testing
from shuangshi.qualification.models import TeacherQualification
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(api: Any) -> Any:
    """The messages are asserted in English (the API's default language is Chinese)."""

    def client(user: Any = None) -> Any:
        c = api(user)
        c.credentials(HTTP_ACCEPT_LANGUAGE="en")
        return c

    return client


BIRTH = date(1998, 3, 10)
CERTIFICATES = "/api/v1/certificates/"
PERIODS = "/api/v1/enterprise-periods/"


@pytest.fixture
def young(school_a: Any) -> Teacher:
    """Born 1998-03-10, teaching since 2021, with a teacher qualification: one evidence
    item short of junior."""
    teacher = testing.make_teacher(
        school_a,
        name="刘洋",
        birth_date=BIRTH,
        hired_on=date(2021, 9, 1),
        teaching_since=date(2021, 9, 1),
        title="junior",
    )
    testing.make_certificate(teacher, issued_on=date(2021, 7, 1))
    return teacher


def level_of(teacher: Teacher) -> str:
    return TeacherQualification.objects.get(teacher=teacher).level


def period(teacher: Teacher, **fields: Any) -> dict[str, Any]:
    return {
        "teacher": teacher.pk,
        "kind": "employment",
        "enterprise": "江西铜业集团有限公司",
        "start_on": "2019-07-01",
        "end_on": "2021-06-30",
        **fields,
    }


def certificate(teacher: Teacher, **fields: Any) -> dict[str, Any]:
    return {
        "teacher": teacher.pk,
        "kind": "professional_title",
        "level": "intermediate",
        "name": "工程师",
        "number": "PT-43-1",
        "issued_on": "2024-05-01",
        **fields,
    }


def test_an_employment_period_before_the_teachers_birth_is_refused_and_counts_nowhere(
    api, hr_a, young
):
    assert level_of(young) == "none"
    response = api(hr_a).post(
        PERIODS, period(young, start_on="1970-01-01", end_on="1973-12-31"), format="json"
    )
    assert response.status_code == 400
    (message,) = response.json()["start_on"]
    assert "1998-03-10" in message and "16" in message
    assert not EnterprisePeriod.objects.filter(teacher=young).exists()
    assert level_of(young) == "none"


def test_a_period_starts_at_sixteen_at_the_earliest(api, hr_a, young):
    client = api(hr_a)
    too_young = period(young, start_on="2014-03-09", end_on="2014-08-31")
    assert client.post(PERIODS, too_young, format="json").status_code == 400
    sixteen = period(young, start_on="2014-03-10", end_on="2014-08-31")
    response = client.post(PERIODS, sixteen, format="json")
    assert response.status_code == 201, response.json()


def test_a_period_starting_in_the_future_is_refused_but_one_under_way_may_end_later(
    api, hr_a, young
):
    client = api(hr_a)
    future = period(young, kind="practice", start_on="2030-01-01", end_on="2031-01-01")
    response = client.post(PERIODS, future, format="json")
    assert response.status_code == 400
    assert response.json()["start_on"] == ["An enterprise period cannot start in the future."]
    tomorrow = timezone.localdate() + timedelta(days=1)
    starts_tomorrow = period(young, kind="practice", start_on=tomorrow.isoformat(), end_on=None)
    assert client.post(PERIODS, starts_tomorrow, format="json").status_code == 400
    today = timezone.localdate()
    under_way = period(
        young,
        kind="practice",
        start_on=(today - timedelta(days=30)).isoformat(),
        end_on=(today + timedelta(days=150)).isoformat(),
    )
    response = client.post(PERIODS, under_way, format="json")
    assert response.status_code == 201, response.json()


def test_a_periods_start_cannot_be_moved_before_the_teachers_sixteenth_birthday(api, hr_a, young):
    client = api(hr_a)
    created = client.post(PERIODS, period(young), format="json").json()
    response = client.patch(
        f"{PERIODS}{created['id']}/",
        {"start_on": "2000-01-01", "version": created["version"]},
        format="json",
    )
    assert response.status_code == 400
    assert "start_on" in response.json()
    assert EnterprisePeriod.objects.get(pk=created["id"]).start_on == date(2019, 7, 1)


def test_a_teachers_own_proposal_is_held_to_the_same_dates(api, school_a, young):
    user = testing.make_user("liuyang43", testing.Role.TEACHER, teacher=young)
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    response = api(user).post(
        PERIODS, period(young, start_on="1970-01-01", end_on="1973-12-31"), format="json"
    )
    assert response.status_code == 400
    assert "start_on" in response.json()


def test_a_certificate_issued_before_the_teachers_birth_is_refused(api, hr_a, young):
    client = api(hr_a)
    response = client.post(CERTIFICATES, certificate(young, issued_on="1960-05-01"), format="json")
    assert response.status_code == 400
    assert response.json()["issued_on"] == [
        "The issue date must be after the teacher's birth date (1998-03-10)."
    ]
    on_birth = certificate(young, issued_on=BIRTH.isoformat())
    assert client.post(CERTIFICATES, on_birth, format="json").status_code == 400
    assert not Certificate.objects.filter(teacher=young, kind="professional_title").exists()


def test_a_certificate_issued_in_the_future_is_refused(api, hr_a, young):
    client = api(hr_a)
    today = timezone.localdate()
    tomorrow = certificate(young, issued_on=(today + timedelta(days=1)).isoformat())
    response = client.post(CERTIFICATES, tomorrow, format="json")
    assert response.status_code == 400
    assert response.json()["issued_on"] == ["A certificate cannot be issued in the future."]
    issued_today = certificate(young, issued_on=today.isoformat())
    response = client.post(CERTIFICATES, issued_today, format="json")
    assert response.status_code == 201, response.json()


def test_a_certificates_issue_date_cannot_be_moved_before_the_birth_date(api, hr_a, young):
    client = api(hr_a)
    created = client.post(CERTIFICATES, certificate(young), format="json").json()
    response = client.patch(
        f"{CERTIFICATES}{created['id']}/",
        {"issued_on": "1990-01-01", "version": created["version"]},
        format="json",
    )
    assert response.status_code == 400
    assert "issued_on" in response.json()


# ------------------------------------------------------------------------- imports


def filled(api: Any, user: Any, kind: str, sheet: str, rows: list[dict[str, Any]]) -> bytes:
    response = api(user).get(f"/api/v1/imports/templates/{kind}/", {"lang": "en"})
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            ws.cell(number, headers.index(header) + 1, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def imported(api: Any, user: Any, kind: str, content: bytes) -> dict[str, Any]:
    response = api(user).post(
        "/api/v1/imports/?lang=en",
        {"kind": kind, "file": SimpleUploadedFile(f"{kind}.xlsx", content)},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = api(user).get(f"/api/v1/imports/{response.json()['id']}/", {"lang": "en"})
    return body.json()


def errors_by_row(body: dict[str, Any]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    for error in body["errors"]:
        found.setdefault(error["row"], []).append(error)
    return found


def test_an_import_gets_the_same_date_errors_with_row_and_column(api, hr_a, young):
    future = timezone.localdate() + timedelta(days=10)
    rows = [
        {
            "ID number": young.id_number,
            "Kind": "Professional title",
            "Level": "Intermediate",
            "Number": f"PT-{n}",
            "Issued on": issued,
        }
        for n, issued in enumerate([date(1960, 5, 1), future, date(2024, 5, 1)])
    ]
    body = imported(
        api, hr_a, "certificates", filled(api, hr_a, "certificates", "Certificates", rows)
    )
    assert body["status"] == "invalid"
    by_row = errors_by_row(body)
    assert set(by_row) == {2, 3}
    (birth,) = by_row[2]
    assert birth["message"] == "The issue date must be after the teacher's birth date (1998-03-10)."
    (later,) = by_row[3]
    assert later["message"] == "A certificate cannot be issued in the future."
    assert birth["column"] == later["column"]
    assert birth["column"] not in (None, "")

    rows = [
        {
            "ID number": young.id_number,
            "Kind": "Enterprise employment",
            "Enterprise": "江西铜业集团有限公司",
            "Start on": start,
            "End on": end,
        }
        for start, end in [
            (date(1970, 1, 1), date(1973, 12, 31)),
            (date(2030, 1, 1), date(2031, 1, 1)),
            (date(2019, 7, 1), date(2021, 6, 30)),
        ]
    ]
    content = filled(api, hr_a, "enterprise-periods", "Enterprise periods", rows)
    body = imported(api, hr_a, "enterprise-periods", content)
    assert body["status"] == "invalid"
    by_row = errors_by_row(body)
    assert set(by_row) == {2, 3}
    (birth,) = by_row[2]
    assert "1998-03-10" in birth["message"] and "16" in birth["message"]
    (later,) = by_row[3]
    assert later["message"] == "An enterprise period cannot start in the future."
    assert not EnterprisePeriod.objects.filter(teacher=young).exists()
