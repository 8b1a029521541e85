"""Factories for tests: build records through the same services the API uses."""

import itertools
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.services import user_create, user_must_change_password_clear
from shuangshi.common.idnumbers import make_id_number
from shuangshi.schools.models import City, School
from shuangshi.schools.services import cities_ensure, school_create
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher
from shuangshi.training import services as training_services
from shuangshi.training.models import TrainingBase

_seq = itertools.count(1)


def city(code: str = "360100") -> City:
    return cities_ensure()[code]


def make_school(**fields: Any) -> School:
    n = next(_seq)
    values: dict[str, Any] = {
        "code": f"S{n:05d}",
        "name": f"测试学校{n}",
        "city": city(),
        "kind": "secondary_vocational",
        "student_count": 1000,
    }
    values.update(fields)
    return school_create(data=values)


def make_base(**fields: Any) -> TrainingBase:
    n = next(_seq)
    values: dict[str, Any] = {
        "code": f"B{n:05d}",
        "name": f"测试基地{n}",
        "host_name": "某企业",
        "host_kind": "enterprise",
        "city": city(),
        "designation": "dual_qualified",
        "status": "active",
    }
    values.update(fields)
    if values["status"] == "active":
        values.setdefault("approved_on", date(2015, 1, 1))  # active long before any test date
    return training_services.base_create(data=values)


def new_id_number(*, birth: date = date(1985, 6, 15), gender: str = "male") -> str:
    """A fresh valid ID number; the region part varies so that numbers never repeat."""
    n = next(_seq)
    region = f"{360100 + (n // 500) % 900}"
    return make_id_number(region, birth, (n % 500) * 2 + (1 if gender == "male" else 0), gender)


def teacher_data(school: School, **fields: Any) -> dict[str, Any]:
    birth = fields.pop("birth_date", date(1985, 6, 15))
    gender = fields.pop("gender", "male")
    values: dict[str, Any] = {
        "school": school,
        "staff_no": f"T{next(_seq):06d}",
        "name": "张老师",
        "id_number": new_id_number(birth=birth, gender=gender),
        "gender": gender,
        "birth_date": birth,
        "employment": "full_time",
        "course_type": "professional",
        "major": "机电一体化",
        "major_category": "46",  # 装备制造, the field of 机电一体化
        "education": "bachelor",
        "normal_graduate": False,
        "title": "intermediate",
        "hired_on": date(2010, 9, 1),
        "teaching_since": date(2010, 9, 1),
        "left_on": None,
    }
    values.update(fields)
    return values


def make_teacher(school: School, **fields: Any) -> Teacher:
    return teacher_services.teacher_create(data=teacher_data(school, **fields))


def make_certificate(teacher: Teacher, **fields: Any) -> Certificate:
    values: dict[str, Any] = {
        "teacher": teacher,
        "kind": "teacher_qualification",
        "level": "secondary_vocational",
        "name": "中等职业学校教师资格证",
        "number": f"C{next(_seq):08d}",
        "issued_on": date(2010, 7, 1),
        "expires_on": None,
    }
    values.update(fields)
    if values["kind"] in SKILL_KINDS and "field_category" not in fields:
        values["field_category"] = teacher.major_category  # in the teacher's field
    return teacher_services.certificate_create(data=values)


def make_teacher_whose_certificate_expires(
    school: School, *, expires_on: date, **fields: Any
) -> Teacher:
    """A junior teacher (eight years of teaching, 400 days of enterprise practice up to
    today) whose qualification certificate expires on ``expires_on``: level none after."""
    today = timezone.localdate()
    teacher = make_teacher(school, teaching_since=today - timedelta(days=365 * 8), **fields)
    make_certificate(teacher, expires_on=expires_on)
    make_period(teacher, start_on=today - timedelta(days=400), end_on=today)
    return teacher


SKILL_KINDS = ("skill_level", "vocational_qualification", "one_plus_x")


def make_period(teacher: Teacher, **fields: Any) -> EnterprisePeriod:
    values: dict[str, Any] = {
        "teacher": teacher,
        "kind": "practice",
        "enterprise": "江铃汽车股份有限公司",
        "start_on": date(2023, 7, 1),
        "end_on": date(2023, 12, 31),
    }
    values.update(fields)
    return teacher_services.period_create(data=values)


def set_today(monkeypatch: Any, day: date) -> None:
    """Make ``timezone.localdate()`` answer ``day`` for the rest of the test."""
    monkeypatch.setattr(timezone, "localdate", lambda *a: day)


def make_user(username: str, role: str, **scope: Any) -> User:
    user = user_create(username=username, password="pw-for-tests-1", role=role, **scope)
    if role not in (Role.TEACHER, Role.EXPERT):
        # The named staff accounts are ready to use (many tests sign in with this password);
        # teacher and expert accounts must change it first, as they always have.
        user_must_change_password_clear(user=user)
        user.must_change_password = False
    return user


__all__ = ["Role"]


def wait_until(predicate: Callable[[], bool], timeout: float) -> bool:
    """Wait for a state, not a time: True as soon as ``predicate()`` holds, False if it still
    does not after ``timeout`` seconds (the caller asserts what it expected)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True
