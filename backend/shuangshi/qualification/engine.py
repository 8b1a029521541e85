"""Dual-qualified teacher rules (DESIGN §4), pure Python: no Django, no database.

The engine takes plain frozen dataclasses and returns an :class:`Evaluation` with every
rule's outcome.  It is written for bulk use (a whole province re-evaluated in one process),
so dates are handled as ordinals inside and the per-date work is cached per (date, profile).

Conventions (documented in the UI help as well):
- a certificate is held from ``issued_on`` through ``expires_on`` inclusive;
- a teacher is employed from ``hired_on`` through ``left_on`` inclusive;
- enterprise periods count their days inclusive of both ends; overlapping periods count a
  day once; an ongoing period (``end_on`` is None) runs through the evaluation date;
- "N years before D" is the same calendar day N years earlier (29 Feb → 28 Feb);
- facts are dated (DESIGN §3): a record may carry ``history`` (FactChange rows); the
  school, employment, course type, title and major category in effect at D are used, and
  before the first row the first value holds;
- ``next_change`` is the first date after D at which any rule's outcome, the scope or a
  dated fact changes by itself; ``valid_until`` is the first date after D at which the
  *level* changes (exclusive: the level holds on every day before it); None when never;
- each reason's ``changes_on`` is the first date after D its own outcome flips (None: never).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, Final, Protocol

LEVELS: Final = ("none", "junior", "intermediate", "senior")
TITLES: Final = ("none", "junior", "intermediate", "associate_senior", "senior")
EDUCATIONS: Final = ("secondary", "higher_vocational", "bachelor", "master", "doctor")
GRADES: Final = ("grade5", "grade4", "grade3", "grade2", "grade1")
ONE_PLUS_X: Final = ("junior", "intermediate", "senior")
PROFESSIONAL_TITLES: Final = ("junior", "intermediate", "associate_senior", "senior")

SKILL_KINDS: Final = frozenset({"skill_level", "vocational_qualification"})
# Every certificate kind (teachers.models.CertificateKind), for the basic certificate's setting.
CERTIFICATE_KINDS: Final = (
    "teacher_qualification",
    "skill_level",
    "vocational_qualification",
    "one_plus_x",
    "professional_title",
)
IN_SCOPE_COURSES: Final = frozenset({"professional", "practical"})

_TITLE_RANK: Final = {t: i for i, t in enumerate(TITLES)}
_EDU_RANK: Final = {e: i for i, e in enumerate(EDUCATIONS)}
_GRADE_RANK: Final = {g: i for i, g in enumerate(GRADES)}
_OPX_RANK: Final = {g: i for i, g in enumerate(ONE_PLUS_X)}
_PTITLE_RANK: Final = {g: i for i, g in enumerate(PROFESSIONAL_TITLES)}

_MIN: Final = 1  # date.min.toordinal(), as a literal: compiled, a constant
_MAX: Final = 3652059  # date.max.toordinal()

# Rule codes, in the order reasons are reported.
SCOPE: Final = "SCOPE"
BASIC: Final = "BASIC"
E_SKILL: Final = "E_SKILL"
E_TITLE: Final = "E_TITLE"
E_PRACTICE: Final = "E_PRACTICE"
E_ENTERPRISE: Final = "E_ENTERPRISE"
E_TRAINING: Final = "E_TRAINING"
TITLE_INTERMEDIATE: Final = "TITLE_INTERMEDIATE"
YEARS_INTERMEDIATE: Final = "YEARS_INTERMEDIATE"
TITLE_SENIOR: Final = "TITLE_SENIOR"
YEARS_SENIOR: Final = "YEARS_SENIOR"
EVIDENCE: Final = (E_SKILL, E_TITLE, E_PRACTICE, E_ENTERPRISE, E_TRAINING)


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class TeacherFacts:
    employment: str  # full_time | part_time
    course_type: str  # professional | practical | public
    hired_on: date | None = None
    left_on: date | None = None
    teaching_since: date | None = None
    title: str = "none"
    education: str = "bachelor"
    normal_graduate: bool = False
    major_category: str | None = None  # 专业大类 code (41–59); None: not stated
    school_id: int | None = None


@dataclass(frozen=True, slots=True)
class CertificateFact:
    kind: str
    level: str
    issued_on: date | None = None
    expires_on: date | None = None
    field_category: str | None = None  # 专业大类 code; None: not stated


@dataclass(frozen=True, slots=True)
class FactChange:
    """A dated teacher fact: ``field`` takes ``value`` from ``effective_on`` (DESIGN §3).
    Fields: school (value: the school id), employment, course_type, title, major_category
    ("" or None: not stated)."""

    effective_on: date
    field: str
    value: Any


@dataclass(frozen=True, slots=True)
class PeriodFact:
    kind: str  # employment | practice
    start_on: date
    end_on: date | None = None


@dataclass(frozen=True, slots=True)
class CompletionFact:
    hours: int
    passed: bool
    completed_on: date
    base_active: bool = True


@dataclass(frozen=True, slots=True)
class TeacherRecord:
    facts: Any  # TeacherFacts, or a row with its fields (selectors.TeacherRow)
    certificates: Sequence[CertificateFact] = ()
    periods: Sequence[PeriodFact] = ()
    completions: Sequence[CompletionFact] = ()
    history: Sequence[FactChange] = ()


class Record(Protocol):
    """What the rules read of a teacher: a :class:`TeacherRecord`, or any object with the
    same fields (``selectors.Loaded``: named tuples of database rows); ``history`` is read
    with ``getattr`` (absent: no dated facts)."""

    @property
    def facts(self) -> Any: ...
    @property
    def certificates(self) -> Sequence[Any]: ...
    @property
    def periods(self) -> Sequence[Any]: ...
    @property
    def completions(self) -> Sequence[Any]: ...


@dataclass(frozen=True, slots=True)
class RuleProfile:
    """Every threshold of DESIGN §4; the defaults are the product's default profile."""

    basic_certificate_kind: str = "teacher_qualification"
    skill_min_grade: str = "grade4"
    one_plus_x_min_level: str = "intermediate"
    professional_title_min_level: str = "intermediate"
    practice_window_years: int = 5
    practice_min_days: int = 180
    enterprise_min_days: int = 1095
    training_min_hours: int = 40
    training_window_years: int = 5
    junior_evidence_items: int = 1
    intermediate_min_title: str = "intermediate"
    intermediate_min_teaching_years: int = 5
    intermediate_extra_items: int = 1
    senior_min_title: str = "associate_senior"
    senior_min_teaching_years: int = 10
    senior_extra_items: int = 2
    recruitment_since: date = date(2023, 8, 1)
    recruitment_enterprise_days: int = 1095
    recruitment_min_education: str = "higher_vocational"
    students_per_teacher: int = 20
    students_per_teacher_higher_vocational: int = 18
    part_time_share: float = 0.20
    # E_SKILL and recruitment path (a): the certificate's field category must equal the
    # teacher's major category (DESIGN §4).
    field_match: bool = True

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            out[name] = value.isoformat() if isinstance(value, date) else value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RuleProfile:
        known = cls.__dataclass_fields__
        kwargs: dict[str, Any] = {}
        for name, value in data.items():
            if name not in known:
                continue
            if name == "recruitment_since" and isinstance(value, str):
                value = date.fromisoformat(value)
            elif name == "part_time_share" and isinstance(value, int):
                value = float(value)  # JSON's 0 and 1 (a compiled profile takes a float only)
            kwargs[name] = value
        return cls(**kwargs)

    def validate(self) -> dict[str, str]:
        """Field → message for values the engine cannot use (``profile_errors``)."""
        return profile_errors(self.as_dict())


# The largest thresholds a profile may hold: a window or a teaching time longer than a
# working life means nothing, and a window of thousands of years leaves the calendar.
MAX_YEARS = 60
MAX_DAYS = 36_600
MAX_HOURS = 10_000
MAX_STUDENTS_PER_TEACHER = 1_000
EARLIEST_DATE = date(1950, 1, 1)  # common.dates' range for every date a client sends
LATEST_DATE = date(2100, 12, 31)

# (message template, its parameters) for each refusal: profile_errors formats them; the
# API translates the template first (qualification.services), this module stays pure.
MSG_CHOICE = "must be one of %(choices)s"
MSG_WHOLE = "must be a whole number of at least %(min)s"
MSG_AT_MOST = "must be at most %(max)s"
MSG_SHARE = "must be between 0 and 1"
MSG_BOOL = "must be true or false"
MSG_DATE = "must be a date (YYYY-MM-DD)"
MSG_DATE_RANGE = "must be a date between %(earliest)s and %(latest)s"


def profile_error_details(values: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Field → (message template, parameters) for the values of a profile
    (``RuleProfile.as_dict`` form) that the engine cannot use."""
    defaults = DEFAULT_PROFILE_VALUES
    errors: dict[str, tuple[str, dict[str, Any]]] = {}

    def get(name: str) -> Any:
        return values.get(name, defaults[name])

    choices = {
        "basic_certificate_kind": CERTIFICATE_KINDS,
        "skill_min_grade": GRADES,
        "one_plus_x_min_level": ONE_PLUS_X,
        "professional_title_min_level": PROFESSIONAL_TITLES,
        "intermediate_min_title": TITLES,
        "senior_min_title": TITLES,
        "recruitment_min_education": EDUCATIONS,
    }
    for name, allowed in choices.items():
        if get(name) not in allowed:
            errors[name] = (MSG_CHOICE, {"choices": ", ".join(allowed)})
    # name → (least, most)
    whole = {
        "practice_window_years": (1, MAX_YEARS),
        "training_window_years": (1, MAX_YEARS),
        "junior_evidence_items": (1, len(EVIDENCE)),
        "practice_min_days": (0, MAX_DAYS),
        "enterprise_min_days": (0, MAX_DAYS),
        "training_min_hours": (0, MAX_HOURS),
        "intermediate_min_teaching_years": (0, MAX_YEARS),
        # E_PRACTICE is required besides them: at most the other items.
        "intermediate_extra_items": (0, len(EVIDENCE) - 1),
        "senior_min_teaching_years": (0, MAX_YEARS),
        "senior_extra_items": (0, len(EVIDENCE) - 1),
        "recruitment_enterprise_days": (0, MAX_DAYS),
        "students_per_teacher": (0, MAX_STUDENTS_PER_TEACHER),
        "students_per_teacher_higher_vocational": (0, MAX_STUDENTS_PER_TEACHER),
    }
    for name, (least, most) in whole.items():
        value = get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            errors[name] = (MSG_WHOLE, {"min": least})
        elif value > most:
            errors[name] = (MSG_AT_MOST, {"max": most})
    share = get("part_time_share")
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
        errors["part_time_share"] = (MSG_SHARE, {})
    if not isinstance(get("field_match"), bool):
        errors["field_match"] = (MSG_BOOL, {})
    since = get("recruitment_since")
    if isinstance(since, str):
        try:
            since = date.fromisoformat(since)
        except ValueError:
            since = None
    if not isinstance(since, date):
        errors["recruitment_since"] = (MSG_DATE, {})
    elif not EARLIEST_DATE <= since <= LATEST_DATE:
        errors["recruitment_since"] = (
            MSG_DATE_RANGE,
            {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
        )
    return errors


def profile_errors(values: dict[str, Any]) -> dict[str, str]:
    """Field → message for the values of a profile (``RuleProfile.as_dict`` form) that the
    engine cannot use; check before ``RuleProfile.from_dict``, which expects sound types."""
    return {
        name: template % params
        for name, (template, params) in profile_error_details(values).items()
    }


DEFAULT_PROFILE: Final = RuleProfile()
DEFAULT_PROFILE_VALUES = DEFAULT_PROFILE.as_dict()


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    met: bool
    value: Any
    threshold: Any
    changes_on: date | None = None  # next date this rule's outcome flips by itself
    note: dict[str, Any] | None = None  # why not met, when the value alone does not say

    @property
    def message(self) -> str:
        return f"qualification.rule.{self.code.lower()}"

    @property
    def params(self) -> dict[str, Any]:
        return {"value": self.value, "threshold": self.threshold, **(self.note or {})}

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "met": self.met,
            "value": self.value,
            "threshold": self.threshold,
            "message": self.message,
            "params": self.params,
            "changes_on": self.changes_on,
            "note": (self.note or {}).get("why"),
        }


@dataclass(frozen=True, slots=True)
class Missing:
    """One thing a teacher lacks for the next level, in its own unit."""

    code: str
    quantity: int
    unit: str  # days | hours | certificate | years | title
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    distance: int = 0  # comparable across teachers: estimated days of effort
    one_of: bool = False  # an alternative: any ``needed`` of the one_of items will do
    needed: int = 0

    @property
    def text(self) -> str:
        """Plain English for API clients; the UI translates ``message`` with ``params``."""
        template = MISSING_TEXT.get(self.message, self.message)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return template

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "quantity": self.quantity,
            "unit": self.unit,
            "message": self.message,
            "params": self.params,
            "text": self.text,
            "distance": self.distance,
            "one_of": self.one_of,
            "needed": self.needed,
        }


MISSING_TEXT: Final = {
    "qualification.missing.basic": "needs a teacher qualification certificate ({kind})",
    "qualification.missing.e_practice": (
        "needs {days} more days of enterprise practice in the last {years} years"
    ),
    "qualification.missing.e_enterprise": "needs {days} more days of enterprise employment",
    "qualification.missing.e_training": (
        "needs a passed training of {hours} hours or more at an active base"
    ),
    "qualification.missing.e_skill": (
        "needs a skill certificate at {level} or higher in the teacher's field"
    ),
    "qualification.missing.e_title": (
        "needs a professional title certificate at {level} or higher"
    ),
    "qualification.missing.teaching_years": "needs {years} more years of teaching",
    "qualification.missing.title": "needs the teaching title {title} or higher",
}


@dataclass(slots=True)
class Evaluation:
    """The result at one date. Rule outcomes are kept as parallel tuples in REASON_CODES
    order (cheap to build in bulk); ``reasons`` builds the Reason objects on demand."""

    level: str
    in_scope: bool
    mets: tuple[bool, ...]
    values: tuple[Any, ...]
    thresholds: tuple[Any, ...]
    valid_until: date | None
    recruitment_compliant: bool | None = None  # None: the recruitment check does not apply
    # Evidence items the profile asks for: junior, intermediate extra, senior extra.
    evidence_needed: tuple[int, int, int] = (1, 1, 2)
    practice_window_years: int = 5
    next_change: date | None = None  # any rule, the scope or a dated fact changes
    changes: tuple[date | None, ...] = ()  # per rule, REASON_CODES order (empty: unknown)
    notes: tuple[tuple[int, dict[str, Any]], ...] = ()  # (rule index, note)

    @property
    def qualified(self) -> bool:
        return self.level != "none"

    @property
    def reasons(self) -> tuple[Reason, ...]:
        changes = self.changes or (None,) * len(REASON_CODES)
        notes = dict(self.notes)
        return tuple(
            Reason(code, met, value, threshold, change, notes.get(i))
            for i, (code, met, value, threshold, change) in enumerate(
                zip(REASON_CODES, self.mets, self.values, self.thresholds, changes, strict=True)
            )
        )

    def reason(self, code: str) -> Reason | None:
        for r in self.reasons:
            if r.code == code:
                return r
        return None

    @property
    def missing(self) -> tuple[Missing, ...]:
        return missing_for_next_level(self)

    @property
    def distance(self) -> int | None:
        return distance_to_next_level(self)


# --------------------------------------------------------------------------- date helpers


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a year without one
        return d.replace(year=d.year + years, day=28)


@lru_cache(maxsize=1 << 16)
def _add_years_ord(o: int, years: int) -> int:
    d = date.fromordinal(o)
    y = d.year + years
    if y < 1:
        return _MIN
    if y > 9999:
        return _MAX
    return add_years(d, years).toordinal()


def _window_end_for(start: int, years: int) -> int:
    """Last day t whose window [t − years, t] still reaches back to ``start``."""
    t = _add_years_ord(start, years)
    if t >= _MAX - 1:
        return _MAX
    while _add_years_ord(t + 1, -years) <= start:
        t += 1
    return t


def _window_start_reaches(day: int, years: int) -> int:
    """First day t whose window start t − years is after ``day``."""
    t = _add_years_ord(day, years)
    if t >= _MAX - 1:
        return _MAX
    while _add_years_ord(t, -years) <= day:
        t += 1
    return t


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if len(intervals) < 2:
        return intervals
    intervals.sort()
    out = [intervals[0]]
    for a, b in intervals[1:]:
        la, lb = out[-1]
        if a <= lb + 1:
            if b > lb:
                out[-1] = (la, b)
        else:
            out.append((a, b))
    return out


def _held_change(intervals: list[tuple[int, int]], d: int) -> tuple[bool, int]:
    """Membership of ``d`` in the union of closed intervals and the first t > d where it flips."""
    return _held_change_merged(_merge(intervals), d)


def _held_change_merged(merged: list[tuple[int, int]], d: int) -> tuple[bool, int]:
    """``_held_change`` of intervals already merged (``_merge``)."""
    for a, b in merged:
        if a > d:
            return False, a
        if b >= d:
            return True, (b + 1 if b < _MAX else _MAX)
    return False, _MAX


def _days_in(merged: list[tuple[int, int]], lo: int, hi: int) -> int:
    total = 0
    for a, b in merged:
        if b < lo:
            continue
        if a > hi:
            break
        total += (b if b < hi else hi) - (a if a > lo else lo) + 1
    return total


# --------------------------------------------------------------------------- per-date context


@dataclass(frozen=True, slots=True)
class _Context:
    d: int
    practice_start: int
    training_start: int
    skill_min: int
    opx_min: int
    ptitle_min: int
    title_intermediate: int
    title_senior: int
    edu_min: int
    recruitment_since: int
    evidence_needed: tuple[int, int, int]
    thresholds: tuple[Any, ...]


@lru_cache(maxsize=8192)  # timelines visit every date of a 7-year horizon
def _context(on: date, profile: RuleProfile) -> _Context:
    d = on.toordinal()
    return _Context(
        d=d,
        practice_start=add_years(on, -profile.practice_window_years).toordinal(),
        training_start=add_years(on, -profile.training_window_years).toordinal(),
        skill_min=_GRADE_RANK[profile.skill_min_grade],
        opx_min=_OPX_RANK[profile.one_plus_x_min_level],
        ptitle_min=_PTITLE_RANK[profile.professional_title_min_level],
        title_intermediate=_TITLE_RANK[profile.intermediate_min_title],
        title_senior=_TITLE_RANK[profile.senior_min_title],
        edu_min=_EDU_RANK[profile.recruitment_min_education],
        recruitment_since=profile.recruitment_since.toordinal(),
        evidence_needed=(
            profile.junior_evidence_items,
            profile.intermediate_extra_items,
            profile.senior_extra_items,
        ),
        thresholds=thresholds(profile),
    )


def _ord(d: date | None, default: int) -> int:
    return default if d is None else d.toordinal()


# --------------------------------------------------------------------------- evaluation


def _practice(
    merged: list[tuple[int, int]], ctx: _Context, profile: RuleProfile
) -> tuple[int, bool, int]:
    """Days inside the window, met, first later day the outcome flips (or _MAX); the
    periods already merged (``_merge``)."""
    d = ctx.d
    days = _days_in(merged, ctx.practice_start, d)
    need = profile.practice_min_days
    met = days >= need
    if not merged:
        return days, met, _MAX
    years = profile.practice_window_years
    future = merged[-1][1] > d
    if not future:
        # Days only leave the window: it flips once the need-th most recent day leaves.
        if not met or need == 0:
            return days, met, _MAX
        left = need
        for a, b in reversed(merged):
            hi = b if b < d else d
            n = hi - a + 1
            if n >= left:
                return days, met, _window_start_reaches(hi - left + 1, years)
            left -= n
        return days, met, _MAX  # unreachable: met implies enough days
    if 0 < need <= 365 * years + 1:  # a full window holds the need: closed forms
        if len(merged) == 1:
            a, b = merged[0]
            if b == _MAX - 1:
                # Ongoing from a: the count rises a day a day up to a full window, never
                # below the need again: once met, for good; before, met on its need-th day.
                return days, met, _MAX if met else a + need - 1
            if b - a + 1 < need:  # too short ever to count
                return days, met, _MAX
            if met:  # holds until the need-th last day of the period leaves the window
                return days, met, _window_start_reaches(b - need + 1, years)
            return days, met, a + need - 1  # the count still rises a day a day
        if not met and sum(b - a + 1 for a, b in merged) < need:
            return days, met, _MAX  # all the days together do not reach the need
    return days, met, _practice_flip_generic(merged, ctx.d, years, need, met)


# Between the breakpoints of the periods the window count is monotonic but for one thing:
# the window [t − years, t] is a day longer while it holds one more 29 February, so on
# 29 Feb its start stays put and on 1 Mar it may skip a day. With one period entering the
# window and another leaving it (or one covering it all) the count is flat, and those days
# move it up one and later down one: a flip that bisecting between breakpoints cannot
# see, and that recurs after the last breakpoint. That takes periods across a whole year
# (29 Feb to 1 Mar of the next, or more) inside the window, so the count is above 365
# there: a need of at most this many days never flips on such a day.
_LEAP_SAFE_NEED: Final = 365
_LEAP_CYCLE: Final = 4 * 366 + 1  # past the last breakpoint: the next such flip is nearer


def _leap_steps(after: int, upto: int) -> list[int]:
    """28 Feb, 29 Feb (leap years) and 1 Mar of each year, in (after, upto]: around the
    days a window of whole years changes length, as breakpoints."""
    out: list[int] = []
    upto = min(upto, _MAX - 2)
    if upto <= after:
        return out
    for year in range(date.fromordinal(after).year, date.fromordinal(upto).year + 1):
        for month, day in ((2, 28), (2, 29), (3, 1)):
            if day == 29 and not _leap(year):
                continue
            o = date(year, month, day).toordinal()
            if after < o <= upto:
                out.append(o)
    return out


def _practice_flip_generic(
    merged: list[tuple[int, int]], d: int, years: int, need: int, met: bool
) -> int:
    # Between breakpoints the count moves monotonically, so test breakpoints then bisect.
    def count(t: int) -> int:
        return _days_in(merged, _add_years_ord(t, -years), t)

    points: set[int] = set()
    for a, b in merged:
        for p in (a, b + 1, _add_years_ord(a, years), _add_years_ord(b + 1, years)):
            for q in (p - 1, p, p + 1):
                if d < q < _MAX - 1:
                    points.add(q)
    if need > _LEAP_SAFE_NEED:
        points.update(_leap_steps(d, max(points, default=d) + _LEAP_CYCLE))
    prev = d
    for p in sorted(points):
        if (count(p) >= need) != met:
            lo, hi = prev, p  # outcome == met at lo, != met at hi
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if (count(mid) >= need) == met:
                    lo = mid
                else:
                    hi = mid
            return hi
        prev = p
    return _MAX


def _enterprise(merged: list[tuple[int, int]], d: int, need: int) -> tuple[int, bool, int]:
    """Employment days up to ``d``, met, the day it is met; the periods already merged."""
    days = _days_in(merged, _MIN, d)
    if days >= need:
        return days, True, _MAX
    # Ongoing or future employment keeps adding days: the need-th day is the flip.
    left = need
    for a, b in merged:
        n = b - a + 1
        if n >= left:
            return days, False, a + left - 1
        left -= n
    return days, False, _MAX


_last_context: list[Any] = [None, None, None]
_context_by_id: dict[tuple[int, date], tuple[RuleProfile, _Context]] = {}


def _context_of(on: date, profile: RuleProfile) -> _Context:
    last = _last_context
    if last[0] is profile and last[1] == on:
        return last[2]  # type: ignore[no-any-return]
    # By the profile's identity: hashing the frozen profile costs more than the rest.
    hit = _context_by_id.get((id(profile), on))
    if hit is not None and hit[0] is profile:
        ctx = hit[1]
    else:
        ctx = _context(on, profile)
        if len(_context_by_id) > 8192:
            _context_by_id.clear()
        _context_by_id[(id(profile), on)] = (profile, ctx)  # keeps the id taken
    last[0], last[1], last[2] = profile, on, ctx
    return ctx


_FACT_ATTR: Final = {
    "school": "school_id",
    "employment": "employment",
    "course_type": "course_type",
    "title": "title",
    "major_category": "major_category",
}


def _fact_value(field: str, value: Any) -> Any:
    if field == "school":
        return None if value in (None, "") else int(value)
    if field == "major_category":
        return value or None
    return value


def facts_at(facts: Any, history: Sequence[Any], d: int) -> tuple[Any, int]:
    """The facts in effect on day ``d`` (an ordinal) and the first later day a row starts.

    For each field the latest row on or before ``d`` wins; before a field's first row its
    first value holds. ``facts`` may be a dataclass or a named tuple.
    """
    nxt = _MAX
    by_field: dict[str, list[tuple[int, Any]]] = {}
    for h in history:
        if h.field not in _FACT_ATTR:
            continue
        o = h.effective_on.toordinal()
        by_field.setdefault(h.field, []).append((o, h.value))
        if d < o < nxt:
            nxt = o
    if not by_field:
        return facts, nxt
    values: dict[str, Any] = {}
    for name, rows in by_field.items():
        rows.sort(key=_first_of)
        pick = rows[0][1]
        for o, v in rows:
            if o > d:
                break
            pick = v
        values[_FACT_ATTR[name]] = _fact_value(name, pick)
    if hasattr(facts, "_replace"):
        return facts._replace(**values), nxt
    return replace(facts, **values), nxt


def _first_of(row: tuple[int, Any]) -> int:
    return row[0]


def evaluate(record: Record, on: date, profile: RuleProfile = DEFAULT_PROFILE) -> Evaluation:
    """The result at ``on`` with its reasons; ``valid_until`` is when the level changes and
    each reason's ``changes_on`` when its outcome does (both found by stepping through the
    dates on which anything changes: between them nothing does)."""
    prep: dict[Any, Any] = {}
    ev, own = _evaluate_once(record, on, profile, prep)
    return _with_future(record, ev, own, profile, prep)


def outcome(record: Record, on: date, profile: RuleProfile = DEFAULT_PROFILE) -> Evaluation:
    """The result at ``on`` without looking ahead (``valid_until`` and ``changes`` unset):
    what counting many teachers at one date needs, at a fraction of the cost."""
    return _evaluate_once(record, on, profile)[0]


# Most teachers have a handful of change dates; the cap bounds pathological records.
MAX_STEPS: Final = 64


def _with_future(
    record: Record,
    ev: Evaluation,
    own: list[int],
    profile: RuleProfile,
    prep: dict[Any, Any] | None = None,
) -> Evaluation:
    n = len(REASON_CODES)
    changes: list[int | None] = [None] * n
    remaining = set(range(n))
    valid_until: int | None = None
    t = _MAX if ev.next_change is None else ev.next_change.toordinal()
    steps = 0
    last_own = own
    mets = ev.mets
    while t < _MAX - 1 and (valid_until is None or remaining) and steps < MAX_STEPS:
        later, last_own = _evaluate_once(record, date.fromordinal(t), profile, prep)
        for i in list(remaining):
            if later.mets[i] != mets[i]:
                changes[i] = t
                remaining.discard(i)
        if valid_until is None and later.level != ev.level:
            valid_until = t
        t = _MAX if later.next_change is None else later.next_change.toordinal()
        steps += 1
    if steps >= MAX_STEPS:  # not reached in practice: fall back on each rule's own date
        for i in remaining:
            changes[i] = last_own[i] if last_own[i] < _MAX - 1 else None
    return replace(
        ev,
        valid_until=None if valid_until is None else date.fromordinal(valid_until),
        changes=tuple(None if c is None else date.fromordinal(c) for c in changes),
    )


def timeline(
    record: Record, start: date, end: date, profile: RuleProfile = DEFAULT_PROFILE
) -> list[tuple[date, Evaluation, Any]]:
    """(from, evaluation, facts in effect) for every date in [start, end] on which the
    outcome may change: each holds until the next one (the last until its ``next_change``).
    Callers merge neighbours that do not differ in what they keep."""
    return [(on, ev, f) for on, ev, f, _own in _timeline(record, start, end, profile)]


def _timeline(
    record: Record,
    start: date,
    end: date,
    profile: RuleProfile,
    prep: dict[Any, Any] | None = None,
) -> list[tuple[date, Evaluation, Any, list[int]]]:
    out: list[tuple[date, Evaluation, Any, list[int]]] = []
    on = start
    end_ord = end.toordinal()
    history = getattr(record, "history", ())
    facts = record.facts
    if prep is None:
        prep = {}
    ev, own = _evaluate_once(record, on, profile, prep)
    if history:
        facts, _nxt = facts_at(record.facts, history, on.toordinal())
    for _ in range(4 * MAX_STEPS):
        out.append((on, ev, facts, own))
        if ev.next_change is None or ev.next_change.toordinal() > end_ord:
            break
        on = ev.next_change
        step = _advance(ev, own, on.toordinal(), profile, prep)
        if step is not None:  # only evidence or the teaching years flip here
            ev, own = step
            continue
        ev, own = _evaluate_once(record, on, profile, prep)
        if history:
            facts, _nxt = facts_at(record.facts, history, on.toordinal())
    return out


def evaluate_with_timeline(
    record: Record,
    on: date,
    start: date,
    end: date,
    profile: RuleProfile = DEFAULT_PROFILE,
) -> tuple[Evaluation, list[tuple[date, Evaluation, Any]]]:
    """``evaluate(record, on)`` and ``timeline(record, start, end)`` in one pass (bulk
    rebuilds): the look-ahead reads the timeline's points instead of walking again.

    Exact while the changes fall inside [start, end] (``start <= on <= end``); past ``end``
    each rule's own next flip is used and the level's is walked for at most a few steps."""
    prep: dict[Any, Any] = {}
    points = _timeline(record, start, end, profile, prep)
    ev, own = _evaluate_once(record, on, profile, prep)
    n = len(REASON_CODES)
    changes: list[int | None] = [None] * n
    remaining = set(range(n))
    valid_until: int | None = None
    last_ev, last_own = ev, own
    for d, later, _f, later_own in points:
        if d <= on:
            continue
        t = d.toordinal()
        for i in list(remaining):
            if later.mets[i] != ev.mets[i]:
                changes[i] = t
                remaining.discard(i)
        if valid_until is None and later.level != ev.level:
            valid_until = t
        last_ev, last_own = later, later_own
    if last_ev.next_change is not None:  # something still changes after the horizon
        for i in remaining:
            changes[i] = last_own[i] if last_own[i] < _MAX - 1 else None
        if valid_until is None:
            t = last_ev.next_change.toordinal()
            for _ in range(16):
                later, _o = _evaluate_once(record, date.fromordinal(t), profile, prep)
                if later.level != ev.level:
                    valid_until = t
                    break
                if later.next_change is None:
                    break
                t = later.next_change.toordinal()
    result = Evaluation(  # dataclasses.replace, at a fraction of its cost in bulk
        ev.level,
        ev.in_scope,
        ev.mets,
        ev.values,
        ev.thresholds,
        None if valid_until is None else date.fromordinal(valid_until),
        ev.recruitment_compliant,
        ev.evidence_needed,
        ev.practice_window_years,
        ev.next_change,
        tuple(None if c is None else date.fromordinal(c) for c in changes),
        ev.notes,
    )
    return result, [(d, e, f) for d, e, f, _o in points]


# (from, school, level, in scope, full-time, part-time, recruitment check): one stretch of
# days on which none of these changes; the next stretch's ``from`` ends it.
Segment = tuple[date, Any, str, bool, bool, bool, bool | None]

# More change days than this inside one horizon: the stepwise timeline (which caps them) decides.
SPAN_MAX_EVENTS: Final = 200
# After the horizon the level's change is looked for over at most this many change days.
_BEYOND_STEPS: Final = 16


def evaluate_span(
    record: Record,
    on: date,
    start: date,
    end: date,
    profile: RuleProfile = DEFAULT_PROFILE,
) -> tuple[Evaluation, list[Segment]] | None:
    """``evaluate_with_timeline`` in one pass for a record without dated facts: one full
    evaluation at ``on``, then each rule's own change days from the prepared intervals
    (the level is piecewise constant between them), swept once. Same result and the same
    stretches as the stepwise timeline merged by ``intervals``; None when it does not apply
    (dated facts, ``on`` outside [start, end], or more change days than the timeline keeps):
    callers use ``evaluate_with_timeline`` then."""
    if getattr(record, "history", ()):
        return None
    s, e, d_on = start.toordinal(), end.toordinal(), on.toordinal()
    if not s <= d_on <= e:
        return None
    prep: dict[Any, Any] = {}
    ev, _own = _evaluate_once(record, on, profile, prep, practice_flip=False)
    _certs, basic_m, skill_m, ptitle_m, all_m, emp_m, _trains, train_m = prep[_LAST]
    f = record.facts
    hired = _MIN if f.hired_on is None else f.hired_on.toordinal()
    left = _MAX if f.left_on is None else f.left_on.toordinal()
    kind_ok = f.employment == "full_time" and f.course_type in IN_SCOPE_COURSES
    ctx = _context_of(start, profile)
    # Each rule's outcome at ``start`` and its events after it, (day, rule, outcome from
    # then): the days the stepwise walk visits for the rule (its ``own`` next change).
    # Most flip the outcome; the hire and leave days flip the scope only for a teacher of
    # an in-scope kind, but are visited all the same (they count as steps after the horizon).
    mets = [False] * len(REASON_CODES)
    events: list[tuple[int, int, bool]] = []
    mets[0] = kind_ok and hired <= s <= left
    if hired > s:
        events.append((hired, 0, kind_ok and hired <= left))
    if left < _MAX - 2 and left >= s and left >= hired:
        events.append((left + 1, 0, False))
    mets[1] = _held_events(basic_m, s, 1, events)
    mets[2] = _held_events(skill_m, s, 2, events)
    mets[3] = _held_events(ptitle_m, s, 3, events)
    mets[6] = _held_events(train_m, s, 6, events)
    if len(all_m) == 1:  # one period: closed forms, flip to flip
        _d, mets[4], t = _practice(all_m, ctx, profile)
        while t < _MAX - 1:
            _d, met, nxt = _practice(all_m, _context_of(date.fromordinal(t), profile), profile)
            events.append((t, 4, met))
            if nxt <= t or len(events) > SPAN_MAX_EVENTS:
                return None
            t = nxt
    elif all_m:
        mets[4] = _practice_events(
            all_m, s, profile.practice_window_years, profile.practice_min_days, events, e
        )
    else:
        mets[4] = profile.practice_min_days <= 0
    if emp_m:
        _d, mets[5], t = _enterprise(emp_m, s, profile.enterprise_min_days)
        if not mets[5] and t < _MAX - 1:
            events.append((t, 5, True))
    else:
        mets[5] = profile.enterprise_min_days <= 0
    title_rank = _TITLE_RANK.get(f.title, 0)
    mets[7] = title_rank >= ctx.title_intermediate
    mets[9] = title_rank >= ctx.title_senior
    if f.teaching_since is not None:
        ts = f.teaching_since
        seen = _completed_years(ts, start)
        for i, need in (
            (8, profile.intermediate_min_teaching_years),
            (10, profile.senior_min_teaching_years),
        ):
            mets[i], t = _years_reached(ts, s, seen, need)
            if not mets[i] and t < _MAX - 1:
                events.append((t, i, True))
    if len(events) > SPAN_MAX_EVENTS:
        return None
    events.sort()

    recruitment: bool | None = None
    if kind_ok and hired != _MIN and hired >= ctx.recruitment_since:
        recruitment = ev.recruitment_compliant
        if recruitment is None:
            recruitment = _recruited_ok(record, emp_m, hired, ctx.edu_min, profile)
    full_kind = f.employment == "full_time"
    school = f.school_id

    def level_now() -> str:
        return level_from_mets(mets, profile)

    employed = hired <= s <= left
    level = level_now()
    seg_key = (level, mets[0], employed and full_kind, employed and not full_kind)
    segments: list[Segment] = [(start, school, *seg_key, recruitment if mets[0] else None)]
    on_mets, on_level = ev.mets, ev.level
    changes: list[int | None] = [None] * len(REASON_CODES)
    valid_until: int | None = None
    next_change: int | None = None  # the first event after ``on``
    i, n = 0, len(events)
    while i < n:
        t = events[i][0]
        if t > e:
            break
        flipped = []
        while i < n and events[i][0] == t:
            _t, r, met = events[i]
            mets[r] = met
            flipped.append(r)
            i += 1
        employed = hired <= t <= left
        level = level_now()
        key = (level, mets[0], employed and full_kind, employed and not full_kind)
        if key != seg_key:
            seg_key = key
            segments.append((date.fromordinal(t), school, *key, recruitment if mets[0] else None))
        if t > d_on:
            if next_change is None:
                next_change = t
            for r in flipped:
                if changes[r] is None and mets[r] != on_mets[r]:
                    changes[r] = t
            if valid_until is None and level != on_level:
                valid_until = t
    if i < n:  # something still changes after the horizon: each rule's own next change
        if next_change is None:
            next_change = events[i][0]
        todo = {r for r, c in enumerate(changes) if c is None}
        for t, rule, _m in events[i:]:
            if rule in todo:
                changes[rule] = t
                todo.discard(rule)
        steps = 0
        while valid_until is None and i < n and steps < _BEYOND_STEPS:
            t = events[i][0]
            while i < n and events[i][0] == t:
                mets[events[i][1]] = events[i][2]
                i += 1
            if level_now() != on_level:
                valid_until = t
            steps += 1
    result = Evaluation(
        ev.level,
        ev.in_scope,
        ev.mets,
        ev.values,
        ev.thresholds,
        None if valid_until is None else date.fromordinal(valid_until),
        ev.recruitment_compliant,
        ev.evidence_needed,
        ev.practice_window_years,
        None if next_change is None else date.fromordinal(next_change),
        tuple(None if c is None else date.fromordinal(c) for c in changes)
        if any(changes)
        else _NO_CHANGES,
        ev.notes,
    )
    return result, segments


def _practice_events(
    merged: list[tuple[int, int]], s: int, years: int, need: int, events: list[Any], until: int
) -> bool:
    """Whether the practice rule is met on ``s``; its later flips go to ``events``.

    ``_practice_flip_generic`` over every later day at once: the window count moves
    monotonically between the breakpoints, so each breakpoint whose outcome differs from
    the one before holds a flip, found by bisection. ``until`` (the horizon's end): the
    leap-day steps (``_LEAP_SAFE_NEED``) are breakpoints up to a leap cycle past it."""

    def met_on(t: int) -> bool:
        lo, total = _add_years_ord(t, -years), 0
        for a, b in merged:  # _days_in, inline: this runs a few dozen times per teacher
            if b < lo:
                continue
            if a > t:
                break
            total += (b if b < t else t) - (a if a > lo else lo) + 1
        return total >= need

    met = met_on(s)
    points: set[int] = set()
    for a, b in merged:
        for p in (a, b + 1, _add_years_ord(a, years), _add_years_ord(b + 1, years)):
            for q in (p - 1, p, p + 1):
                if s < q < _MAX - 1:
                    points.add(q)
    if need > _LEAP_SAFE_NEED:
        points.update(_leap_steps(s, max(until, max(points, default=s)) + _LEAP_CYCLE))
    cur, prev = met, s
    for p in sorted(points):
        if met_on(p) != cur:
            lo, hi = prev, p  # outcome == cur at lo, != cur at hi
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if met_on(mid) == cur:
                    lo = mid
                else:
                    hi = mid
            cur = not cur
            events.append((hi, 4, cur))
        prev = p
    return met


def _held_events(
    merged: list[tuple[int, int]], s: int, rule: int, events: list[tuple[int, int, bool]]
) -> bool:
    """Whether ``s`` lies in the merged intervals; their later starts and ends go to
    ``events`` (as ``_held_change_merged`` names them)."""
    met = False
    for a, b in merged:
        if b < s:
            continue
        if a <= s:
            met = True
        elif a < _MAX - 1:
            events.append((a, rule, True))
        if b < _MAX - 2:
            events.append((b + 1, rule, False))
    return met


def _evaluate_once(
    record: Record,
    on: date,
    profile: RuleProfile,
    prep: dict[Any, Any] | None = None,
    practice_flip: bool = True,
) -> tuple[Evaluation, list[int]]:
    """One date's outcome, ``next_change`` and each rule's own next flip (ordinals).

    ``prep`` (a dict the caller keeps for one record) caches ``_prepare``'s work between
    the dates of one call. Without ``practice_flip`` the practice rule's next flip is not
    searched (``next_change`` leaves it out): ``evaluate_span`` finds it itself."""
    ctx = _context_of(on, profile)
    d = ctx.d
    f = record.facts
    nxt = fact_next = _MAX
    history = getattr(record, "history", ())
    if history:
        f, fact_next = facts_at(f, history, d)
        nxt = fact_next
    own = [_MAX] * len(REASON_CODES)

    # Scope: full-time, professional or practical course, employed at D.
    hired = _MIN if f.hired_on is None else f.hired_on.toordinal()
    left = _MAX if f.left_on is None else f.left_on.toordinal()
    employed = hired <= d <= left
    if hired > d:
        own[0] = hired
    elif left < _MAX and left >= d:
        own[0] = left + 1
    nxt = own[0] if own[0] < nxt else nxt
    kind_ok = f.employment == "full_time" and f.course_type in IN_SCOPE_COURSES
    in_scope = kind_ok and employed

    # Certificates, periods and completions: their intervals do not depend on the date
    # (only on the teacher's field, a dated fact), so each call prepares them once.
    key = f.major_category  # one profile per ``prep``
    p = prep.get(key) if prep is not None else None
    if p is None:
        p = _prepare(record, ctx, profile, f.major_category)
        if prep is not None:
            prep[key] = p
    if prep is not None:
        prep[_LAST] = p
    certs, basic_m, skill_m, ptitle_m, all_m, emp_m, trains, train_m = p
    basic_best: str | None = None
    skill_best: str | None = None
    ptitle_best: str | None = None
    skill_note: dict[str, Any] | None = None  # why a held skill certificate did not count
    for code, a, b, level, r in certs:
        if a <= d <= b:
            if code == 0:
                basic_best = level
            elif code == 1:
                if skill_best is None or r > _GRADE_RANK.get(skill_best, -1):
                    skill_best = level
            elif code == 2:
                if skill_best is None:
                    skill_best = level
            elif code == 3:
                if ptitle_best is None or r > _PTITLE_RANK.get(ptitle_best, -1):
                    ptitle_best = level
            else:
                skill_note = r

    basic, t = _held_change_merged(basic_m, d) if basic_m else (False, _MAX)
    own[1] = t
    nxt = t if t < nxt else nxt
    e_skill, t = _held_change_merged(skill_m, d) if skill_m else (False, _MAX)
    own[2] = t
    nxt = t if t < nxt else nxt
    e_title, t = _held_change_merged(ptitle_m, d) if ptitle_m else (False, _MAX)
    own[3] = t
    nxt = t if t < nxt else nxt

    # Enterprise periods.
    if all_m and practice_flip:
        practice_days, e_practice, t = _practice(all_m, ctx, profile)
        own[4] = t
        nxt = t if t < nxt else nxt
    elif all_m:
        practice_days = _days_in(all_m, ctx.practice_start, d)
        e_practice = practice_days >= profile.practice_min_days
    else:
        practice_days, e_practice = 0, profile.practice_min_days <= 0
    if emp_m:
        enterprise_days, e_enterprise, t = _enterprise(emp_m, d, profile.enterprise_min_days)
        own[5] = t
        nxt = t if t < nxt else nxt
    else:
        enterprise_days, e_enterprise = 0, profile.enterprise_min_days <= 0

    # Training completions.
    best_hours = 0
    for a, b, hours in trains:
        if a <= d <= b and hours > best_hours:
            best_hours = hours
    e_training, t = _held_change_merged(train_m, d) if train_m else (False, _MAX)
    own[6] = t
    nxt = t if t < nxt else nxt

    # Teaching title and years.
    title_rank = _TITLE_RANK.get(f.title, 0)
    title_int = title_rank >= ctx.title_intermediate
    title_sen = title_rank >= ctx.title_senior
    years_seen = 0
    years_int = years_sen = False
    if f.teaching_since is not None:
        ts = f.teaching_since
        years_seen = _completed_years(ts, on)
        years_int, t = _years_reached(ts, d, years_seen, profile.intermediate_min_teaching_years)
        own[8] = t
        nxt = t if t < nxt else nxt
        years_sen, t = _years_reached(ts, d, years_seen, profile.senior_min_teaching_years)
        own[10] = t
        nxt = t if t < nxt else nxt

    # Recruitment check: hires since the cut-off, in scope.
    recruitment: bool | None = None
    if in_scope and hired != _MIN and hired >= ctx.recruitment_since:
        recruitment = _recruited_ok(record, emp_m, hired, ctx.edu_min, profile)

    scope_value = f"{f.employment}/{f.course_type}/{'employed' if employed else 'not_employed'}"
    mets = (
        in_scope,
        basic,
        e_skill,
        e_title,
        e_practice,
        e_enterprise,
        e_training,
        title_int,
        years_int,
        title_sen,
        years_sen,
    )
    evidence = e_skill + e_title + e_practice + e_enterprise + e_training
    level = _level(basic, title_int, years_int, title_sen, years_sen, e_practice, evidence, profile)
    values = (
        scope_value,
        basic_best,
        skill_best,
        ptitle_best,
        practice_days,
        enterprise_days,
        best_hours,
        f.title,
        years_seen,
        f.title,
        years_seen,
    )
    next_change = None if nxt >= _MAX - 1 else date.fromordinal(nxt)
    notes: tuple[tuple[int, dict[str, Any]], ...] = ()
    if not e_skill and skill_note is not None:
        notes = ((2, skill_note),)
    ev = Evaluation(
        level,
        in_scope,
        mets,
        values,
        ctx.thresholds,
        None,
        recruitment,
        ctx.evidence_needed,
        profile.practice_window_years,
        next_change,
        (),
        notes,
    )
    own.append(fact_next)  # after the rules: the next dated fact (``_advance`` reads it)
    return ev, own


def _level(
    basic: bool,
    title_int: bool,
    years_int: bool,
    title_sen: bool,
    years_sen: bool,
    e_practice: bool,
    evidence: int,
    profile: RuleProfile,
) -> str:
    if basic:
        if title_sen and years_sen and e_practice and evidence - 1 >= profile.senior_extra_items:
            return "senior"
        if (
            title_int
            and years_int
            and e_practice
            and evidence - 1 >= profile.intermediate_extra_items
        ):
            return "intermediate"
        if evidence >= profile.junior_evidence_items:
            return "junior"
    return "none"


_LAST: Final = object()  # prep key: the prepared parts of the latest full evaluation
# Rules whose next flip ``_advance`` finds without a full evaluation: held-interval rules
# (index of their merged intervals in ``_Prepared``), practice (4) and enterprise (5)
# employment from their merged periods, and the teaching years (None).
_ADVANCE: Final[dict[int, int | None]] = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 7, 8: None, 10: None}


def _advance(
    ev: Evaluation, own: list[int], t: int, profile: RuleProfile, prep: dict[Any, Any]
) -> tuple[Evaluation, list[int]] | None:
    """The outcome at ``t`` (``ev.next_change``) from the one before, when only evidence
    rules or the teaching years flip there (no dated fact, no scope change): their new
    outcome and next flip come from the prepared intervals, every other rule keeps its
    outcome and next flip. None: evaluate afresh.

    Exact in level, scope, rule outcomes, recruitment and ``next_change``; ``values`` and
    ``notes`` stay those of the point before (timeline points only use the outcomes)."""
    n = len(own) - 1  # the rules; own[n] is the next dated fact
    if own[n] == t:
        return None
    p = prep.get(_LAST)
    if p is None:
        return None
    mets = list(ev.mets)
    new_own = own[:]
    for i in range(n):
        if own[i] != t:
            continue
        if i not in _ADVANCE:
            return None
        at = _ADVANCE[i]
        if at is None:  # teaching years reached: for good
            mets[i], new_own[i] = True, _MAX
        elif i == 4:  # own[4] is set: there are periods
            ctx = _context_of(date.fromordinal(t), profile)
            _days, mets[i], new_own[i] = _practice(p[at], ctx, profile)
        elif i == 5:
            _days, mets[i], new_own[i] = _enterprise(p[at], t, profile.enterprise_min_days)
        else:
            merged = p[at]
            mets[i], new_own[i] = _held_change_merged(merged, t) if merged else (False, _MAX)
    nxt = min(new_own)
    level = level_from_mets(mets, profile)
    later = Evaluation(
        level,
        ev.in_scope,
        tuple(mets),
        ev.values,
        ev.thresholds,
        None,
        ev.recruitment_compliant,
        ev.evidence_needed,
        ev.practice_window_years,
        None if nxt >= _MAX - 1 else date.fromordinal(nxt),
        (),
        ev.notes,
    )
    return later, new_own


_Prepared = tuple[
    list[tuple[int, int, int, Any, Any]],
    list[tuple[int, int]],
    list[tuple[int, int]],
    list[tuple[int, int]],
    list[tuple[int, int]],
    list[tuple[int, int]],
    list[tuple[int, int, int]],
    list[tuple[int, int]],
]


def _prepare(record: Record, ctx: _Context, profile: RuleProfile, major: str | None) -> _Prepared:
    """A record's date-independent parts for a teacher field ``major``: the certificates
    that matter as (code, from, to, level, rank or note) in record order (code 0 basic,
    1 skill, 2 1+X, 3 professional title, 4 a skill certificate outside the field), the
    merged intervals of each kind of evidence, and the counted completions."""
    certs: list[tuple[int, int, int, Any, Any]] = []
    major = major or None  # "" (a blank choice) is not stated either
    basic_iv: list[tuple[int, int]] = []
    skill_iv: list[tuple[int, int]] = []
    ptitle_iv: list[tuple[int, int]] = []
    field_match = profile.field_match
    for c in record.certificates:
        kind = c.kind
        a = _MIN if c.issued_on is None else c.issued_on.toordinal()
        b = _MAX if c.expires_on is None else c.expires_on.toordinal()
        if b < a:
            continue
        if kind == profile.basic_certificate_kind:
            basic_iv.append((a, b))
            certs.append((0, a, b, c.level, 0))
        elif kind in SKILL_KINDS:
            r = _GRADE_RANK.get(c.level, -1)
            if r >= ctx.skill_min:
                if field_match and (major is None or c.field_category != major):
                    certs.append((4, a, b, None, _field_note(major, c.field_category or None)))
                    continue
                skill_iv.append((a, b))
                certs.append((1, a, b, c.level, r))
        elif kind == "one_plus_x":
            if _OPX_RANK.get(c.level, -1) >= ctx.opx_min:
                if field_match and (major is None or c.field_category != major):
                    certs.append((4, a, b, None, _field_note(major, c.field_category or None)))
                    continue
                skill_iv.append((a, b))
                certs.append((2, a, b, f"1+x:{c.level}", 0))
        elif kind == "professional_title":
            r = _PTITLE_RANK.get(c.level, -1)
            if r >= ctx.ptitle_min:
                ptitle_iv.append((a, b))
                certs.append((3, a, b, c.level, r))
    all_iv: list[tuple[int, int]] = []
    emp_iv: list[tuple[int, int]] = []
    for p in record.periods:
        a = p.start_on.toordinal()
        # ongoing: counted up to D, keeps adding days after
        b = _MAX - 1 if p.end_on is None else p.end_on.toordinal()
        if b < a:
            continue
        all_iv.append((a, b))
        if p.kind == "employment":
            emp_iv.append((a, b))
    trains, train_iv = _trainings(record.completions, profile)
    return (
        certs,
        _merge(basic_iv),
        _merge(skill_iv),
        _merge(ptitle_iv),
        _merge(all_iv),
        _merge(emp_iv),
        trains,
        _merge(train_iv),
    )


def _trainings(
    completions: Iterable[Any], profile: RuleProfile
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int]]]:
    """The completions E_TRAINING counts (passed, at a base active on the day, not voided,
    enough hours) as (from, to, hours), and their windows as intervals."""
    trains: list[tuple[int, int, int]] = []
    train_iv: list[tuple[int, int]] = []
    for k in completions:
        if not (k.passed and k.base_active and k.hours >= profile.training_min_hours):
            continue
        a = k.completed_on.toordinal()
        b = _window_end_for(a, profile.training_window_years)
        train_iv.append((a, b))
        trains.append((a, b, k.hours))
    return trains, train_iv


def training_met(completions: Iterable[Any], on: date, profile: RuleProfile) -> bool:
    """E_TRAINING on ``on`` from these completions alone: completions feed this rule and no
    other, so with a teacher's other rules unchanged this is all that removing some of their
    completions can change (the base statistics' "qualified through a base")."""
    return _held_change(_trainings(completions, profile)[1], on.toordinal())[0]


def level_from_mets(mets: list[bool], profile: RuleProfile) -> str:
    """The level the rules' outcomes (``Evaluation.mets``, REASON_CODES order) give: what
    ``_evaluate_once`` gives from the same outcomes by name (a list: fast in the compiled
    engine, where the date-by-date evaluations call this for every step)."""
    return _level(
        mets[1],
        mets[7],
        mets[8],
        mets[9],
        mets[10],
        mets[4],
        mets[2] + mets[3] + mets[4] + mets[5] + mets[6],
        profile,
    )


def _field_note(teacher: str | None, certificate: str | None) -> dict[str, Any]:
    """Why a held skill certificate is not in the teacher's field (DESIGN §4)."""
    if teacher is None:
        why = "teacher_category_unstated"
    elif certificate is None:
        why = "certificate_category_unstated"
    else:
        why = "field_mismatch"
    return {"why": why, "teacher_category": teacher, "certificate_category": certificate}


def skill_in_field(c: Any, major: str | None, profile: RuleProfile) -> bool:
    """Whether a skill certificate is in the teacher's field (always, with field_match off)."""
    if not profile.field_match:
        return True
    return bool(major) and c.field_category == major  # "" is not stated either


def skill_rank(c: Any, profile: RuleProfile) -> int:
    """A skill or 1+X certificate's rank among its kind's levels when it reaches the
    profile's minimum level (the test _prepare makes, inlined there), else -1."""
    if c.kind in SKILL_KINDS:
        r = _GRADE_RANK.get(c.level, -1)
        return r if r >= _GRADE_RANK[profile.skill_min_grade] else -1
    if c.kind == "one_plus_x":
        r = _OPX_RANK.get(c.level, -1)
        return r if r >= _OPX_RANK[profile.one_plus_x_min_level] else -1
    return -1


def _recruited_ok(
    record: Record,
    emp_iv: list[tuple[int, int]],
    hired: int,
    edu_min: int,
    profile: RuleProfile,
) -> bool:
    """DESIGN §4 recruitment paths, judged on ``hired``: (a) a skill certificate held that
    day, in the field the teacher had that day; (b) normal graduate; (c) 3 years' enterprise
    employment before it and enough education."""
    f = record.facts
    history = getattr(record, "history", ())
    if history:
        f, _ = facts_at(f, history, hired)
    if f.normal_graduate:
        return True
    for c in record.certificates:
        if c.kind not in SKILL_KINDS and c.kind != "one_plus_x":
            continue
        a = _MIN if c.issued_on is None else c.issued_on.toordinal()
        b = _MAX if c.expires_on is None else c.expires_on.toordinal()
        if a <= hired <= b and skill_in_field(c, f.major_category, profile):
            return True
    before = _days_in(_merge(emp_iv), _MIN, hired - 1)
    return (
        before >= profile.recruitment_enterprise_days and _EDU_RANK.get(f.education, -1) >= edu_min
    )


def evaluate_many(
    records: Iterable[Record], on: date, profile: RuleProfile = DEFAULT_PROFILE
) -> list[Evaluation]:
    return [evaluate(r, on, profile) for r in records]


def _years_reached(since: date, d: int, seen: int, need: int) -> tuple[bool, int]:
    if seen > need:
        return True, _MAX
    at = _add_years_ord(since.toordinal(), need)
    return (True, _MAX) if d >= at else (False, at)


def _completed_years(since: date, on: date) -> int:
    """Whole years from ``since`` to ``on``: the year n is complete on add_years(since, n),
    as ``_years_reached`` counts it (from 29 February: on 28 February of a common year)."""
    years = on.year - since.year
    month, day = since.month, since.day
    if month == 2 and day == 29 and not _leap(on.year):
        day = 28
    if (on.month, on.day) < (month, day):
        years -= 1
    return max(years, 0)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# --------------------------------------------------------------------------- what is missing

# Rough effort, in days, used only to order candidates by how little they lack.
CERTIFICATE_EFFORT_DAYS: Final = 90
TRAINING_EFFORT_DAYS: Final = 30  # enrol in a programme at an active base and pass it
TITLE_EFFORT_DAYS: Final = 365


def _evidence_missing(r: Reason, window: int = 5) -> Missing:
    code = r.code
    if code in (E_PRACTICE, E_ENTERPRISE):
        short = max(int(r.threshold) - int(r.value or 0), 0)
        params = {"days": short, "threshold": r.threshold}
        if code == E_PRACTICE:
            params["years"] = window
        return Missing(
            code,
            short,
            "days",
            f"qualification.missing.{code.lower()}",
            params,
            short,
        )
    if code == E_TRAINING:
        hours = int(r.threshold)
        return Missing(
            code,
            hours,
            "hours",
            "qualification.missing.e_training",
            {"hours": hours},
            TRAINING_EFFORT_DAYS,
        )
    return Missing(
        code,
        1,
        "certificate",
        f"qualification.missing.{code.lower()}",
        {"level": r.threshold},
        CERTIFICATE_EFFORT_DAYS,
    )


def _years_missing(r: Reason) -> Missing:
    short = max(int(r.threshold) - int(r.value or 0), 0)
    return Missing(
        r.code,
        short,
        "years",
        "qualification.missing.teaching_years",
        {"years": short, "threshold": r.threshold},
        short * 365,
    )


def _title_missing(r: Reason) -> Missing:
    return Missing(
        r.code,
        1,
        "title",
        "qualification.missing.title",
        {"title": r.threshold},
        TITLE_EFFORT_DAYS,
    )


def _options(reasons: list[Reason], k: int, window: int) -> tuple[list[Missing], int]:
    """Unmet evidence items as alternatives (any k of them) and the cost of the cheapest k."""
    if k <= 0:
        return [], 0
    options = sorted((_evidence_missing(r, window) for r in reasons if not r.met), key=_by_distance)
    cost = sum(m.distance for m in options[:k])
    return [replace(m, one_of=True, needed=k) for m in options], cost


def _by_distance(m: Missing) -> tuple[int, str]:
    return (m.distance, m.code)


def missing_for_next_level(ev: Evaluation) -> tuple[Missing, ...]:
    """What the teacher lacks for the level above the current one (empty at senior).

    Required items come first; evidence alternatives are marked ``one_of`` with how many of
    them are needed.  Quantities come from the reasons' values and thresholds.
    """
    return _missing(ev)[0]


def distance_to_next_level(ev: Evaluation) -> int | None:
    """Estimated days of effort to reach the next level (None at senior): sorts candidates."""
    if ev.level == "none":
        # The hot path of bulk runs: no Reason or Missing objects, just the costs.
        mets, values, limits = ev.mets, ev.values, ev.thresholds
        cost = 0 if mets[1] else CERTIFICATE_EFFORT_DAYS
        need = ev.evidence_needed[0]
        costs = []
        for i in range(2, 7):
            if mets[i]:
                need -= 1
            else:
                costs.append(_evidence_cost(REASON_CODES[i], values[i], limits[i]))
        if need > 0:
            costs.sort()
            cost += sum(costs[:need])
        return cost
    items, cost = _missing(ev)
    return cost if items else None


def _evidence_cost(code: str, value: Any, threshold: Any) -> int:
    if code in (E_PRACTICE, E_ENTERPRISE):
        return max(int(threshold) - int(value or 0), 0)
    if code == E_TRAINING:
        return TRAINING_EFFORT_DAYS
    return CERTIFICATE_EFFORT_DAYS


def _missing(ev: Evaluation) -> tuple[tuple[Missing, ...], int]:
    window = ev.practice_window_years
    by = {r.code: r for r in ev.reasons}
    evidence = [by[c] for c in EVIDENCE]
    have = sum(1 for r in evidence if r.met)
    required: list[Missing] = []
    options: list[Missing] = []
    cost = 0
    basic = by[BASIC]
    if not basic.met:
        required.append(
            Missing(
                BASIC,
                1,
                "certificate",
                "qualification.missing.basic",
                {"kind": basic.threshold},
                CERTIFICATE_EFFORT_DAYS,
            )
        )
    if ev.level == "none":
        options, cost = _options(evidence, ev.evidence_needed[0] - have, window)
    elif ev.level in ("junior", "intermediate"):
        senior = ev.level == "intermediate"
        title = by[TITLE_SENIOR if senior else TITLE_INTERMEDIATE]
        years = by[YEARS_SENIOR if senior else YEARS_INTERMEDIATE]
        if not title.met:
            required.append(_title_missing(title))
        if not years.met:
            required.append(_years_missing(years))
        practice = by[E_PRACTICE]
        if not practice.met:
            required.append(_evidence_missing(practice, window))
        others = [r for r in evidence if r.code != E_PRACTICE]
        extra = ev.evidence_needed[2 if senior else 1] - sum(1 for r in others if r.met)
        options, cost = _options(others, extra, window)
    else:
        return (), 0
    required.sort(key=_by_distance)
    cost += sum(m.distance for m in required)
    return (*required, *options), cost


# --------------------------------------------------------------------------- school math


def ratio(qualified: int, in_scope: int) -> float | None:
    """Dual-qualified share of teachers in scope; None (not 0) without any teacher in scope."""
    if in_scope <= 0:
        return None
    return qualified / in_scope


SHARE_PLACES: Final = 6


def api_share(value: float | None) -> float | None:
    """A share or rate as the API sends it (every one: ratios, staffing, hours, pass rates):
    6 decimal places, so the web app's one rounding for display (to 0.1 %) is the only one
    that counts. None stays None (nothing to divide by)."""
    return None if value is None else round(value, SHARE_PLACES)


@lru_cache(maxsize=64)
def _fraction(target: str) -> Fraction:
    return Fraction(target)


def meets_target(qualified: int, in_scope: int, target: float | str | Decimal) -> bool:
    if in_scope <= 0:
        return False
    t = _fraction(str(target))
    return qualified * t.denominator > t.numerator * in_scope  # q / n > t, in integers


def gap(qualified: int, in_scope: int, target: float | str | Decimal) -> int | None:
    """Fewest more qualified teachers that make the ratio strictly exceed ``target``.

    5 of 10 at 0.60 → 2 (6 of 10 is exactly 60%, not more).  None when there is no teacher
    in scope or the target cannot be exceeded by qualifying the teachers the school has.
    """
    if in_scope <= 0:
        return None
    t = _fraction(str(target))
    need = t.numerator * in_scope // t.denominator + 1  # smallest count / in_scope > t
    if need > in_scope:
        return None
    return max(need - qualified, 0)


def recruitment_compliant(
    facts: TeacherFacts,
    certificates: Sequence[CertificateFact],
    periods: Sequence[PeriodFact],
    profile: RuleProfile = DEFAULT_PROFILE,
) -> bool | None:
    """DESIGN §4 recruitment check; None when it does not apply (hired before the cut-off)."""
    if facts.hired_on is None or facts.hired_on < profile.recruitment_since:
        return None
    hired = facts.hired_on.toordinal()
    iv = [
        (p.start_on.toordinal(), _ord(p.end_on, hired - 1))
        for p in periods
        if p.kind == "employment"
    ]
    iv = [(a, b) for a, b in iv if b >= a]
    edu_min = _EDU_RANK[profile.recruitment_min_education]
    record = TeacherRecord(facts, tuple(certificates), tuple(periods))
    return _recruited_ok(record, iv, hired, edu_min, profile)


@dataclass(frozen=True, slots=True)
class Staffing:
    students_per_teacher: float | None
    students_per_teacher_norm: int
    students_per_teacher_ok: bool | None
    part_time_share: float | None
    part_time_norm: float
    part_time_ok: bool | None


def staffing(
    *,
    kind: str,
    student_count: int,
    full_time: int,
    part_time: int,
    mentors: int = 0,
    profile: RuleProfile = DEFAULT_PROFILE,
) -> Staffing:
    norm = (
        profile.students_per_teacher_higher_vocational
        if kind == "higher_vocational"
        else profile.students_per_teacher
    )
    if full_time <= 0:
        return Staffing(None, norm, None, None, profile.part_time_share, None)
    spt = student_count / full_time
    share = (part_time + mentors) / full_time
    return Staffing(
        round(spt, 2),
        norm,
        spt <= norm,
        api_share(share),
        profile.part_time_share,
        share >= profile.part_time_share,
    )


# --------------------------------------------------------------------------- compact storage

REASON_CODES: Final = (
    SCOPE,
    BASIC,
    E_SKILL,
    E_TITLE,
    E_PRACTICE,
    E_ENTERPRISE,
    E_TRAINING,
    TITLE_INTERMEDIATE,
    YEARS_INTERMEDIATE,
    TITLE_SENIOR,
    YEARS_SENIOR,
)
_SCOPE_THRESHOLD: Final = "full_time/professional|practical/employed"
_NO_CHANGES: Final[tuple[date | None, ...]] = (None,) * len(REASON_CODES)


def thresholds(profile: RuleProfile) -> tuple[Any, ...]:
    """Each reason's threshold under ``profile``, in REASON_CODES order."""
    return (
        _SCOPE_THRESHOLD,
        profile.basic_certificate_kind,
        profile.skill_min_grade,
        profile.professional_title_min_level,
        profile.practice_min_days,
        profile.enterprise_min_days,
        profile.training_min_hours,
        profile.intermediate_min_title,
        profile.intermediate_min_teaching_years,
        profile.senior_min_title,
        profile.senior_min_teaching_years,
    )


def mets_bits(mets: tuple[bool, ...]) -> int:
    """The rules' outcomes (``Evaluation.mets``) as the stored results keep them: bit i is
    ``mets[i]``."""
    bits = 0
    for i, met in enumerate(mets):
        if met:
            bits |= 1 << i
    return bits


def mets_of_bits(bits: int) -> list[bool]:
    """The rules' outcomes from ``mets_bits``, REASON_CODES order."""
    return [bool(bits >> i & 1) for i in range(len(REASON_CODES))]


def pack_reasons(ev: Evaluation) -> list[Any]:
    """``[met bits, value, value, …, extra]`` in REASON_CODES order; thresholds live in the
    profile. ``extra`` (only when there is something to keep) holds each rule's changes_on,
    the next change of anything and the notes."""
    out: list[Any] = [mets_bits(ev.mets), *ev.values]
    if ev.changes or ev.notes or ev.next_change:
        extra: dict[str, Any] = {}
        if any(ev.changes):
            extra["c"] = [None if c is None else c.isoformat() for c in ev.changes]
        if ev.next_change is not None:
            extra["x"] = ev.next_change.isoformat()
        if ev.notes:
            extra["n"] = [[i, note] for i, note in ev.notes]
        if extra:
            out.append(extra)
    return out


def evaluation_from_stored(
    *,
    level: str,
    in_scope: bool,
    packed: Sequence[Any],
    valid_until: date | None,
    recruitment: bool | None,
    profile: RuleProfile,
) -> Evaluation:
    bits = int(packed[0])
    n = len(REASON_CODES)
    extra = packed[n + 1] if len(packed) > n + 1 and isinstance(packed[n + 1], dict) else {}
    changes: tuple[date | None, ...] = (
        tuple(None if c is None else date.fromisoformat(c) for c in extra.get("c", ()))
        or (None,) * n
    )
    x = extra.get("x")
    return Evaluation(
        level,
        in_scope,
        tuple(mets_of_bits(bits)),
        tuple(packed[1 : n + 1]),
        thresholds(profile),
        valid_until,
        recruitment,
        (
            profile.junior_evidence_items,
            profile.intermediate_extra_items,
            profile.senior_extra_items,
        ),
        profile.practice_window_years,
        None if x is None else date.fromisoformat(x),
        changes,
        tuple((int(i), note) for i, note in extra.get("n", ())),
    )


# --------------------------------------------------------------------------- bulk forms


def intervals_from_points(
    tid: int, points: Sequence[tuple[date, Any, Any]]
) -> list[tuple[Any, ...]]:
    """A teacher's dated intervals (``intervals.INTERVAL_COLUMNS``) from the stepwise
    timeline's points: neighbours differ in school, level, scope, full/part-time or the
    recruitment check; the last is open-ended."""
    out: list[list[Any]] = []
    prev: tuple[Any, ...] | None = None
    for on, ev, f in points:
        employed = (f.hired_on is None or f.hired_on <= on) and (
            f.left_on is None or f.left_on >= on
        )
        full = employed and f.employment == "full_time"
        recruitment = ev.recruitment_compliant if ev.in_scope else None
        key: tuple[Any, ...] = (
            f.school_id,
            ev.level,
            ev.in_scope,
            full,
            employed and not full,
            recruitment,
        )
        if key != prev:
            if out:
                out[-1][3] = on
            out.append([tid, key[0], on, None, *key[1:]])
            prev = key
    return [tuple(row) for row in out]


def intervals_from_segments(tid: int, segments: Sequence[Segment]) -> list[tuple[Any, ...]]:
    """``intervals_from_points`` of ``evaluate_span``'s stretches (already merged)."""
    out: list[tuple[Any, ...]] = []
    last = len(segments) - 1
    for k, (on, school, level, in_scope, full, part, recruitment) in enumerate(segments):
        to = segments[k + 1][0] if k < last else None
        out.append((tid, school, on, to, level, in_scope, full, part, recruitment))
    return out


def result_rows(
    records: Iterable[Any],
    on: date,
    version: int,
    profile: RuleProfile,
    horizon: tuple[date, date] | None = None,
    intervals_out: list[tuple[Any, ...]] | None = None,
) -> list[tuple[Any, ...]]:
    """Each record's stored result at ``on`` (a row in ``services.COLUMNS`` order; records
    are ``selectors.Loaded``: their facts carry the teacher's id). With a ``horizon``, the
    teacher's dated intervals are appended to ``intervals_out`` from the same pass over
    their change dates (``evaluate_span``, or the stepwise timeline for dated facts)."""
    out: list[tuple[Any, ...]] = []
    for item in records:
        f = item.facts
        ev: Evaluation
        if horizon is not None and intervals_out is not None:
            one_pass = evaluate_span(item, on, horizon[0], horizon[1], profile)
            if one_pass is not None:
                ev, segments = one_pass
                intervals_out.extend(intervals_from_segments(f.id, segments))
            else:  # dated facts: the stepwise timeline
                ev, points = evaluate_with_timeline(item, on, horizon[0], horizon[1], profile)
                intervals_out.extend(intervals_from_points(f.id, points))
        else:
            ev = evaluate(item, on, profile)
        if item.history:  # the school and employment in effect on ``on``
            f = facts_at(f, item.history, on.toordinal())[0]
        employed = (f.hired_on is None or f.hired_on <= on) and (
            f.left_on is None or f.left_on >= on
        )
        full = employed and f.employment == "full_time"
        qualified = ev.level != "none"
        out.append(
            (
                f.id,
                f.school_id,
                ev.level,
                qualified,
                ev.in_scope,
                full,
                employed and not full,
                ev.recruitment_compliant,
                ev.valid_until,
                distance_to_next_level(ev) if ev.in_scope and not qualified else None,
                pack_reasons(ev),
                version,
                on,
                ev.next_change,
            )
        )
    return out


def copy_text(
    rows: Iterable[Sequence[Any]],
    json_column: int = -1,
    dumps: Callable[[Any], str] | None = None,
) -> str:
    """PostgreSQL COPY text of ``rows`` (tab-separated, ``\\N`` for null, ``t``/``f``, ISO
    dates, backslash escapes), one line a row; the column ``json_column`` goes through
    ``dumps`` first. The build writes millions of rows: formatted here, in one string a
    batch, they cost a fraction of psycopg's row-by-row ``write_row``."""
    lines: list[str] = []
    for row in rows:
        parts: list[str] = []
        for i, value in enumerate(row):
            if i == json_column and dumps is not None:
                value = dumps(value)
            parts.append(_copy_value(value))
        lines.append("\t".join(parts))
    if not lines:
        return ""
    lines.append("")
    return "\n".join(lines)


def _copy_value(value: object) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return (
                value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        return value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
