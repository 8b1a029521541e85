"""The part-time track, as a table: no database."""

from datetime import date

import pytest

from shuangshi.mentors.rules import Stint, age_on, on_part_time_track, spans_overlap, teaching_days

D = date(2025, 9, 1)
BORN = date(1970, 1, 1)


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(1955, 9, 1), D, 70),
        (date(1955, 9, 2), D, 69),
        (date(1955, 8, 31), D, 70),
        (date(1954, 9, 1), D, 71),
        (date(1960, 2, 29), date(2025, 2, 28), 64),
        (date(1960, 2, 29), date(2025, 3, 1), 65),
    ],
)
def test_age_counts_full_years(birth, on, age):
    assert age_on(birth, on) == age


@pytest.mark.parametrize(
    ("stints", "days"),
    [
        ([], 0),
        ([Stint("teaching", date(2025, 9, 1))], 1),
        ([Stint("teaching", date(2025, 8, 1), date(2025, 8, 10))], 10),
        # Overlapping days count once.
        (
            [
                Stint("teaching", date(2025, 8, 1), date(2025, 8, 10)),
                Stint("teaching", date(2025, 8, 5), date(2025, 8, 14)),
            ],
            14,
        ),
        # One period inside another.
        (
            [
                Stint("teaching", date(2025, 8, 1), date(2025, 8, 31)),
                Stint("teaching", date(2025, 8, 5), date(2025, 8, 6)),
            ],
            31,
        ),
        # Research and project appointments do not count.
        ([Stint("research", date(2020, 1, 1))], 0),
        # Days after D do not count yet.
        ([Stint("teaching", date(2025, 8, 31), date(2025, 12, 31))], 2),
        ([Stint("teaching", date(2025, 9, 2))], 0),
    ],
)
def test_teaching_days(stints, days):
    assert teaching_days(stints, D) == days


def _year_to(on: date, days: int) -> Stint:
    return Stint("teaching", date.fromordinal(on.toordinal() - days + 1))


@pytest.mark.parametrize(
    ("birth", "stints", "expected"),
    [
        (BORN, [_year_to(D, 365)], True),
        (BORN, [_year_to(D, 364)], False),
        (BORN, [_year_to(D, 366)], True),
        # Two stints adding up to a year, the current one in force.
        (
            BORN,
            [
                Stint("teaching", date(2023, 1, 1), date(2023, 6, 30)),  # 181 days
                Stint("teaching", date(2025, 2, 28)),  # 186 days to D
            ],
            True,
        ),
        # A year of teaching, but it ended before D: not formally serving now.
        (BORN, [Stint("teaching", date(2022, 1, 1), date(2024, 12, 31))], False),
        # A year of research is not teaching.
        (BORN, [Stint("research", date(2020, 1, 1))], False),
        # Aged exactly 70 on D is still on the track; 71 is not.
        (date(1955, 9, 1), [_year_to(D, 400)], True),
        (date(1954, 9, 1), [_year_to(D, 400)], False),
        # By the year, not the birthday (a birth date hidden from the reader must not show
        # in the counts): 70 on D but turning 71 in D's year is off the track already.
        (date(1954, 12, 31), [_year_to(D, 400)], False),
        (date(1955, 12, 31), [_year_to(D, 400)], True),
    ],
)
def test_part_time_track(birth, stints, expected):
    assert on_part_time_track(birth_date=birth, stints=stints, on=D) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((date(2024, 1, 1), date(2024, 6, 30)), (date(2024, 6, 30), None), True),
        ((date(2024, 1, 1), date(2024, 6, 30)), (date(2024, 7, 1), None), False),
        ((date(2024, 1, 1), None), (date(2030, 1, 1), None), True),
        ((date(2024, 1, 1), None), (date(2023, 1, 1), date(2023, 12, 31)), False),
        ((date(2024, 1, 1), date(2024, 12, 31)), (date(2024, 3, 1), date(2024, 3, 2)), True),
    ],
)
def test_spans_overlap(a, b, expected):
    assert spans_overlap(*a, *b) is expected
    assert spans_overlap(*b, *a) is expected
