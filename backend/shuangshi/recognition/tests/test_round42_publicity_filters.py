"""Round 42: the publicity list (publicity/) filters by what it shows of an application, its
round, school, city and level, and documents them; a bad value is a 400 naming the
parameter. Only `round` was read: `?school=abc` or another school's id gave the whole list."""

from datetime import date
from typing import Any

import pytest

from shuangshi import testing
from shuangshi.accounts.models import User
from shuangshi.recognition import services
from shuangshi.recognition.models import Round
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

PUBLICITY = "/api/v1/recognition-applications/publicity/"


def _publicize(teacher: Teacher, round: Round, hr: User, province: User) -> None:
    application = services.application_create(round=round, teacher=teacher, level="junior", user=hr)
    services.application_submit(application=application, user=hr)
    services.application_school_review(application=application, user=hr, decision="approve")
    services.application_province_review(application=application, user=province, decision="approve")


@pytest.fixture
def publicized(
    qualified_teacher: Teacher,
    school_a: Any,
    school_b: Any,
    hr_a: User,
    hr_b: User,
    province: User,
    round_open: Round,
) -> None:
    other = testing.make_teacher(school_b, name="李红梅", staff_no="T-0099")
    testing.make_certificate(other)
    testing.make_certificate(
        other, kind="skill_level", level="grade3", name="钳工", issued_on=date(2021, 5, 1)
    )
    _publicize(qualified_teacher, round_open, hr_a, province)
    _publicize(other, round_open, hr_b, province)


def _names(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["teacher_name"] for row in response.json()["results"]}


def test_publicity_filters_by_school_city_and_level(
    api: Any, hr_b: User, teacher_user: User, school_a: Any, school_b: Any, publicized: None
) -> None:
    for reader in (hr_b, teacher_user):
        assert _names(api(reader).get(PUBLICITY)) == {"王小明", "李红梅"}
        assert _names(api(reader).get(PUBLICITY, {"school": school_a.id})) == {"王小明"}
        assert _names(api(reader).get(PUBLICITY, {"school": school_b.id})) == {"李红梅"}
        assert _names(api(reader).get(PUBLICITY, {"city": school_a.city_id})) >= {"王小明"}
        assert _names(api(reader).get(PUBLICITY, {"level": "junior"})) == {"王小明", "李红梅"}
        assert _names(api(reader).get(PUBLICITY, {"level": "senior"})) == set()


@pytest.mark.parametrize(
    ("param", "value"),
    [("school", "abc"), ("city", "-1"), ("round", "1.5"), ("level", "grandmaster")],
)
def test_publicity_refuses_a_bad_filter_naming_it(
    api: Any, hr_b: User, publicized: None, param: str, value: str
) -> None:
    response = api(hr_b).get(PUBLICITY, {param: value})
    assert response.status_code == 400
    assert param in response.json()


def test_publicity_round_filter_still_applies(
    api: Any, hr_b: User, round_open: Round, publicized: None
) -> None:
    assert _names(api(hr_b).get(PUBLICITY, {"round": round_open.id})) == {"王小明", "李红梅"}
    assert _names(api(hr_b).get(PUBLICITY, {"round": round_open.id + 1000})) == set()


def test_the_schema_documents_the_publicity_filters(api: Any, province: User) -> None:
    schema = api(province).get("/api/schema/", {"format": "json"}).json()
    params = schema["paths"][PUBLICITY]["get"]["parameters"]
    assert {"round", "school", "city", "level", "search", "ordering"} <= {p["name"] for p in params}
