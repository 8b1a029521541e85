"""The PostgreSQL summary counts exactly as the Python rules do (issue 13), on random data."""

import random
from datetime import date, timedelta

import pytest
from django.db import connection

from shuangshi import testing
from shuangshi.duty import selectors
from shuangshi.teachers.models import EnterprisePeriod, RecordStatus, Teacher

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the SQL path runs on PostgreSQL only"
)

ON = date(2026, 6, 30)
WINDOW_START = date(2021, 6, 30)


def _random_periods(rng: random.Random, teacher: Teacher) -> list[EnterprisePeriod]:
    out = []
    for i in range(rng.choice([0, 1, 1, 2, 3, 5])):
        # Starts around the window's edges and inside it; some ongoing, some touching or
        # overlapping each other, some before or after the window, a few not confirmed.
        anchor = rng.choice([WINDOW_START, ON, WINDOW_START + timedelta(days=rng.randint(0, 1800))])
        start = anchor + timedelta(days=rng.randint(-250, 250))
        end = None if rng.random() < 0.15 else start + timedelta(days=rng.randint(0, 240))
        status = RecordStatus.CONFIRMED if rng.random() < 0.9 else RecordStatus.PENDING
        out.append(
            EnterprisePeriod(
                teacher=teacher,
                kind="practice",
                enterprise=f"某企业{i}",  # one record per enterprise and start (round 44)
                start_on=start,
                end_on=end,
                status=status,
            )
        )
    return out


@postgresql_only
def test_the_sql_counts_equal_the_python_counts_on_random_data(school_a, school_b):
    rng = random.Random(13)
    teachers = []
    for i in range(80):
        teachers.append(
            testing.make_teacher(
                rng.choice([school_a, school_b]),
                employment=rng.choice(["full_time"] * 5 + ["part_time"]),
                course_type=rng.choice(["professional", "practical", "public"]),
                hired_on=rng.choice([date(2010, 9, 1), date(2025, 9, 1), date(2026, 9, 1)]),
                left_on=rng.choice([None] * 6 + [date(2026, 1, 31)]),
                name=f"教师{i}",
            )
        )
    EnterprisePeriod.objects.bulk_create(p for t in teachers for p in _random_periods(rng, t))
    owed_any = Teacher.objects.all()
    for on in (ON, ON + timedelta(days=45), date(2024, 2, 29)):
        owed = selectors.owing(owed_any, on)
        for years, need in ((5, 180), (3, 90), (5, 1)):
            expected = selectors._short_counts(owed, on, years, need)
            assert selectors._short_counts_sql(owed, on, years, need) == dict(expected), (
                on,
                years,
                need,
            )
    # A school's own scope counts only its teachers.
    owed = selectors.owing(Teacher.objects.filter(school=school_a), ON)
    assert selectors._short_counts_sql(owed, ON, 5, 180) == dict(
        selectors._short_counts(owed, ON, 5, 180)
    )


def test_the_province_summary_counts_through_the_sql(api, province, base_staff, school_a):
    teacher = testing.make_teacher(school_a)
    testing.make_period(teacher, start_on=date(2020, 1, 1), end_on=None)  # ongoing
    testing.make_teacher(school_a)  # no practice
    rows = api(province).get("/api/v1/practice-duty/summary/").json()
    row = next(r for r in rows if r["school"]["id"] == school_a.pk)
    assert (row["teachers"], row["short"], row["share_short"]) == (2, 1, 0.5)
    assert api(base_staff).get("/api/v1/practice-duty/summary/").status_code == 403
