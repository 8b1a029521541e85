from datetime import date
from typing import Any

import pytest

from shuangshi import testing
from shuangshi.training import services


def make_program(base: Any, **fields: Any):
    values: dict[str, Any] = {
        "base": base,
        "title": "新能源汽车维修师资培训",
        "kind": "skill_training",
        "hours": 80,
        "start_on": date(2025, 7, 1),
        "end_on": date(2025, 7, 31),
    }
    values.update(fields)
    return services.program_create(data=values)


def make_completion(program: Any, teacher: Any, **fields: Any):
    values: dict[str, Any] = {
        "program": program,
        "teacher": teacher,
        "completed_on": program.end_on,
        "hours": program.hours,
        "passed": True,
        "certificate_no": "",
    }
    values.update(fields)
    return services.completion_log(data=values)


@pytest.fixture
def base_b(db: Any):
    return testing.make_base(name="洪都航空培养培训基地", city=testing.city("360400"))


@pytest.fixture
def staff_b(base_b: Any):
    return testing.make_user("base_b", testing.Role.BASE_STAFF, training_base=base_b)


@pytest.fixture
def program_a(base_a: Any):
    return make_program(base_a)


@pytest.fixture
def program_b(base_b: Any):
    return make_program(base_b, title="航空制造工艺企业实践", kind="enterprise_practice")
