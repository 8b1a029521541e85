"""Which teachers are qualified because of a base's completions (a counterfactual read).

A teacher counts for base B when the engine finds them qualified at D with all their
records, and not qualified once the completions they passed at B are taken away.

Completions feed one rule, E_TRAINING, and the level is a function of the rules' outcomes
(``engine.level_from_mets``). So taking B's completions away changes at most that one
outcome: the teacher counts for B when E_TRAINING is unmet without them
(``engine.training_met`` on the other completions) and the outcomes with it unmet give no
level. The outcomes at D come from the stored results that hold at D (no records read) or,
for the others, from the engine; only the candidates' completions are read.
"""

from datetime import date

from shuangshi.common.collector import gc_paused
from shuangshi.qualification import engine
from shuangshi.qualification.selectors import (
    CompletionRow,
    completions_for_ids,
    profile_current,
    records_for_ids,
    results_meeting,
)


def _profile() -> engine.RuleProfile:
    """The province's rule profile in force."""
    return profile_current()[1]


def qualified_through_base(teachers_by_base: dict[int, set[int]], *, as_of: date) -> dict[int, int]:
    everyone = set().union(*teachers_by_base.values()) if teachers_by_base else set()
    if not everyone:
        return {}
    # At national size the province's figure reads 240,000 teachers' stored results and
    # tens of thousands of records: millions of small tuples the collector would rescan.
    with gc_paused():
        return _qualified_through(teachers_by_base, everyone, as_of)


# The rule completions feed: the only one (engine: completions make E_TRAINING and nothing
# else), so a teacher who meets it through no completion at as_of loses nothing without them.
_TRAINING = engine.REASON_CODES.index(engine.E_TRAINING)


def _outcomes(
    everyone: set[int], as_of: date, profile: engine.RuleProfile
) -> tuple[dict[int, int], dict[int, list[CompletionRow]]]:
    """The candidates (qualified at as_of with E_TRAINING met) with their rules' outcomes
    as bits (bit i: ``Evaluation.mets[i]``), and the completions of those evaluated here."""
    stored = results_meeting(everyone, as_of, engine.E_TRAINING)
    unanswered, candidates = stored if stored is not None else (everyone, {})
    completions: dict[int, list[CompletionRow]] = {}
    for item in records_for_ids(unanswered):
        ev = engine.outcome(item.record, as_of, profile)
        if ev.qualified and ev.mets[_TRAINING]:
            candidates[item.teacher_id] = sum(1 << i for i, met in enumerate(ev.mets) if met)
            completions[item.teacher_id] = list(item.completions)  # type: ignore[arg-type]
    return candidates, completions


def _qualified_through(
    teachers_by_base: dict[int, set[int]], everyone: set[int], as_of: date
) -> dict[int, int]:
    profile = _profile()
    candidates, completions = _outcomes(everyone, as_of, profile)
    completions.update(completions_for_ids(candidates.keys() - completions.keys(), as_of))
    width = range(len(engine.REASON_CODES))
    training = 1 << _TRAINING
    out: dict[int, int] = {}
    for base_id, teacher_ids in teachers_by_base.items():
        count = 0
        for t in teacher_ids & candidates.keys():
            rest = [c for c in completions.get(t, ()) if c.base_id != base_id]
            if engine.training_met(rest, as_of, profile):
                continue  # every rule's outcome unchanged: still qualified
            without = candidates[t] & ~training
            mets = [bool(without >> i & 1) for i in width]
            count += engine.level_from_mets(mets, profile) == "none"
        out[base_id] = count
    return out
