"""Qualification services. The engine integration (issue 3) fills this in."""

from collections.abc import Iterable


def teachers_reevaluate(*, teacher_ids: Iterable[int]) -> None:
    """Re-evaluate these teachers and update their stored results (called inside writes)."""
