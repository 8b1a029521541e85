"""`POST users/teacher-accounts/` answers 201 with one row per teacher; the schema says so
(it said 200, with the account list's filters, pages and a paginated body)."""

import json

import pytest
from django.test import Client

from shuangshi import testing

pytestmark = pytest.mark.django_db

BULK = "/api/v1/users/teacher-accounts/"


def operation():
    schema = json.loads(Client().get("/api/schema/", HTTP_ACCEPT="application/json").content)
    return schema["paths"][BULK]["post"]


def test_the_schema_documents_the_201_and_its_rows():
    post = operation()
    assert set(post["responses"]) == {"201"}
    body = post["responses"]["201"]["content"]["application/json"]["schema"]
    assert body == {"type": "array", "items": {"$ref": "#/components/schemas/TeacherAccount"}}
    assert post.get("parameters", []) == []


def test_hr_gets_the_documented_201_and_rows(api, hr_a, school_a, teacher_a):
    second = testing.make_teacher(school_a, name="赵敏")
    response = api(hr_a).post(BULK, {"teachers": [teacher_a.pk, second.pk]}, format="json")
    assert response.status_code == 201, response.content
    rows = response.json()
    assert isinstance(rows, list) and {row["teacher"] for row in rows} == {teacher_a.pk, second.pk}
    assert {row["status"] for row in rows} == {"created"}


def test_base_staff_is_refused(api, base_staff, teacher_a):
    assert (
        api(base_staff).post(BULK, {"teachers": [teacher_a.pk]}, format="json").status_code == 403
    )
