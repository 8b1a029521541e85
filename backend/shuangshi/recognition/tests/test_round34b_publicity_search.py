"""Round 34 (b): the publicity list's `search` (offered by its schema) finds applications
by the teacher's name, the only thing of a person it shows: publicity/ and the
applications list asked for ?status=publicized alike."""

from datetime import date
from typing import Any

import pytest

from shuangshi import testing
from shuangshi.accounts.models import User
from shuangshi.recognition import services
from shuangshi.recognition.models import Round
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"


def _publicize(teacher: Teacher, round: Round, hr: User, province: User) -> None:
    application = services.application_create(round=round, teacher=teacher, level="junior", user=hr)
    services.application_submit(application=application, user=hr)
    services.application_school_review(application=application, user=hr, decision="approve")
    services.application_province_review(application=application, user=province, decision="approve")


@pytest.fixture
def two_in_publicity(
    qualified_teacher: Teacher, school_a: Any, hr_a: User, province: User, round_open: Round
) -> Teacher:
    other = testing.make_teacher(school_a, name="李红梅", staff_no="T-0099")
    testing.make_certificate(other)
    testing.make_certificate(
        other, kind="skill_level", level="grade3", name="钳工", issued_on=date(2021, 5, 1)
    )
    _publicize(qualified_teacher, round_open, hr_a, province)
    _publicize(other, round_open, hr_a, province)
    return other


@pytest.mark.parametrize(
    ("url", "query"),
    [(f"{APPS}publicity/", {}), (APPS, {"status": "publicized"})],
    ids=["publicity", "list"],
)
def test_the_publicity_list_is_searched_by_teacher_name(
    api: Any, hr_b: User, two_in_publicity: Teacher, url: str, query: dict[str, str]
) -> None:
    everyone = api(hr_b).get(url, query)
    assert everyone.status_code == 200
    assert {row["teacher_name"] for row in everyone.json()["results"]} == {"王小明", "李红梅"}
    found = api(hr_b).get(url, {**query, "search": "红梅"})
    assert found.status_code == 200
    assert [row["teacher_name"] for row in found.json()["results"]] == ["李红梅"]
    assert found.json()["count"] == 1


def test_the_publicity_list_is_not_searched_by_what_it_does_not_show(
    api: Any, hr_b: User, two_in_publicity: Teacher
) -> None:
    response = api(hr_b).get(f"{APPS}publicity/", {"search": "T-0099"})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_the_schema_offers_search_on_the_publicity_list(api: Any, province: User) -> None:
    schema = api(province).get("/api/schema/", {"format": "json"}).json()
    params = schema["paths"]["/api/v1/recognition-applications/publicity/"]["get"]["parameters"]
    assert "search" in {p["name"] for p in params}
