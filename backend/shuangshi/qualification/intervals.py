"""Dated results: each teacher's outcome as intervals, and per-school counts by date.

Writes of the derived tables TeacherLevelInterval, SchoolCountDelta, SchoolCountMonth and
IntervalHorizon (issue 10). Only ``services`` calls these functions: a full build inside
``qualifications_rebuild`` and an incremental update inside ``teachers_reevaluate``, so the
intervals move in the same transaction as every record write.

The horizon runs from the first day of the month before ``today − HORIZON_YEARS_BACK``
to ``today + HORIZON_YEARS_AHEAD``. Within it the level of a teacher is piecewise
constant; the engine (``engine.timeline``) names the dates where it may change. A school's
counts at D are its month row at the last month end before D plus its deltas after that
month end up to D (``selectors.counts_from_intervals``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F

from shuangshi.common import bulk

from . import engine, swap
from .models import (
    STAT_FIELDS,
    IntervalHorizon,
    SchoolCountDelta,
    SchoolCountMonth,
    TeacherLevelInterval,
)

HORIZON_YEARS_BACK = 5
# Far enough ahead that every result's valid_until (at most about five years away: the
# longest validity or window) falls inside, so a list row's level_after is a lookup. At 2
# years 15% of teachers lay beyond it and each such row on a page was evaluated by the
# engine on every read (6 more queries; the province's teacher list 6.5 → 3.5 ms of CPU a
# request). Cost: a full build 5% slower, 10% more intervals.
HORIZON_YEARS_AHEAD = 6

# (teacher_id, school_id, valid_from, valid_to, level, in_scope, full_time, part_time,
#  recruitment): TeacherLevelInterval's columns in this order.
INTERVAL_COLUMNS = (
    "teacher_id",
    "school_id",
    "valid_from",
    "valid_to",
    "level",
    "in_scope",
    "full_time",
    "part_time",
    "recruitment",
)
Interval = tuple[Any, ...]
_LEVEL_INDEX = {"junior": 4, "intermediate": 5, "senior": 6}


def horizon_for(today: date) -> tuple[date, date]:
    start = engine.add_years(today, -HORIZON_YEARS_BACK).replace(day=1) - timedelta(days=1)
    return start.replace(day=1), engine.add_years(today, HORIZON_YEARS_AHEAD)


def month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def month_ends(start: date, end: date) -> list[date]:
    out = []
    m = month_end(start)
    while m <= month_end(end):
        out.append(m)
        m = month_end(m + timedelta(days=1))
    return out


def intervals_of(item: Any, start: date, end: date, profile: engine.RuleProfile) -> list[Interval]:
    """One teacher's intervals over [start, end]; the last one is open-ended (valid_to null).

    Neighbours differ in school, level, scope, full/part-time or the recruitment check."""
    return intervals_from_points(item.facts.id, engine.timeline(item, start, end, profile))


# The bulk forms live in the engine (compiled with it: ``shuangshi.native``).
intervals_from_points = engine.intervals_from_points
intervals_from_segments = engine.intervals_from_segments


def contribution(row: Interval) -> list[int]:
    """What one interval adds to its school's counts, in STAT_FIELDS order."""
    _t, _s, _a, _b, level, in_scope, full, part, recruitment = row
    vec = [0] * len(STAT_FIELDS)
    if in_scope:
        vec[0] = 1
        if level != "none":
            vec[1] = 1
            vec[_LEVEL_INDEX[level]] = 1
        if recruitment is not None:
            vec[7] = 1
            vec[8] = 0 if recruitment else 1
    vec[2] = 1 if full else 0
    vec[3] = 1 if part else 0
    return vec


def deltas_of(
    rows: Iterable[Interval], end: date, sign: int = 1, into: dict | None = None
) -> dict[tuple[int, date], list[int]]:
    """Per (school, date): how the counts move, summed over ``rows`` (times ``sign``)."""
    out: dict[tuple[int, date], list[int]] = {} if into is None else into
    for row in rows:
        vec = contribution(row)
        if not any(vec):
            continue
        school, start, stop = row[1], _as_date(row[2]), _as_date(row[3])
        assert start is not None  # every interval has a start
        _add(out, (school, start), vec, sign)
        if stop is not None and stop <= end:
            _add(out, (school, stop), vec, -sign)
    return out


def _add(acc: dict, key: tuple[int, date], vec: list[int], sign: int) -> None:
    cur = acc.get(key)
    if cur is None:
        acc[key] = [sign * v for v in vec]
    else:
        for i, v in enumerate(vec):
            if v:
                cur[i] += sign * v


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# --------------------------------------------------------------------------- full build

DERIVED = (TeacherLevelInterval, SchoolCountDelta, SchoolCountMonth)
_TI = TeacherLevelInterval._meta.db_table
_SD = SchoolCountDelta._meta.db_table
_SM = SchoolCountMonth._meta.db_table
COUNT_TABLES = (_SD, _SM)


def build_begin() -> None:
    """Empty the derived tables before a full build (inside the build's transaction)."""
    with connection.cursor() as cur:
        for table in (_TI, _SD, _SM):
            if connection.vendor == "postgresql":
                cur.execute(f"TRUNCATE {table}")
            else:
                cur.execute(f"DELETE FROM {table}")
    IntervalHorizon.objects.all().delete()


def write_intervals(rows: Sequence[Interval], *, table: str | None = None) -> None:
    """``table``: a full build's copy of the intervals table (``swap``), else the table."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        cols = ", ".join(INTERVAL_COLUMNS)
        with bulk.copy_in(f"COPY {table or _TI} ({cols}) FROM STDIN") as copy:
            copy.write(engine.copy_text(rows))
        return
    TeacherLevelInterval.objects.bulk_create(
        [TeacherLevelInterval(**dict(zip(INTERVAL_COLUMNS, r, strict=True))) for r in rows],
        batch_size=500,
    )


def build_finish(
    start: date,
    end: date,
    version: int,
    *,
    copy: str | None = None,
    gone: Sequence[int] = (),
) -> None:
    """Deltas from the stored intervals (one GROUP BY), month rows from the deltas.

    ``copy`` (PostgreSQL, a parallel build): the intervals went into this copy of their
    table (``swap``); the rows of the teachers in ``gone`` (deleted meanwhile) are dropped
    from it, the deltas and month rows go into copies of their tables too, and all three
    are indexed and swapped in. Each step commits on its own: no reader uses these tables
    before the horizon row, written last."""
    if copy is None:
        _count(_TI, _SD, _SM, start, end)
    else:
        with connection.cursor() as cur:
            if gone:
                cur.execute(f"DELETE FROM {copy} WHERE teacher_id = ANY(%s)", [list(gone)])
        deltas, months = swap.begin(_SD), swap.begin(_SM)
        renames: dict[str, list[tuple[str, str]]] = {}
        later: list[str] = []  # the intervals' primary key: once the counts stop reading

        def counts() -> None:
            _count(copy, deltas, months, start, end)
            for table in (_SD, _SM):
                renames[table] = swap.index(table, connections=1)

        def index_intervals() -> None:
            renames[_TI] = swap.index(_TI, connections=1, constraints=later)

        # The intervals' indexes do not wait for the counts: both at once, each on a
        # connection of its own (with the results' chain beside them, the cores stay busy).
        swap.side_by_side(counts, index_intervals)
        swap.finish(_TI, renames[_TI], before=later)
        for table in (_SD, _SM):
            swap.finish(table, renames[table])
    IntervalHorizon.objects.all().delete()
    IntervalHorizon.objects.create(starts_on=start, ends_on=end, profile_version=version)


def _count(source: str, deltas: str, months: str, start: date, end: date) -> None:
    """Deltas of the intervals in ``source`` into ``deltas``, month rows into ``months``."""
    horizon_end = end
    contrib = {
        "in_scope": "CASE WHEN in_scope THEN 1 ELSE 0 END",
        "qualified": "CASE WHEN in_scope AND level <> 'none' THEN 1 ELSE 0 END",
        "full_time": "CASE WHEN full_time THEN 1 ELSE 0 END",
        "part_time": "CASE WHEN part_time THEN 1 ELSE 0 END",
        "junior": "CASE WHEN in_scope AND level = 'junior' THEN 1 ELSE 0 END",
        "intermediate": "CASE WHEN in_scope AND level = 'intermediate' THEN 1 ELSE 0 END",
        "senior": "CASE WHEN in_scope AND level = 'senior' THEN 1 ELSE 0 END",
        "recruitment_checked": "CASE WHEN in_scope AND recruitment IS NOT NULL THEN 1 ELSE 0 END",
        "recruitment_failed": "CASE WHEN in_scope AND recruitment = %s THEN 1 ELSE 0 END",
    }
    plus = ", ".join(f"{expr} AS {name}" for name, expr in contrib.items())
    minus = ", ".join(f"-({expr}) AS {name}" for name, expr in contrib.items())
    sums = ", ".join(f"SUM({name})" for name in STAT_FIELDS)
    nonzero = " OR ".join(f"SUM({name}) <> 0" for name in STAT_FIELDS)
    fields = ", ".join(STAT_FIELDS)
    with transaction.atomic(), connection.cursor() as cur:
        swap.bulk_settings()
        # Nearly every (school, day) is a group of its own: workers' partial sums only add a
        # second pass (6.3 s against 4.3 s for 2.3 M intervals, on a machine of 2 cores).
        if connection.vendor == "postgresql":
            cur.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        cur.execute(
            f"""
            INSERT INTO {deltas} (school_id, "on", {fields})
            SELECT school_id, d, {sums} FROM (
                SELECT school_id, valid_from AS d, {plus} FROM {source}
                UNION ALL
                SELECT school_id, valid_to AS d, {minus} FROM {source}
                WHERE valid_to IS NOT NULL AND valid_to <= %s
            ) x GROUP BY school_id, d HAVING {nonzero}
            """,
            [False, False, horizon_end],
        )
    with transaction.atomic():
        swap.bulk_settings()
        _months_from_deltas(start, end, deltas, months)


def _months_from_deltas(start: date, end: date, deltas: str = _SD, months: str = _SM) -> None:
    """Running sums of each school's deltas at every month end of the horizon."""
    ends = month_ends(start, end)
    if connection.vendor == "postgresql":
        _months_in_sql(ends, deltas, months)
        return
    fields = ", ".join(STAT_FIELDS)
    n = len(STAT_FIELDS)
    rows: list[tuple[Any, ...]] = []

    def flush_school(school: int, events: list[tuple[date, tuple[int, ...]]]) -> None:
        acc = [0] * n
        i = 0
        for m in ends:
            while i < len(events) and events[i][0] <= m:
                for k, v in enumerate(events[i][1]):
                    acc[k] += v
                i += 1
            rows.append((school, m, *acc))

    # A server-side cursor on PostgreSQL: the deltas of a country do not fit in memory.
    with connection.chunked_cursor() as cur:
        cur.execute(f'SELECT school_id, "on", {fields} FROM {deltas} ORDER BY school_id, "on"')
        school: int | None = None
        events: list[tuple[date, tuple[int, ...]]] = []
        for row in cur:
            if row[0] != school:
                if school is not None:
                    flush_school(school, events)
                    if len(rows) > 50_000:
                        _write_months(rows)
                        rows.clear()
                school, events = row[0], []
            events.append((_as_date(row[1]), row[2:]))  # type: ignore[arg-type]
        if school is not None:
            flush_school(school, events)
    _write_months(rows)


def _months_in_sql(ends: list[date], deltas: str = _SD, months: str = _SM) -> None:
    """PostgreSQL: the same running sums in one statement, without the round trip through
    Python (a national build: 0.7M deltas in, 0.9M month rows out). Each delta counts from
    the first month end on or after its day (the horizon's first month end for any earlier
    one); every school with a delta gets a row at every month end."""
    if not ends:
        return
    fields = ", ".join(STAT_FIELDS)
    sums = ", ".join(f"SUM({name}) AS {name}" for name in STAT_FIELDS)
    running = ", ".join(
        # ::int: a window SUM of bigint (a SUM's own type) accumulates in numeric, slowly
        f"SUM(COALESCE(b.{name}, 0)::int) OVER (PARTITION BY s.school_id ORDER BY m.month_end)"
        for name in STAT_FIELDS
    )
    with connection.cursor() as cur:
        cur.execute(
            f"""
            INSERT INTO {months} (school_id, month_end, {fields})
            SELECT s.school_id, m.month_end, {running}
            FROM (SELECT DISTINCT school_id FROM {deltas}) s
            CROSS JOIN unnest(%s::date[]) AS m(month_end)
            LEFT JOIN (
                SELECT school_id, GREATEST(
                    (date_trunc('month', "on") + interval '1 month - 1 day')::date, %s::date
                ) AS month_end, {sums}
                FROM {deltas} WHERE "on" <= %s GROUP BY 1, 2
            ) b ON b.school_id = s.school_id AND b.month_end = m.month_end
            """,
            [ends, ends[0], ends[-1]],
        )


def _write_months(rows: Sequence[tuple[Any, ...]]) -> None:
    if not rows:
        return
    cols = ("school_id", "month_end", *STAT_FIELDS)
    if connection.vendor == "postgresql":
        with bulk.copy_in(f"COPY {_SM} ({', '.join(cols)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    SchoolCountMonth.objects.bulk_create(
        [SchoolCountMonth(**dict(zip(cols, r, strict=True))) for r in rows], batch_size=500
    )


# --------------------------------------------------------------------------- incremental


def horizon() -> IntervalHorizon | None:
    return IntervalHorizon.objects.order_by("-pk").first()


def update_teachers(ids: Sequence[int], loaded: Sequence[Any], profile: Any) -> None:
    """Replace these teachers' intervals and move their schools' counts by the difference
    (inside the caller's transaction). Does nothing before the first full build."""
    h = horizon()
    if h is None or not ids:
        return
    new: list[Interval] = []
    for item in loaded:
        new.extend(intervals_of(item, h.starts_on, h.ends_on, profile))
    replace_teachers(ids, new, h)


def replace_teachers(ids: Sequence[int], new: Sequence[Interval], h: IntervalHorizon) -> None:
    """Swap these teachers' stored intervals for ``new`` and move the counts by the
    difference (inside the caller's transaction)."""
    start, end = h.starts_on, h.ends_on
    old = list(
        TeacherLevelInterval.objects.filter(teacher_id__in=ids).values_list(*INTERVAL_COLUMNS)
    )
    diff = deltas_of(old, end, -1)
    deltas_of(new, end, 1, into=diff)
    TeacherLevelInterval.objects.filter(teacher_id__in=ids).delete()
    write_intervals(new)
    changed = {key: vec for key, vec in diff.items() if any(vec)}
    if changed:
        _apply_deltas(changed, start, end)


def add_teachers(new: Sequence[Interval], h: IntervalHorizon) -> None:
    """Store the intervals of teachers that have none yet (created in this transaction) and
    move the counts by them: replace_teachers without reading or deleting old intervals."""
    write_intervals(new)
    changed = {key: vec for key, vec in deltas_of(new, h.ends_on, 1).items() if any(vec)}
    if changed:
        _apply_deltas(changed, h.starts_on, h.ends_on)


class _Held(threading.local):
    """Dated count changes added up while held (deltas_held), and the horizon they are for."""

    deltas: dict[tuple[int, date], list[int]] | None = None
    span: tuple[date, date] | None = None


_held = _Held()


@contextmanager
def deltas_held() -> Iterator[None]:
    """Inside (one transaction), the dated count changes of every write are added up and
    written once on the way out: a long import rewrote the same month rows after each batch,
    and each rewrite in one transaction is slower than the last (issue 11). Nothing is
    written when the block raises (its transaction is rolled back)."""
    if _held.deltas is not None:  # already held further out
        yield
        return
    _held.deltas, _held.span = {}, None
    try:
        yield
        held, span = _held.deltas, _held.span
    finally:
        _held.deltas, _held.span = None, None
    changed = {key: vec for key, vec in held.items() if any(vec)}
    if changed and span is not None:
        _apply_deltas(changed, *span)


def _apply_deltas(changed: dict[tuple[int, date], list[int]], start: date, end: date) -> None:
    if _held.deltas is not None:
        for key, vec in changed.items():
            _add(_held.deltas, key, vec, 1)
        _held.span = (start, end)
        return
    if connection.vendor == "postgresql":
        _apply_deltas_at_once(changed, start, end)
        return
    keys = list(changed)
    existing = {
        (s, _as_date(d))
        for s, d in SchoolCountDelta.objects.filter(
            school_id__in={k[0] for k in keys}, on__in={k[1] for k in keys}
        ).values_list("school_id", "on")
    }
    SchoolCountDelta.objects.bulk_create(
        [SchoolCountDelta(school_id=s, on=d) for s, d in keys if (s, d) not in existing]
    )
    schools = {k[0] for k in keys}
    have_months = set(
        SchoolCountMonth.objects.filter(school_id__in=schools)
        .values_list("school_id", flat=True)
        .distinct()
    )
    missing = schools - have_months
    if missing:
        SchoolCountMonth.objects.bulk_create(
            [
                SchoolCountMonth(school_id=s, month_end=m)
                for s in missing
                for m in month_ends(start, end)
            ]
        )
    for (school, on), vec in changed.items():
        updates = {name: F(name) + v for name, v in zip(STAT_FIELDS, vec, strict=True) if v}
        SchoolCountDelta.objects.filter(school_id=school, on=on).update(**updates)
        SchoolCountMonth.objects.filter(school_id=school, month_end__gte=on).update(**updates)


def _apply_deltas_at_once(
    changed: dict[tuple[int, date], list[int]], start: date, end: date
) -> None:
    """PostgreSQL: what _apply_deltas does, in three statements whatever the number of
    (school, day) keys (one UPDATE of deltas and one of months per key before): add to the
    delta rows (created when missing), give schools without month rows their months, add
    each key's delta to the school's months from its day on."""
    fields = ", ".join(STAT_FIELDS)
    arrays = ", ".join(["%s::int[]"] * len(STAT_FIELDS))
    keys = list(changed)
    params: list[list[Any]] = [
        [k[0] for k in keys],
        [k[1] for k in keys],
        *([list(c) for c in zip(*changed.values(), strict=True)]),
    ]
    given = f"unnest(%s::bigint[], %s::date[], {arrays}) AS d(school_id, day, {fields})"
    added = ", ".join(f"{f} = {_SD}.{f} + EXCLUDED.{f}" for f in STAT_FIELDS)
    zeros = ", ".join(["0"] * len(STAT_FIELDS))
    sums = ", ".join(f"SUM(d.{f}) AS {f}" for f in STAT_FIELDS)
    moved = ", ".join(f"{f} = m.{f} + x.{f}" for f in STAT_FIELDS)
    with connection.cursor() as cur:
        cur.execute(
            f'INSERT INTO {_SD} (school_id, "on", {fields}) SELECT d.* FROM {given} '
            f'ON CONFLICT (school_id, "on") DO UPDATE SET {added}',
            params,
        )
        cur.execute(
            f"INSERT INTO {_SM} (school_id, month_end, {fields}) "
            f"SELECT s.school_id, m.month_end, {zeros} "
            f"FROM (SELECT DISTINCT unnest(%s::bigint[]) AS school_id) s "
            f"CROSS JOIN unnest(%s::date[]) AS m(month_end) "
            f"WHERE NOT EXISTS (SELECT 1 FROM {_SM} x WHERE x.school_id = s.school_id)",
            [params[0], month_ends(start, end)],
        )
        cur.execute(
            f"UPDATE {_SM} AS m SET {moved} FROM ("
            f"SELECT y.school_id, y.month_end, {sums} FROM {given} "
            f"JOIN {_SM} y ON y.school_id = d.school_id AND y.month_end >= d.day "
            f"GROUP BY y.school_id, y.month_end"
            f") x WHERE m.school_id = x.school_id AND m.month_end = x.month_end",
            params,
        )
