"""Forecasts (DESIGN §9): the ratio at future dates if nothing changes.

Nobody joins or leaves and nothing new is earned. The scope is held at today's: a teacher
in scope today (employed, full-time, a professional or practical course, at their school of
today) stays in, at that school, whatever their leaving date or a later dated fact says; a
teacher out of scope today (hired later, left, part-time, a public course) stays out. Only
what lapses by itself moves the counts: a certificate expires, practice days or a training
leave their window. The engine says when with ``next_change``, so each teacher in scope
today is a short chain of evaluations: at today, then at each change within the horizon. A
stored result that holds past the horizon is summed in SQL and never loaded.

Per school this gives the counts today and the dated changes after it (a step function),
from which both the monthly points and the first date below the target are read. From the
stored dated results (intervals and per-school counts, which follow every hire, leaving
and dated fact), the few teachers whose scope or school changes within the horizon are
read and their stored part is put back to today's scope (``_held_corrections``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.utils import timezone

from shuangshi.common.collector import gc_paused

from . import engine, selectors
from .models import (
    IntervalHorizon,
    SchoolCountDelta,
    SchoolCountMonth,
    TeacherLevelInterval,
    TeacherQualification,
)

_TQ = TeacherQualification._meta.db_table
_SD = SchoolCountDelta._meta.db_table
_SM = SchoolCountMonth._meta.db_table
_TI = TeacherLevelInterval._meta.db_table
_T = selectors._T
_TF = selectors._TF
# The dated facts that move a teacher's scope or school (title and field move the level:
# the engine follows them like any other fact).
_SCOPE_FACTS = ("school", "employment", "course_type")
# (day, school, Δin_scope, Δqualified)
Correction = tuple[date, int, int, int]


@dataclass(slots=True)
class Timeline:
    """One school's (in_scope, qualified) today and the changes after today."""

    in_scope: int = 0
    qualified: int = 0
    changes: dict[date, list[int]] = field(default_factory=dict)  # date → [Δin_scope, Δqual]

    def add_change(self, on: date, d_scope: int, d_qualified: int) -> None:
        if d_scope or d_qualified:
            delta = self.changes.setdefault(on, [0, 0])
            delta[0] += d_scope
            delta[1] += d_qualified

    def steps(self) -> list[tuple[date, int, int]]:
        """(date, in_scope, qualified) after each change, in date order."""
        n, q = self.in_scope, self.qualified
        out = []
        for on in sorted(self.changes):
            dn, dq = self.changes[on]
            n += dn
            q += dq
            out.append((on, n, q))
        return out

    def at(self, on: date) -> tuple[int, int]:
        n, q = self.in_scope, self.qualified
        for day, (dn, dq) in self.changes.items():
            if day <= on:
                n += dn
                q += dq
        return n, q


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    first = date(d.year + y, m + 1, 1)
    last = month_end(first)
    return first.replace(day=min(d.day, last.day))


def month_end(d: date) -> date:
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def month_ends(start: date, months: int) -> list[date]:
    """The last day of ``start``'s month and of each following month, ``months`` in all."""
    first = start.replace(day=1)
    return [month_end(add_months(first, i)) for i in range(months)]


def timelines(
    school_ids: Sequence[int] | None,
    *,
    start: date,
    end: date,
    current: tuple[int, engine.RuleProfile] | None = None,
) -> dict[int, Timeline]:
    """Per school: counts at ``start`` (today) and every change in (start, end], the scope
    held at ``start``'s (see the module's docstring).

    From the stored dated results (the per-school count changes kept with every write) when
    they cover the dates under the rule profile in force; otherwise by evaluating.
    ``current``: (version, profile) in force, when the caller has read it already."""
    version, profile = current or selectors.profile_current()
    stored = _timelines_from_intervals(school_ids, start, end, version)
    if stored is not None:
        return stored
    out: dict[int, Timeline] = {}
    with gc_paused():
        _add_steady(out, school_ids, start, end, version)
        ids = _changing_ids(school_ids, start, end, version)
        for i in range(0, len(ids), 20000):
            for item in selectors.records_for_ids(ids[i : i + 20000]):
                _chain(out, item, start, end, profile)
    return out


def _timelines_from_intervals(
    school_ids: Sequence[int] | None, start: date, end: date, version: int
) -> dict[int, Timeline] | None:
    h = IntervalHorizon.objects.order_by("-pk").first()
    if h is None or h.profile_version != version or not h.starts_on <= start <= end <= h.ends_on:
        return None
    today = selectors.counts_from_intervals(start, school_ids, version, horizon=h)
    if today is None:
        return None
    out = {sid: Timeline(c.in_scope, c.qualified) for sid, c in today.items()}
    where, params = selectors._school_filter("school_id", school_ids)
    rows = selectors._fetch(
        f'SELECT school_id, "on", in_scope, qualified FROM {_SD} '
        f'WHERE "on" > %s AND "on" <= %s AND (in_scope <> 0 OR qualified <> 0){where}',
        [start, end, *params],
    )
    for school_id, on, d_scope, d_qualified in rows:
        tl = out.get(school_id)
        if tl is None:
            tl = out[school_id] = Timeline()
        tl.add_change(selectors._as_date(on) or start, int(d_scope), int(d_qualified))
    touched = set()
    for on, school_id, d_scope, d_qualified in _held_corrections(school_ids, start, end):
        tl = out.get(school_id)
        if tl is None:
            tl = out[school_id] = Timeline()
        tl.add_change(on, d_scope, d_qualified)
        touched.add(school_id)
    for school_id in touched:  # a stored change the correction took back is no change
        tl = out[school_id]
        tl.changes = {on: d for on, d in tl.changes.items() if d[0] or d[1]}
    return out


def _scope_changers(school_ids: Sequence[int] | None, start: date, end: date) -> list[int]:
    """Teachers whose scope or school may change in (start, end]: hired in it, leaving in it
    (employed through ``left_on``), or a dated school, employment or course type taking
    effect in it. The teachers of these schools by their school column (its index), and the
    dated facts of any school (few rows): a teacher moving away has today's school only
    there."""
    where, params = selectors._school_filter("school_id", school_ids)
    marks = ", ".join(["%s"] * len(_SCOPE_FACTS))
    rows = selectors._fetch(
        f"SELECT id FROM {_T} WHERE ((hired_on > %s AND hired_on <= %s) "
        f"OR (left_on >= %s AND left_on < %s)){where} "
        f"UNION SELECT teacher_id FROM {_TF} "
        f"WHERE effective_on > %s AND effective_on <= %s AND field IN ({marks}) ORDER BY 1",
        [start, end, start, end, *params, start, end, *_SCOPE_FACTS],
    )
    return [r[0] for r in rows]


def _held_corrections(school_ids: Sequence[int] | None, start: date, end: date) -> list[Correction]:
    """What to add to the stored count changes in (start, end] to hold the scope at
    ``start``'s: for each teacher whose scope or school changes then, the change of
    (held − stored) at each of their interval starts, from their stored intervals (the
    same rows the stored counts were summed from). Held: in scope at ``start``'s school
    throughout if in scope on ``start`` (qualified while the level is not none), else
    nowhere. Schools outside ``school_ids`` are left out."""
    ids = _scope_changers(school_ids, start, end)
    keep = None if school_ids is None else set(school_ids)
    out: list[Correction] = []
    for i in range(0, len(ids), 20000):
        where, params = selectors._ids_where(ids[i : i + 20000])
        rows = selectors._fetch(
            f"SELECT teacher_id, school_id, valid_from, level, in_scope FROM {_TI} "
            f"WHERE {where} AND valid_from <= %s AND (valid_to IS NULL OR valid_to > %s) "
            "ORDER BY teacher_id, valid_from",
            [*params, end, start],
        )
        for _tid, group in groupby(rows, itemgetter(0)):
            _teacher_correction(list(group), start, keep, out)
    return out


def _teacher_correction(
    rows: list[tuple[Any, ...]], start: date, keep: set[int] | None, out: list[Correction]
) -> None:
    _t, school0, since, _level, in0 = rows[0]
    if (selectors._as_date(since) or start) <= start:  # the interval holding ``start``
        held = bool(in0)
        rows = rows[1:]
    else:  # none holds it (not expected: the intervals tile the horizon): out of scope
        held = False
    before: dict[int, tuple[int, int]] = {}  # held − stored on the day before: nothing
    for _t, school, since, level, in_scope in rows:
        q = int(level != "none")
        now: dict[int, tuple[int, int]] = {}
        if held:
            now[school0] = (1, q)
        if in_scope:
            n0, q0 = now.get(school, (0, 0))
            now[school] = (n0 - 1, q0 - q)
        on = selectors._as_date(since) or start
        for s in now.keys() | before.keys():
            n1, q1 = now.get(s, (0, 0))
            n0, q0 = before.get(s, (0, 0))
            if (n1 != n0 or q1 != q0) and (keep is None or s in keep):
                out.append((on, s, n1 - n0, q1 - q0))
        before = now


def _add_steady(
    out: dict[int, Timeline], school_ids: Sequence[int] | None, start: date, end: date, v: int
) -> None:
    """Stored results that hold from ``start`` through ``end``: summed, never loaded."""
    where, params = selectors._school_filter("q.school_id", school_ids)
    rows = selectors._fetch(
        f"""
        SELECT q.school_id,
            SUM(CASE WHEN q.in_scope THEN 1 ELSE 0 END),
            SUM(CASE WHEN q.in_scope AND q.qualified THEN 1 ELSE 0 END)
        FROM {_TQ} q JOIN {_T} t ON t.id = q.teacher_id
        WHERE q.evaluated_on <= %s AND (q.changes_on IS NULL OR q.changes_on > %s)
          AND q.profile_version = %s AND q.school_id = t.school_id{where}
        GROUP BY q.school_id
        """,
        [start, end, v, *params],
    )
    for school_id, n, q in rows:
        tl = out.setdefault(school_id, Timeline())
        tl.in_scope += int(n or 0)
        tl.qualified += int(q or 0)


def _changing_ids(school_ids: Sequence[int] | None, start: date, end: date, v: int) -> list[int]:
    """The teachers _add_steady leaves out, but those a stored result holding on ``start``
    says are out of scope then (they stay out; the scope does not depend on the profile).
    Of some schools: by the school column, and the teachers with a dated school taking
    effect after ``start`` (their school today may be one of them)."""
    sql = f"""
        SELECT t.id FROM {_T} t LEFT JOIN {_TQ} q ON q.teacher_id = t.id
        WHERE (q.teacher_id IS NULL OR q.evaluated_on > %s OR q.changes_on <= %s
               OR q.profile_version <> %s OR q.school_id <> t.school_id)
          AND NOT (q.teacher_id IS NOT NULL AND NOT q.in_scope AND q.evaluated_on <= %s
                   AND (q.changes_on IS NULL OR q.changes_on > %s))"""
    params: list[Any] = [start, end, v, start, start]
    if school_ids is None:
        return [r[0] for r in selectors._fetch(f"{sql} ORDER BY t.id", params)]
    where, ids = selectors._school_filter("t.school_id", school_ids)
    moving = f" AND t.id IN (SELECT teacher_id FROM {_TF} WHERE field = %s AND effective_on > %s)"
    rows = selectors._fetch(
        f"{sql}{where} UNION {sql}{moving} ORDER BY 1", [*params, *ids, *params, "school", start]
    )
    return [r[0] for r in rows]


def _chain(
    out: dict[int, Timeline],
    item: selectors.Loaded,
    start: date,
    end: date,
    profile: engine.RuleProfile,
) -> None:
    """One teacher's part: nothing when out of scope on ``start``; else in scope at
    ``start``'s school throughout, qualified while the level (at each date the engine says
    anything may change, as the stored intervals are built) is not none."""
    points = engine.timeline(item.record, start, end, profile)
    _on, ev, facts = points[0]
    if not ev.in_scope:
        return
    school = facts.school_id  # in effect on ``start`` (a dated fact)
    tl = out.get(school)
    if tl is None:
        tl = out[school] = Timeline()
    q = int(ev.level != "none")
    tl.in_scope += 1
    tl.qualified += q
    for on, ev, _facts in points[1:]:
        q2 = int(ev.level != "none")
        tl.add_change(on, 0, q2 - q)
        q = q2


def first_below(tl: Timeline, target: Decimal, *, start: date, end: date) -> date | None:
    """The first date in (start, end] on which a school meeting the target stops meeting it."""
    if not engine.meets_target(tl.qualified, tl.in_scope, target):
        return None
    for on, n, q in tl.steps():
        if on > end:
            break
        if on > start and not engine.meets_target(q, n, target):
            return on
    return None


def points(tl: Timeline, dates: Iterable[date], target: Decimal) -> list[dict]:
    return [_point(on, *tl.at(on), target) for on in dates]


def combined(tls: Iterable[Timeline]) -> Timeline:
    total = Timeline()
    for tl in tls:
        total.in_scope += tl.in_scope
        total.qualified += tl.qualified
        for on, (dn, dq) in tl.changes.items():
            total.add_change(on, dn, dq)
    return total


def forecast(school_ids: Sequence[int] | None, *, months: int = 12) -> list[dict]:
    """Monthly month-end points for these schools together (None: the province)."""
    today = timezone.localdate()
    dates = [d for d in month_ends(today, months + 1) if d >= today][:months]
    target = selectors.ratio_target()
    monthly = _month_rows(school_ids, dates, today)
    if monthly is not None:
        return [
            _point(on, *monthly.get(on, (0, 0)), target)  # type: ignore[misc]
            for on in dates
        ]
    tls = timelines(school_ids, start=today, end=dates[-1])
    if school_ids is not None:
        tls = {k: v for k, v in tls.items() if k in set(school_ids)}
    return points(combined(tls.values()), dates, target)


def _month_rows(
    school_ids: Sequence[int] | None, dates: list[date], start: date
) -> dict[date, tuple[int, int]] | None:
    """(in_scope, qualified) summed over the schools at each month end, from the stored
    month rows with the scope held at ``start``'s; None when they do not cover these dates
    under the profile in force."""
    version = selectors.profile_current()[0]
    h = IntervalHorizon.objects.order_by("-pk").first()
    if h is None or h.profile_version != version or not h.starts_on <= start:
        return None
    if dates[-1] > h.ends_on:
        return None
    where, params = selectors._school_filter("school_id", school_ids)
    marks = ", ".join(["%s"] * len(dates))
    rows = selectors._fetch(
        f"SELECT month_end, SUM(in_scope), SUM(qualified) FROM {_SM} "
        f"WHERE month_end IN ({marks}){where} GROUP BY month_end",
        [*dates, *params],
    )
    out = {selectors._as_date(m) or dates[0]: (int(n or 0), int(q or 0)) for m, n, q in rows}
    for on, _school, d_scope, d_qualified in _held_corrections(school_ids, start, dates[-1]):
        for d in dates:
            if d >= on:
                n, q = out.get(d, (0, 0))
                out[d] = (n + d_scope, q + d_qualified)
    return out


def _point(on: date, n: int, q: int, target: Decimal) -> dict:
    ratio = engine.ratio(q, n)
    return {
        "date": on,
        "in_scope": n,
        "qualified": q,
        "ratio": engine.api_share(ratio),
        "meets_target": engine.meets_target(q, n, target),
    }


def below_on(
    school_ids: Sequence[int],
    *,
    days: int | None = None,
    target: Decimal | None = None,
    current: tuple[int, engine.RuleProfile] | None = None,
) -> dict[int, date | None]:
    """Per school: the first date within 12 months (or ``days``) it stops meeting the target.
    ``target`` and ``current`` (the profile's version and thresholds): as read already."""
    today = timezone.localdate()
    end = today + timedelta(days=days) if days is not None else add_months(today, 12)
    if target is None:
        target = selectors.ratio_target()
    tls = timelines(school_ids, start=today, end=end, current=current)
    return {
        sid: first_below(tls[sid], target, start=today, end=end) if sid in tls else None
        for sid in school_ids
    }


def schools_falling_below(*, days: int, on: date | None = None) -> dict[int, date]:
    """Every school that meets the target on ``on`` (default today) and stops meeting it
    within ``days`` after (the daily alert job passes the day it runs for)."""
    today = on or timezone.localdate()
    end = today + timedelta(days=days)
    target = selectors.ratio_target()
    found = {}
    for sid, tl in timelines(None, start=today, end=end).items():
        on = first_below(tl, target, start=today, end=end)
        if on is not None:
            found[sid] = on
    return found


def attach_below_on(
    rows: list[dict],
    *,
    target: Decimal | None = None,
    current: tuple[int, engine.RuleProfile] | None = None,
) -> list[dict]:
    """Add ``forecast_below_on`` to ratios/schools rows (one forecast for the page)."""
    ids = [row["school"]["id"] for row in rows]
    found = below_on(ids, target=target, current=current) if ids else {}
    for row in rows:
        on = found.get(row["school"]["id"])
        row["forecast_below_on"] = on.isoformat() if on else None
    return rows
