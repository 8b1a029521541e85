"""Round 30 audit of the practice duty rules (DESIGN §9)."""

from datetime import date, timedelta

from shuangshi.duty.rules import days_in_window, lapses_on

ON = date(2026, 12, 1)
# 181 days in the window until 2027-01-03 (see test_rules).
OLD = (date(2021, 11, 1), date(2022, 6, 30))


def _scan(periods, on, until):
    t = on + timedelta(days=1)
    while t <= until:
        if days_in_window(periods, t) < 180:
            return t
        t += timedelta(days=1)
    return None


def test_an_ongoing_period_that_starts_later_does_not_hide_the_gap_before_it():
    periods = [OLD, (date(2027, 6, 1), None)]
    assert lapses_on(periods, ON) == date(2027, 1, 3)
    assert lapses_on(periods, ON, until=date(2027, 1, 2)) is None
    assert lapses_on(periods, ON) == _scan(periods, ON, date(2027, 6, 1))


def test_an_ongoing_period_starting_before_the_lapse_keeps_the_duty_met():
    # Starts on 2026-12-20: by 2027-01-03 it has added 15 days, the count never falls.
    assert lapses_on([OLD, (date(2026, 12, 20), None)], ON) is None
    assert _scan([OLD, (date(2026, 12, 20), None)], ON, date(2032, 1, 1)) is None


def test_an_ongoing_period_already_running_never_lapses():
    assert lapses_on([OLD, (date(2026, 11, 1), None)], ON) is None


def test_a_later_ongoing_period_after_a_later_finite_one():
    periods = [OLD, (date(2027, 1, 1), date(2027, 1, 10)), (date(2027, 3, 1), None)]
    assert lapses_on(periods, ON) == _scan(periods, ON, date(2027, 3, 1))
    assert lapses_on(periods, ON) is not None
