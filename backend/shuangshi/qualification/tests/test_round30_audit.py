"""Round 30 audit of the rule engine against DESIGN §4: the defects found, each pinned by
concrete teachers at concrete dates, checked against evaluation day by day where a date
is at stake. Pure engine, no database."""

from __future__ import annotations

from datetime import date

import pytest

from shuangshi.qualification import engine as e
from shuangshi.qualification.engine import (
    CertificateFact,
    FactChange,
    PeriodFact,
    RuleProfile,
    TeacherRecord,
    evaluate,
    outcome,
    recruitment_compliant,
)

from .test_engine_time_true import BASIC, DAY, MACHINING, facts

# ------------------------------------------- teaching years from a 29 February start
# DESIGN §4: "≥ 5 years since teaching_since". The engine reaches the threshold on
# add_years(teaching_since, 5) (29 Feb → 28 Feb); the value it reports must say the same.

LEAP_START = date(2016, 2, 29)


def _leap_teacher() -> TeacherRecord:
    return TeacherRecord(
        facts(teaching_since=LEAP_START, title="intermediate"),
        (BASIC,),
        (
            PeriodFact("practice", date(2020, 1, 1), date(2020, 12, 31)),
            PeriodFact("employment", date(2000, 1, 1), date(2004, 1, 1)),  # E_ENTERPRISE
        ),
        (),
    )


@pytest.mark.parametrize(
    ("on", "years", "met"),
    [
        (date(2021, 2, 27), 4, False),
        (date(2021, 2, 28), 5, True),  # five years on: 28 Feb in a year without a 29th
        (date(2021, 3, 1), 5, True),
        (date(2024, 2, 28), 7, True),
        (date(2024, 2, 29), 8, True),  # a leap year: the anniversary itself
        (date(2026, 2, 28), 10, True),
    ],
)
def test_teaching_years_from_29_february_agree_with_the_rule(on, years, met):
    ev = evaluate(_leap_teacher(), on)
    reason = ev.reason("YEARS_INTERMEDIATE")
    assert reason is not None
    assert reason.met is met
    assert reason.value == years
    assert (reason.value >= reason.threshold) is reason.met


def test_years_missing_for_senior_counts_from_the_same_anniversary():
    # On 2021-02-28 the teacher is intermediate; senior takes 10 years, reached on
    # 2026-02-28: five more years, not six.
    ev = evaluate(_leap_teacher(), date(2021, 2, 28))
    assert ev.level == "intermediate"
    years = [m for m in ev.missing if m.code == "YEARS_SENIOR"]
    assert [m.quantity for m in years] == [5]
    senior = ev.reason("YEARS_SENIOR")
    assert senior is not None and senior.changes_on == date(2026, 2, 28)


# ------------------------------------------------------- a blank category is not stated
# DESIGN §4 E_SKILL: "a certificate or teacher with no category stated does not match".
# The API accepts "" for Teacher.major_category and Certificate.field_category (blank
# choice fields), so "" reaches the engine beside None.


def _skill(category: str | None) -> CertificateFact:
    return CertificateFact("skill_level", "grade3", date(2015, 1, 1), None, category)


@pytest.mark.parametrize(
    ("teacher", "certificate", "why"),
    [
        ("", "", "teacher_category_unstated"),
        ("", MACHINING, "teacher_category_unstated"),
        (MACHINING, "", "certificate_category_unstated"),
        (None, "", "teacher_category_unstated"),
    ],
)
def test_a_blank_category_does_not_match(teacher, certificate, why):
    r = TeacherRecord(facts(major_category=teacher), (BASIC, _skill(certificate)), (), ())
    ev = evaluate(r, date(2025, 6, 30))
    reason = ev.reason("E_SKILL")
    assert reason is not None
    assert reason.met is False
    assert ev.level == "none"
    assert reason.as_dict()["note"] == why


def test_a_blank_category_on_both_sides_fails_recruitment_path_a():
    hired = date(2024, 9, 1)
    f = facts(major_category="", hired_on=hired, education="secondary")
    cert = CertificateFact("skill_level", "grade5", date(2024, 1, 1), None, "")
    assert recruitment_compliant(f, [cert], []) is False
    ev = outcome(TeacherRecord(f, (BASIC, cert), (), ()), date(2025, 6, 30))
    assert ev.recruitment_compliant is False


def test_a_blank_category_from_the_teacher_row_or_from_a_dated_fact_is_the_same():
    # A dated major_category of "" is "not stated" already; the teacher's own column too.
    cert = _skill("")
    on = date(2025, 6, 30)
    column = TeacherRecord(facts(major_category=""), (BASIC, cert), (), ())
    dated = TeacherRecord(
        facts(major_category=MACHINING),
        (BASIC, cert),
        (),
        (),
        (FactChange(date(2010, 9, 1), "major_category", ""),),
    )
    assert evaluate(column, on).mets == evaluate(dated, on).mets
    assert evaluate(column, on).reason("E_SKILL").met is False  # type: ignore[union-attr]


def test_with_field_match_off_a_blank_category_counts():
    profile = RuleProfile(field_match=False)
    r = TeacherRecord(facts(major_category=""), (BASIC, _skill("")), (), ())
    assert evaluate(r, date(2025, 6, 30), profile).reason("E_SKILL").met is True  # type: ignore[union-attr]


# ------------------------------------- practice changes_on across a leap-day window step
# DESIGN §4 E_PRACTICE counts the days inside [D − 5 years, D]. The window holds one day
# more from 29 Feb 2028 to 28 Feb 2029 (two leap days inside): a count that sits just
# under the need (a province profile asking more than a year) reaches it on 29 Feb 2028
# and drops again on 1 Mar 2029. changes_on and valid_until must see both flips.

LONG = RuleProfile(practice_min_days=646)
STRADDLE = (
    PeriodFact("practice", date(2023, 2, 1), date(2024, 3, 5)),  # leaving the window
    PeriodFact("practice", date(2027, 6, 1), None),  # ongoing: entering it
)


def _practice_teacher() -> TeacherRecord:
    return TeacherRecord(facts(), (BASIC,), STRADDLE, ())


def _practice_met(r: TeacherRecord, on: date, profile: RuleProfile) -> bool:
    return outcome(r, on, profile).mets[e.REASON_CODES.index("E_PRACTICE")]


def test_practice_count_steps_with_the_window_length_around_leap_days():
    r = _practice_teacher()
    counts = {
        on: outcome(r, on, LONG).values[e.REASON_CODES.index("E_PRACTICE")]
        for on in (date(2028, 2, 28), date(2028, 2, 29), date(2029, 2, 28), date(2029, 3, 1))
    }
    assert counts == {
        date(2028, 2, 28): 645,
        date(2028, 2, 29): 646,
        date(2029, 2, 28): 646,
        date(2029, 3, 1): 645,
    }


@pytest.mark.parametrize("on", [date(2027, 12, 1), date(2028, 2, 28), date(2028, 6, 1)])
def test_practice_changes_on_sees_a_flip_made_by_the_leap_day(on):
    r = _practice_teacher()
    ev = evaluate(r, on, LONG)
    met = _practice_met(r, on, LONG)
    day = on + DAY
    while _practice_met(r, day, LONG) == met:
        day += DAY
    reason = ev.reason("E_PRACTICE")
    assert reason is not None
    assert reason.changes_on == day
    assert ev.next_change is not None and ev.next_change <= day


def test_practice_flips_by_the_leap_day_in_the_one_pass_span_too():
    r = _practice_teacher()
    on, start, end = date(2027, 12, 1), date(2027, 1, 1), date(2030, 12, 31)
    span = e.evaluate_span(r, on, start, end, LONG)
    assert span is not None
    ev, segments = span
    want, _points = e.evaluate_with_timeline(r, on, start, end, LONG)
    assert ev == want
    assert ev.reason("E_PRACTICE").changes_on == date(2028, 2, 29)  # type: ignore[union-attr]
    assert ev.valid_until == date(2028, 2, 29)  # none → junior through the practice
    levels = [(s[0], s[2]) for s in segments]
    assert (date(2028, 2, 29), "junior") in levels
    assert (date(2029, 3, 1), "none") in levels


def test_a_need_of_the_whole_long_window_is_met_only_while_it_is_long():
    # A window of 5 years is 1,827 days, 1,828 while it holds two 29 Februaries (29 Feb
    # 2028 to 28 Feb 2029). A profile asking 1,828 days of a teacher in practice all along
    # is met exactly then; the flips come after the periods' last breakpoint.
    profile = RuleProfile(practice_min_days=1828)
    r = TeacherRecord(
        facts(),
        (BASIC,),
        (
            PeriodFact("practice", date(2021, 6, 7), date(2022, 6, 28)),
            PeriodFact("practice", date(2022, 7, 10), None),
        ),
        (),
    )
    on = date(2027, 11, 3)
    ev = evaluate(r, on, profile)
    assert ev.reason("E_PRACTICE").met is False  # type: ignore[union-attr]
    assert ev.reason("E_PRACTICE").changes_on == date(2028, 2, 29)  # type: ignore[union-attr]
    assert _practice_met(r, date(2028, 2, 29), profile) is True
    assert _practice_met(r, date(2029, 2, 28), profile) is True
    assert _practice_met(r, date(2029, 3, 1), profile) is False
    later = evaluate(r, date(2028, 6, 1), profile)
    assert later.reason("E_PRACTICE").changes_on == date(2029, 3, 1)  # type: ignore[union-attr]
    start, end = date(2027, 1, 1), date(2030, 12, 31)
    span = e.evaluate_span(r, on, start, end, profile)
    assert span is not None
    assert span[0] == e.evaluate_with_timeline(r, on, start, end, profile)[0]
    assert span[0].reason("E_PRACTICE").changes_on == date(2028, 2, 29)  # type: ignore[union-attr]


@pytest.mark.django_db
def test_a_result_stored_before_the_blank_category_fix_is_made_due(school_a):
    """Migration 0007: a stored result of a teacher with a blank category (theirs or a
    certificate's) is made due, so the nightly re-evaluation words it again; others stay."""
    import importlib

    from django.apps import apps as django_apps
    from django.utils import timezone

    from shuangshi import testing
    from shuangshi.qualification.models import TeacherQualification
    from shuangshi.teachers.models import Certificate, Teacher

    migration = importlib.import_module(
        "shuangshi.qualification.migrations.0007_blank_categories_due"
    )
    blank_teacher = testing.make_teacher(school_a)
    blank_certificate = testing.make_teacher(school_a)
    untouched = testing.make_teacher(school_a)
    cert = testing.make_certificate(blank_certificate)
    Teacher.objects.filter(pk=blank_teacher.pk).update(major_category="")
    Certificate.objects.filter(pk=cert.pk).update(field_category="")
    far = timezone.localdate().replace(year=timezone.localdate().year + 3)
    TeacherQualification.objects.update(changes_on=far)

    migration.blank_categories_due(django_apps, None)

    due = dict(TeacherQualification.objects.values_list("teacher_id", "changes_on"))
    assert due[blank_teacher.pk] == due[blank_certificate.pk] == timezone.localdate()
    assert due[untouched.pk] == far
