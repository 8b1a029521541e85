import itertools
from datetime import date
from typing import Any

import pytest

from shuangshi.common.idnumbers import make_id_number
from shuangshi.mentors import services

_seq = itertools.count(1)


def mentor_data(**fields: Any) -> dict[str, Any]:
    birth = fields.pop("birth_date", date(1975, 4, 2))
    gender = fields.pop("gender", "male")
    values: dict[str, Any] = {
        "name": "刘工",
        "id_number": make_id_number("360103", birth, 2 * next(_seq) + (gender == "male"), gender),
        "gender": gender,
        "birth_date": birth,
        "enterprise": "江铃汽车股份有限公司",
        "category": "engineer",
        "title": "高级工程师",
        "skills": "整车装配工艺",
    }
    values.update(fields)
    return values


def make_mentor(**fields: Any):
    return services.mentor_create(data=mentor_data(**fields))


def appoint(mentor: Any, school: Any, **fields: Any):
    values: dict[str, Any] = {
        "mentor": mentor,
        "school": school,
        "mode": "teaching",
        "start_on": date(2023, 9, 1),
        "end_on": None,
        "hours": 64,
    }
    values.update(fields)
    return services.appointment_create(data=values)


@pytest.fixture
def mentor_a(school_a: Any):
    mentor = make_mentor(name="刘建国")
    appoint(mentor, school_a)
    return mentor


@pytest.fixture
def mentor_b(school_b: Any):
    mentor = make_mentor(name="陈师傅", category="craftsman", enterprise="景德镇陶瓷厂")
    appoint(mentor, school_b)
    return mentor
