"""Named people and places every API test can use.

school_a is in Nanchang, school_b in Jiujiang; hr_a/hr_b are their HR clerks; city_nc is
the Nanchang city account; base_staff works at base_a.
"""

from typing import Any

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework.test import APIClient

from shuangshi import testing
from shuangshi.accounts.models import Role, User


@pytest.fixture(autouse=True)
def _no_compaction_by_chance(monkeypatch: Any) -> None:
    """The teacher counts are compacted on one list read in 50, at random: two statements
    more, which broke a test's query bound now and then (CI, 2026-12-03: 12 for 10). Off in
    tests; the tests of compaction turn it on (COMPACT_CHANCE = 1.0)."""
    from shuangshi.teachers import selectors

    monkeypatch.setattr(selectors, "COMPACT_CHANCE", 0.0)


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Each test starts in the default language (Chinese): a request with another
    Accept-Language leaves its language active in the thread for whatever runs next."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def school_a(db: Any):
    return testing.make_school(name="南昌职业学院", city=testing.city("360100"))


@pytest.fixture
def school_b(db: Any):
    return testing.make_school(
        name="九江技师学院", city=testing.city("360400"), kind="technician_college"
    )


@pytest.fixture
def base_a(db: Any):
    return testing.make_base(name="江铃双师型教师培养培训基地")


@pytest.fixture
def province(db: Any) -> User:
    return testing.make_user("province", Role.PROVINCE)


@pytest.fixture
def city_nc(db: Any) -> User:
    return testing.make_user("city_nc", Role.CITY, city=testing.city("360100"))


@pytest.fixture
def hr_a(school_a: Any) -> User:
    return testing.make_user("hr_a", Role.SCHOOL_HR, school=school_a)


@pytest.fixture
def hr_b(school_b: Any) -> User:
    return testing.make_user("hr_b", Role.SCHOOL_HR, school=school_b)


@pytest.fixture
def base_staff(base_a: Any) -> User:
    return testing.make_user("base_a", Role.BASE_STAFF, training_base=base_a)


@pytest.fixture
def api():
    """api(user) -> an APIClient authenticated as that user (None: anonymous)."""

    def client(user: User | None = None) -> APIClient:
        c = APIClient()
        if user is not None:
            c.force_authenticate(user=user)
        return c

    return client


@pytest.fixture
def teacher_a(school_a: Any):
    return testing.make_teacher(school_a, name="王芳")


@pytest.fixture
def teacher_b(school_b: Any):
    return testing.make_teacher(school_b, name="李强")


@pytest.fixture
def lapsing(monkeypatch: Any, school_a: Any, school_b: Any) -> tuple[Any, Any]:
    """On 2026-02-15 one junior teacher in each school; school A's skill certificate expires
    on 2026-03-15, school B's does not. No nightly run after the 15th of February (the
    staleness tests of the ratio reads and the workbooks)."""
    from datetime import date

    testing.set_today(monkeypatch, date(2026, 2, 15))
    lapses = testing.make_teacher(school_a, name="王芳")
    stays = testing.make_teacher(school_b, name="李强")
    for teacher, expires_on in ((lapses, date(2026, 3, 15)), (stays, None)):
        testing.make_certificate(teacher)
        testing.make_certificate(
            teacher,
            kind="skill_level",
            level="grade4",
            issued_on=date(2015, 1, 1),
            expires_on=expires_on,
        )
    return lapses, stays
