"""Practice duty reads (DESIGN §9): each professional or practical teacher's standing."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

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


def standings(teachers: QuerySet[Teacher], on: date) -> list[dict[str, Any]]:
    """One row per owing teacher, ordered by school and staff number."""
    _version, profile = qualification.profile_current()
    years, need = profile.practice_window_years, profile.practice_min_days
    rows = list(
        owing(teachers, on)
        .select_related("school")
        .order_by("school__code", "staff_no", "pk")
        .only("pk", "name", "staff_no", "school__id", "school__name", "school__code")
    )
    periods: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    ids = [t.pk for t in rows]
    for i in range(0, len(ids), 20000):
        for tid, a, b in EnterprisePeriod.objects.filter(
            teacher_id__in=ids[i : i + 20000], start_on__lte=on, status=RecordStatus.CONFIRMED
        ).values_list("teacher_id", "start_on", "end_on"):
            periods[tid].append((a, b))
    out = []
    for t in rows:
        s = rules.standing(periods.get(t.pk, []), on, years=years, need=need)
        out.append(
            {
                "teacher": {
                    "id": t.pk,
                    "name": t.name,
                    "staff_no": t.staff_no,
                    "school": {"id": t.school.pk, "name": t.school.name},
                },
                "days_in_window": s.days_in_window,
                "required": s.required,
                "short_by": s.short_by,
                "window_start": s.window_start,
                "window_end": s.window_end,
                "lapses_on": s.lapses_on,
            }
        )
    return out


def summary(rows: list[dict[str, Any]], schools: list[Any]) -> list[dict[str, Any]]:
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        c = counts[row["teacher"]["school"]["id"]]
        c[0] += 1
        c[1] += row["short_by"] > 0
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
