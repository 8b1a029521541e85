"""Reads for qualification: plain-row loading for the engine, ratios, trend and candidates.

Bulk evaluation reads rows with raw SQL (no model instances): it is the hot path of the
nightly re-evaluation and of ``as_of`` reads, and must stay fast at national scale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache, partial
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple, cast

from django.db import connection
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import schools_visible_to
from shuangshi.common.collector import gc_paused
from shuangshi.mentors.selectors import mentor_counts_by_school
from shuangshi.schools.models import School
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher, TeacherFact
from shuangshi.training.models import (
    BaseStatusChange,
    TrainingBase,
    TrainingCompletion,
    TrainingProgram,
)

from . import engine
from .models import (
    DEFAULT_TARGETS,
    STAT_FIELDS,
    IntervalHorizon,
    RatioSnapshot,
    RuleProfile,
    SchoolCountDelta,
    SchoolCountMonth,
    SchoolStats,
    Target,
    TargetCode,
    TeacherLevelInterval,
    TeacherQualification,
)

# --------------------------------------------------------------------------- profile & targets


@lru_cache(maxsize=32)
def _profile_from_json(version: int, values_json: str) -> engine.RuleProfile:
    import json

    return engine.RuleProfile.from_dict(json.loads(values_json))


def _latest_profiles() -> QuerySet[RuleProfile]:
    return RuleProfile.objects.order_by("-version")


def profile_current() -> tuple[int, engine.RuleProfile]:
    """The rule profile in force: (version, thresholds). Version 0 is the built-in default."""
    row = _latest_profiles().values_list("version", "values").first()
    if row is None:
        return 0, engine.DEFAULT_PROFILE
    return profile_of(row[0], row[1])


def profile_version_current() -> int:
    """The version of the rule profile in force (0: the built-in default), without reading
    its thresholds. One indexed read."""
    return _latest_profiles().values_list("version", flat=True).first() or 0


def profile_version_sql() -> str:
    """profile_version_current as an SQL expression, for a query that reads it with its rows
    instead of in a statement of its own (the teacher list's page: teachers.selectors). The
    same query as profile_version_current, compiled: the rule lives in _latest_profiles."""
    sql, params = _latest_profiles().values("version")[:1].query.sql_with_params()
    assert not params  # the text is used as it is, inside another statement
    return f"COALESCE(({sql}), 0)"


def id_array(ids: Iterable[int]) -> str:
    """Ids as one PostgreSQL array literal, for ``= ANY(%s::bigint[])``: one text parameter
    instead of a placeholder (or a list adapter) per id; 240,000 of those cost psycopg
    seconds (the province's base statistics)."""
    return "{" + ",".join(map(str, ids)) + "}"


def results_meeting(
    teacher_ids: Iterable[int], on: date, rule: str, version: int | None = None
) -> tuple[set[int], dict[int, int]] | None:
    """From the stored results, without the engine: (the listed teachers whose stored result
    does not hold on ``on`` under the profile in force, who need evaluating; and the ones
    whose result holds and is qualified with ``rule`` met, each with their rules' outcomes
    on ``on`` as bits: bit i is ``Evaluation.mets[i]``). A stored result holds until its
    changes_on, the next date any rule's outcome changes, so its bits are the outcomes on
    every day it holds. One statement on PostgreSQL, which leaves out the rest (most of the
    province's 240,000 for its base statistics); None elsewhere (evaluate everyone).
    ``version``: the rule profile's in force, when the caller has read it already."""
    if connection.vendor != "postgresql":
        return None
    if version is None:
        version = profile_current()[0]
    bit = 1 << engine.REASON_CODES.index(rule)
    unanswered: set[int] = set()
    meeting: dict[int, int] = {}
    sql = f"""
        SELECT i.id, (r.reasons->>0)::bigint
        FROM unnest(%s::bigint[]) AS i(id)
        LEFT JOIN {TeacherQualification._meta.db_table} r
          ON r.teacher_id = i.id AND r.profile_version = %s
          AND r.evaluated_on <= %s AND (r.changes_on IS NULL OR r.changes_on > %s)
        WHERE r.teacher_id IS NULL
           OR (r.level <> 'none' AND (r.reasons->>0)::bigint & %s <> 0)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [id_array(teacher_ids), version, on, on, bit])
        for teacher_id, bits in cursor.fetchall():
            if bits is None:
                unanswered.add(teacher_id)
            else:
                meeting[teacher_id] = bits
    return unanswered, meeting


def results_current(on: date, school_ids: Sequence[int] | None = None) -> bool:
    """Whether the stored results hold on ``on``: none has reached its changes_on and the
    profile in force has been applied to everyone. Two indexed look-ups."""
    latest = RuleProfile.objects.order_by("-version").values_list("applied_at", flat=True)[:1]
    if latest and latest[0] is None:
        return False
    due = TeacherQualification.objects.filter(changes_on__lte=on)
    if school_ids is not None:
        due = due.filter(school_id__in=school_ids)
    return not due.exists()


def profile_of(version: int, values: dict[str, Any]) -> tuple[int, engine.RuleProfile]:
    import json

    return version, _profile_from_json(version, json.dumps(values, sort_keys=True))


def profile_by_version(version: int) -> engine.RuleProfile:
    if version == 0:
        return engine.DEFAULT_PROFILE
    values = RuleProfile.objects.filter(version=version).values_list("values", flat=True).first()
    if values is None:
        return engine.DEFAULT_PROFILE
    return profile_of(version, values)[1]


def target_get(code: str) -> Target:
    target = Target.objects.filter(code=code).first()
    if target is None:
        value, deadline = DEFAULT_TARGETS[TargetCode(code)]
        target = Target(code=code, value=value, deadline=deadline)
    return target


def ratio_target() -> Decimal:
    return target_get(TargetCode.DUAL_QUALIFIED_RATIO).value


def targets_list() -> list[Target]:
    return [target_get(code) for code in TargetCode.values]


def active_bases_count() -> int:
    return TrainingBase.objects.filter(status="active").count()


# --------------------------------------------------------------------------- plain-row loading


_T = Teacher._meta.db_table
_C = Certificate._meta.db_table
_P = EnterprisePeriod._meta.db_table
_TC = TrainingCompletion._meta.db_table
_TP = TrainingProgram._meta.db_table
_TB = TrainingBase._meta.db_table
_TF = TeacherFact._meta.db_table


# Bulk rows: named tuples with the attributes of the engine's input dataclasses (the engine
# only reads attributes), built straight from database rows at a fraction of the cost.


class TeacherRow(NamedTuple):
    id: int
    school_id: int
    employment: str
    course_type: str
    hired_on: date | None
    left_on: date | None
    teaching_since: date | None
    title: str
    education: str
    normal_graduate: bool
    major_category: str | None


class CertificateRow(NamedTuple):
    teacher_id: int
    kind: str
    level: str
    issued_on: date | None
    expires_on: date | None
    field_category: str | None


class FactRow(NamedTuple):
    teacher_id: int
    field: str
    value: str
    effective_on: date


class PeriodRow(NamedTuple):
    teacher_id: int
    kind: str
    start_on: date
    end_on: date | None


class CompletionRow(NamedTuple):
    teacher_id: int
    hours: int
    passed: bool
    completed_on: date
    base_active: bool  # the base was active on completed_on and the completion not voided
    base_id: int


class Loaded(NamedTuple):
    """One teacher's rows; usable wherever the engine wants a TeacherRecord."""

    facts: TeacherRow
    certificates: list[CertificateRow] | tuple[()]
    periods: list[PeriodRow] | tuple[()]
    completions: list[CompletionRow] | tuple[()]
    history: list[FactRow] | tuple[()] = ()

    @property
    def teacher_id(self) -> int:
        return self.facts.id

    @property
    def school_id(self) -> int:
        return self.facts.school_id

    @property
    def record(self) -> engine.TeacherRecord:
        return cast(engine.TeacherRecord, self)


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _completions_sql(where: str) -> str:
    return (
        f"SELECT c.teacher_id, c.hours, c.passed, c.completed_on, p.base_id, c.voided "
        f"FROM {_TC} c JOIN {_TP} p ON p.id = c.program_id "
        f"WHERE {where.replace('teacher_id', 'c.teacher_id')} ORDER BY c.teacher_id"
    )


def _completion_rows(comps: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Completion rows as the engine reads them (``CompletionRow``): E_TRAINING counts one
    only at a base active on the completion date, and not voided."""
    if not comps:
        return comps
    if connection.vendor != "postgresql":  # SQLite hands dates back as text
        comps = [(t, h, bool(p), _as_date(c), b, bool(v)) for t, h, p, c, b, v in comps]
    bases = base_status_history()
    return [(t, h, p, c, not v and base_active_on(bases, b, c), b) for t, h, p, c, b, v in comps]


def _child_rows(
    where: str, params: Sequence[Any], *, ranged: bool = False
) -> tuple[list, list, list, list]:
    """The records of the teachers ``where`` names (on ``teacher_id``): an id range for the
    build (``ranged``), else a list of ids."""
    # Only confirmed certificates and periods count (DESIGN §3 record status).
    certs = _fetch(
        f"SELECT teacher_id, kind, level, issued_on, expires_on, field_category FROM {_C} "
        f"WHERE {where} AND status = 'confirmed' ORDER BY teacher_id",
        params,
    )
    periods = _fetch(
        f"SELECT teacher_id, kind, start_on, end_on FROM {_P} "
        f"WHERE {where} AND status = 'confirmed' ORDER BY teacher_id",
        params,
    )
    comps = _fetch(_completions_sql(where), params)
    # Dated facts, only for teachers whose history goes past hired_on (the others have no
    # rows, or only rows dated hired_on): the teachers found first, then their rows. A range
    # is stated on the facts too (the planner does not carry it into the subquery and would
    # scan every fact); a list of ids is not (the facts of all the listed teachers were read
    # first, then the few with a history kept: 127 ms instead of 27 ms for 7,000 teachers).
    f_where = f"{where.replace('teacher_id', 'f.teacher_id')} AND " if ranged else ""
    t_where = where.replace("teacher_id", "t.id")
    facts = _fetch(
        f"SELECT f.teacher_id, f.field, f.value, f.effective_on FROM {_TF} f "
        f"WHERE {f_where}f.teacher_id IN "
        f"(SELECT t.id FROM {_T} t WHERE {t_where} AND t.facts_since > t.hired_on) "
        f"ORDER BY f.teacher_id, f.effective_on",
        [*params, *params] if ranged else params,
    )
    return certs, periods, comps, facts


def base_status_history() -> dict[int, list[tuple[date, str]]]:
    """Each training base's dated statuses, oldest first (bases are few: read them all)."""
    out: dict[int, list[tuple[date, str]]] = {}
    rows = BaseStatusChange.objects.order_by("base_id", "effective_on", "id").values_list(
        "base_id", "effective_on", "status"
    )
    for base_id, on, status in rows:
        out.setdefault(base_id, []).append((_as_date(on), status))  # type: ignore[arg-type]
    return out


def base_active_on(history: dict[int, list[tuple[date, str]]], base_id: int, on: date) -> bool:
    """Whether the base was ``active`` on ``on`` (DESIGN §4 E_TRAINING)."""
    status = None
    for since, value in history.get(base_id, ()):
        if since > on:
            break
        status = value
    return status == "active"


def _group(rows: Iterable[Any]) -> dict[int, list[Any]]:
    """Rows sorted by teacher id, grouped by it (groupby runs in C)."""
    return {key: list(group) for key, group in groupby(rows, _first)}


_first = itemgetter(0)


def _build(
    teachers: list[tuple[Any, ...]], certs: list, periods: list, comps: list, facts: list
) -> list[Loaded]:
    d = _as_date
    if connection.vendor != "postgresql":  # SQLite hands dates back as text
        certs = [(t, k, lv, d(a), d(b), fc) for t, k, lv, a, b, fc in certs]
        periods = [(t, k, d(a), d(b)) for t, k, a, b in periods]
        facts = [(t, f, v, d(o)) for t, f, v, o in facts]
        teachers = [
            (i, s, e, c, d(h), d(lo), d(ts), ti, ed, bool(n), mc)
            for i, s, e, c, h, lo, ts, ti, ed, n, mc in teachers
        ]
    comps = _completion_rows(comps)
    # tuple.__new__ straight away: namedtuple._make adds a Python frame per row.
    new = tuple.__new__
    cert_map = _group(map(partial(new, CertificateRow), certs))
    period_map = _group(map(partial(new, PeriodRow), periods))
    comp_map = _group(map(partial(new, CompletionRow), comps))
    fact_map = _group(map(partial(new, FactRow), facts))
    empty: tuple[()] = ()
    return [
        new(
            Loaded,
            (
                row,
                cert_map.get(row[0], empty),
                period_map.get(row[0], empty),
                comp_map.get(row[0], empty),
                fact_map.get(row[0], empty),
            ),
        )
        for row in map(partial(new, TeacherRow), teachers)
    ]


_TEACHER_COLS = (
    "id, school_id, employment, course_type, hired_on, left_on, teaching_since, title, "
    "education, normal_graduate, major_category"
)


def _ids_where(ids: list[int]) -> tuple[str, list[Any]]:
    """A condition on ``teacher_id`` naming these ids, and its parameters."""
    if connection.vendor == "postgresql":
        # One array parameter, as one text literal: an IN list of 240,000 placeholders cost
        # psycopg 7 s to split, five times over (the province's base statistics), and its
        # list adapter 2 s.
        return "teacher_id = ANY(%s::bigint[])", [id_array(ids)]
    return f"teacher_id IN ({', '.join(['%s'] * len(ids))})", list(ids)


def completions_for_ids(teacher_ids: Iterable[int], up_to: date) -> dict[int, list[CompletionRow]]:
    """Each listed teacher's completions on or before ``up_to``, as the engine reads them."""
    ids = sorted(set(teacher_ids))
    if not ids:
        return {}
    where, params = _ids_where(ids)
    rows = _fetch(_completions_sql(f"{where} AND c.completed_on <= %s"), [*params, up_to])
    return _group(map(partial(tuple.__new__, CompletionRow), _completion_rows(rows)))


def records_for_ids(teacher_ids: Iterable[int]) -> list[Loaded]:
    ids = sorted(set(teacher_ids))
    if not ids:
        return []
    where, params = _ids_where(ids)
    teachers = _fetch(
        f"SELECT {_TEACHER_COLS} FROM {_T} WHERE {where.replace('teacher_id', 'id')}", params
    )
    return _build(teachers, *_child_rows(where, params))


def records_for_id_range(lo: int, hi: int, school_ids: Sequence[int] | None = None) -> list[Loaded]:
    """Teachers with lo <= id < hi (optionally only of these schools)."""
    where, params = "id >= %s AND id < %s", [lo, hi]
    if school_ids is not None:
        if not school_ids:
            return []
        where += f" AND school_id IN ({', '.join(['%s'] * len(school_ids))})"
        params += list(school_ids)
    teachers = _fetch(f"SELECT {_TEACHER_COLS} FROM {_T} WHERE {where} ORDER BY id", params)
    if not teachers:
        return []
    child = "teacher_id >= %s AND teacher_id < %s"
    loaded = _build(teachers, *_child_rows(child, [lo, hi], ranged=True))
    return loaded


def teacher_id_bounds(school_ids: Sequence[int] | None = None) -> tuple[int, int]:
    qs = Teacher.objects.all()
    if school_ids is not None:
        qs = qs.filter(school_id__in=school_ids)
    from django.db.models import Max, Min

    agg = qs.aggregate(lo=Min("id"), hi=Max("id"))
    if agg["lo"] is None:
        return 0, 0
    return agg["lo"], agg["hi"] + 1


def iter_records(
    *, batch_size: int = 20000, school_ids: Sequence[int] | None = None
) -> Iterator[list[Loaded]]:
    """All teachers (or those of some schools) in id-range batches.

    Of some schools: every teacher who was at one of them at any date, by today's school
    or by a school in their dated history (DESIGN §3), so that a past date sees the
    teachers who were there then whoever asks. The caller places each at the school in
    effect on its date (``school_on``): some were elsewhere then."""
    moved = _moved_teacher_ids(school_ids) if school_ids is not None else []
    if school_ids is not None and len(school_ids) <= 50:
        # A few schools: one query by school rather than scanning id ranges.
        ids = list(
            Teacher.objects.filter(school_id__in=school_ids)
            .order_by("id")
            .values_list("id", flat=True)
        )
        ids = sorted([*ids, *moved])  # disjoint: the moved are at another school today
        for i in range(0, len(ids), batch_size):
            yield records_for_ids(ids[i : i + batch_size])
        return
    lo, hi = teacher_id_bounds(school_ids)
    for start in range(lo, hi, batch_size):
        batch = records_for_id_range(start, min(start + batch_size, hi), school_ids)
        if batch:
            yield batch
    for i in range(0, len(moved), batch_size):
        yield records_for_ids(moved[i : i + batch_size])


def _moved_teacher_ids(school_ids: Sequence[int]) -> list[int]:
    """Teachers at another school today whose dated history names one of these schools
    (a school fact's value is the school's id as text). One statement over the school
    rows of the dated facts, which only teachers who changed school have."""
    if not school_ids:
        return []
    return list(
        TeacherFact.objects.filter(field="school", value__in=[str(s) for s in school_ids])
        .exclude(teacher__school_id__in=school_ids)
        .order_by("teacher_id")
        .values_list("teacher_id", flat=True)
        .distinct()
    )


def school_on(item: Loaded, on: date) -> int:
    """The school a loaded teacher was at on ``on`` (DESIGN §3 dated facts)."""
    if not item.history:
        return item.facts.school_id
    return int(engine.facts_at(item.facts, item.history, on.toordinal())[0].school_id)


def facts_on(teacher_ids: Iterable[int], on: date) -> dict[int, TeacherRow]:
    """Each listed teacher's facts in effect on ``on`` (school, employment, course type,
    title and category as the engine reads them; hired_on and left_on as they are): the
    teacher rows and their dated facts, two statements per 20,000 teachers, without the
    certificates, periods and completions an evaluation reads."""
    ids = sorted(set(teacher_ids))
    d = on.toordinal()
    out: dict[int, TeacherRow] = {}
    for i in range(0, len(ids), 20000):
        where, params = _ids_where(ids[i : i + 20000])
        teachers = _fetch(
            f"SELECT {_TEACHER_COLS} FROM {_T} WHERE {where.replace('teacher_id', 'id')}", params
        )
        # As the loader (_child_rows): history only past hired_on.
        facts = _fetch(
            f"SELECT f.teacher_id, f.field, f.value, f.effective_on FROM {_TF} f "
            f"JOIN {_T} t ON t.id = f.teacher_id "
            f"WHERE {where.replace('teacher_id', 'f.teacher_id')} "
            f"AND t.facts_since > t.hired_on ORDER BY f.teacher_id, f.effective_on",
            params,
        )
        for item in _build(teachers, [], [], [], facts):
            f = item.facts
            if item.history:
                f = engine.facts_at(f, item.history, d)[0]
            out[item.teacher_id] = f
    return out


def prefetched(batches: Iterator[list[Loaded]]) -> Iterator[list[Loaded]]:
    """Read the next batch in a helper thread (own connection) while the caller works on
    this one. Only on PostgreSQL outside a transaction (another connection could not see
    uncommitted rows); otherwise the batches pass through."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield from batches
        return
    import queue
    import threading

    done = object()
    q: queue.Queue[Any] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def reader() -> None:
        try:
            for batch in batches:
                if stop.is_set():
                    break
                q.put(batch)
        except BaseException as exc:  # handed to the consumer
            q.put(exc)
        finally:
            q.put(done)
            connection.close()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        while (item := q.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while thread.is_alive():  # unblock a reader waiting on a full queue
            with suppress(queue.Empty):
                q.get(timeout=0.1)
        thread.join()


# --------------------------------------------------------------------------- counting


@dataclass(slots=True)
class Counts:
    in_scope: int = 0
    qualified: int = 0
    full_time: int = 0
    part_time: int = 0
    junior: int = 0
    intermediate: int = 0
    senior: int = 0
    recruitment_checked: int = 0
    recruitment_failed: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__slots__:  # type: ignore[attr-defined]
            setattr(self, name, getattr(self, name) + getattr(other, name))


def employed_on(facts: engine.TeacherFacts, on: date) -> bool:
    return (facts.hired_on is None or facts.hired_on <= on) and (
        facts.left_on is None or facts.left_on >= on
    )


def counts_at(
    on: date, school_ids: Sequence[int] | None = None, *, use_stored: bool = True
) -> dict[int, Counts]:
    """Per-school counts at ``on``, exact.

    For today or later, a stored result still holds at ``on`` when evaluated_on <= on <
    valid_until (nothing changes by itself in between, and every write re-evaluates), so
    those are summed in SQL and only the others are evaluated.  Earlier dates evaluate every
    teacher from plain rows.
    """
    with gc_paused():
        return _counts_at(on, school_ids, use_stored)


def _counts_at(on: date, school_ids: Sequence[int] | None, use_stored: bool) -> dict[int, Counts]:
    profile_version, profile = profile_current()
    if use_stored:
        looked_up = counts_from_intervals(on, school_ids, profile_version)
        if looked_up is not None:
            return looked_up
    out: dict[int, Counts] = {}
    if use_stored and on >= timezone.localdate():
        _add_stored_counts(out, on, profile_version, school_ids)
        ids = _ids_to_evaluate(on, profile_version, school_ids)
        batches: Iterable[list[Loaded]] = (
            records_for_ids(ids[i : i + 20000]) for i in range(0, len(ids), 20000)
        )
    else:
        batches = iter_records(school_ids=school_ids)
    for batch in prefetched(iter(batches)):
        _count_batch(out, batch, on, profile)
    return out


_SD = SchoolCountDelta._meta.db_table
_SM = SchoolCountMonth._meta.db_table


def counts_from_intervals(
    on: date,
    school_ids: Sequence[int] | None = None,
    version: int | None = None,
    horizon: IntervalHorizon | None = None,
) -> dict[int, Counts] | None:
    """Per-school counts at ``on`` from the stored dated results: the month row at the last
    month end before ``on`` plus the deltas after it up to ``on`` (two indexed reads).

    None when ``on`` is outside the stored horizon or the intervals were built with another
    rule profile (the caller evaluates instead). ``horizon``: the stored horizon, when the
    caller has read it already."""
    h = horizon or IntervalHorizon.objects.order_by("-pk").first()
    if version is None:
        version = profile_current()[0]
    if h is None or h.profile_version != version or not h.starts_on <= on <= h.ends_on:
        return None
    base = on.replace(day=1) - timedelta(days=1)  # last month end before on
    fields = ", ".join(STAT_FIELDS)
    out: dict[int, Counts] = {}
    if base >= h.starts_on:
        where, params = _school_filter("school_id", school_ids)
        for school_id, *values in _fetch(
            f"SELECT school_id, {fields} FROM {_SM} WHERE month_end = %s{where}",
            [base, *params],
        ):
            out[school_id] = Counts(*values)
    where, params = _school_filter("school_id", school_ids)
    sums = ", ".join(f"SUM({f})" for f in STAT_FIELDS)
    for school_id, *values in _fetch(
        f'SELECT school_id, {sums} FROM {_SD} WHERE "on" > %s AND "on" <= %s{where} '
        "GROUP BY school_id",
        [base, on, *params],
    ):
        c = out.get(school_id)
        if c is None:
            c = out[school_id] = Counts()
        c.add(Counts(*(int(v or 0) for v in values)))
    return out


def totals_at_month_ends(
    month_ends: Sequence[date], school_ids: Sequence[int] | None = None
) -> dict[date, tuple[int, int]]:
    """(in scope, qualified) summed over the schools at each of ``month_ends`` that the
    stored dated results cover (the horizon, built with the profile in force): one indexed
    read of the month rows, whatever the number of schools. Month ends outside are left out
    (the caller evaluates them or goes without)."""
    h = IntervalHorizon.objects.order_by("-pk").first()
    if h is None or h.profile_version != profile_current()[0]:
        return {}
    covered = sorted({m for m in month_ends if h.starts_on <= m <= h.ends_on})
    if not covered:
        return {}
    out = dict.fromkeys(covered, (0, 0))
    where, params = _school_filter("school_id", school_ids)
    marks = ", ".join(["%s"] * len(covered))
    for month_end, in_scope, qualified in _fetch(
        f"SELECT month_end, SUM(in_scope), SUM(qualified) FROM {_SM} "
        f"WHERE month_end IN ({marks}){where} GROUP BY month_end",
        [*covered, *params],
    ):
        day = month_end if isinstance(month_end, date) else date.fromisoformat(str(month_end))
        out[day] = (int(in_scope or 0), int(qualified or 0))
    return out


def teacher_level_on(teacher_id: int, on: date) -> TeacherLevelInterval | None:
    """The stored interval holding ``on`` for one teacher (None outside the horizon)."""
    return (
        TeacherLevelInterval.objects.filter(teacher_id=teacher_id, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .order_by("-valid_from")
        .first()
    )


# The stored horizon of dated levels, when it was built under the profile in force (no row
# otherwise): what levels_after and the teacher list's rows (level_after_sql) read.
_CURRENT_HORIZON_SQL = f"""
SELECT x.starts_on, x.ends_on FROM (
    SELECT starts_on, ends_on, profile_version FROM {IntervalHorizon._meta.db_table}
    ORDER BY id DESC LIMIT 1
) x
WHERE x.profile_version = COALESCE((SELECT MAX(version) FROM {RuleProfile._meta.db_table}), 0)
"""

# The interval starting on each date, when the current horizon covers it: one statement.
_LEVELS_AFTER_SQL = f"""
SELECT i.teacher_id, i.valid_from, i.level
FROM {TeacherLevelInterval._meta.db_table} i
JOIN ({_CURRENT_HORIZON_SQL}) h ON i.valid_from BETWEEN h.starts_on AND h.ends_on
WHERE i.teacher_id IN ({{ids}}) AND i.valid_from IN ({{days}})
"""


def level_after_sql(*, teacher_id: str, day: str) -> tuple[str, str]:
    """For a query of teachers (PostgreSQL) that also reads what levels_after would give
    for ``day`` (an SQL expression: the stored valid_until), from the same stored interval:
    a ``level_horizon`` CTE to put first, and a LATERAL join whose ``level_after.level`` is
    that level, or NULL where levels_after would have to evaluate (or has nothing)."""
    cte = f"level_horizon AS MATERIALIZED ({_CURRENT_HORIZON_SQL})"
    join = (
        f"LEFT JOIN LATERAL (SELECT i.level FROM {TeacherLevelInterval._meta.db_table} i, "
        f"level_horizon h WHERE i.teacher_id = {teacher_id} AND i.valid_from = {day} "
        f"AND i.valid_from BETWEEN h.starts_on AND h.ends_on LIMIT 1) level_after ON true"
    )
    return cte, join


def _marks(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def levels_after(changes: dict[int, date]) -> dict[int, str]:
    """What each teacher's level becomes on its ``valid_until`` ({teacher id: that date}).

    Read from the stored intervals (the one starting on that date; one query for a list
    page); a date outside the stored horizon, or a teacher without such an interval, is
    evaluated by the engine at that date instead."""
    if not changes:
        return {}
    out: dict[int, str] = {}
    ids, days = list(changes), sorted(set(changes.values()))
    with connection.cursor() as cursor:
        cursor.execute(_LEVELS_AFTER_SQL.format(ids=_marks(ids), days=_marks(days)), [*ids, *days])
        for tid, valid_from, level in cursor.fetchall():
            if isinstance(valid_from, str):  # SQLite returns dates as text
                valid_from = date.fromisoformat(valid_from)
            if changes[tid] == valid_from:
                out[tid] = level
    missing = [tid for tid in changes if tid not in out]
    if missing:
        _version, profile = profile_current()
        for item in records_for_ids(missing):
            level = engine.evaluate(item.record, changes[item.teacher_id], profile).level
            out[item.teacher_id] = level
    return out


def teacher_ids_at_level(level: str, on: date) -> QuerySet[Any] | None:
    """Teacher ids whose level on ``on`` is ``level``, from the intervals (a subquery for a
    list filter); None when the stored horizon does not cover ``on``."""
    return _interval_teacher_ids(Q(level=level), on)


def _interval_teacher_ids(condition: Q, on: date) -> QuerySet[Any] | None:
    """Teacher ids whose interval holding ``on`` meets ``condition`` (a subquery for a list
    filter); None when the stored horizon does not cover ``on``."""
    h = IntervalHorizon.objects.order_by("-pk").first()
    if h is None or h.profile_version != profile_current()[0]:
        return None
    if not h.starts_on <= on <= h.ends_on:
        return None
    return (
        TeacherLevelInterval.objects.filter(condition, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
        .values("teacher_id")
    )


# At most this many teachers whose stored result is due are evaluated for one read; the
# nightly run catches up.
DUE_LIMIT = 5000


def result_holds_q(on: date, version: int, teacher: str = "") -> Q:
    """The teacher's stored result answers for ``on`` (reports.stored_holds, in SQL):
    evaluated on or before it, under the rule profile in force, and not yet at its
    changes_on. ``teacher``: the path to the teacher (``teacher__``) from the queryset."""
    q = f"{teacher}qualification__"
    return Q(**{f"{q}evaluated_on__lte": on, f"{q}profile_version": version}) & (
        Q(**{f"{q}changes_on__isnull": True}) | Q(**{f"{q}changes_on__gt": on})
    )


def _teachers_matching_today(
    queryset: QuerySet[Teacher],
    stored: Q,
    matches: Callable[[engine.Evaluation], bool],
    today: date,
) -> QuerySet[Teacher]:
    """Narrow a teacher queryset to those a verdict of today picks (never stale): by the
    ``stored`` condition where their stored result still holds today, and for the others
    (up to DUE_LIMIT) by ``matches`` on a fresh evaluation."""
    holds = result_holds_q(today, profile_version_current())
    fresh = queryset.filter(holds, stored)
    due = list(queryset.exclude(holds).values_list("pk", flat=True)[:DUE_LIMIT])
    if not due:
        return fresh
    profile = profile_current()[1]  # the thresholds only when someone must be evaluated
    matching = [
        item.teacher_id
        for item in records_for_ids(due)
        if matches(engine.evaluate(item.record, today, profile))
    ]
    return queryset.filter(Q(pk__in=fresh.values("pk")) | Q(pk__in=matching))


def teachers_at_level_today(queryset: QuerySet[Teacher], level: str) -> QuerySet[Teacher]:
    """Narrow a teacher queryset to those whose level today is ``level`` (never stale:
    intervals when built, else stored results that still hold, else a fresh evaluation)."""
    today = timezone.localdate()
    ids = teacher_ids_at_level(level, today)
    if ids is not None:
        return queryset.filter(pk__in=ids)
    return _teachers_matching_today(
        queryset, Q(qualification__level=level), lambda ev: ev.level == level, today
    )


def teachers_qualified_today(queryset: QuerySet[Teacher], qualified: bool) -> QuerySet[Teacher]:
    """Narrow a teacher queryset to those who meet the conditions today at some level (in
    scope, level not none: the ratio's qualified, the recognition gaps' "should apply"), or
    (``qualified`` false) who do not. Never stale, as teachers_at_level_today."""
    today = timezone.localdate()
    ids = _interval_teacher_ids(Q(in_scope=True) & ~Q(level="none"), today)
    if ids is not None:
        return queryset.filter(pk__in=ids) if qualified else queryset.exclude(pk__in=ids)
    stored = (
        Q(qualification__in_scope=True) & ~Q(qualification__level="none")
        if qualified
        else Q(qualification__in_scope=False) | Q(qualification__level="none")
    )
    return _teachers_matching_today(
        queryset,
        stored,
        lambda ev: (ev.in_scope and ev.level != "none") is qualified,
        today,
    )


def teachers_by_recruitment_today(queryset: QuerySet[Teacher], met: bool) -> QuerySet[Teacher]:
    """Narrow a teacher queryset to those the recruitment check (DESIGN §4) applies to today
    and who meet it (``met``) or fail it: the ones recruitment_failed_ids counts."""
    return _teachers_matching_today(
        queryset,
        Q(qualification__in_scope=True, qualification__recruitment=met),
        lambda ev: ev.in_scope and ev.recruitment_compliant is met,
        timezone.localdate(),
    )


def counts_with_profile(on: date, profile: engine.RuleProfile) -> dict[int, Counts]:
    """Per-school counts at ``on`` had ``profile`` been in force: everyone is evaluated."""
    out: dict[int, Counts] = {}
    with gc_paused():
        for batch in prefetched(iter_records()):
            _count_batch(out, batch, on, profile)
    return out


def _count_batch(out: dict[int, Counts], batch: list[Loaded], on: date, profile: Any) -> None:
    evaluate = engine.outcome  # counts need no look-ahead
    d = on.toordinal()
    for item in batch:
        ev = evaluate(item.record, on, profile)
        f = item.facts
        if item.history:  # the school and employment in effect on ``on``
            f = engine.facts_at(f, item.history, d)[0]
        c = out.get(f.school_id)
        if c is None:
            c = out[f.school_id] = Counts()
        if employed_on(f, on):  # type: ignore[arg-type]
            if f.employment == "full_time":
                c.full_time += 1
            else:
                c.part_time += 1
        if ev.in_scope:
            c.in_scope += 1
            if ev.level != "none":
                c.qualified += 1
                setattr(c, ev.level, getattr(c, ev.level) + 1)
            if ev.recruitment_compliant is not None:
                c.recruitment_checked += 1
                if not ev.recruitment_compliant:
                    c.recruitment_failed += 1


_TQ = TeacherQualification._meta.db_table


def _school_filter(column: str, school_ids: Sequence[int] | None) -> tuple[str, list[Any]]:
    if school_ids is None:
        return "", []
    if not school_ids:
        return " AND 1 = 0", []
    return f" AND {column} IN ({', '.join(['%s'] * len(school_ids))})", list(school_ids)


# A stored result (q, of teacher t) that holds on the day given twice and for the profile
# version given after it: the complement of _ids_to_evaluate's stale rows.
_STORED_HOLDS = (
    "q.evaluated_on <= %s AND (q.changes_on IS NULL OR q.changes_on > %s) "
    "AND q.profile_version = %s AND q.school_id = t.school_id"
)


def _add_stored_counts(
    out: dict[int, Counts], on: date, version: int, school_ids: Sequence[int] | None
) -> None:
    where, params = _school_filter("q.school_id", school_ids)
    rows = _fetch(
        f"""
        SELECT q.school_id,
            SUM(CASE WHEN q.in_scope THEN 1 ELSE 0 END),
            SUM(CASE WHEN q.in_scope AND q.qualified THEN 1 ELSE 0 END),
            SUM(CASE WHEN q.full_time THEN 1 ELSE 0 END),
            SUM(CASE WHEN q.part_time THEN 1 ELSE 0 END),
            SUM(CASE WHEN q.in_scope AND q.level = 'junior' THEN 1 ELSE 0 END),
            SUM(CASE WHEN q.in_scope AND q.level = 'intermediate' THEN 1 ELSE 0 END),
            SUM(CASE WHEN q.in_scope AND q.level = 'senior' THEN 1 ELSE 0 END),
            SUM(CASE WHEN q.in_scope AND q.recruitment IS NOT NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN q.in_scope AND q.recruitment = %s THEN 1 ELSE 0 END)
        FROM {_TQ} q JOIN {_T} t ON t.id = q.teacher_id
        WHERE {_STORED_HOLDS}{where}
        GROUP BY q.school_id
        """,
        [False, on, on, version, *params],
    )
    for school_id, *values in rows:
        out[school_id] = Counts(*(int(v or 0) for v in values))


def recruitment_failed_ids(on: date, *, stored_hold: bool = False) -> list[int]:
    """The teachers in scope on ``on`` (today or later) who fail the recruitment conditions:
    the ones the summary's ``recruitment.failed`` counts. ``stored_hold`` (results_current
    said so): the stored results, as the stored aggregates sum them (0.2 s at national
    size). Otherwise those that hold on ``on`` and the others evaluated, as counts_at does
    (DESIGN §4: never stale; about 1.1 s at national size)."""
    if stored_hold:
        return sorted(
            TeacherQualification.objects.filter(in_scope=True, recruitment=False).values_list(
                "teacher_id", flat=True
            )
        )
    version, profile = profile_current()
    held = _fetch(
        f"""
        SELECT q.teacher_id FROM {_TQ} q JOIN {_T} t ON t.id = q.teacher_id
        WHERE q.in_scope AND q.recruitment = %s AND {_STORED_HOLDS}
        """,
        [False, on, on, version],
    )
    out = [r[0] for r in held]
    ids = _ids_to_evaluate(on, version, None)
    for i in range(0, len(ids), 20000):
        for item in records_for_ids(ids[i : i + 20000]):
            ev = engine.outcome(item.record, on, profile)
            if ev.in_scope and ev.recruitment_compliant is False:
                out.append(item.teacher_id)
    return sorted(out)


def _ids_to_evaluate(on: date, version: int, school_ids: Sequence[int] | None) -> list[int]:
    """The teachers (of these schools on ``on``) whose stored result does not hold on
    ``on``. Of some schools: by the school in effect on ``on`` (DESIGN §3), which a dated
    history may make another than today's: those at one of them by today's school, and in
    a second statement those at another today whose history names one of them."""
    stale = f"""
        SELECT t.id FROM {_T} t LEFT JOIN {_TQ} q ON q.teacher_id = t.id
        WHERE (q.teacher_id IS NULL OR q.evaluated_on > %s OR q.changes_on <= %s
               OR q.profile_version <> %s OR q.school_id <> t.school_id)"""
    params: list[Any] = [on, on, version]
    if school_ids is None:
        return [r[0] for r in _fetch(f"{stale} ORDER BY t.id", params)]
    if not school_ids:
        return []
    marks, names = _marks(school_ids), [str(s) for s in school_ids]
    at, at_params = _school_on_sql(on)
    rows = _fetch(
        f"{stale} AND t.school_id IN ({marks}) AND {at} IN ({marks}) ORDER BY t.id",
        [*params, *school_ids, *at_params, *names],
    )
    moved = _fetch(
        f"{stale} AND t.id IN (SELECT f.teacher_id FROM {_TF} f WHERE f.field = 'school' "
        f"AND f.value IN ({marks})) AND t.school_id NOT IN ({marks}) AND {at} IN ({marks})",
        [*params, *names, *school_ids, *at_params, *names],
    )
    return sorted(r[0] for r in [*rows, *moved])


def _school_on_sql(on: date) -> tuple[str, list[Any]]:
    """SQL for the school a teacher ``t`` was at on ``on``, as text (a school fact's value),
    and its parameters: today's column when every dated fact starts on or before ``on``
    (or by hired_on: the loader reads no history then), else the latest school row on or
    before ``on``, else the first one (before it its value holds), as engine.facts_at."""
    rows = f"SELECT f.value FROM {_TF} f WHERE f.teacher_id = t.id AND f.field = 'school'"
    latest = f"{rows} AND f.effective_on <= %s ORDER BY f.effective_on DESC LIMIT 1"
    first = f"{rows} ORDER BY f.effective_on LIMIT 1"
    today = "CAST(t.school_id AS TEXT)"
    sql = (
        "CASE WHEN t.facts_since IS NULL OR t.facts_since <= %s OR t.facts_since <= t.hired_on "
        f"THEN {today} ELSE COALESCE(({latest}), ({first}), {today}) END"
    )
    return sql, [on, on]


# --------------------------------------------------------------------------- ratios


def is_today(on: date | None) -> bool:
    return on is None or on == timezone.localdate()


def _ratio_expressions(target: Decimal) -> dict[str, Any]:
    in_scope = Coalesce(F("stats__in_scope"), 0)
    qualified = Coalesce(F("stats__qualified"), 0)
    ratio = Case(
        When(
            stats__in_scope__gt=0,
            then=ExpressionWrapper(
                Cast(F("stats__qualified"), FloatField()) / F("stats__in_scope"),
                output_field=FloatField(),
            ),
        ),
        default=None,
        output_field=FloatField(),
    )
    # Smallest count that is strictly above the target, minus those already qualified: in
    # integers (target = numerator / denominator), as engine.gap counts it. SQLite would
    # multiply a decimal in floating point (0.7 × 90 = 62.99…, a gap of 1 at 63 of 90).
    fraction = Fraction(str(target))
    need = ExpressionWrapper(
        Value(fraction.numerator) * F("stats__in_scope") / Value(fraction.denominator),
        output_field=IntegerField(),
    )
    gap = Case(
        When(stats__in_scope__gt=0, then=need + 1 - F("stats__qualified")),
        default=None,
        output_field=IntegerField(),
    )
    return {"n_in_scope": in_scope, "n_qualified": qualified, "ratio_value": ratio, "gap_raw": gap}


def schools_for(
    user: User, *, city: int | None = None, kind: str | None = None, school: int | None = None
) -> QuerySet:
    qs = schools_visible_to(user).select_related("city")
    if school is not None:
        qs = qs.filter(pk=school)
    if city is not None:
        qs = qs.filter(city_id=city)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


ORDERINGS = {
    "ratio": ("ratio_value", "code"),
    "-ratio": ("-ratio_value", "code"),
    "gap": ("gap_raw", "code"),
    "-gap": ("-gap_raw", "code"),
    "code": ("code",),
    "-code": ("-code",),
    "name": ("name", "code"),
    "-name": ("-name", "code"),
}


def school_ratios_today(
    user: User,
    *,
    city: int | None = None,
    kind: str | None = None,
    school: int | None = None,
    below_target: bool | None = None,
    ordering: str = "code",
    target: Decimal | None = None,
) -> QuerySet[School]:
    """Schools annotated from the stored aggregates: no teacher row is read. ``target``: the
    ratio target, when the caller has read it already."""
    if target is None:
        target = ratio_target()
    qs = schools_for(user, city=city, kind=kind, school=school).select_related("stats")
    qs = qs.annotate(**_ratio_expressions(target))
    if below_target is not None:
        # meets: in_scope > 0 and qualified > target × in_scope (strict)
        # Below target: has teachers in scope and does not exceed it. A school without any
        # teacher in scope has no ratio: it is neither (the summary counts those apart).
        meets = Q(stats__in_scope__gt=0) & Q(gap_raw__lte=0)
        below = Q(stats__in_scope__gt=0) & Q(gap_raw__gt=0)
        qs = qs.filter(below) if below_target else qs.filter(meets)
    order = ORDERINGS.get(ordering, ORDERINGS["code"])
    if order[0].lstrip("-") in ("ratio_value", "gap_raw"):
        field = order[0].lstrip("-")
        # By the value the row shows: a school that meets the target shows a gap of 0
        # however far above it is (engine.gap), so ties go by code as on other dates.
        value: Any = F(field)
        if field == "gap_raw":
            value = Case(
                When(gap_raw__lt=0, then=Value(0)), default=F(field), output_field=IntegerField()
            )
        expr = (
            value.desc(nulls_last=True) if order[0].startswith("-") else value.asc(nulls_last=True)
        )
        return qs.order_by(expr, *order[1:])
    return qs.order_by(*order)


def mentor_counts(school_ids: Sequence[int] | None, on: date) -> dict[int, dict[str, Any]]:
    """Mentors in force per school, by mode and on the part-time track (the mentors app's
    count: one query); None: all schools."""
    if school_ids is not None and not school_ids:
        return {}
    return mentor_counts_by_school(school_ids, on)


def summary_group_today(
    user: User, *, city: int | None = None, kind: str | None = None, target: Decimal | None = None
) -> dict[str, Any]:
    """Province/city/kind totals computed by the database from the stored aggregates.
    ``target``: the ratio target, when the caller has read it already."""
    fields = list(STAT_FIELDS)
    sums = {f: Coalesce(Sum(f"stats__{f}"), 0) for f in fields}
    if target is None:
        target = ratio_target()
    base = schools_for(user, city=city, kind=kind)
    by_city = list(
        base.values("city_id", "city__name", "city__name_en", "city__code")
        .annotate(**sums)
        .order_by("city__code")
    )
    # The schools' flags grouped by kind with the kind's sums (one scan instead of two),
    # and the totals from the cities (each school is in one city): two statements, not four.
    flag_sums = {
        "schools": Coalesce(Sum(Value(1)), 0),
        "meeting": Coalesce(
            Sum(Case(When(Q(stats__in_scope__gt=0) & Q(gap_raw__lte=0), then=1), default=0)), 0
        ),
        "without_scope": Coalesce(
            Sum(
                Case(
                    When(Q(stats__in_scope__isnull=True) | Q(stats__in_scope=0), then=1), default=0
                )
            ),
            0,
        ),
    }
    by_kind = list(
        base.annotate(gap_raw=_ratio_expressions(target)["gap_raw"])
        .values("kind")
        .annotate(**sums, **flag_sums)
        .order_by("kind")
    )
    total = {f: sum(row[f] for row in by_city) for f in fields}
    flags = {name: sum(row.pop(name) for row in by_kind) for name in flag_sums}
    return {"total": total, "by_city": by_city, "by_kind": by_kind, "flags": flags}


# --------------------------------------------------------------------------- trend & candidates


def snapshot_points(scope: str, key: int, start: date, end: date) -> list[RatioSnapshot]:
    return list(
        RatioSnapshot.objects.filter(
            scope=scope, key=key, month__gte=start, month__lte=end
        ).order_by("month")
    )


def live_counts_today(scope: str, key: int) -> tuple[int, int]:
    qs = SchoolStats.objects.all()
    if scope == RatioSnapshot.Scope.CITY:
        qs = qs.filter(school__city_id=key)
    elif scope == RatioSnapshot.Scope.SCHOOL:
        qs = qs.filter(school_id=key)
    agg = qs.aggregate(n=Coalesce(Sum("in_scope"), 0), q=Coalesce(Sum("qualified"), 0))
    return agg["n"], agg["q"]


def candidates_today(school_id: int) -> QuerySet[TeacherQualification]:
    return (
        TeacherQualification.objects.filter(school_id=school_id, in_scope=True, qualified=False)
        .select_related("teacher")
        .order_by(F("distance").asc(nulls_last=True), "teacher_id")
    )


def user_may_see_school(user: User, school_id: int) -> bool:
    if user.role == Role.BASE_STAFF:
        return False
    return schools_visible_to(user).filter(pk=school_id).exists()
