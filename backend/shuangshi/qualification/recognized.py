"""Recognized counts (DESIGN §8 "Ratios") beside the computed ones: in-scope teachers with a
recognition in force at D, per school, merged into the ratio rows and the summary.

Kept apart from the computed figures on purpose: those come from the engine, these from the
recognition rounds (the province's official count)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from shuangshi.accounts.models import User

from . import engine, selectors


def _counts(on: date, school_ids: Iterable[int] | None) -> dict[int, int]:
    from shuangshi.recognition.selectors import recognized_counts  # the app above this one

    return recognized_counts(on, None if school_ids is None else list(school_ids))


def share(recognized: int, in_scope: int, target: Decimal | float) -> dict[str, Any]:
    ratio = engine.ratio(recognized, in_scope)
    return {
        "recognized": recognized,
        "recognized_ratio": engine.api_share(ratio),
        "recognized_gap": engine.gap(recognized, in_scope, Decimal(str(target))),
        "recognized_meets_target": engine.meets_target(recognized, in_scope, Decimal(str(target))),
    }


def attach_to_rows(rows: list[dict[str, Any]], *, on: date) -> None:
    """Add recognized, recognized_ratio, recognized_gap, recognized_meets_target to school rows."""
    if not rows:
        return
    counts = _counts(on, [row["school"]["id"] for row in rows])
    for row in rows:
        row.update(share(counts.get(row["school"]["id"], 0), row["in_scope"], row["target"]))


def attach_to_summary(
    data: dict[str, Any],
    *,
    user: User,
    on: date,
    city: int | None = None,
    kind: str | None = None,
) -> dict[str, Any]:
    """The same four figures for the province total, each city and each kind."""
    from shuangshi.recognition.selectors import recognized_by_school

    schools = selectors.schools_for(user, city=city, kind=kind)
    total = 0
    by_city: dict[int, int] = {}
    by_kind: dict[str, int] = {}
    for _school, city_id, school_kind, n in recognized_by_school(on, schools):
        total += n
        by_city[city_id] = by_city.get(city_id, 0) + n
        by_kind[school_kind] = by_kind.get(school_kind, 0) + n
    target = data["target"]
    province = data["province"]
    province.update(share(total, province["in_scope"], target))
    for row in data["by_city"]:
        row.update(share(by_city.get(row["city"]["id"], 0), row["in_scope"], target))
    for row in data["by_kind"]:
        row.update(share(by_kind.get(row["kind"], 0), row["in_scope"], target))
    return data
