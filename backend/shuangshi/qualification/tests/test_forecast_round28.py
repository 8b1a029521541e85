"""Round 28: who joins or leaves in the forecast's window (its held scope, DESIGN §9) is read
from two partial indexes on the teachers (hires dated after 2026-12-01; leaving dates), not
by a scan of every teacher: at national size 0.1 ms instead of 90-200 ms on every province
dashboard, and an import of the staff on record writes neither."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import forecast

pytestmark = pytest.mark.django_db


@pytest.fixture
def movers(school_a, school_b):
    today = timezone.localdate()
    staying = testing.make_teacher(school_a)
    joining = testing.make_teacher(
        school_a, hired_on=today + timedelta(days=30), teaching_since=today + timedelta(days=30)
    )
    leaving = testing.make_teacher(school_b, left_on=today + timedelta(days=60))
    left = testing.make_teacher(school_b, left_on=today - timedelta(days=60))
    later = testing.make_teacher(school_b, left_on=today + timedelta(days=500))
    return staying, joining, leaving, left, later


def test_the_teachers_joining_or_leaving_in_the_window_are_found(movers, school_a, school_b):
    _staying, joining, leaving, _left, _later = movers
    today = timezone.localdate()
    end = today + timedelta(days=365)
    assert forecast._scope_changers(None, today, end) == sorted([joining.pk, leaving.pk])
    assert forecast._scope_changers([school_a.pk], today, end) == [joining.pk]
    assert forecast._scope_changers([school_b.pk], today, end) == [leaving.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes")
def test_on_postgresql_the_window_is_read_from_the_two_indexes(movers):
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as ctx:
        forecast._scope_changers(None, today, today + timedelta(days=365))
    (query,) = [q["sql"] for q in ctx.captured_queries if "hired_on" in q["sql"]]
    with transaction.atomic(), connection.cursor() as cursor:
        # A handful of rows: without this the planner would read them all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {query}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "teachers_hired_recently" in plan
    assert "teachers_left_on" in plan
