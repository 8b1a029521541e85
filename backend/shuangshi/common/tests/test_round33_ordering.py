"""Round 33: an `?ordering=` value a list cannot sort by is a 400 naming `ordering`.

DRF's OrderingFilter dropped unknown fields silently: `users/?ordering=nmae` answered the
list in its default order, which the caller took for the order asked. Every list now
refuses such a value with a 400 `{"ordering": [...]}` that lists the values it accepts
(DESIGN §5: bad input is a 400 naming the field, never a silently different list);
`-field` and comma lists of valid fields still sort.
"""

import json
from typing import Any

import pytest
from django.test import Client

from shuangshi import testing
from shuangshi.accounts.models import Role, User

pytestmark = pytest.mark.django_db

USERS = "/api/v1/users/"


@pytest.fixture
def everyone(school_a: Any, base_a: Any, teacher_a: Any, hr_a: Any, province: Any) -> list[User]:
    city = testing.make_user("city_x", Role.CITY, city=testing.city("360100"))
    staff = testing.make_user("base_x", Role.BASE_STAFF, training_base=base_a)
    teacher = testing.make_user("teacher_x", Role.TEACHER, teacher=teacher_a)
    expert = testing.make_user("expert_x", Role.EXPERT, school=school_a)
    return [province, city, hr_a, staff, teacher, expert]


def _lists_with_ordering() -> list[str]:
    schema = json.loads(Client().get("/api/schema/", HTTP_ACCEPT="application/json").content)
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if "{" in path or get is None:
            continue
        if any(p.get("name") == "ordering" for p in get.get("parameters", [])):
            found.append(path)
    return found


def test_every_list_refuses_an_ordering_it_cannot_sort_by(api, everyone):
    paths = _lists_with_ordering()
    assert "/api/v1/users/" in paths and "/api/v1/teachers/" in paths and len(paths) > 10
    checked = []
    for path in paths:
        for user in everyone:
            response = api(user).get(path, {"ordering": "no_such_field"})
            if response.status_code in (403, 404):
                continue  # not this role's list
            assert response.status_code == 400, (path, user.role, response.status_code)
            assert list(response.json()) == ["ordering"], (path, response.json())
            message = response.json()["ordering"][0]
            assert "no_such_field" in message, (path, message)  # ratios: its own choices
            checked.append(path)
            break
    assert sorted(checked) == sorted(paths)


def test_the_message_lists_the_allowed_values_in_chinese_and_english(api, province):
    zh = api(province).get(USERS, {"ordering": "nmae"})
    assert zh.status_code == 400
    assert zh.json() == {
        "ordering": [
            "不能按“nmae”排序；可用的排序字段：username、role、last_login（字段前加“-”为倒序）。"
        ]
    }
    en = api(province).get(USERS, {"ordering": "nmae"}, HTTP_ACCEPT_LANGUAGE="en")
    assert en.json() == {
        "ordering": [
            "This list cannot be sorted by “nmae”; use one of: username, role, last_login "
            "(a leading “-” sorts in descending order)."
        ]
    }


@pytest.mark.parametrize(
    "ordering", ["nmae", "-nmae", "--username", "username,nmae", "password", "id"]
)
def test_one_unknown_term_refuses_the_whole_ordering(api, province, ordering):
    response = api(province).get(USERS, {"ordering": ordering})
    assert response.status_code == 400
    assert "ordering" in response.json()


def test_a_role_without_the_list_is_refused_before_the_ordering_is_read(api, hr_a, teacher_a):
    teacher = testing.make_user("teacher_x", Role.TEACHER, teacher=teacher_a)
    assert api(teacher).get(USERS, {"ordering": "nope"}).status_code == 403
    # The round list HR reads: its ordering is checked.
    response = api(hr_a).get("/api/v1/recognition-rounds/", {"ordering": "nope"})
    assert response.status_code == 400
    assert "opens_on" in response.json()["ordering"][0]


def test_valid_orderings_still_sort(api, province, school_a):
    for name in ("b_hr", "a_hr", "c_hr"):
        testing.make_user(name, Role.SCHOOL_HR, school=school_a)
    client = api(province)

    def usernames(ordering: str) -> list[str]:
        response = client.get(USERS, {"ordering": ordering, "role": "school_hr"})
        assert response.status_code == 200, response.json()
        return [row["username"] for row in response.json()["results"]]

    assert usernames("username") == ["a_hr", "b_hr", "c_hr"]
    assert usernames("-username") == ["c_hr", "b_hr", "a_hr"]
    assert usernames("role,-username") == ["c_hr", "b_hr", "a_hr"]
    assert usernames(" -username , role ") == ["c_hr", "b_hr", "a_hr"]
    assert usernames("-username,") == ["c_hr", "b_hr", "a_hr"]  # an empty term adds nothing
    assert usernames("") == ["a_hr", "b_hr", "c_hr"]  # the default order


def test_the_teacher_list_keeps_its_birth_year_ordering(api, city_nc, hr_a, school_a):
    from datetime import date

    old = testing.make_teacher(school_a, name="甲", birth_date=date(1970, 12, 1))
    young = testing.make_teacher(school_a, name="乙", birth_date=date(1990, 1, 1))
    for user in (hr_a, city_nc):  # full birth dates, and birth years only
        response = api(user).get("/api/v1/teachers/", {"ordering": "-birth_date,name"})
        assert response.status_code == 200, response.json()
        assert [r["id"] for r in response.json()["results"]] == [young.pk, old.pk]
    for bad in ("birth_year_sort", "birth_year", "school_name", "qualification"):
        response = api(city_nc).get("/api/v1/teachers/", {"ordering": bad})
        assert response.status_code == 400, bad
        assert "birth_date" in response.json()["ordering"][0]


def test_the_mentor_list_refuses_an_unknown_ordering_too(api, province):
    response = api(province).get("/api/v1/mentors/", {"ordering": "id_number"})
    assert response.status_code == 400
    assert "name" in response.json()["ordering"][0]
    assert api(province).get("/api/v1/mentors/", {"ordering": "-birth_date"}).status_code == 200
