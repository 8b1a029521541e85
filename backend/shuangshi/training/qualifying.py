"""Which teachers are qualified because of a base's completions (a counterfactual read).

A teacher counts for base B when the engine finds them qualified at D with all their
records, and not qualified once the completions they passed at B are taken away.
"""

from collections import defaultdict
from datetime import date

from shuangshi.common.collector import gc_paused
from shuangshi.qualification import engine
from shuangshi.qualification.selectors import (
    profile_current,
    records_for_ids,
    results_meeting,
)


def _profile() -> engine.RuleProfile:
    """The province's rule profile in force."""
    return profile_current()[1]


def _records(
    teacher_ids: set[int],
) -> tuple[dict[int, engine.TeacherRecord], dict[int, list[tuple[int, engine.CompletionFact]]]]:
    """Engine records for these teachers (the one loader: dated facts, categories, confirmed
    records only, the base's status on each completion date), and their completions tagged
    with the base id."""
    records: dict[int, engine.TeacherRecord] = {}
    completions: dict[int, list[tuple[int, engine.CompletionFact]]] = defaultdict(list)
    for item in records_for_ids(teacher_ids):
        records[item.teacher_id] = item.record
        completions[item.teacher_id] = [(c.base_id, c) for c in item.completions]  # type: ignore[misc]
    return records, completions


def qualified_through_base(teachers_by_base: dict[int, set[int]], *, as_of: date) -> dict[int, int]:
    everyone = set().union(*teachers_by_base.values()) if teachers_by_base else set()
    if not everyone:
        return {}
    # The province's figure reads 240,000 teachers' records at national size: millions of
    # small tuples the cyclic collector would rescan over and over.
    with gc_paused():
        return _qualified_through(teachers_by_base, everyone, as_of)


# The rule completions feed: the only one (engine: completions make E_TRAINING and nothing
# else), so a teacher who meets it through no completion at as_of loses nothing without them.
_TRAINING = engine.REASON_CODES.index(engine.E_TRAINING)


def _qualified_through(
    teachers_by_base: dict[int, set[int]], everyone: set[int], as_of: date
) -> dict[int, int]:
    profile = _profile()
    # Which teachers could owe their qualification to completions: qualified at as_of with
    # E_TRAINING met. Read from the stored results that hold at as_of (one statement);
    # the others evaluated (the verdict at as_of only, engine.outcome: no looking ahead).
    # Records are read only for the candidates and those: one base's staff at national
    # size 205 → 83 ms, the province's 24 bases 4.65 → 2.43 s (bench_base_stats.py).
    stored = results_meeting(everyone, as_of, engine.E_TRAINING)
    answered, candidates = stored if stored is not None else (set(), set())
    records, completions = _records(candidates | (everyone - answered))
    for t, record in records.items():
        if t in answered:
            continue
        ev = engine.outcome(record, as_of, profile)
        if ev.qualified and ev.mets[_TRAINING]:
            candidates.add(t)
    out: dict[int, int] = {}
    for base_id, teacher_ids in teachers_by_base.items():
        count = 0
        for t in teacher_ids & candidates:
            without = engine.TeacherRecord(
                facts=records[t].facts,
                certificates=records[t].certificates,
                periods=records[t].periods,
                completions=tuple(c for b, c in completions[t] if b != base_id),
                history=getattr(records[t], "history", ()),
            )
            count += not engine.outcome(without, as_of, profile).qualified
        out[base_id] = count
    return out
