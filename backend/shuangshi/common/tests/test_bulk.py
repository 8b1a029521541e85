"""The bulk helpers behind the batch services (COPY and drawn ids on PostgreSQL)."""

import pytest
from django.db import connection

from shuangshi import testing
from shuangshi.common import bulk
from shuangshi.schools.models import School
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db


def test_elsewhere_no_ids_are_drawn() -> None:
    if connection.vendor == "postgresql":
        assert bulk.next_ids(Teacher, 0) is None
    else:
        assert bulk.next_ids(Teacher, 5) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ids drawn on PostgreSQL")
def test_drawn_ids_are_new_distinct_and_taken_from_the_tables_sequence(school_a: School) -> None:
    before = testing.make_teacher(school_a)
    drawn = bulk.next_ids(Teacher, 2500)
    assert drawn is not None and len(drawn) == 2500 == len(set(drawn))
    assert min(drawn) > before.pk
    again = bulk.next_ids(Teacher, 3)
    assert again is not None and min(again) > max(drawn)
    # The sequence moved past them: a teacher the service creates next takes none of them.
    after = testing.make_teacher(school_a)
    assert after.pk > max(again)
