"""Round 29: a list's filter by another record's id tells nothing about records the caller
may not see.

`?teacher=` on certificates (and every filter on a foreign key named in a FilterSet's
fields) was django-filter's model choice: an id that exists anywhere narrowed the list (to
nothing, for another school's teacher: 200), one that exists nowhere was a 400 "not one of
the choices". Comparing the two answers told a school's clerk which ids the other schools'
teachers, rounds or mentors have. Such a filter is now an id (`common.filtering.IdFilter`):
a whole number narrows the caller's own list, whatever exists elsewhere; anything else is a
400 naming it.
"""

from datetime import date

import pytest
from shuangshi import testing
from shuangshi.recognition import services as recognition
from shuangshi.recognition.models import Application

pytestmark = pytest.mark.django_db

MISSING = 987654321

# (who uses it, list, foreign-key parameter, a record of another school's: fixture name)
FK_FILTERS = [
    ("hr_a", "certificates", "teacher", "teacher_b"),
    ("hr_a", "enterprise-periods", "teacher", "teacher_b"),
    ("hr_a", "teachers", "school", "school_b"),
    ("hr_a", "training-completions", "teacher", "teacher_b"),
    ("hr_a", "recognition-applications", "teacher", "teacher_b"),
    ("hr_a", "recognitions", "teacher", "teacher_b"),
    ("hr_a", "evidence-files", "teacher", "teacher_b"),
    ("hr_a", "mentor-appointments", "school", "school_b"),
]


@pytest.fixture
def records(teacher_a, teacher_b):
    for teacher in (teacher_a, teacher_b):
        testing.make_certificate(teacher)
        testing.make_period(teacher)


@pytest.mark.parametrize(("who", "path", "name", "elsewhere"), FK_FILTERS)
def test_an_id_elsewhere_and_an_id_nowhere_get_the_same_answer(
    api, request, records, who, path, name, elsewhere
):
    client = api(request.getfixturevalue(who))
    other = request.getfixturevalue(elsewhere).pk
    there = client.get(f"/api/v1/{path}/", {name: str(other)})
    nowhere = client.get(f"/api/v1/{path}/", {name: str(MISSING)})
    assert there.status_code == nowhere.status_code == 200, (there.content, nowhere.content)
    assert there.json()["count"] == nowhere.json()["count"] == 0


@pytest.mark.parametrize(("who", "path", "name", "elsewhere"), FK_FILTERS)
def test_a_foreign_key_filter_that_is_not_an_id_is_a_400_naming_it(
    api, request, records, who, path, name, elsewhere
):
    response = api(request.getfixturevalue(who)).get(f"/api/v1/{path}/", {name: "1.5"})
    assert response.status_code == 400, response.content
    assert list(response.json()) == [name]


@pytest.mark.parametrize(
    ("path", "expected"), [("certificates", 1), ("enterprise-periods", 1), ("teachers", 1)]
)
def test_a_foreign_key_filter_still_narrows_the_callers_list(
    api, hr_a, records, teacher_a, school_a, path, expected
):
    name, value = ("school", school_a.pk) if path == "teachers" else ("teacher", teacher_a.pk)
    assert api(hr_a).get(f"/api/v1/{path}/", {name: str(value)}).json()["count"] == expected


def test_a_round_filter_narrows_by_round_and_an_unknown_round_is_empty(
    api, province, hr_a, teacher_a
):
    round_ = recognition.round_create(
        data={
            "code": "JX2026R29",
            "name": "2026年第一批",
            "opens_on": date(2026, 11, 1),
            "closes_on": date(2026, 12, 31),
        }
    )
    Application.objects.create(round=round_, teacher=teacher_a, level="junior", created_by=hr_a)
    client = api(province)
    path = "/api/v1/recognition-applications/"
    assert client.get(path, {"round": str(round_.pk)}).json()["count"] == 1
    missing = client.get(path, {"round": str(MISSING)})
    assert missing.status_code == 200 and missing.json()["count"] == 0


def test_the_foreign_key_filters_are_integers_in_the_schema(api, province):
    schema = api(province).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for _who, path, name, _elsewhere in FK_FILTERS:
        parameters = schema["paths"][f"/api/v1/{path}/"]["get"]["parameters"]
        assert next(p for p in parameters if p["name"] == name)["schema"]["type"] == "integer"
