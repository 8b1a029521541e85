"""Round 48 (contract audit): `users/?school=` and the users list's `school` mean the
account's school, as `auth/me/` gives it (round 46): a teacher account's is its teacher
record's (it holds none of its own). Before, `?school=1` left out every teacher account of
school 1 (hr_a read [], the province only hr_a) and teacher rows read `school: null`."""

from datetime import date
from typing import Any

import pytest

from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db

USERS = "/api/v1/users/"
ME = "/api/v1/auth/me/"


def _account(username: str, teacher: Any) -> User:
    user = testing.make_user(username, Role.TEACHER, teacher=teacher)
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    return user


@pytest.fixture
def accounts(teacher_a: Any, teacher_b: Any) -> tuple[User, User]:
    return _account("t_a", teacher_a), _account("t_b", teacher_b)


def _names(answer: Any) -> set[str]:
    assert answer.status_code == 200, answer.content[:300]
    return {row["username"] for row in answer.json()["results"]}


def test_the_province_finds_a_schools_teacher_accounts_and_its_staff(
    api: Any, province: User, hr_a: User, hr_b: User, school_a: Any, school_b: Any, accounts: Any
) -> None:
    assert _names(api(province).get(USERS, {"school": school_a.pk})) == {"hr_a", "t_a"}
    assert _names(api(province).get(USERS, {"school": school_b.pk})) == {"hr_b", "t_b"}
    both = api(province).get(USERS, {"school": school_a.pk, "role": "teacher"})
    assert _names(both) == {"t_a"}


def test_hr_finds_their_teacher_accounts_by_their_school_and_none_of_another(
    api: Any, hr_a: User, school_a: Any, school_b: Any, accounts: Any
) -> None:
    assert _names(api(hr_a).get(USERS)) == {"t_a"}
    assert _names(api(hr_a).get(USERS, {"school": school_a.pk})) == {"t_a"}
    assert _names(api(hr_a).get(USERS, {"school": school_b.pk})) == set()


def test_an_expert_is_found_by_their_own_school(
    api: Any, province: User, school_b: Any, accounts: Any
) -> None:
    testing.make_user("ex", Role.EXPERT, school=school_b)
    assert _names(api(province).get(USERS, {"school": school_b.pk})) == {"t_b", "ex"}


def test_a_teacher_rows_school_is_the_one_auth_me_gives(
    api: Any, province: User, hr_a: User, school_a: Any, accounts: Any
) -> None:
    t_a, t_b = accounts
    rows = {r["username"]: r for r in api(province).get(USERS).json()["results"]}
    for user in (t_a, t_b):
        assert rows[user.username]["school"] == api(user).get(ME).json()["school"]
    assert rows["t_a"]["school"] == school_a.pk
    assert rows["hr_a"]["school"] == school_a.pk
    assert rows["province"]["school"] is None
    detail = api(hr_a).get(f"{USERS}{t_a.pk}/").json()
    assert detail["school"] == school_a.pk


def test_a_moved_teachers_account_is_found_at_the_school_they_are_at_today(
    api: Any, province: User, teacher_a: Any, school_a: Any, school_b: Any, accounts: Any
) -> None:
    teacher_services.teacher_update(
        teacher=teacher_a, data={"school": school_b}, effective_on=date(2024, 9, 1)
    )
    assert _names(api(province).get(USERS, {"school": school_b.pk})) == {"t_a", "t_b"}
    assert _names(api(province).get(USERS, {"school": school_a.pk})) == set()
    t_a = accounts[0]
    assert api(t_a).get(ME).json()["school"] == school_b.pk


def test_the_filtered_list_reads_in_a_bounded_number_of_queries(
    api: Any, province: User, school_a: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        _account(f"t{n}", testing.make_teacher(school_a, name=f"教师{n}"))
    with django_assert_max_num_queries(6):
        answer = api(province).get(USERS, {"school": school_a.pk, "page_size": 50})
    assert len(answer.json()["results"]) == 12
    assert {r["school"] for r in answer.json()["results"]} == {school_a.pk}


def test_a_teacher_is_refused_and_the_anonymous_must_sign_in(
    api: Any, school_a: Any, accounts: Any
) -> None:
    t_a = accounts[0]
    assert api(t_a).get(USERS, {"school": school_a.pk}).status_code == 403
    assert api().get(USERS, {"school": school_a.pk}).status_code == 401
