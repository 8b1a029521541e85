"""Practice duty reads (DESIGN §9): each professional or practical teacher's standing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from shuangshi.qualification import engine
from shuangshi.qualification import selectors as qualification
from shuangshi.teachers.models import EnterprisePeriod, RecordStatus, Teacher

from . import rules


def owing(teachers: QuerySet[Teacher], on: date) -> QuerySet[Teacher]:
    """Teachers who owe practice at ``on``: full-time, professional or practical, employed."""
    return teachers.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=on),
        hired_on__lte=on,
        employment="full_time",
        course_type__in=engine.IN_SCOPE_COURSES,
    )


def _periods(teachers: QuerySet[Teacher], on: date) -> dict[int, list[tuple[date, date | None]]]:
    """Confirmed periods begun by ``on`` of these teachers (one joined query, no id lists)."""
    rows = (
        EnterprisePeriod.objects.filter(
            teacher__in=teachers, start_on__lte=on, status=RecordStatus.CONFIRMED
        )
        .order_by("teacher_id")
        .values_list("teacher_id", "start_on", "end_on")
    )
    return {
        tid: [(a, b) for _t, a, b in group]
        for tid, group in groupby(rows.iterator(chunk_size=20000), key=itemgetter(0))
    }


def _standings(
    teachers: QuerySet[Teacher], on: date
) -> Iterator[tuple[tuple[Any, ...], rules.Standing]]:
    _version, profile = qualification.profile_current()
    years, need = profile.practice_window_years, profile.practice_min_days
    owed = owing(teachers, on)
    periods = _periods(owed, on)
    rows = owed.order_by("school__code", "staff_no", "pk").values_list(
        "pk", "name", "staff_no", "school_id", "school__name"
    )
    for row in rows.iterator(chunk_size=20000):
        yield row, rules.standing(periods.get(row[0], []), on, years=years, need=need)


def standings(teachers: QuerySet[Teacher], on: date) -> list[dict[str, Any]]:
    """One row per owing teacher, ordered by school and staff number."""
    return [
        {
            "teacher": {
                "id": tid,
                "name": name,
                "staff_no": staff_no,
                "school": {"id": school_id, "name": school_name},
            },
            "days_in_window": s.days_in_window,
            "required": s.required,
            "short_by": s.short_by,
            "window_start": s.window_start,
            "window_end": s.window_end,
            "lapses_on": s.lapses_on,
        }
        for (tid, name, staff_no, school_id, school_name), s in _standings(teachers, on)
    ]


def summary(teachers: QuerySet[Teacher], schools: list[Any], on: date) -> list[dict[str, Any]]:
    """Per school: teachers owing practice, how many are short, and the share."""
    _version, profile = qualification.profile_current()
    years, need = profile.practice_window_years, profile.practice_min_days
    owed = owing(teachers, on)
    if connection.vendor == "postgresql":
        counts = _short_counts_sql(owed, on, years, need)
    else:
        counts = defaultdict(lambda: [0, 0])
        periods = _periods(owed, on)
        for tid, school_id in owed.values_list("pk", "school_id").iterator(chunk_size=20000):
            c = counts[school_id]
            c[0] += 1
            spans = periods.get(tid)
            c[1] += not spans or rules.days_in_window(spans, on, years=years) < need
    out = []
    for school in schools:
        n, short = counts.get(school.pk, (0, 0))
        out.append(
            {
                "school": {"id": school.pk, "code": school.code, "name": school.name},
                "teachers": n,
                "short": short,
                "share_short": round(short / n, 4) if n else None,
            }
        )
    return out


def _short_counts_sql(
    owed: QuerySet[Teacher], on: date, years: int, need: int
) -> dict[int, list[int]]:
    """The same counts in one PostgreSQL statement: each teacher's periods clipped to the
    window and merged (range_agg counts a day once), summed, compared with the need."""
    start = engine.add_years(on, -years)
    scoped, params = owed.values("pk").query.sql_with_params()
    sql = f"""
        SELECT t.school_id, COUNT(*),
               SUM(CASE WHEN COALESCE(d.days, 0) < %s THEN 1 ELSE 0 END)
        FROM {Teacher._meta.db_table} t
        LEFT JOIN (
            SELECT p.teacher_id,
                   (SELECT COALESCE(SUM(upper(r) - lower(r)), 0)
                    FROM unnest(range_agg(daterange(
                        GREATEST(p.start_on, %s::date),
                        LEAST(COALESCE(p.end_on, %s::date), %s::date) + 1))) r) AS days
            FROM {EnterprisePeriod._meta.db_table} p
            WHERE p.status = %s AND p.start_on <= %s AND COALESCE(p.end_on, %s) >= %s
            GROUP BY p.teacher_id
        ) d ON d.teacher_id = t.id
        WHERE t.id IN ({scoped})
        GROUP BY t.school_id
    """
    args = [need, start, on, on, RecordStatus.CONFIRMED.value, on, on, start, *params]
    with connection.cursor() as cur:
        cur.execute(sql, args)
        return {school_id: [int(n), int(short or 0)] for school_id, n, short in cur.fetchall()}
