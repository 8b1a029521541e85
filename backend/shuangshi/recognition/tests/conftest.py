"""A recognition world: an open round with an expert from school B, teacher A who qualifies
(junior) and has an account, and the HR clerks of both schools."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.recognition import services


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def qualified_teacher(school_a: Any):
    teacher = testing.make_teacher(school_a, name="王小明")
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="skill_level", level="grade3", name="电工", issued_on=date(2021, 5, 1)
    )
    return teacher


@pytest.fixture
def teacher_user(qualified_teacher: Any) -> User:
    return testing.make_user("t_wang", Role.TEACHER, teacher=qualified_teacher)


@pytest.fixture
def expert(school_b: Any) -> User:
    return testing.make_user("expert_b", Role.EXPERT, school=school_b)


@pytest.fixture
def round_open(today: date, expert: User):
    return services.round_create(
        data={
            "code": "JX2026A",
            "name": "2026年第一批",
            "opens_on": today - timedelta(days=5),
            "closes_on": today + timedelta(days=5),
            "publicity_days": 0,
            "experts": [expert],
        }
    )
