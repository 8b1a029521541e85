"""Record rules for programmes and completions, shared by the API and the Excel importer.

Each function takes the record's values (field name to Python value, dates as `date`) and
returns `{field: [message, ...]}`, empty when the record is valid.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

Errors = dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class ProgramFacts:
    """What a completion is checked against."""

    hours: int
    start_on: date
    end_on: date


@dataclass(frozen=True, slots=True)
class CompletionBounds:
    """The extremes of a programme's recorded completions (None when it has none)."""

    max_hours: int | None
    first_on: date | None
    last_on: date | None


# A day has 24 hours: a programme's hours are at most that many a day it runs.
HOURS_A_DAY = 24


def program_days(start: date, end: date) -> int:
    """The days a programme runs, its first and last day included."""
    return (end - start).days + 1


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def program_errors(values: Mapping[str, Any], bounds: CompletionBounds | None = None) -> Errors:
    """Dates in order, hours at most 24 a day the programme runs, and (on a change) still
    covering the completions already logged."""
    errors: Errors = {}
    start = values.get("start_on")
    end = values.get("end_on")
    hours = values.get("hours")
    if start and end and end < start:
        _add(errors, "end_on", _("The end date cannot be before the start date."))
    elif start and end and hours is not None and hours > HOURS_A_DAY * program_days(start, end):
        days = program_days(start, end)
        _add(
            errors,
            "hours",
            ngettext(
                "A programme of %(days)d day has at most %(max)d hours (24 hours a day).",
                "A programme of %(days)d days has at most %(max)d hours (24 hours a day).",
                days,
            )
            % {"days": days, "max": HOURS_A_DAY * days},
        )
    if bounds is None:
        return errors
    if hours is not None and bounds.max_hours is not None and hours < bounds.max_hours:
        _add(
            errors,
            "hours",
            _("A completion already records %(hours)d hours; the programme cannot have fewer.")
            % {"hours": bounds.max_hours},
        )
    if start and bounds.first_on and start > bounds.first_on:
        _add(
            errors,
            "start_on",
            _("A completion is dated %(date)s; the programme cannot start after it.")
            % {"date": bounds.first_on.isoformat()},
        )
    if end and bounds.last_on and end < bounds.last_on:
        _add(
            errors,
            "end_on",
            _("A completion is dated %(date)s; the programme cannot end before it.")
            % {"date": bounds.last_on.isoformat()},
        )
    return errors


def completion_errors(
    values: Mapping[str, Any],
    program: ProgramFacts | None,
    *,
    today: date,
    left_on: date | None = None,
) -> Errors:
    """Hours within the programme's hours, date within the programme and not in the future,
    nor after the teacher left (``left_on``: employed through that day, DESIGN §4)."""
    errors: Errors = {}
    hours = values.get("hours")
    completed_on = values.get("completed_on")
    if hours is not None and hours < 1:
        _add(errors, "hours", _("Hours must be at least 1."))
    if completed_on and completed_on > today:
        _add(errors, "completed_on", _("A completion cannot be dated in the future."))
    if completed_on and left_on and completed_on > left_on:
        _add(
            errors,
            "completed_on",
            _("The teacher left on %(date)s; a completion cannot be dated after that day.")
            % {"date": left_on.isoformat()},
        )
    if program is None:
        return errors
    if hours is not None and hours > program.hours:
        _add(
            errors,
            "hours",
            _("Hours cannot exceed the programme's %(hours)d hours.") % {"hours": program.hours},
        )
    if completed_on and not program.start_on <= completed_on <= program.end_on:
        _add(
            errors,
            "completed_on",
            _("The date must fall within the programme (%(start)s to %(end)s).")
            % {"start": program.start_on.isoformat(), "end": program.end_on.isoformat()},
        )
    return errors


def base_status_errors(status: str | None, on: date | None) -> Errors:
    """A completion is logged only for a day its base was active (DESIGN §4: E_TRAINING
    counts training at a base active on the completion date; one logged at a planned or
    suspended base would never count). ``status`` is the base's status on ``on`` from its
    history (None before its first change: planned)."""
    if on is None or status == "active":
        return {}
    day = on.isoformat()
    if status == "suspended":
        message = _(
            "The base was suspended on %(date)s; only training at an operating (active) base "
            "counts, so no completion can be logged for that day."
        )
    else:
        message = _(
            "The base was still planned (not yet approved) on %(date)s; only training at an "
            "operating (active) base counts, so no completion can be logged for that day."
        )
    return {"completed_on": [message % {"date": day}]}


def base_move_errors(
    completions: Iterable[tuple[date, str]], status_on: Callable[[date], str]
) -> Errors:
    """A programme moved to another base keeps its completions on days that base was active
    (as base_status_errors asks of each completion): refused on ``base``, naming the first
    completion, by date, that would fall on a day the new base was planned or suspended.
    ``completions`` are (completed_on, teacher's name); ``status_on`` the new base's status
    on a day from its history."""
    for on, teacher in sorted(completions):
        status = status_on(on)
        if status == "active":
            continue
        if status == "suspended":
            message = _(
                "The completion of %(teacher)s on %(date)s falls on a day the new base was "
                "suspended; only training at an operating (active) base counts, so the "
                "programme cannot move to this base."
            )
        else:
            message = _(
                "The completion of %(teacher)s on %(date)s falls on a day the new base was "
                "still planned (not yet approved); only training at an operating (active) base "
                "counts, so the programme cannot move to this base."
            )
        return {"base": [message % {"teacher": teacher, "date": on.isoformat()}]}
    return {}


def base_history_errors(field: str, *, count: int, teacher: str, program: str, on: date) -> Errors:
    """A base's status or approval date changed so that ``count`` completions it logged would
    fall on days it was not operating (planned or suspended), the first by date that of
    ``teacher`` in ``program`` on ``on``: refused on ``field`` (DESIGN §4: those never count,
    as base_status_errors refuses to log them)."""
    message = ngettext(
        "%(count)d completion logged at this base would fall on a day it was not operating "
        "(planned or suspended): %(teacher)s, %(program)s, on %(date)s. Only training at an "
        "operating (active) base counts; choose another date, or void the completion first.",
        "%(count)d completions logged at this base would fall on days it was not operating "
        "(planned or suspended), the first %(teacher)s, %(program)s, on %(date)s. Only "
        "training at an operating (active) base counts; choose another date, or void those "
        "completions first.",
        count,
    ) % {"count": count, "teacher": teacher, "program": program, "date": on.isoformat()}
    return {field: [message]}


def voided_completion_errors(field: str) -> Errors:
    """A completion the province voided is not logged again nor changed (DESIGN §4: voided
    ones never count; only the province changes one)."""
    return {
        field: [
            _(
                "The province voided this teacher's completion of this programme; "
                "it cannot be logged again."
            )
        ]
    }
