"""A full rebuild by forked worker processes stores exactly what one process stores
(PostgreSQL only: the workers read and write on their own connections)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import intervals, services
from shuangshi.qualification.models import (
    STAT_FIELDS,
    SchoolCountDelta,
    SchoolCountMonth,
    SchoolStats,
    TeacherLevelInterval,
    TeacherQualification,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="forked workers: PostgreSQL"),
]


def _staff(school):
    today = timezone.localdate()
    for k in range(4):
        t = testing.make_teacher(school, left_on=today + timedelta(days=90 * k) if k else None)
        testing.make_certificate(t, expires_on=today + timedelta(days=40 + 200 * k))
        testing.make_period(
            t, start_on=today - timedelta(days=700 + k), end_on=today - timedelta(days=400)
        )
    skilled = testing.make_teacher(
        school, hired_on=date(2024, 9, 1), teaching_since=date(2024, 9, 1)
    )
    testing.make_certificate(skilled, issued_on=date(2022, 1, 1))
    testing.make_certificate(
        skilled, kind="skill_level", level="grade3", issued_on=date(2023, 3, 1)
    )
    testing.make_teacher(school, course_type="public")
    testing.make_teacher(school, employment="part_time")


def _stored():
    return {
        "results": list(
            TeacherQualification.objects.order_by("teacher_id").values_list(*services.COLUMNS)
        ),
        "intervals": list(
            TeacherLevelInterval.objects.order_by("teacher_id", "valid_from").values_list(
                *intervals.INTERVAL_COLUMNS
            )
        ),
        "deltas": list(
            SchoolCountDelta.objects.order_by("school_id", "on").values_list(
                "school_id", "on", *STAT_FIELDS
            )
        ),
        "months": list(
            SchoolCountMonth.objects.order_by("school_id", "month_end").values_list(
                "school_id", "month_end", *STAT_FIELDS
            )
        ),
        "stats": list(
            SchoolStats.objects.order_by("school_id").values_list("school_id", *STAT_FIELDS)
        ),
    }


def test_forked_workers_store_what_one_process_stores(school_a, school_b):
    _staff(school_a)
    _staff(school_b)
    n = services.qualifications_rebuild(parallel=False, batch_size=3)
    serial = _stored()
    assert n == 14 and len(serial["results"]) == 14 and serial["intervals"]
    TeacherQualification.objects.update(level="senior")  # stale: must be rewritten
    written: list[int] = []
    n = services.qualifications_rebuild(workers=2, batch_size=3, rewrite_all=True, written=written)
    assert (n, written) == (14, [14])
    assert _stored() == serial


def test_a_failing_worker_fails_the_rebuild(school_a, monkeypatch):
    _staff(school_a)

    def broken(*args, **kwargs):
        raise ValueError("broken batch")

    monkeypatch.setattr(services, "evaluate_rows", broken)
    with pytest.raises(RuntimeError, match="broken batch"):
        services.qualifications_rebuild(workers=2, batch_size=3)
