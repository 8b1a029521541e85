"""The bulk helpers behind the batch services (COPY and drawn ids on PostgreSQL)."""

import pytest
from django.db import connection

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
    before = Teacher.objects.create(
        school=school_a, staff_no="B1", name="甲", id_number="360102199001011234",
        gender="male", birth_date="1990-01-01", employment="full_time",
        course_type="professional", education="bachelor", hired_on="2015-09-01",
        teaching_since="2015-09-01",
    )  # fmt: skip
    drawn = bulk.next_ids(Teacher, 2500)
    assert drawn is not None and len(drawn) == 2500 == len(set(drawn))
    assert min(drawn) > before.pk
    again = bulk.next_ids(Teacher, 3)
    assert again is not None and min(again) > max(drawn)
    # The sequence moved past them: a row the ORM inserts next takes none of them.
    after = Teacher.objects.create(
        school=school_a, staff_no="B2", name="乙", id_number="360102199001021230",
        gender="female", birth_date="1990-01-02", employment="full_time",
        course_type="professional", education="bachelor", hired_on="2015-09-01",
        teaching_since="2015-09-01",
    )  # fmt: skip
    assert after.pk > max(again)
