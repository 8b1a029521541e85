"""Round 43: a school's code is one school's as an import reads it (either case, full- or
half-width): the API refuses a second school whose code reads as a stored one, naming
that code; the database refuses a pair differing only by case; and an import refuses a
code that reads as two stored ones (a pair stored before the rule) instead of choosing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from shuangshi import testing
from shuangshi.schools.models import School
from shuangshi.teachers.models import Teacher
from tests.spreadsheets.books import TEACHER_HEADERS, teacher_row, teachers_book

pytestmark = pytest.mark.django_db
URL = "/api/v1/schools/"


def body(code):
    city = testing.city()
    return {"code": code, "name": f"学校{code}", "city": city.pk, "kind": "technical_school"}


@pytest.mark.parametrize("second", ["qa01", "Qa01", "ＱＡ０１", "QA 01"])
def test_a_code_reading_as_a_stored_one_is_a_400_naming_it(api, province, second):
    client = api(province)
    assert client.post(URL, body("QA01"), format="json").status_code == 201
    response = client.post(URL, body(second), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    (message,) = response.json()["code"]
    assert "QA01" in message and "already exists" in message
    assert School.objects.filter(name__startswith="学校").count() == 1


def test_an_exact_duplicate_says_the_same(api, province):
    client = api(province)
    client.post(URL, body("QA01"), format="json")
    response = client.post(URL, body("QA01"), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "QA01" in response.json()["code"][0]


def test_an_edit_to_a_code_reading_as_another_schools_is_a_400(api, province, school_a):
    other = testing.make_school(code="QA01")
    response = api(province).patch(
        f"{URL}{school_a.pk}/", {"code": "qa01", "version": school_a.version}, format="json"
    )
    assert response.status_code == 400
    assert "QA01" in response.json()["code"][0]
    school_a.refresh_from_db()
    assert school_a.code != "qa01" and other.code == "QA01"


def test_a_school_may_change_its_own_codes_case(api, province):
    school = testing.make_school(code="QA01")
    response = api(province).patch(
        f"{URL}{school.pk}/", {"code": "qa01", "version": school.version}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["code"] == "qa01"


def test_the_database_refuses_two_codes_differing_only_by_case(school_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        School.objects.create(
            code=school_a.code.lower(), name="x", city=school_a.city, kind=school_a.kind
        )


def _import(client, rows):
    headers = [*TEACHER_HEADERS, "学校代码"]
    upload = SimpleUploadedFile("t.xlsx", teachers_book(rows, headers))
    return client.post(
        "/api/v1/imports/", {"kind": "teachers", "file": upload}, format="multipart"
    ).json()


def test_an_import_refuses_a_code_reading_as_two_stored_schools(api, province):
    first = testing.make_school(code="QA01")
    second = testing.make_school(code="QB01")
    # Stored before the rule: a full-width twin (beyond the database's Upper constraint).
    School.objects.filter(pk=second.pk).update(code="ＱＡ01")
    client = api(province)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    rows = [teacher_row(学校代码="QA01"), teacher_row(学校代码="qa01")]
    result = _import(client, rows)
    assert result["status"] == "invalid", result
    assert [(e["row"], e["column"]) for e in result["errors"]] == [(2, "学校代码"), (3, "学校代码")]
    message = result["errors"][0]["message"]
    assert "QA01" in message and "ＱＡ01" in message
    assert not Teacher.objects.filter(school__in=[first, second]).exists()


def test_an_import_puts_rows_typed_in_either_case_in_the_one_school(api, province):
    school = testing.make_school(code="QA01")
    rows = [teacher_row(学校代码="QA01"), teacher_row(学校代码="qa01")]
    result = _import(api(province), rows)
    assert result["status"] == "valid", result["errors"]
    committed = api(province).post(f"/api/v1/imports/{result['id']}/commit/").json()
    assert committed["created"] == 2, committed
    assert Teacher.objects.filter(school=school).count() == 2
