"""Enterprise practice duty (DESIGN §9), pure Python: no Django, no database.

Every professional or practical teacher owes ``need`` days of enterprise practice (either
period kind) in every ``years``-year window, whatever their level. Days are counted like the
engine's E_PRACTICE: inclusive, overlapping periods once, an ongoing period runs through the
date asked about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from shuangshi.qualification.engine import add_years


@dataclass(frozen=True, slots=True)
class Standing:
    days_in_window: int
    required: int
    short_by: int
    window_start: date
    window_end: date
    lapses_on: date | None  # first later day the duty stops being met (None: not met, or never)


Period = tuple[date, date | None]


def _merged(periods: Sequence[Period], on: date) -> list[tuple[int, int]]:
    spans = sorted((a.toordinal(), (b or on).toordinal()) for a, b in periods if (b or on) >= a)
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1] + 1:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def days_in_window(periods: Sequence[Period], on: date, *, years: int = 5) -> int:
    lo, hi = add_years(on, -years).toordinal(), on.toordinal()
    total = 0
    for a, b in _merged(periods, on):
        if b < lo or a > hi:
            continue
        total += min(b, hi) - max(a, lo) + 1
    return total


def standing(periods: Sequence[Period], on: date, *, years: int = 5, need: int = 180) -> Standing:
    days = days_in_window(periods, on, years=years)
    return Standing(
        days_in_window=days,
        required=need,
        short_by=max(need - days, 0),
        window_start=add_years(on, -years),
        window_end=on,
        lapses_on=lapses_on(periods, on, years=years, need=need) if days >= need else None,
    )


def lapses_on(
    periods: Sequence[Period],
    on: date,
    *,
    years: int = 5,
    need: int = 180,
    until: date | None = None,
) -> date | None:
    """The first day after ``on`` with fewer than ``need`` days in its window, nothing new
    earned (an ongoing period keeps running; one that starts later holds the duty only from
    its first day). None when that never happens (or not by ``until``, when given)."""

    def short(t: date) -> bool:
        return days_in_window(periods, t, years=years) < need

    if need <= 0 or any(b is None and a <= on for a, b in periods):
        return None  # an ongoing period adds a day for each day that leaves the window
    # An ongoing period that starts later: from its first day the count never falls, but
    # before it the duty can lapse (a gap); look no further than the day before it.
    rising = min((a for a, b in periods if b is None), default=None)
    if rising is not None:
        before = rising - timedelta(days=1)
        until = before if until is None else min(until, before)
    last = max((b for _a, b in periods if b is not None), default=on)
    # While a period still runs the count may rise and fall: look day by day.
    t = on + timedelta(days=1)
    stop = min(last, until) if until else last
    while t <= stop:
        if short(t):
            return t
        t += timedelta(days=1)
    # After the last day of practice the count only falls: bisect for the first short day.
    lo = max(on, last)
    hi = add_years(lo, years) + timedelta(days=2)
    if until is not None:
        hi = min(hi, until)
    if hi <= lo or not short(hi):
        return None
    while (hi - lo).days > 1:
        mid = lo + timedelta(days=(hi - lo).days // 2)
        if short(mid):
            hi = mid
        else:
            lo = mid
    return hi
