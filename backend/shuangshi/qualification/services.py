"""Writes for qualification: re-evaluation (one teacher or all), profiles, targets, snapshots.

``teachers_reevaluate`` runs inside every teacher write (teachers.services) and keeps the
stored result and the school's aggregates current with deltas; ``qualifications_rebuild``
re-evaluates everyone in batches (nightly, and after a profile change).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shuangshi.accounts.models import User
from shuangshi.audit import services as audit
from shuangshi.common import bulk
from shuangshi.common.api import changed_values
from shuangshi.common.collector import gc_paused
from shuangshi.schools.models import School
from shuangshi.teachers.models import Teacher

from . import engine, intervals, selectors, swap
from .models import (
    STAT_FIELDS,
    IntervalHorizon,
    RatioSnapshot,
    RuleProfile,
    SchoolStats,
    Target,
    TeacherLevelInterval,
    TeacherQualification,
)

logger = logging.getLogger(__name__)

# A stored result as a plain tuple, in this column order (the COPY and upsert use it).
COLUMNS = (
    "teacher_id",
    "school_id",
    "level",
    "qualified",
    "in_scope",
    "full_time",
    "part_time",
    "recruitment",
    "valid_until",
    "distance",
    "reasons",
    "profile_version",
    "evaluated_on",
    "changes_on",
)
Row = tuple[Any, ...]
_LEVEL_INDEX = {"junior": 4, "intermediate": 5, "senior": 6}


def evaluate_rows(
    loaded: Iterable[selectors.Loaded],
    on: date,
    version: int,
    profile: engine.RuleProfile,
    horizon: tuple[date, date] | None = None,
    intervals_out: list[intervals.Interval] | None = None,
) -> list[Row]:
    """Stored-result rows at ``on`` (``COLUMNS``); with a ``horizon``, each teacher's dated
    intervals are appended to ``intervals_out`` from the same pass over their change dates
    (``engine.result_rows``: the loop runs inside the compiled engine)."""
    return engine.result_rows(loaded, on, version, profile, horizon, intervals_out)


def contribution(
    *,
    school_id: int,
    level: str,
    in_scope: bool,
    full_time: bool,
    part_time: bool,
    recruitment: bool | None,
) -> tuple[int, list[int]]:
    """What one stored result adds to its school's aggregates, in STAT_FIELDS order."""
    vec = [0] * len(STAT_FIELDS)
    if in_scope:
        vec[0] = 1
        if level != "none":
            vec[1] = 1
            vec[_LEVEL_INDEX[level]] = 1
        if recruitment is not None:
            vec[7] = 1
            vec[8] = 0 if recruitment else 1
    vec[2] = 1 if full_time else 0
    vec[3] = 1 if part_time else 0
    return school_id, vec


def _row_contribution(row: Row) -> tuple[int, list[int]]:
    return contribution(
        school_id=row[1],
        level=row[2],
        in_scope=row[4],
        full_time=row[5],
        part_time=row[6],
        recruitment=row[7],
    )


def teachers_reevaluate(*, teacher_ids: Iterable[int], on: date | None = None) -> None:
    """Re-evaluate these teachers and update their stored results (called inside writes).

    Deleted teachers lose their stored result.  The schools' aggregates move by the
    difference between the old and the new results, so no school is rescanned.
    """
    ids = sorted({int(i) for i in teacher_ids if i is not None})
    if not ids:
        return
    on = on or timezone.localdate()
    with transaction.atomic():
        # Chunks keep every IN (…) list well under the databases' parameter limits.
        for i in range(0, len(ids), REEVALUATE_CHUNK):
            _reevaluate_chunk(ids[i : i + REEVALUATE_CHUNK], on)


REEVALUATE_CHUNK = 2000


def _reevaluate_chunk(ids: list[int], on: date) -> None:
    # Serialise concurrent re-evaluations of the same teachers.
    list(Teacher.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    old = list(
        TeacherQualification.objects.filter(teacher_id__in=ids).values_list(
            "teacher_id",
            "school_id",
            "level",
            "in_scope",
            "full_time",
            "part_time",
            "recruitment",
        )
    )
    version, profile = selectors.profile_current()
    loaded = selectors.records_for_ids(ids)
    _build_lock(shared=True)  # before reading the horizon: see _rebuild
    h = intervals.horizon()
    if h is None:  # a full build is under way (or none has run): it takes these up at its end
        _touch_if_building(ids)
    if h is not None and h.starts_on <= on <= h.ends_on:
        ivs: list[intervals.Interval] = []
        rows = evaluate_rows(loaded, on, version, profile, (h.starts_on, h.ends_on), ivs)
        intervals.replace_teachers(ids, ivs, h)
    else:
        rows = evaluate_rows(loaded, on, version, profile)
        intervals.update_teachers(ids, loaded, profile)
    deltas: dict[int, list[int]] = {}
    for _tid, school_id, level, in_scope, full, part, rec in old:
        sid, vec = contribution(
            school_id=school_id,
            level=level,
            in_scope=in_scope,
            full_time=full,
            part_time=part,
            recruitment=rec,
        )
        _add(deltas, sid, vec, -1)
    for row in rows:
        sid, vec = _row_contribution(row)
        _add(deltas, sid, vec, 1)
    gone = set(ids) - {row[0] for row in rows}
    if gone:
        TeacherQualification.objects.filter(teacher_id__in=gone).delete()
    _upsert(rows)
    _apply_deltas(deltas)


class Evaluation(NamedTuple):
    """What evaluating new teachers reads first (teachers_evaluate_created)."""

    on: date
    version: int
    profile: engine.RuleProfile
    horizon: IntervalHorizon | None


def evaluation_ready(*, on: date | None = None) -> Evaluation:
    """The rule profile and the dated counts' horizon, the build lock taken (shared, for the
    rest of the transaction) before the horizon is read: see _rebuild. A batch writer that
    reads this before its writes evaluates after them without a statement, while the server
    is still storing its last COPY (bulk.overlapped: imports)."""
    if _held.deltas is not None and on is None and _held.ready is not None:
        return _held.ready  # read once while counts are held: see counts_held
    version, profile = selectors.profile_current()
    _build_lock(shared=True)
    ready = Evaluation(on or timezone.localdate(), version, profile, intervals.horizon())
    if _held.deltas is not None and on is None:
        _held.ready = ready
    return ready


def teachers_evaluate_created(
    *,
    teachers: Sequence[dict[str, Any]],
    on: date | None = None,
    ready: Evaluation | None = None,
) -> None:
    """Store the results of teachers just created in this transaction (``teachers``: their
    rows as written, with ``id`` and every column): what teachers_reevaluate stores for them,
    without its reads. A new teacher has no stored result or intervals to replace, and no
    certificates, periods, completions or dated history yet (its facts hold from hired_on),
    so its evaluation needs only the row the caller holds (issue 11: imports). ``ready``:
    evaluation_ready() read earlier in this transaction (``on`` is then its date)."""
    if not teachers:
        return
    on, version, profile, h = ready or evaluation_ready(on=on)
    if h is None:  # a full build is under way (or none has run): it takes these up at its end
        _touch_if_building([t["id"] for t in teachers])
    span = (h.starts_on, h.ends_on) if h is not None else None
    rows: list[Row] = []
    ivs: list[intervals.Interval] = []
    # Teachers whose rows differ only in their id get the same result: evaluated once.
    seen: dict[tuple[Any, ...], tuple[Row, list[intervals.Interval]]] = {}
    empty = ()
    for t in teachers:
        facts = _teacher_row(t)
        key = facts[1:]
        found = seen.get(key)
        if found is None:
            item = tuple.__new__(selectors.Loaded, (facts, empty, empty, empty, empty))
            found = seen[key] = _evaluate_one(item, on, version, profile, span)
            rows.append(found[0])
            ivs.extend(found[1])
        else:
            tid = facts.id
            rows.append((tid, *found[0][1:]))
            ivs.extend([(tid, *iv[1:]) for iv in found[1]])
    if h is not None:
        intervals.add_teachers(ivs, h)
    deltas: dict[int, list[int]] = {}
    for row in rows:
        sid, vec = _row_contribution(row)
        _add(deltas, sid, vec, 1)
    _insert(rows)
    _apply_deltas(deltas)


def _evaluate_one(
    item: selectors.Loaded,
    on: date,
    version: int,
    profile: engine.RuleProfile,
    span: tuple[date, date] | None,
) -> tuple[Row, list[intervals.Interval]]:
    """One teacher's stored result and intervals, as _reevaluate_chunk makes them."""
    ivs: list[intervals.Interval] = []
    if span is not None and span[0] <= on <= span[1]:
        [row] = evaluate_rows([item], on, version, profile, span, ivs)
    else:
        [row] = evaluate_rows([item], on, version, profile)
        if span is not None:  # a horizon that today has left: as intervals.update_teachers
            ivs = intervals.intervals_of(item, *span, profile)
    return row, ivs


_NEW_TEACHER_COLS = selectors.TeacherRow._fields


def _teacher_row(teacher: dict[str, Any]) -> selectors.TeacherRow:
    return tuple.__new__(selectors.TeacherRow, map(teacher.get, _NEW_TEACHER_COLS))


def _insert(rows: Sequence[Row]) -> None:
    """Results of teachers that have none yet (COPY on PostgreSQL)."""
    if connection.vendor != "postgresql":
        TeacherQualification.objects.bulk_create(_objects(rows), batch_size=500)
        return
    dumps = packed_json
    sql = f"COPY {_TQ} ({', '.join(COLUMNS)}) FROM STDIN"
    with bulk.copy_in(sql) as copy:
        copy.write(engine.copy_text(rows, 10, dumps))


def _add(deltas: dict[int, list[int]], school_id: int, vec: list[int], sign: int) -> None:
    acc = deltas.setdefault(school_id, [0] * len(STAT_FIELDS))
    for i, v in enumerate(vec):
        acc[i] += sign * v


class _Held(threading.local):
    deltas: dict[int, list[int]] | None = None  # the schools' totals' changes while held
    ready: Evaluation | None = None  # evaluation_ready() as first read while held


_held = _Held()


@contextmanager
def counts_held() -> Iterator[None]:
    """Inside (one transaction: an import's batches), the schools' totals and dated counts
    move once, on the way out, by everything the writes inside changed, instead of after
    every batch (issue 11). Nothing is written when the block raises.

    evaluation_ready() is read once inside: the build lock it takes is held to the end of
    the transaction, so a full build (which a new rule profile starts too) waits for it and
    what it read stays in force; each batch's three statements, each waiting for the
    server to store the batch before (bulk.overlapped), are saved."""
    if _held.deltas is not None:  # already held further out
        yield
        return
    _held.deltas = {}
    try:
        with intervals.deltas_held():
            yield
        held = _held.deltas
    finally:
        _held.deltas = None
        _held.ready = None
    _apply_deltas(held)


def _apply_deltas(deltas: dict[int, list[int]]) -> None:
    changed = {sid: vec for sid, vec in deltas.items() if any(vec)}
    if not changed:
        return
    if _held.deltas is not None:
        for sid, vec in changed.items():
            _add(_held.deltas, sid, vec, 1)
        return
    if connection.vendor == "postgresql":
        _stats_add(changed)
        return
    existing = set(School.objects.filter(pk__in=changed).values_list("pk", flat=True))
    SchoolStats.objects.bulk_create(
        [SchoolStats(school_id=sid) for sid in changed if sid in existing],
        ignore_conflicts=True,
    )
    for sid, vec in changed.items():
        if sid not in existing:
            continue
        updates = {name: F(name) + v for name, v in zip(STAT_FIELDS, vec, strict=True) if v}
        SchoolStats.objects.filter(school_id=sid).update(**updates, updated_at=timezone.now())


def _stats_add(changed: dict[int, list[int]]) -> None:
    """PostgreSQL: add the schools' deltas in one statement (schools deleted meanwhile
    are left out, as above)."""
    table, schools = SchoolStats._meta.db_table, School._meta.db_table
    fields = ", ".join(STAT_FIELDS)
    arrays = ", ".join(["%s::int[]"] * len(STAT_FIELDS))
    added = ", ".join(f"{f} = {table}.{f} + EXCLUDED.{f}" for f in STAT_FIELDS)
    ids = list(changed)
    columns = [list(c) for c in zip(*changed.values(), strict=True)]
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {table} (school_id, {fields}, updated_at) "
            f"SELECT d.*, %s FROM unnest(%s::bigint[], {arrays}) AS d(school_id, {fields}) "
            f"WHERE EXISTS (SELECT 1 FROM {schools} s WHERE s.id = d.school_id) "
            f"ON CONFLICT (school_id) DO UPDATE SET {added}, updated_at = EXCLUDED.updated_at",
            [timezone.now(), ids, *columns],
        )


def _objects(rows: Sequence[Row]) -> list[TeacherQualification]:
    return [TeacherQualification(**dict(zip(COLUMNS, row, strict=True))) for row in rows]


def _upsert(rows: Sequence[Row]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql" and len(rows) > 200:
        _copy_upsert(rows)
        return
    TeacherQualification.objects.bulk_create(
        _objects(rows),
        update_conflicts=True,
        unique_fields=["teacher"],
        update_fields=[c for c in COLUMNS if c != "teacher_id"],
        batch_size=500,
    )


_TQ = TeacherQualification._meta.db_table


def _copy_upsert(rows: Sequence[Row]) -> None:
    """PostgreSQL: COPY into a temporary table, then one INSERT … ON CONFLICT."""
    cols = ", ".join(COLUMNS)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS if c != "teacher_id")
    dumps = packed_json
    with connection.cursor() as cur:
        cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS tq_load (LIKE {_TQ}) ON COMMIT DELETE ROWS")
        cur.execute("TRUNCATE tq_load")
        with bulk.copy_in(f"COPY tq_load ({cols}) FROM STDIN") as copy:
            copy.write(engine.copy_text(rows, 10, dumps))
        cur.execute(
            f"INSERT INTO {_TQ} ({cols}) SELECT {cols} FROM tq_load "
            f"ON CONFLICT (teacher_id) DO UPDATE SET {updates}"
        )


def _compact_encoder() -> Callable[[Any], str]:
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode

    def fail(obj: Any) -> Any:
        raise TypeError(f"{type(obj).__name__} is not JSON serialisable")

    encode = make(None, fail, encode_basestring, None, ":", ",", False, False, False)
    return lambda value: "".join(encode(value, 0))


# JSON of engine.pack_reasons' output: the C encoder without JSONEncoder's set-up per call.
packed_json = _compact_encoder()


def _replace_range(
    lo: int, hi: int, rows: Sequence[Row], *, rewrite_all: bool = True, fresh: str | None = None
) -> int:
    """Swap the stored results of teachers lo <= id < hi for ``rows`` (one transaction);
    returns how many rows were written. ``fresh``: a full rewrite's copy of the table
    (``swap``), empty but for other ranges: the rows only go in.

    Deleting and COPYing is much faster than an upsert, and drops the results of teachers
    deleted since.  Unless ``rewrite_all``, results equal to the stored ones but for
    ``evaluated_on`` are left alone (PostgreSQL): the older evaluated_on stays a true lower
    bound of the interval the result holds on, since any change of the records would have
    re-evaluated the teacher.
    """
    if connection.vendor != "postgresql":
        TeacherQualification.objects.filter(teacher_id__gte=lo, teacher_id__lt=hi).delete()
        TeacherQualification.objects.bulk_create(_objects(rows), batch_size=500)
        return len(rows)
    table = fresh or _TQ
    with connection.cursor() as cur:
        if fresh:
            changed: Sequence[Row] = rows
        elif rewrite_all:
            cur.execute(f"DELETE FROM {_TQ} WHERE teacher_id >= %s AND teacher_id < %s", [lo, hi])
            changed = rows
        else:
            kept = [c for c in COLUMNS if c != "evaluated_on"]
            cur.execute(
                f"SELECT {', '.join(kept)} FROM {_TQ} WHERE teacher_id >= %s AND teacher_id < %s",
                [lo, hi],
            )
            loads = json.loads  # Django hands jsonb back as text
            stored = {r[0]: (*r[:10], loads(r[10]), *r[11:]) for r in cur.fetchall()}
            changed = [row for row in rows if stored.pop(row[0], None) != (*row[:12], row[13])]
            stale = [row[0] for row in changed] + list(stored)  # stored: teachers gone
            if stale:
                cur.execute(f"DELETE FROM {_TQ} WHERE teacher_id = ANY(%s)", [stale])
        if changed:
            dumps = packed_json
            with bulk.copy_in(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                copy.write(engine.copy_text(changed, 10, dumps))
    return len(changed)


def stats_rebuild() -> None:
    """Recount every school's aggregates from the stored results (after a full run)."""
    table = SchoolStats._meta.db_table
    school = School._meta.db_table
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cur:
        swap.bulk_settings()
        cur.execute(f"DELETE FROM {table}")
        cur.execute(
            f"""
            INSERT INTO {table} (school_id, {", ".join(STAT_FIELDS)}, updated_at)
            SELECT q.school_id,
                SUM(CASE WHEN q.in_scope THEN 1 ELSE 0 END),
                SUM(CASE WHEN q.in_scope AND q.qualified THEN 1 ELSE 0 END),
                SUM(CASE WHEN q.full_time THEN 1 ELSE 0 END),
                SUM(CASE WHEN q.part_time THEN 1 ELSE 0 END),
                SUM(CASE WHEN q.in_scope AND q.level = 'junior' THEN 1 ELSE 0 END),
                SUM(CASE WHEN q.in_scope AND q.level = 'intermediate' THEN 1 ELSE 0 END),
                SUM(CASE WHEN q.in_scope AND q.level = 'senior' THEN 1 ELSE 0 END),
                SUM(CASE WHEN q.in_scope AND q.recruitment IS NOT NULL THEN 1 ELSE 0 END),
                SUM(CASE WHEN q.in_scope AND q.recruitment = %s THEN 1 ELSE 0 END),
                %s
            FROM {_TQ} q JOIN {school} s ON s.id = q.school_id
            GROUP BY q.school_id
            """,
            [False, now],
        )


Progress = Callable[[int, int], None]


def qualifications_rebuild(
    *,
    on: date | None = None,
    batch_size: int = 20000,
    progress: Progress | None = None,
    parallel: bool | None = None,
    rewrite_all: bool = False,
    written: list[int] | None = None,
    workers: int | None = None,
) -> int:
    """Re-evaluate every teacher in id-range batches, then recount the schools.

    Returns how many teachers were evaluated; ``written`` (if given) receives how many
    stored results changed (all of them with ``rewrite_all``; see ``_replace_range``).

    Each batch commits on its own, so readers are never blocked for long; a teacher written
    meanwhile is re-evaluated by its own write, and the final recount reads stored results.
    On PostgreSQL, outside a transaction, reading and writing run in two helper threads
    (own connections) while this thread evaluates, so the database and Python overlap;
    with ``workers`` > 1 (default: setting QUALIFICATION_REBUILD_WORKERS, else 1) that many
    forked processes take every n-th id range each, reading, evaluating and writing it.
    """
    counter = written if written is not None else []
    counter[:] = [0]
    if workers is None:
        workers = int(getattr(settings, "QUALIFICATION_REBUILD_WORKERS", 1))
    with gc_paused(), _building():
        return _rebuild(
            on or timezone.localdate(),
            batch_size,
            progress,
            parallel,
            rewrite_all,
            counter,
            max(workers, 1),
        )


def _rebuild(
    on: date,
    batch_size: int,
    progress: Progress | None,
    parallel: bool | None,
    rewrite_all: bool,
    written: list[int],
    workers: int = 1,
) -> int:
    started = timezone.now()
    phase = _Phases()
    version, profile = selectors.profile_current()
    lo, hi = selectors.teacher_id_bounds()
    total = Teacher.objects.count()
    h_start, h_end = intervals.horizon_for(on)
    with transaction.atomic():
        _build_lock()  # waits for writes that read the old horizon
        intervals.build_begin()
    ranges = [(start, min(start + batch_size, hi)) for start in range(lo, hi, batch_size)]
    if parallel is None:
        parallel = connection.vendor == "postgresql" and not connection.in_atomic_block
    done = 0
    horizon = (h_start, h_end)
    if parallel and len(ranges) > 1:
        # The intervals go into a copy of their (emptied) table, indexed and swapped in at
        # the end; with rewrite_all, the results too (``swap``: building an index once is
        # about half the cost of keeping it current row by row).
        targets = Targets(
            results=swap.begin(_TQ) if rewrite_all else None, intervals=swap.begin(_TI)
        )
        args = (on, version, profile, total, progress, rewrite_all, written, horizon, targets)
        try:
            if workers > 1:
                done = _rebuild_forked(ranges, workers, *args)
            else:
                done = _rebuild_pipelined(ranges, *args)
            phase("evaluated and written")
            # The results' chain and the counts' chain on two connections at once.
            gone = _gone_of(targets)
            swap.side_by_side(
                lambda: _results_finish(targets, lo, hi),
                lambda: intervals.build_finish(
                    h_start, h_end, version, copy=targets.intervals, gone=gone
                ),
            )
            phase("indexed, counted and swapped in")
        except BaseException:
            for table in (_TQ, _TI, *intervals.COUNT_TABLES):
                swap.drop(table)
            raise
    else:
        for start, end in ranges:
            with transaction.atomic():
                loaded = selectors.records_for_id_range(start, end)
                ivs: list[intervals.Interval] = []
                rows = evaluate_rows(loaded, on, version, profile, horizon, ivs)
                written[0] += _replace_range(start, end, rows, rewrite_all=rewrite_all)
                intervals.write_intervals(ivs)
            done += len(rows)
            if progress is not None:
                progress(done, total)
        phase("evaluated and written")
        _results_finish(Targets(None, None), lo, hi)
        intervals.build_finish(h_start, h_end, version)
        phase("school totals and counts by date")
    _analyze(vacuum=parallel and len(ranges) > 1)
    phase("analyzed")
    _reevaluate_written_since(started, on)
    _mark_applied(version)
    phase("writes made meanwhile")
    logger.info("full build of %d teachers: %s", done, phase)
    return done


class Targets(NamedTuple):
    """Where a parallel full build writes: the copies of the tables it swaps in at its end
    (``swap``); None: the table itself."""

    results: str | None
    intervals: str | None


_TI = TeacherLevelInterval._meta.db_table


# Rows of teachers deleted while a build ran (after their id range was read): alias x.
_GONE = f"NOT EXISTS (SELECT 1 FROM {Teacher._meta.db_table} t WHERE t.id = x.teacher_id)"


def _gone_of(targets: Targets) -> list[int]:
    """The teachers deleted during the build whose rows its copies hold: read from the
    results' copy when there is one (one row a teacher: 0.9 s at national size, against
    4.3 s over the intervals' 2.3 M rows), else from the intervals' copy."""
    source = targets.results or targets.intervals
    with connection.cursor() as cur:
        cur.execute(f"SELECT DISTINCT x.teacher_id FROM {source} x WHERE {_GONE}")
        return [r[0] for r in cur.fetchall()]


def _results_finish(targets: Targets, lo: int, hi: int) -> None:
    """The results of a build: its copy indexed and swapped in (rows of teachers gone
    meanwhile dropped in the same step), or else results left outside the id ranges
    (teachers deleted meanwhile) deleted; then the schools' totals recounted."""
    if targets.results:
        renames = swap.index(_TQ)
        swap.finish(_TQ, renames, after=f"DELETE FROM {_TQ} x WHERE {_GONE}")
    else:
        TeacherQualification.objects.filter(teacher_id__lt=lo).delete()
        TeacherQualification.objects.filter(teacher_id__gte=hi).delete()
    stats_rebuild()


class _Phases:
    """Wall time of a build's steps, for its log line: ``phase(name)`` ends a step."""

    def __init__(self) -> None:
        self.mark = time.perf_counter()
        self.parts: list[str] = []

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.parts.append(f"{name} {now - self.mark:.1f} s")
        self.mark = now

    def __str__(self) -> str:
        return ", ".join(self.parts)


# Teacher writes (``_reevaluate_chunk``) hold this lock shared, a full build takes it alone.
_BUILD_LOCK = 0x5153_5245_4255  # any constant of our own: "QSREBU"


# Held (session-wide) for the whole of a full build, so that a write finding no horizon can
# tell "a build is under way: mark the teacher for its end" from "none has ever run".
_BUILDING_LOCK = _BUILD_LOCK + 1
_building_here = [0]  # builds running in this process (the session's own lock is re-entrant)


@contextmanager
def _building() -> Iterator[None]:
    _building_here[0] += 1
    # On a connection of its own: the build closes its connections before forking workers.
    holder = connection.copy() if connection.vendor == "postgresql" else None
    try:
        if holder is not None:
            with holder.cursor() as cur:
                cur.execute("SELECT pg_advisory_lock(%s)", [_BUILDING_LOCK])
        yield
    finally:
        _building_here[0] -= 1
        if holder is not None:
            holder.close()  # ends the session, and its lock with it


def _build_under_way() -> bool:
    """Whether a full build runs now (this process, or on PostgreSQL any session)."""
    if _building_here[0]:
        return True
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cur:
        # Granted when no build holds it, and given back at once: holding it would make a
        # build wait for this transaction. (A build that starts after this check cannot
        # empty the horizon before this write commits: _build_lock.)
        cur.execute("SELECT pg_try_advisory_lock_shared(%s)", [_BUILDING_LOCK])
        free = cur.fetchone()[0]
        if free:
            cur.execute("SELECT pg_advisory_unlock_shared(%s)", [_BUILDING_LOCK])
        return not free


def _touch_if_building(ids: Sequence[int]) -> None:
    """A write that found no horizon: if a build runs, mark the teachers (updated_at) for the
    build to take up at its end; if none has ever run, there is nothing to mark."""
    if ids and _build_under_way():
        from shuangshi.teachers.services import teachers_touch  # it imports this module

        teachers_touch(teacher_ids=ids)


def _build_lock(*, shared: bool = False) -> None:
    """PostgreSQL advisory lock for the rest of the transaction (nothing elsewhere)."""
    if connection.vendor != "postgresql":
        return
    fn = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    with connection.cursor() as cur:
        cur.execute(f"SELECT {fn}(%s)", [_BUILD_LOCK])


def _reevaluate_written_since(started: datetime, on: date) -> list[int]:
    """Re-evaluate the teachers written while a full build ran.

    The build reads each id range once: a teacher written after its range was read would
    keep the build's stale result, and a write that found no horizon (the build empties it
    first) leaves the intervals to the build. Such writes mark the teacher (updated_at, in
    their own transaction); once every write that read no horizon has committed (the lock
    taken alone, after the new horizon is in), the marked teachers are re-evaluated here."""
    with transaction.atomic():
        _build_lock()
    ids = list(Teacher.objects.filter(updated_at__gte=started).values_list("pk", flat=True))
    if ids:
        teachers_reevaluate(teacher_ids=ids, on=on)
    return ids


def _analyze(*, vacuum: bool = False) -> None:
    """Fresh planner statistics after rewriting the derived tables (PostgreSQL): without
    them "is any result due?" (changes_on <= today) scans every row instead of the index.

    ``vacuum`` (the tables were swapped in, outside a transaction): VACUUM too, about a
    second at national size. Without it the first reads of the new tables set every row's
    hint bits and index-only scans find no visibility map: the province's teacher list
    served 71 requests a second right after a build, 199 once vacuumed."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(
        m._meta.db_table for m in (TeacherQualification, SchoolStats, *intervals.DERIVED)
    )
    with connection.cursor() as cur:
        if vacuum and not connection.in_atomic_block:
            cur.execute(f"VACUUM (ANALYZE) {tables}")
        else:
            cur.execute(f"ANALYZE {tables}")


def _mark_applied(version: int) -> None:
    RuleProfile.objects.filter(version=version, applied_at__isnull=True).update(
        applied_at=timezone.now()
    )


_DONE = object()


def _rebuild_pipelined(
    ranges: list[tuple[int, int]],
    on: date,
    version: int,
    profile: engine.RuleProfile,
    total: int,
    progress: Progress | None,
    rewrite_all: bool,
    written: list[int],
    horizon: tuple[date, date],
    targets: Targets,
) -> int:
    import queue
    import threading

    loaded_q: queue.Queue[Any] = queue.Queue(maxsize=1)
    rows_q: queue.Queue[Any] = queue.Queue(maxsize=1)
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for start, end in ranges:
                if errors:
                    break
                loaded_q.put((start, end, selectors.records_for_id_range(start, end)))
        except BaseException as exc:  # handed to the main thread
            errors.append(exc)
        finally:
            loaded_q.put(_DONE)
            connection.close()

    def writer() -> None:
        try:
            while (item := rows_q.get()) is not _DONE:
                if errors:
                    continue
                start, end, rows, ivs = item
                with transaction.atomic():
                    swap.bulk_settings()
                    written[0] += _replace_range(
                        start, end, rows, rewrite_all=rewrite_all, fresh=targets.results
                    )
                    intervals.write_intervals(ivs, table=targets.intervals)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
    for t in threads:
        t.start()
    done = 0
    try:
        while (item := loaded_q.get()) is not _DONE:
            start, end, loaded = item
            ivs: list[intervals.Interval] = []
            rows = evaluate_rows(loaded, on, version, profile, horizon, ivs)
            rows_q.put((start, end, rows, ivs))
            done += len(rows)
            if progress is not None:
                progress(done, total)
    except BaseException as exc:
        errors.append(exc)
        while loaded_q.get() is not _DONE:  # let the reader finish
            pass
    finally:
        rows_q.put(_DONE)
        for t in threads:
            t.join()
    if errors:
        raise errors[0]
    return done


def _rebuild_forked(
    ranges: list[tuple[int, int]],
    workers: int,
    on: date,
    version: int,
    profile: engine.RuleProfile,
    total: int,
    progress: Progress | None,
    rewrite_all: bool,
    written: list[int],
    horizon: tuple[date, date],
    targets: Targets,
) -> int:
    """``workers`` forked processes, each reading, evaluating and writing every
    ``workers``-th id range on its own connection (PostgreSQL, outside a transaction):
    Python no longer runs on one core only. The children report each batch (teachers,
    results written) here; the first failure stops them all and is raised."""
    import multiprocessing
    import queue

    from django.db import connections

    connections.close_all()  # a child must never share the parent's connection
    ctx = multiprocessing.get_context("fork")
    reports: Any = ctx.Queue()
    args = (on, version, profile, rewrite_all, horizon, targets, reports)
    procs = [
        ctx.Process(target=_rebuild_worker, args=(ranges[k::workers], *args), daemon=True)
        for k in range(workers)
    ]
    for p in procs:
        p.start()
    done, failures, running = 0, [], len(procs)
    try:
        while running:
            try:
                kind, *data = reports.get(timeout=1.0)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in procs):
                    failures.append("a re-evaluation worker died")
                    break
                continue
            if kind == "batch":
                done += data[0]
                written[0] += data[1]
                if progress is not None:
                    progress(done, total)
            elif kind == "error":
                failures.append(data[0])
                break
            else:  # "end"
                running -= 1
    finally:
        for p in procs:
            if failures and p.is_alive():
                p.terminate()
            p.join()
    if failures:
        raise RuntimeError(f"full re-evaluation failed in a worker:\n{failures[0]}")
    return done


def _rebuild_worker(
    ranges: list[tuple[int, int]],
    on: date,
    version: int,
    profile: engine.RuleProfile,
    rewrite_all: bool,
    horizon: tuple[date, date],
    targets: Targets,
    reports: Any,
) -> None:
    """One forked worker of ``_rebuild_forked``: its id ranges, one transaction each."""
    import traceback

    try:
        for start, end in ranges:
            loaded = selectors.records_for_id_range(start, end)
            ivs: list[intervals.Interval] = []
            rows = evaluate_rows(loaded, on, version, profile, horizon, ivs)
            del loaded
            with transaction.atomic():
                swap.bulk_settings()
                n = _replace_range(start, end, rows, rewrite_all=rewrite_all, fresh=targets.results)
                intervals.write_intervals(ivs, table=targets.intervals)
            reports.put(("batch", len(rows), n))
        reports.put(("end",))
    except BaseException:
        reports.put(("error", traceback.format_exc()))
    finally:
        connection.close()


def qualifications_refresh_due(
    *, on: date | None = None, batch_size: int = 5000, progress: Progress | None = None
) -> int:
    """Re-evaluate only the results that may have changed by themselves since last time.

    Without dated results built under the profile in force (none yet: a new installation,
    or a rebuild that never finished), everyone is evaluated and they are built
    (qualifications_rebuild): the trend, the forecast and the teacher list's dated levels
    read them, and fall back to the month's recorded snapshot without them, which a
    back-dated write leaves stale (DESIGN §4)."""
    on = on or timezone.localdate()
    version, _profile = selectors.profile_current()
    h = intervals.horizon()
    if h is None or h.profile_version != version:
        return qualifications_rebuild(on=on, progress=progress)
    due = TeacherQualification.objects.filter(changes_on__lte=on) | (
        TeacherQualification.objects.exclude(profile_version=version)
    )
    ids = list(due.values_list("teacher_id", flat=True))
    missing = Teacher.objects.filter(qualification__isnull=True).values_list("id", flat=True)
    ids = sorted(set(ids) | set(missing))
    for i in range(0, len(ids), batch_size):
        teachers_reevaluate(teacher_ids=ids[i : i + batch_size], on=on)
        if progress is not None:
            progress(min(i + batch_size, len(ids)), len(ids))
    _mark_applied(version)
    return len(ids)


# --------------------------------------------------------------------------- profiles & targets


class ProfileInvalid(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


# Above this many teachers a new profile is not applied inside the request that stores it
# (it would outlast a web worker's timeout): `reevaluate` applies it (results of an older
# profile version count as due). Settings may override it.
INLINE_REBUILD_MAX = 200_000


def rule_profile_update(
    *,
    values: dict[str, Any],
    note: str = "",
    user: User | None = None,
    reevaluate: bool | None = None,
) -> RuleProfile:
    """Store a new profile version (changes on top of the current one) and apply it.

    The version commits first; then everyone is re-evaluated (pipelined when outside a
    caller's transaction).  Should that be interrupted, ``reevaluate --due`` finishes it:
    results of an older profile version count as due.
    """
    with transaction.atomic():
        version, current = selectors.profile_current()
        profile = _profile_with_changes(current, values)
        row = RuleProfile.objects.create(
            version=version + 1, values=profile.as_dict(), note=note, created_by=user
        )
    if reevaluate is None:
        limit = getattr(settings, "QUALIFICATION_INLINE_REBUILD_MAX", INLINE_REBUILD_MAX)
        reevaluate = Teacher.objects.count() <= limit
    row.reevaluated = qualifications_rebuild() if reevaluate else None  # type: ignore[attr-defined]
    return row


def _profile_with_changes(
    current: engine.RuleProfile, values: dict[str, Any]
) -> engine.RuleProfile:
    unknown = sorted(set(values) - set(engine.RuleProfile.__dataclass_fields__))
    if unknown:
        raise ProfileInvalid(dict.fromkeys(unknown, _("unknown setting")))
    merged = {**current.as_dict(), **values}
    details = engine.profile_error_details(merged)
    if details:
        # The engine's templates are msgids: the reader's language, the engine's values.
        raise ProfileInvalid({name: _(msg) % params for name, (msg, params) in details.items()})
    return engine.RuleProfile.from_dict(merged)


class PreviewTooLarge(Exception):
    """More teachers than one request may evaluate."""


def rule_profile_preview(
    *, values: dict[str, Any], target: Decimal | None = None, on: date | None = None
) -> dict[str, Any]:
    """How many schools would change status under changed thresholds (and/or target).

    Nothing is stored. Everyone is evaluated under the proposed profile, so the preview is
    refused above the inline re-evaluation limit (the same limit as applying a profile).
    """
    limit = getattr(settings, "QUALIFICATION_INLINE_REBUILD_MAX", INLINE_REBUILD_MAX)
    if Teacher.objects.count() > limit:
        raise PreviewTooLarge
    on = on or timezone.localdate()
    _version, current = selectors.profile_current()
    proposed = _profile_with_changes(current, values)
    now_target = selectors.ratio_target()
    new_target = now_target if target is None else target
    before = selectors.counts_with_profile(on, current)
    after = selectors.counts_with_profile(on, proposed)
    schools = School.objects.order_by("code").values_list("pk", "code", "name")
    changed: list[dict[str, Any]] = []
    meets = {"before": 0, "after": 0}
    totals = {"before": [0, 0], "after": [0, 0]}
    for pk, code, name in schools:
        row = {}
        for when, counts, tgt in (("before", before, now_target), ("after", after, new_target)):
            c = counts.get(pk) or selectors.Counts()
            ok = engine.meets_target(c.qualified, c.in_scope, tgt)
            meets[when] += bool(ok)
            totals[when][0] += c.qualified
            totals[when][1] += c.in_scope
            row[when] = {"qualified": c.qualified, "in_scope": c.in_scope, "meets_target": ok}
        if row["before"]["meets_target"] != row["after"]["meets_target"]:
            changed.append({"id": pk, "code": code, "name": name, **row})
    ratio = {w: engine.api_share(engine.ratio(q, n)) for w, (q, n) in totals.items()}
    return {
        "as_of": on,
        "schools": len(schools),
        "meeting_target_now": meets["before"],
        "meeting_target_after": meets["after"],
        "newly_meeting": sum(1 for c in changed if c["after"]["meets_target"]),
        "newly_below": sum(1 for c in changed if not c["after"]["meets_target"]),
        "province_ratio_now": ratio["before"],
        "province_ratio_after": ratio["after"],
        "qualified_now": totals["before"][0],
        "qualified_after": totals["after"][0],
        "changed_schools": changed[:100],
    }


@transaction.atomic
def target_update(*, code: str, data: dict[str, Any], user: User | None = None) -> Target:
    stored = Target.objects.select_for_update().filter(code=code).first()
    target = stored or selectors.target_get(code)  # unsaved: the defaults
    values = {f: data[f] for f in ("value", "deadline") if f in data}
    if not changed_values(target, values):
        # The values it has ("0.6" is 0.6000, Decimals): no new version, no audit entry.
        return target
    if stored is None:  # the first edit: logged as a change from the defaults
        target = audit.defaults_stored(target, code=code)
    for field, value in values.items():
        setattr(target, field, value)
    target.updated_by = user
    target.version += 1  # the default (unsaved) target reads as version 1 too
    target.save()
    return target


# --------------------------------------------------------------------------- snapshots


def month_end(month: date) -> date:
    nxt = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def month_just_ended(today: date) -> date:
    """The first day of the month before ``today``'s."""
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


class MonthNotEnded(ValueError):
    """A snapshot asked for a month whose last day is still to come."""


@transaction.atomic
def ratios_snapshot(*, month: date | None = None) -> int:
    """Store a month's counts per school, per city and for the province, as they stood on
    the month's last day (DESIGN §4: the job on the 1st records the month just ended).

    Without ``month``, the month just ended. A month whose last day is still to come has
    no point yet (the trend shows the current month live): MonthNotEnded.
    """
    today = timezone.localdate()
    month = (month or month_just_ended(today)).replace(day=1)
    last_day = month_end(month)
    if last_day > today:
        raise MonthNotEnded(f"{month:%Y-%m} ends on {last_day}, after today ({today})")
    evaluated = selectors.counts_at(last_day)
    counts = {sid: (c.in_scope, c.qualified) for sid, c in evaluated.items()}
    cities = dict(School.objects.values_list("id", "city_id"))
    rows: list[RatioSnapshot] = []
    by_city: dict[int, list[int]] = {}
    total = [0, 0]
    S = RatioSnapshot.Scope
    for sid, (n, q) in counts.items():
        if sid not in cities:
            continue
        rows.append(RatioSnapshot(month=month, scope=S.SCHOOL, key=sid, in_scope=n, qualified=q))
        acc = by_city.setdefault(cities[sid], [0, 0])
        acc[0] += n
        acc[1] += q
        total[0] += n
        total[1] += q
    for cid, (n, q) in by_city.items():
        rows.append(RatioSnapshot(month=month, scope=S.CITY, key=cid, in_scope=n, qualified=q))
    rows.append(
        RatioSnapshot(month=month, scope=S.PROVINCE, key=0, in_scope=total[0], qualified=total[1])
    )
    RatioSnapshot.objects.filter(month=month).delete()
    RatioSnapshot.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
