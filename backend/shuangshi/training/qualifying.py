"""Which teachers are qualified because of a base's completions (a counterfactual read).

A teacher counts for base B when the engine finds them qualified at D with all their
records, and not qualified once the completions they passed at B are taken away.
"""

from collections import defaultdict
from datetime import date

from shuangshi.qualification import engine
from shuangshi.qualification.selectors import profile_current
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher

from .models import BaseStatus, TrainingCompletion


def _profile() -> engine.RuleProfile:
    """The province's rule profile in force."""
    return profile_current()[1]


def _records(
    teacher_ids: set[int],
) -> tuple[dict[int, engine.TeacherRecord], dict[int, list[tuple[int, engine.CompletionFact]]]]:
    """Engine records for these teachers, and their completions tagged with the base id."""
    facts = {
        row["id"]: engine.TeacherFacts(
            employment=row["employment"],
            course_type=row["course_type"],
            hired_on=row["hired_on"],
            left_on=row["left_on"],
            teaching_since=row["teaching_since"],
            title=row["title"],
            education=row["education"],
            normal_graduate=row["normal_graduate"],
        )
        for row in Teacher.objects.filter(pk__in=teacher_ids).values(
            "id",
            "employment",
            "course_type",
            "hired_on",
            "left_on",
            "teaching_since",
            "title",
            "education",
            "normal_graduate",
        )
    }
    certificates: dict[int, list[engine.CertificateFact]] = defaultdict(list)
    for t, kind, level, issued, expires in Certificate.objects.filter(
        teacher_id__in=teacher_ids
    ).values_list("teacher_id", "kind", "level", "issued_on", "expires_on"):
        certificates[t].append(engine.CertificateFact(kind, level, issued, expires))
    periods: dict[int, list[engine.PeriodFact]] = defaultdict(list)
    for t, kind, start, end in EnterprisePeriod.objects.filter(
        teacher_id__in=teacher_ids
    ).values_list("teacher_id", "kind", "start_on", "end_on"):
        periods[t].append(engine.PeriodFact(kind, start, end))
    completions: dict[int, list[tuple[int, engine.CompletionFact]]] = defaultdict(list)
    for t, base_id, status, hours, passed, on in TrainingCompletion.objects.filter(
        teacher_id__in=teacher_ids
    ).values_list(
        "teacher_id",
        "program__base_id",
        "program__base__status",
        "hours",
        "passed",
        "completed_on",
    ):
        fact = engine.CompletionFact(hours, passed, on, status == BaseStatus.ACTIVE)
        completions[t].append((base_id, fact))
    records = {
        t: engine.TeacherRecord(
            facts=f,
            certificates=tuple(certificates[t]),
            periods=tuple(periods[t]),
            completions=tuple(c for _, c in completions[t]),
        )
        for t, f in facts.items()
    }
    return records, completions


def qualified_through_base(teachers_by_base: dict[int, set[int]], *, as_of: date) -> dict[int, int]:
    everyone = set().union(*teachers_by_base.values()) if teachers_by_base else set()
    if not everyone:
        return {}
    profile = _profile()
    records, completions = _records(everyone)
    qualified = {t: engine.evaluate(r, as_of, profile).qualified for t, r in records.items()}
    out: dict[int, int] = {}
    for base_id, teacher_ids in teachers_by_base.items():
        count = 0
        for t in teacher_ids:
            if not qualified.get(t):
                continue
            without = engine.TeacherRecord(
                facts=records[t].facts,
                certificates=records[t].certificates,
                periods=records[t].periods,
                completions=tuple(c for b, c in completions[t] if b != base_id),
            )
            count += not engine.evaluate(without, as_of, profile).qualified
        out[base_id] = count
    return out
