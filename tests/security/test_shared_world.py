"""The module's shared world (conftest.shared_world) starts each test as built: a test's
writes are rolled back with it, so whichever of the two tests runs second finds nothing of
the first one's writes."""

from typing import Any

import pytest
from shuangshi.schools.models import School
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db


def _finds_it_as_built_then_spoils_it(world: Any) -> None:
    own, other = world.rows["school"]
    assert School.objects.filter(pk__in=[own, other]).count() == 2
    assert Teacher.objects.filter(pk__in=world.rows["teacher"]).count() == 2
    assert not School.objects.filter(name="改过的学校").exists()
    assert not Teacher.objects.filter(name="改过的名字").exists()
    Teacher.objects.filter(pk__in=world.rows["teacher"]).update(name="改过的名字")
    School.objects.filter(pk=other).update(name="改过的学校")
    assert Teacher.objects.filter(name="改过的名字").count() == 2


def test_one_test_finds_the_world_as_built(shared_world: Any) -> None:
    _finds_it_as_built_then_spoils_it(shared_world)


def test_and_so_does_the_next(shared_world: Any) -> None:
    _finds_it_as_built_then_spoils_it(shared_world)
