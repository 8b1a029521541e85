"""Which teachers are qualified because of a base's completions (a counterfactual read).

A teacher counts for base B when the engine finds them qualified at D with all their
records, and not qualified once the completions they passed at B are taken away.

Completions feed one rule, E_TRAINING, and the level is a function of the rules' outcomes
(``engine.level_from_mets``). So taking B's completions away changes at most that one
outcome: the teacher counts for B when E_TRAINING is unmet without them
(``engine.training_met`` on the other completions) and the outcomes with it unmet give no
level. That last part is the same for every base, so it is decided once per teacher. The
outcomes at D come from the stored results that hold at D (no records read) or, for the
others, from the engine; only the completions of those who would lose their level are read.
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


def qualified_through_base(
    teachers_by_base: dict[int, set[int]],
    *,
    as_of: date,
    profile: engine.RuleProfile | None = None,
    profile_version: int | None = None,
) -> dict[int, int]:
    """``profile`` and ``profile_version``: the rule profile in force, when the caller has
    read it already (both, or neither)."""
    everyone = set().union(*teachers_by_base.values()) if teachers_by_base else set()
    if not everyone:
        return {}
    # At national size the province's figure reads 240,000 teachers' stored results and
    # tens of thousands of records: millions of small tuples the collector would rescan.
    with gc_paused():
        if profile is None or profile_version is None:
            profile_version, profile = profile_current()
        return _qualified_through(teachers_by_base, everyone, as_of, profile, profile_version)


# The rule completions feed: the only one (engine: completions make E_TRAINING and nothing
# else), so a teacher who meets it through no completion at as_of loses nothing without them.
_TRAINING = engine.REASON_CODES.index(engine.E_TRAINING)


def _needs_training(bits: int, profile: engine.RuleProfile) -> bool:
    """Whether these outcomes (``engine.mets_bits``) give no level once E_TRAINING is unmet:
    the same for every base, so decided once per teacher."""
    without = engine.mets_of_bits(bits & ~(1 << _TRAINING))
    return engine.level_from_mets(without, profile) == "none"


def _owing(
    everyone: set[int], as_of: date, profile: engine.RuleProfile, version: int
) -> tuple[set[int], dict[int, list[CompletionRow]]]:
    """The teachers who may owe their qualification to completions (qualified at as_of with
    E_TRAINING met, and no level without it), and the completions of those evaluated here."""
    stored = results_meeting(everyone, as_of, engine.E_TRAINING, version)
    unanswered, meeting = stored if stored is not None else (everyone, {})
    owing = {t for t, bits in meeting.items() if _needs_training(bits, profile)}
    completions: dict[int, list[CompletionRow]] = {}
    for item in records_for_ids(unanswered):
        ev = engine.outcome(item.record, as_of, profile)
        bits = engine.mets_bits(ev.mets)
        if ev.qualified and ev.mets[_TRAINING] and _needs_training(bits, profile):
            owing.add(item.teacher_id)
            completions[item.teacher_id] = list(item.completions)  # type: ignore[arg-type]
    return owing, completions


def _qualified_through(
    teachers_by_base: dict[int, set[int]],
    everyone: set[int],
    as_of: date,
    profile: engine.RuleProfile,
    version: int,
) -> dict[int, int]:
    owing, completions = _owing(everyone, as_of, profile, version)
    completions.update(completions_for_ids(owing - completions.keys(), as_of))
    # A teacher owes base B when E_TRAINING is unmet without B's completions.
    return {
        base_id: sum(
            not engine.training_met(
                [c for c in completions.get(t, ()) if c.base_id != base_id], as_of, profile
            )
            for t in teacher_ids & owing
        )
        for base_id, teacher_ids in teachers_by_base.items()
    }
