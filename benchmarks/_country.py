"""Shared set-up for the qualification benchmarks: Django, and a country of the asked size.

Size: BENCH_TEACHERS (default 1,300,000) and BENCH_SCHOOLS (default 11,000). Missing
teachers and schools are generated (COPY on PostgreSQL) and evaluated once.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

BACKEND = Path(__file__).resolve().parent.parent / "backend"
sys.path.insert(0, str(BACKEND))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

TEACHERS = int(os.environ.get("BENCH_TEACHERS", "1300000"))
SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "11000"))


def say(text: str) -> None:
    print(text, flush=True)


def ensure_country() -> tuple[int, int]:
    """Make sure at least the asked numbers of schools and teachers exist and are evaluated."""
    from shuangshi.qualification.models import TeacherQualification
    from shuangshi.qualification.services import (
        qualifications_rebuild,
        qualifications_refresh_due,
    )
    from shuangshi.schools.models import School
    from shuangshi.teachers.models import Teacher

    if connection.vendor != "postgresql":
        if not os.environ.get("BENCH_ALLOW_SQLITE"):
            # Without DATABASE_URL this would fill the development database with a country.
            say(
                f"skipped: the database is {connection.vendor}; set DATABASE_URL to a "
                "PostgreSQL database of its own (or BENCH_ALLOW_SQLITE=1 to insist)"
            )
            raise SystemExit(0)
        say(f"warning: running on {connection.vendor}; the figures are meant for PostgreSQL")
    call_command("migrate", verbosity=0)
    have_t, have_s = Teacher.objects.count(), School.objects.count()
    if have_t < TEACHERS or have_s < SCHOOLS:
        say(f"generating: {max(SCHOOLS - have_s, 0):,} schools, {TEACHERS - have_t:,} teachers")
        call_command(
            "generate_country",
            schools=max(SCHOOLS - have_s, 1 if have_s == 0 else 0) or 0,
            teachers=max(TEACHERS - have_t, 0),
            no_evaluate=True,
        )
        with connection.cursor() as cur:
            cur.execute("ANALYZE") if connection.vendor == "postgresql" else None
    n_t = Teacher.objects.count()
    if TeacherQualification.objects.count() != n_t:
        say("evaluating every teacher once (stored results were missing)")
        qualifications_rebuild()
    else:
        # What the nightly `reevaluate --due` does: results that expired since they were
        # stored (data evaluated on an earlier day) are brought to today.
        n_due = qualifications_refresh_due()
        if n_due:
            say(f"re-evaluated {n_due:,} results that had expired since the last run")
    return School.objects.count(), n_t


def p50(fn: Callable[[], object], runs: int = 20, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def baseline_group_by() -> None:
    """The raw-SQL baseline: one GROUP BY school over the teacher table (in scope today)."""
    from django.utils import timezone

    today = timezone.localdate()
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT school_id,
                   COUNT(*) FILTER (WHERE employment = 'full_time'
                                    AND course_type IN ('professional', 'practical')
                                    AND hired_on <= %s
                                    AND (left_on IS NULL OR left_on >= %s))
            FROM teachers_teacher GROUP BY school_id
            """
            if connection.vendor == "postgresql"
            else """
            SELECT school_id,
                   SUM(CASE WHEN employment = 'full_time'
                            AND course_type IN ('professional', 'practical')
                            AND hired_on <= %s AND (left_on IS NULL OR left_on >= %s)
                       THEN 1 ELSE 0 END)
            FROM teachers_teacher GROUP BY school_id
            """,
            [today, today],
        )
        cur.fetchall()
