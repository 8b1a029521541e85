"""The part-time track for industry mentors (DESIGN §1), pure Python: no Django.

A part-time (校外兼职) teacher is evaluated as dual-qualified only after being formally
hired and teaching professional courses for a year or more, normally aged 70 or under.
For a mentor at one school on date D this reads:
- a `teaching` appointment at that school is in force on D (start ≤ D ≤ end, or no end);
- the days of its `teaching` appointments there up to D, overlaps counted once, add up
  to at least 365;
- the mentor is 70 or younger throughout D's year: the age they reach in that year (D's
  year minus the birth year) is at most 70.

The age is taken by the year, not on the birthday: these figures reach readers who see a
mentor's birth year only (city, schools sharing the mentor: docs/security.md), and a count
that changed on the birthday would tell them the birth date (ask two dates) and so narrow
the masked ID number (DESIGN §5). By the year it changes on 1 January, and it never keeps
on the track a mentor who is over 70 on D.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

MIN_TEACHING_DAYS = 365
MAX_AGE = 70
# No appointment starts before the mentor could work (China's Labour Law, art. 15: 16).
MIN_WORKING_AGE = 16
# An appointment's hours: at most 24 a day of a dated appointment (as a training programme's,
# training.validation), and for any appointment at most an import's whole-number column
# takes (spreadsheets.cells.MAX_WHOLE_NUMBER), so the form and the workbook agree.
HOURS_A_DAY = 24
MAX_HOURS = 100_000
TEACHING = "teaching"


@dataclass(frozen=True, slots=True)
class Stint:
    mode: str
    start_on: date
    end_on: date | None = None


def age_on(birth_date: date, on: date) -> int:
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def age_in_year(birth_date: date, on: date) -> int:
    """The age reached in ``on``'s year (on the birthday): depends on the birth year only."""
    return on.year - birth_date.year


def in_force(stint: Stint, on: date) -> bool:
    return stint.start_on <= on and (stint.end_on is None or on <= stint.end_on)


def teaching_days(stints: Iterable[Stint], on: date) -> int:
    """Days of teaching appointments up to `on` inclusive; overlapping days count once."""
    spans = sorted(
        (s.start_on.toordinal(), min(s.end_on or on, on).toordinal())
        for s in stints
        if s.mode == TEACHING and s.start_on <= on
    )
    total = 0
    last = None  # last day already counted
    for start, end in spans:
        if last is not None and start <= last:
            start = last + 1
        if end >= start:
            total += end - start + 1
            last = end
    return total


def on_part_time_track(
    *,
    birth_date: date,
    stints: Iterable[Stint],
    on: date,
    min_days: int = MIN_TEACHING_DAYS,
    max_age: int = MAX_AGE,
) -> bool:
    stints = list(stints)
    if age_in_year(birth_date, on) > max_age:
        return False
    if not any(s.mode == TEACHING and in_force(s, on) for s in stints):
        return False
    return teaching_days(stints, on) >= min_days


def spans_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Whether two appointments (ends inclusive, None = open-ended) share a day.

    The database form of this test is selectors.overlapping_appointments; the importer
    uses this one for the rows of one sheet.
    """
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def working_age_from(birth_date: date) -> date:
    """The day the mentor turns MIN_WORKING_AGE (29 February: 1 March in a common year)."""
    year = birth_date.year + MIN_WORKING_AGE
    try:
        return birth_date.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def starts_too_young(birth_date: date | None, start_on: date | None) -> bool:
    """An appointment starting before its mentor could work: a date typed wrong."""
    return (
        birth_date is not None and start_on is not None and start_on < working_age_from(birth_date)
    )


def starts_too_young_by_year(birth_year: int | None, start_on: date | None) -> bool:
    """starts_too_young for a writer who reads the mentor masked, and so only the birth
    year (DESIGN §5): a start in or before the year the mentor turns MIN_WORKING_AGE. It
    refuses whatever starts_too_young refuses, and up to a year more (a start later in
    that year, after the birthday). The day-exact rule would answer start dates tried one
    by one, and so tell the birth date: this one answers by the year the reader sees."""
    return (
        birth_year is not None
        and start_on is not None
        and start_on.year <= birth_year + MIN_WORKING_AGE
    )


def appointment_days(start_on: date, end_on: date) -> int:
    """The days an appointment runs, its first and last day included."""
    return (end_on - start_on).days + 1


def hours_over_span(hours: int | None, start_on: date | None, end_on: date | None) -> int | None:
    """The days of a dated appointment when its hours exceed 24 a day of them (None: they
    fit, or the dates are missing, open-ended or out of order)."""
    if hours is None or start_on is None or end_on is None or end_on < start_on:
        return None
    days = appointment_days(start_on, end_on)
    return days if hours > HOURS_A_DAY * days else None
