"""Shapes of the ratios API (DESIGN §5) built from selectors' reads and the engine's math."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple, cast

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from shuangshi.accounts.models import Role, User
from shuangshi.schools.models import City, School

from . import engine, intervals, selectors
from .models import RatioSnapshot, SchoolStats, TargetCode, TeacherQualification
from .selectors import Counts

_PROFILES: dict[int, engine.RuleProfile] = {}


def profile_for_version(version: int) -> engine.RuleProfile:
    """Profile versions never change once stored, so they are cached for the process."""
    profile = _PROFILES.get(version)
    if profile is None:
        profile = _PROFILES[version] = selectors.profile_by_version(version)
    return profile


def stored_evaluation(stored: TeacherQualification) -> engine.Evaluation:
    return engine.evaluation_from_stored(
        level=stored.level,
        in_scope=stored.in_scope,
        packed=stored.reasons,
        valid_until=stored.valid_until,
        recruitment=stored.recruitment,
        profile=profile_for_version(stored.profile_version),
    )


class StoredVerdict(NamedTuple):
    """The columns of a stored result a list row shows (read as values, not as a model)."""

    level: str
    qualified: bool
    in_scope: bool
    valid_until: date | None
    changes_on: date | None
    evaluated_on: date
    profile_version: int


# Where a teacher's list query reads them (StoredVerdict's fields, in order).
VERDICT_COLUMNS = tuple(f"qualification__{name}" for name in StoredVerdict._fields)


def stored_holds(stored: TeacherQualification | StoredVerdict, on: date, *, version: int) -> bool:
    """Whether a stored result still answers for ``on``: evaluated on or before it, under
    the rule profile in force (``version``: a new profile's results are written by a job,
    and until it has run they are the old profile's), and nothing changed by itself since.
    Reads no database: list pages call it per row."""
    if stored.evaluated_on > on or stored.profile_version != version:
        return False
    return stored.changes_on is None or stored.changes_on > on


def evaluation_today(teacher_id: int, on: date) -> engine.Evaluation:
    """One teacher evaluated afresh at ``on`` (the reads' fallback when a result is due)."""
    _version, profile = selectors.profile_current()
    item = selectors.records_for_ids([teacher_id])[0]
    return engine.evaluate(item.record, on, profile)


def _share(counts: Counts, target: Decimal) -> dict[str, Any]:
    n, q = counts.in_scope, counts.qualified
    ratio = engine.ratio(q, n)
    return {
        "in_scope": n,
        "qualified": q,
        "ratio": engine.api_share(ratio),
        "target": float(target),
        "gap": engine.gap(q, n, target),
        "meets_target": engine.meets_target(q, n, target),
    }


def _school_row(
    school: School,
    counts: Counts,
    target: Decimal,
    mentor_counts: dict[str, Any] | None,
    profile: engine.RuleProfile,
) -> dict[str, Any]:
    mentor_counts = mentor_counts or {}
    mentors = int(mentor_counts.get("mentors", 0))
    staffing = engine.staffing(
        kind=school.kind,
        student_count=school.student_count,
        full_time=counts.full_time,
        part_time=counts.part_time,
        mentors=mentors,
        profile=profile,
    )
    return {
        "school": {
            "id": school.pk,
            "code": school.code,
            "name": school.name,
            "city": school.city_id,
            "city_name": school.city.name,
            "kind": school.kind,
        },
        **_share(counts, target),
        "levels": {
            "junior": counts.junior,
            "intermediate": counts.intermediate,
            "senior": counts.senior,
        },
        "staffing": {
            "student_count": school.student_count,
            "full_time": counts.full_time,
            "part_time": counts.part_time,
            "mentors": mentors,
            "students_per_teacher": staffing.students_per_teacher,
            "students_per_teacher_norm": staffing.students_per_teacher_norm,
            "students_per_teacher_ok": staffing.students_per_teacher_ok,
            "part_time_share": staffing.part_time_share,
            "part_time_norm": staffing.part_time_norm,
            "part_time_ok": staffing.part_time_ok,
        },
        "mentors": {
            "total": mentors,
            "by_mode": {
                mode: int(mentor_counts.get("by_mode", {}).get(mode, 0))
                for mode in ("teaching", "research", "project")
            },
            "part_time_track": int(mentor_counts.get("part_time_track", 0)),
        },
        "recruitment": {
            "checked": counts.recruitment_checked,
            "failed": counts.recruitment_failed,
        },
    }


def _stored_counts(school: School) -> Counts:
    try:
        stats = school.stats  # type: ignore[attr-defined]
    except SchoolStats.DoesNotExist:
        return Counts()
    return Counts(**{f: getattr(stats, f) for f in selectors.STAT_FIELDS})


def school_rows_today(
    page: list[School],
    *,
    on: date,
    target: Decimal | None = None,
    profile: engine.RuleProfile | None = None,
) -> list[dict[str, Any]]:
    """``target`` and ``profile``: the ratio target and the rule profile in force, when the
    caller has read them already (one read each a request)."""
    if target is None:
        target = selectors.ratio_target()
    if profile is None:
        profile = selectors.profile_current()[1]
    mentors = selectors.mentor_counts([s.pk for s in page], on)
    return [_school_row(s, _stored_counts(s), target, mentors.get(s.pk), profile) for s in page]


def school_rows_at(
    user: User,
    *,
    on: date,
    city: int | None,
    kind: str | None,
    below_target: bool | None,
    ordering: str,
    school: int | None = None,
    search: str = "",
) -> Sequence[dict[str, Any]]:
    """Rows at ``on`` (per-school counts from the dated results, or evaluated), filtered
    and sorted on light rows; a full row (staffing, mentors) is built only when read, so a
    page of 20 out of 11,000 schools builds 20 (``LazyRows``)."""
    schools = list(
        selectors.schools_for(user, city=city, kind=kind, school=school).values(
            "id", "code", "name", "city_id", "city__name", "kind", "student_count"
        )
    )
    scope_all = user.role == Role.PROVINCE and city is None and kind is None and school is None
    counts = selectors.counts_at(on, None if scope_all else [s["id"] for s in schools])
    target = selectors.ratio_target()
    light = []
    for s in schools:
        c = counts.get(s["id"]) or Counts()
        ratio = engine.ratio(c.qualified, c.in_scope)
        light.append(
            _Light(
                s,
                c,
                engine.api_share(ratio),
                engine.gap(c.qualified, c.in_scope, target),
                engine.meets_target(c.qualified, c.in_scope, target),
            )
        )
    if below_target is not None:  # schools without a ratio are neither (see selectors)
        light = [r for r in light if r.ratio is not None and r.meets is not below_target]
    # Every word must be in the name or the code, as in every list's search.
    for word in search.casefold().split():
        light = [
            r
            for r in light
            if word in r.school["name"].casefold() or word in r.school["code"].casefold()
        ]
    field = ordering.lstrip("-")
    if field in ("ratio", "gap"):
        with_value = [r for r in light if getattr(r, field) is not None]
        without = [r for r in light if getattr(r, field) is None]
        # Descending by the value, ties still by code (as the stored path orders them).
        sign = -1 if ordering.startswith("-") else 1
        with_value.sort(key=lambda r: (sign * getattr(r, field), r.school["code"]))
        without.sort(key=lambda r: r.school["code"])
        light = with_value + without
    else:
        # Ties by code, ascending, as the stored path orders them (the sorts are stable).
        light.sort(key=lambda r: r.school["code"], reverse=ordering == "-code")
        if field == "name":
            light.sort(key=lambda r: r.school["name"], reverse=ordering.startswith("-"))
    return LazyRows(light, on=on, target=target)


class _Light(NamedTuple):
    school: dict[str, Any]
    counts: Counts
    ratio: float | None
    gap: int | None
    meets: bool


class _School:
    """What _school_row reads of a school, from a values() row."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.pk = row["id"]
        self.code = row["code"]
        self.name = row["name"]
        self.city_id = row["city_id"]
        self.kind = row["kind"]
        self.student_count = row["student_count"]
        self.city = _City(row["city__name"])


class _City(NamedTuple):
    name: str


class LazyRows(Sequence[dict[str, Any]]):
    """Sorted light rows that become full rows when read (one mentors query per read)."""

    def __init__(self, light: list[_Light], *, on: date, target: Decimal) -> None:
        self.light, self.on, self.target = light, on, target

    def __len__(self) -> int:
        return len(self.light)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return self._full(self.light[index])
        return self._full([self.light[index]])[0]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for i in range(0, len(self.light), 1000):
            yield from self._full(self.light[i : i + 1000])

    def _full(self, part: list[_Light]) -> list[dict[str, Any]]:
        if not part:
            return []
        _version, profile = selectors.profile_current()
        mentors = selectors.mentor_counts([r.school["id"] for r in part], self.on)
        return [
            _school_row(
                cast(School, _School(r.school)),
                r.counts,
                self.target,
                mentors.get(r.school["id"]),
                profile,
            )
            for r in part
        ]


# --------------------------------------------------------------------------- summary


def _group(counts: Counts, target: Decimal) -> dict[str, Any]:
    return {
        **_share(counts, target),
        "levels": {
            "junior": counts.junior,
            "intermediate": counts.intermediate,
            "senior": counts.senior,
        },
        "recruitment": {
            "checked": counts.recruitment_checked,
            "failed": counts.recruitment_failed,
        },
    }


def _counts_of(row: dict[str, Any]) -> Counts:
    return Counts(**{f: row.get(f) or 0 for f in selectors.STAT_FIELDS})


def summary_today(
    user: User, *, city: int | None = None, kind: str | None = None
) -> dict[str, Any]:
    """Province (or the chosen city/kind), by city, by kind: sums of the stored aggregates."""
    target = selectors.ratio_target()
    data = selectors.summary_group_today(user, city=city, kind=kind, target=target)
    flags = data["flags"]
    return {
        "as_of": timezone.localdate().isoformat(),
        "target": float(target),
        "province": _group(_counts_of(data["total"]), target),
        "by_city": [
            {
                "city": {
                    "id": r["city_id"],
                    "code": r["city__code"],
                    "name": r["city__name"],
                    "name_en": r["city__name_en"],
                },
                **_group(_counts_of(r), target),
            }
            for r in data["by_city"]
        ],
        "by_kind": [{"kind": r["kind"], **_group(_counts_of(r), target)} for r in data["by_kind"]],
        "schools": {
            "total": flags["schools"],
            "meeting_target": flags["meeting"],
            "without_teachers_in_scope": flags["without_scope"],
        },
    }


def summary_at(
    user: User, *, on: date, city: int | None = None, kind: str | None = None
) -> dict[str, Any]:
    target = selectors.ratio_target()
    schools = list(
        selectors.schools_for(user, city=city, kind=kind).values("id", "city_id", "kind")
    )
    scope_all = user.role == Role.PROVINCE and city is None and not kind
    counts = selectors.counts_at(on, None if scope_all else [s["id"] for s in schools])
    cities = {c.pk: c for c in City.objects.all()}
    total = Counts()
    by_city: dict[int, Counts] = {}
    by_kind: dict[str, Counts] = {}
    meeting = without = 0
    for s in schools:
        c = counts.get(s["id"], Counts())
        total.add(c)
        by_city.setdefault(s["city_id"], Counts()).add(c)
        by_kind.setdefault(s["kind"], Counts()).add(c)
        if c.in_scope == 0:
            without += 1
        elif engine.meets_target(c.qualified, c.in_scope, target):
            meeting += 1
    return {
        "as_of": on.isoformat(),
        "target": float(target),
        "province": _group(total, target),
        "by_city": [
            {
                "city": {
                    "id": cid,
                    "code": cities[cid].code,
                    "name": cities[cid].name,
                    "name_en": cities[cid].name_en,
                },
                **_group(c, target),
            }
            for cid, c in sorted(by_city.items(), key=lambda kv: cities[kv[0]].code)
        ],
        "by_kind": [{"kind": k, **_group(c, target)} for k, c in sorted(by_kind.items())],
        "schools": {
            "total": len(schools),
            "meeting_target": meeting,
            "without_teachers_in_scope": without,
        },
    }


# --------------------------------------------------------------------------- trend


def trend_scope(user: User, *, school: int | None, city: int | None) -> tuple[str, int]:
    """Which series the user asked for, within their scope (outside it: 404)."""
    S = RatioSnapshot.Scope
    if school is not None and city is not None:
        raise ValidationError({"school": [_("Give a school or a city, not both.")]})
    if school is not None:
        if not selectors.user_may_see_school(user, school):
            raise Http404
        return S.SCHOOL, school
    if user.role == Role.SCHOOL_HR:
        if city is not None:
            raise Http404
        return S.SCHOOL, int(user.school_id)  # type: ignore[arg-type]
    if city is not None:
        if user.role == Role.CITY and user.city_id != city:
            raise Http404
        if not City.objects.filter(pk=city).exists():
            raise Http404
        return S.CITY, city
    if user.role == Role.CITY:
        return S.CITY, int(user.city_id)  # type: ignore[arg-type]
    return S.PROVINCE, 0


def _month_add(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def trend(
    scope: str,
    key: int,
    *,
    start: date | None,
    end: date | None,
    as_of: date | None = None,
) -> dict[str, Any]:
    today = timezone.localdate()
    this_month = today.replace(day=1)
    # A past date (the dashboard's `as_of`): the series ends at its month, and that month's
    # point is the figures on that day (the page's headline), not at the month's end after it.
    on = as_of if as_of is not None and as_of < today else None
    last = this_month if on is None else on.replace(day=1)
    end = min(end or last, last)
    start = start or _month_add(end, -11)
    if start > end:
        raise ValidationError({"from": [_("The start month is after the end month.")]})
    recorded = {
        snap.month: snap
        for snap in selectors.snapshot_points(scope, key, start, end)
        if snap.month != this_month  # the current month is computed live below
    }
    months, month = [], start
    while month <= end and month != last:
        months.append(month)
        month = _month_add(month, 1)
    on_month_end = on is not None and on == intervals.month_end(last)
    # Each month as of its last day from the stored dated results (DESIGN §4: the figure
    # ratios/summary gives with as_of that day, a back-dated write or a rule change
    # included); the snapshot the job recorded on the 1st goes beside it (`recorded`), and
    # stands in only for a month the dated results do not cover (before their horizon, or a
    # new rule profile not yet rebuilt). Neither: the month has no point.
    school_ids = _scope_school_ids(scope, key)
    month_ends = [intervals.month_end(m) for m in months]
    if on is not None and on_month_end:
        month_ends.append(on)
    counted = selectors.totals_at_month_ends(month_ends, school_ids)
    points = []
    for month in months:
        snap = recorded.get(month)
        if (found := counted.get(intervals.month_end(month))) is not None:
            points.append(_point(month, *found, live=False, stored=False, recorded=snap))
        elif snap is not None:
            points.append(
                _point(month, snap.in_scope, snap.qualified, live=False, stored=True, recorded=snap)
            )
    if end == last and on is None:
        n, q = live_counts(scope, key)
        points.append(_point(this_month, n, q, live=True, stored=False))
    elif end == last and on is not None:
        found = counted.get(on) if on_month_end else None
        n, q = found if found is not None else _totals_on(on, school_ids)
        # The snapshot of a month the date ends goes beside it; one recorded at the end of a
        # month the date falls inside is after the date, and is left out.
        snap = recorded.get(last) if on_month_end else None
        points.append(_point(last, n, q, live=False, stored=False, recorded=snap))
    return {"scope": scope, "key": key, "points": points}


def _scope_school_ids(scope: str, key: int) -> list[int] | None:
    """The schools of a trend series (None: the whole province)."""
    if scope == RatioSnapshot.Scope.SCHOOL:
        return [key]
    if scope == RatioSnapshot.Scope.CITY:
        return list(School.objects.filter(city_id=key).values_list("id", flat=True))
    return None


def live_counts(scope: str, key: int) -> tuple[int, int]:
    """Today's (in scope, qualified) for a series: the stored aggregates while the stored
    results hold, else counted at today as the ratio views do (DESIGN §4: never stale,
    even when no nightly run has brought the aggregates up to date)."""
    today = timezone.localdate()
    school_ids = _scope_school_ids(scope, key)
    if selectors.results_current(today, school_ids):
        return selectors.live_counts_today(scope, key)
    return _totals_on(today, school_ids)


def _totals_on(on: date, school_ids: list[int] | None) -> tuple[int, int]:
    """(in scope, qualified) of a series counted at ``on``, as ratios/summary?as_of counts."""
    total = Counts()
    for counts in selectors.counts_at(on, school_ids).values():
        total.add(counts)
    return total.in_scope, total.qualified


def _point(
    month: date, n: int, q: int, *, live: bool, stored: bool, recorded: RatioSnapshot | None = None
) -> dict[str, Any]:
    return {
        "month": month.strftime("%Y-%m"),
        **_figures(n, q),
        "live": live,
        "stored": stored,
        "recorded": None if recorded is None else _figures(recorded.in_scope, recorded.qualified),
    }


def _figures(n: int, q: int) -> dict[str, Any]:
    ratio = engine.ratio(q, n)
    return {"in_scope": n, "qualified": q, "ratio": engine.api_share(ratio)}


# --------------------------------------------------------------------------- candidates


def _candidate(teacher: Any, ev: engine.Evaluation) -> dict[str, Any]:
    return {
        "teacher": {"id": teacher.pk, "name": teacher.name, "staff_no": teacher.staff_no},
        "level": ev.level,
        "distance": ev.distance,
        "missing": [m.as_dict() for m in ev.missing],
    }


def candidate_rows_stored(page: list[TeacherQualification]) -> list[dict[str, Any]]:
    return [_candidate(tq.teacher, stored_evaluation(tq)) for tq in page]


def candidate_rows_at(school_id: int, *, on: date) -> list[dict[str, Any]]:
    _version, profile = selectors.profile_current()
    found = []
    # Those who were at the school on ``on`` (DESIGN §3 dated facts), not today's staff.
    for batch in selectors.iter_records(school_ids=[school_id]):
        for item in batch:
            if selectors.school_on(item, on) != school_id:
                continue
            ev = engine.evaluate(item.record, on, profile)
            if ev.in_scope and not ev.qualified:
                found.append((ev.distance, item.teacher_id, ev))
    found.sort(key=lambda t: (t[0] is None, t[0] or 0, t[1]))
    from shuangshi.teachers.models import Teacher

    teachers = Teacher.objects.in_bulk([tid for _d, tid, _e in found])
    return [_candidate(teachers[tid], ev) for _d, tid, ev in found]


# --------------------------------------------------------------------------- targets


def target_progress() -> dict[str, Any]:
    n, q = live_counts(RatioSnapshot.Scope.PROVINCE, 0)  # never stale, as the trend
    ratio = engine.ratio(q, n)
    return {
        TargetCode.DUAL_QUALIFIED_RATIO: engine.api_share(ratio),
        TargetCode.TRAINING_BASES: selectors.active_bases_count(),
        TargetCode.PRACTICAL_HOURS_SHARE: _practical_share(),
    }


def _practical_share() -> float | None:
    from shuangshi.hours.selectors import province_share  # the hours app reads targets

    return province_share()
