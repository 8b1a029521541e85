"""Round 46 (contract audit): `auth/me/` names a teacher's school, their teacher record's
(today's), as an expert's account names its own; other roles read theirs unchanged."""

from datetime import date
from typing import Any

import pytest

from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db

ME = "/api/v1/auth/me/"


def _ready(user: User) -> User:
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    return user


def test_a_teacher_reads_their_teacher_records_school(
    api: Any, teacher_a: Any, school_a: Any
) -> None:
    user = _ready(testing.make_user("t_a", Role.TEACHER, teacher=teacher_a))
    body = api(user).get(ME).json()
    assert (body["role"], body["teacher"]) == ("teacher", teacher_a.pk)
    assert (body["school"], body["school_name"]) == (school_a.pk, school_a.name)


def test_a_teacher_who_moved_reads_the_school_they_are_at_today(
    api: Any, teacher_a: Any, school_b: Any, province: User
) -> None:
    teacher_services.teacher_update(
        teacher=teacher_a, data={"school": school_b}, effective_on=date(2024, 9, 1)
    )
    user = _ready(testing.make_user("t_a", Role.TEACHER, teacher=teacher_a))
    assert api(user).get(ME).json()["school"] == school_b.pk


def test_the_other_roles_read_their_own_scope(
    api: Any, school_a: Any, school_b: Any, hr_a: User, province: User, base_staff: User
) -> None:
    expert = _ready(testing.make_user("ex", Role.EXPERT, school=school_b))
    assert api(hr_a).get(ME).json()["school"] == school_a.pk
    assert api(expert).get(ME).json()["school"] == school_b.pk
    for user in (province, base_staff):
        assert api(user).get(ME).json()["school"] is None


def test_me_refuses_the_anonymous(api: Any) -> None:
    assert api().get(ME).status_code == 401
