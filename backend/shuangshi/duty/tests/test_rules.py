from datetime import date

import pytest

from shuangshi.duty.rules import lapses_on, standing

ON = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("periods", "days", "short_by", "lapses"),
    [
        ([], 0, 180, None),
        ([(date(2024, 1, 1), date(2024, 6, 29))], 181, 0, date(2029, 1, 3)),
        ([(date(2021, 11, 1), date(2022, 6, 30))], 212, 0, date(2027, 1, 3)),
        ([(date(2024, 1, 1), None)], 1066, 0, None),  # ongoing: never lapses
        (
            [(date(2024, 1, 1), date(2024, 3, 1)), (date(2024, 2, 1), date(2024, 4, 1))],
            92,
            88,
            None,
        ),
    ],
)
def test_standing(periods, days, short_by, lapses):
    s = standing(periods, ON)
    assert (s.days_in_window, s.short_by, s.lapses_on) == (days, short_by, lapses)
    assert s.window_start == date(2021, 12, 1) and s.window_end == ON


def test_a_period_running_into_the_future_lapses_only_after_it_ends():
    on = lapses_on([(date(2022, 1, 1), date(2027, 1, 31))], ON)
    assert on is not None and on > date(2031, 1, 1)


def test_lapsing_is_found_only_up_to_until():
    periods = [(date(2021, 11, 1), date(2022, 6, 30))]  # lapses on 2027-01-03
    assert lapses_on(periods, ON, until=date(2027, 1, 2)) is None
    assert lapses_on(periods, ON, until=date(2027, 1, 3)) == date(2027, 1, 3)


def test_the_day_by_day_and_bisected_answers_agree_with_a_plain_scan():
    from datetime import timedelta

    from shuangshi.duty.rules import days_in_window

    periods = [(date(2022, 1, 1), date(2022, 5, 1)), (date(2026, 10, 1), date(2027, 2, 1))]
    t = ON + timedelta(days=1)
    while days_in_window(periods, t) >= 180:
        t += timedelta(days=1)
    assert lapses_on(periods, ON) == t
