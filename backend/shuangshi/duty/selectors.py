"""Practice duty reads (DESIGN §9): each professional or practical teacher's standing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import schools_visible_to, teachers_visible_to
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
        counts = _short_counts(owed, on, years, need)
    out = []
    for school in schools:
        n, short = counts.get(school.pk, (0, 0))
        out.append(
            {
                "school": {"id": school.pk, "code": school.code, "name": school.name},
                "teachers": n,
                "short": short,
                "share_short": engine.api_share(short / n) if n else None,
            }
        )
    return out


def _short_counts(owed: QuerySet[Teacher], on: date, years: int, need: int) -> dict[int, list[int]]:
    """{school id: [teachers owing, short]} counted in Python by ``rules`` (the reference)."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    periods = _periods(owed, on)
    for tid, school_id in owed.values_list("pk", "school_id").iterator(chunk_size=20000):
        c = counts[school_id]
        c[0] += 1
        spans = periods.get(tid)
        c[1] += not spans or rules.days_in_window(spans, on, years=years) < need
    return counts


def _short_counts_sql(
    owed: QuerySet[Teacher], on: date, years: int, need: int
) -> dict[int, list[int]]:
    """The same counts in one PostgreSQL statement (issue 13: 1.3M teachers, 1.5M periods).

    Each period of an owing teacher is clipped to the window; ordered by start, each counts
    its days after the latest end of the teacher's earlier periods (a running MAX), so a day
    covered twice counts once; the days are summed per teacher, compared with the need and
    counted per school. One sort of the periods in the window, no range built per teacher.
    """
    start = engine.add_years(on, -years)
    # No ORDER BY in the subquery: the model's ordering sorted 800,000 rows to disk.
    scoped, params = owed.order_by().values("pk", "school_id").query.sql_with_params()
    sql = f"""
        WITH owed (id, school_id) AS MATERIALIZED ({scoped}),
        clipped AS (
            SELECT p.teacher_id,
                   GREATEST(p.start_on, %s::date) AS a,
                   LEAST(COALESCE(p.end_on, %s::date), %s::date) AS b
            FROM {EnterprisePeriod._meta.db_table} p
            JOIN owed o ON o.id = p.teacher_id
            WHERE p.status = %s AND p.start_on <= %s AND COALESCE(p.end_on, %s) >= %s
        ), covered AS (
            SELECT teacher_id, a, b,
                   MAX(b) OVER (PARTITION BY teacher_id ORDER BY a, b
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS seen
            FROM clipped
        ), days AS (
            SELECT teacher_id,
                   SUM(GREATEST(b - GREATEST(a, COALESCE(seen + 1, a)) + 1, 0)) AS days
            FROM covered
            GROUP BY teacher_id
        )
        SELECT o.school_id, COUNT(*), COUNT(*) FILTER (WHERE COALESCE(d.days, 0) < %s)
        FROM owed o
        LEFT JOIN days d ON d.teacher_id = o.id
        GROUP BY o.school_id
    """
    confirmed = RecordStatus.CONFIRMED.value
    args = [*params, start, on, on, confirmed, on, on, start, need]
    with transaction.atomic(), connection.cursor() as cur:
        # The planner overestimates the joins a thousandfold and would JIT-compile the
        # statement first (0.7 s at national size); the sort and hashes of ~1M rows fit in
        # 64 MB instead of spilling to disk. Both for this statement's transaction only.
        cur.execute("SET LOCAL jit = off")
        cur.execute("SET LOCAL work_mem = '64MB'")
        cur.execute(sql, args)
        return {school_id: [int(n), int(short or 0)] for school_id, n, short in cur.fetchall()}


def teachers_in(user: User, q: dict[str, Any]) -> QuerySet[Teacher]:
    """The teachers a duty list shows this user for its (checked) query: a school the user
    cannot see is a 404, not an empty list."""
    teachers = teachers_visible_to(user)
    if q.get("school") is not None:
        if (
            user.role != Role.TEACHER
            and not schools_visible_to(user).filter(pk=q["school"]).exists()
        ):
            raise Http404
        teachers = teachers.filter(school_id=q["school"])
    if q.get("city") is not None:
        teachers = teachers.filter(school__city_id=q["city"])
    return teachers


def rows_in(user: User, q: dict[str, Any]) -> list[dict[str, Any]]:
    """Each teacher's standing today for the list and its export (``short``: only those
    short of the duty, or only those not)."""
    rows = standings(teachers_in(user, q), timezone.localdate())
    if q.get("short") is not None:
        rows = [r for r in rows if (r["short_by"] > 0) is q["short"]]
    return rows
