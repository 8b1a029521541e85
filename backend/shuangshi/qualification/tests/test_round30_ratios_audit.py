"""Round 30 audit of the ratio endpoints (DESIGN §5 ratios/schools): the order of the rows
must not depend on whether the figures come from the stored aggregates (today) or are
counted at a date (``as_of``). Sorted by the gap or the ratio the rows show; rows showing
the same value in the school's code order (the stated tie-break), either direction."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from shuangshi import testing

pytestmark = pytest.mark.django_db


def _fill(school: Any, in_scope: int, qualified: int) -> None:
    for _ in range(qualified):
        teacher = testing.make_teacher(school)
        testing.make_certificate(teacher)
        testing.make_certificate(
            teacher, kind="skill_level", level="grade3", name="电工", issued_on=date(2015, 1, 1)
        )
    for _ in range(in_scope - qualified):
        testing.make_teacher(school)


@pytest.fixture
def four_schools(db: Any) -> None:
    # S1: 7 of 10 (gap 0), S2: 10 of 10 (gap 0), S3: 2 of 4 and S4: 1 of 2 (ratio 0.5, gap 1).
    for code, n, q in (("S1", 10, 7), ("S2", 10, 10), ("S3", 4, 2), ("S4", 2, 1)):
        _fill(testing.make_school(code=code), n, q)


def _codes(api: Any, user: Any, ordering: str, as_of: str = "") -> list[str]:
    url = f"/api/v1/ratios/schools/?ordering={ordering}"
    if as_of:
        url += f"&as_of={as_of}"
    response = api(user).get(url)
    assert response.status_code == 200
    return [row["school"]["code"] for row in response.json()["results"]]


@pytest.mark.parametrize("as_of", ["", "2025-01-01"])
@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("gap", ["S1", "S2", "S3", "S4"]),
        ("-gap", ["S3", "S4", "S1", "S2"]),
        ("ratio", ["S3", "S4", "S1", "S2"]),
        ("-ratio", ["S2", "S1", "S3", "S4"]),
    ],
)
def test_rows_with_the_same_gap_or_ratio_keep_the_code_order_today_and_at_a_date(
    api: Any, province: Any, four_schools: None, ordering: str, expected: list[str], as_of: str
) -> None:
    assert _codes(api, province, ordering, as_of) == expected
