"""Table-driven tests of the pure rules engine (DESIGN §4). No database."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from shuangshi.qualification import engine as e
from shuangshi.qualification.engine import (
    CertificateFact,
    CompletionFact,
    PeriodFact,
    RuleProfile,
    TeacherFacts,
    TeacherRecord,
    evaluate,
)

D = date(2025, 6, 30)
FIELD = "46"  # 装备制造: the field of the teachers and skill certificates in these tables
WINDOW_START = date(2020, 6, 30)  # D − 5 years: the first day inside the window
DAY = timedelta(days=1)


def facts(**kw: object) -> TeacherFacts:
    base: dict[str, object] = {
        "employment": "full_time",
        "course_type": "professional",
        "hired_on": date(2010, 9, 1),
        "teaching_since": date(2010, 9, 1),
        "title": "junior",
        "education": "bachelor",
        "major_category": FIELD,
    }
    base.update(kw)
    return TeacherFacts(**base)  # type: ignore[arg-type]


BASIC = CertificateFact("teacher_qualification", "secondary_vocational", date(2010, 1, 1))


def rec(
    *,
    certs: tuple[CertificateFact, ...] = (BASIC,),
    periods: tuple[PeriodFact, ...] = (),
    comps: tuple[CompletionFact, ...] = (),
    **kw: object,
) -> TeacherRecord:
    return TeacherRecord(facts(**kw), certs, periods, comps)


def practice(start: date, days: int, kind: str = "practice") -> PeriodFact:
    return PeriodFact(kind, start, start + timedelta(days=days - 1))


def met(record: TeacherRecord, code: str, on: date = D) -> bool:
    reason = evaluate(record, on).reason(code)
    assert reason is not None
    return reason.met


# --------------------------------------------------------------------------- scope


@pytest.mark.parametrize(
    ("kw", "in_scope"),
    [
        ({}, True),
        ({"course_type": "practical"}, True),
        ({"course_type": "public"}, False),
        ({"employment": "part_time"}, False),
        ({"employment": "part_time", "course_type": "public"}, False),
        ({"hired_on": D}, True),
        ({"hired_on": D + DAY}, False),
        ({"left_on": D}, True),
        ({"left_on": D - DAY}, False),
    ],
)
def test_scope_is_full_time_professional_or_practical_employed_at_d(kw, in_scope):
    assert evaluate(rec(**kw), D).in_scope is in_scope


def test_out_of_scope_teachers_still_get_a_level():
    ev = evaluate(rec(employment="part_time", certs=(BASIC, _cert("skill_level", "grade4"))), D)
    assert ev.in_scope is False
    assert ev.level == "junior"


# --------------------------------------------------------------------------- basic


def _cert(kind: str, level: str, issued: date = date(2015, 1, 1), expires: date | None = None):
    return CertificateFact(kind, level, issued, expires, FIELD)


@pytest.mark.parametrize(
    ("issued", "expires", "held"),
    [
        (D - DAY, None, True),
        (D, None, True),  # issued on D
        (D + DAY, None, False),  # issued after D
        (date(2015, 1, 1), D, True),  # held on its expiry date
        (date(2015, 1, 1), D - DAY, False),  # expired the day before
        (date(2015, 1, 1), D + DAY, True),
    ],
)
def test_basic_needs_a_teacher_qualification_held_at_d(issued, expires, held):
    cert = CertificateFact("teacher_qualification", "secondary_vocational", issued, expires)
    assert met(rec(certs=(cert,)), "BASIC") is held


def test_without_basic_certificate_the_level_is_none_whatever_the_evidence():
    r = rec(certs=(_cert("skill_level", "grade1"),), periods=(practice(D - 400 * DAY, 365),))
    assert evaluate(r, D).level == "none"


# --------------------------------------------------------------------------- evidence


@pytest.mark.parametrize(
    ("kind", "level", "ok"),
    [
        ("skill_level", "grade5", False),
        ("skill_level", "grade4", True),
        ("skill_level", "grade3", True),
        ("skill_level", "grade1", True),
        ("vocational_qualification", "grade5", False),
        ("vocational_qualification", "grade4", True),
        ("one_plus_x", "junior", False),
        ("one_plus_x", "intermediate", True),
        ("one_plus_x", "senior", True),
        ("professional_title", "senior", False),  # a title is not a skill certificate
    ],
)
def test_skill_evidence_needs_grade4_or_1x_intermediate(kind, level, ok):
    assert met(rec(certs=(BASIC, _cert(kind, level))), "E_SKILL") is ok


def test_skill_evidence_expires_like_any_certificate():
    cert = _cert("skill_level", "grade4", expires=D - DAY)
    assert met(rec(certs=(BASIC, cert)), "E_SKILL") is False
    cert = _cert("skill_level", "grade4", expires=D)
    assert met(rec(certs=(BASIC, cert)), "E_SKILL") is True


@pytest.mark.parametrize(
    ("level", "ok"),
    [("junior", False), ("intermediate", True), ("associate_senior", True), ("senior", True)],
)
def test_title_evidence_needs_intermediate_professional_title(level, ok):
    assert met(rec(certs=(BASIC, _cert("professional_title", level))), "E_TITLE") is ok


@pytest.mark.parametrize(
    ("days", "ok"),
    [(179, False), (180, True), (181, True)],
)
def test_practice_needs_180_days_in_five_years(days, ok):
    r = rec(periods=(practice(D - days * DAY + DAY, days),))
    ev = evaluate(r, D)
    reason = ev.reason("E_PRACTICE")
    assert reason is not None
    assert (reason.met, reason.value, reason.threshold) == (ok, days, 180)


@pytest.mark.parametrize(
    ("period", "counted"),
    [
        # ends on the first day of the window: 1 day counts
        (PeriodFact("practice", WINDOW_START - 99 * DAY, WINDOW_START), 1),
        # ends the day before the window: nothing counts
        (PeriodFact("practice", WINDOW_START - 100 * DAY, WINDOW_START - DAY), 0),
        # straddles the window start: only the days inside
        (PeriodFact("practice", WINDOW_START - 100 * DAY, WINDOW_START + 9 * DAY), 10),
        # straddles D: only the days up to D
        (PeriodFact("practice", D - 9 * DAY, D + 100 * DAY), 10),
        # ongoing: counts through D
        (PeriodFact("practice", D - 29 * DAY, None), 30),
        # starts after D
        (PeriodFact("practice", D + DAY, D + 300 * DAY), 0),
        # employment periods count as enterprise days too
        (PeriodFact("employment", D - 9 * DAY, D), 10),
    ],
)
def test_practice_window_edges(period, counted):
    reason = evaluate(rec(periods=(period,)), D).reason("E_PRACTICE")
    assert reason is not None
    assert reason.value == counted


def test_overlapping_periods_count_each_day_once():
    a = practice(D - 199 * DAY, 100)
    b = practice(D - 149 * DAY, 100)  # overlaps a by 50 days
    reason = evaluate(rec(periods=(a, b)), D).reason("E_PRACTICE")
    assert reason is not None
    assert reason.value == 150


@pytest.mark.parametrize(
    ("days", "ok"),
    [(1094, False), (1095, True), (1096, True)],
)
def test_enterprise_needs_1095_days_of_employment_periods(days, ok):
    r = rec(periods=(practice(date(2000, 1, 1), days, kind="employment"),))
    assert met(r, "E_ENTERPRISE") is ok


def test_enterprise_ignores_practice_periods_and_days_after_d():
    r = rec(periods=(practice(date(2000, 1, 1), 2000),))
    assert met(r, "E_ENTERPRISE") is False
    r = rec(periods=(practice(D - 1000 * DAY, 1100, kind="employment"),))
    reason = evaluate(r, D).reason("E_ENTERPRISE")
    assert reason is not None
    assert reason.value == 1001


@pytest.mark.parametrize(
    ("completion", "ok"),
    [
        (CompletionFact(39, True, D), False),
        (CompletionFact(40, True, D), True),
        (CompletionFact(41, True, D), True),
        (CompletionFact(80, False, D), False),  # not passed
        (CompletionFact(80, True, D, base_active=False), False),  # base not active
        (CompletionFact(40, True, WINDOW_START), True),  # window's first day
        (CompletionFact(40, True, WINDOW_START - DAY), False),  # just outside
        (CompletionFact(40, True, D + DAY), False),  # in the future
    ],
)
def test_training_needs_a_passed_40_hour_completion_at_an_active_base(completion, ok):
    assert met(rec(comps=(completion,)), "E_TRAINING") is ok


# --------------------------------------------------------------------------- levels

SKILL = _cert("skill_level", "grade3")
PTITLE = _cert("professional_title", "intermediate")
PRACTICE = practice(D - 199 * DAY, 200)


@pytest.mark.parametrize(
    ("kw", "level"),
    [
        ({}, "none"),  # basic only
        ({"certs": (BASIC, SKILL)}, "junior"),
        ({"periods": (PRACTICE,)}, "junior"),
        # intermediate: title ≥ intermediate, 5 years, practice + 1 more
        (
            {
                "certs": (BASIC, SKILL),
                "periods": (PRACTICE,),
                "title": "intermediate",
                "teaching_since": date(2020, 6, 30),
            },
            "intermediate",
        ),
        (  # one day short of 5 years
            {
                "certs": (BASIC, SKILL),
                "periods": (PRACTICE,),
                "title": "intermediate",
                "teaching_since": date(2020, 7, 1),
            },
            "junior",
        ),
        (  # title too low
            {"certs": (BASIC, SKILL), "periods": (PRACTICE,), "title": "junior"},
            "junior",
        ),
        (  # practice alone is not "practice + 1 more"
            {"periods": (PRACTICE,), "title": "intermediate"},
            "junior",
        ),
        (  # no practice: two other items are not enough for intermediate
            {"certs": (BASIC, SKILL, PTITLE), "title": "intermediate"},
            "junior",
        ),
        # senior: title ≥ associate_senior, 10 years, practice + 2 more
        (
            {
                "certs": (BASIC, SKILL, PTITLE),
                "periods": (PRACTICE,),
                "title": "associate_senior",
                "teaching_since": date(2015, 6, 30),
            },
            "senior",
        ),
        (  # one day short of 10 years
            {
                "certs": (BASIC, SKILL, PTITLE),
                "periods": (PRACTICE,),
                "title": "associate_senior",
                "teaching_since": date(2015, 7, 1),
            },
            "intermediate",
        ),
        (  # only 1 more item besides practice
            {
                "certs": (BASIC, SKILL),
                "periods": (PRACTICE,),
                "title": "senior",
                "teaching_since": date(2000, 1, 1),
            },
            "intermediate",
        ),
        (  # title intermediate is below associate_senior
            {
                "certs": (BASIC, SKILL, PTITLE),
                "periods": (PRACTICE,),
                "title": "intermediate",
                "teaching_since": date(2000, 1, 1),
            },
            "intermediate",
        ),
    ],
)
def test_levels(kw, level):
    ev = evaluate(rec(**kw), D)
    assert ev.level == level
    assert ev.qualified is (level != "none")


def test_every_rule_is_reported_with_value_and_threshold():
    ev = evaluate(rec(certs=(BASIC, SKILL)), D)
    codes = [r.code for r in ev.reasons]
    assert codes == [
        "SCOPE",
        "BASIC",
        "E_SKILL",
        "E_TITLE",
        "E_PRACTICE",
        "E_ENTERPRISE",
        "E_TRAINING",
        "TITLE_INTERMEDIATE",
        "YEARS_INTERMEDIATE",
        "TITLE_SENIOR",
        "YEARS_SENIOR",
    ]
    skill = ev.reason("E_SKILL")
    assert skill is not None
    assert skill.as_dict() == {
        "code": "E_SKILL",
        "met": True,
        "value": "grade3",
        "threshold": "grade4",
        "message": "qualification.rule.e_skill",
        "params": {"value": "grade3", "threshold": "grade4"},
        "changes_on": None,
        "note": None,
    }


def test_profile_thresholds_are_applied():
    strict = RuleProfile(practice_min_days=365, skill_min_grade="grade3")
    r = rec(certs=(BASIC, _cert("skill_level", "grade4")), periods=(PRACTICE,))
    assert evaluate(r, D).level == "junior"
    assert evaluate(r, D, strict).level == "none"


def test_profile_round_trips_and_validates():
    p = RuleProfile(practice_min_days=200)
    assert RuleProfile.from_dict(p.as_dict()) == p
    assert RuleProfile().validate() == {}
    bad = RuleProfile(skill_min_grade="grade9", practice_min_days=-1, part_time_share=2)
    assert set(bad.validate()) == {"skill_min_grade", "practice_min_days", "part_time_share"}
    # Values of the wrong type are caught before a profile is built from them.
    wrong_types = {**p.as_dict(), "junior_evidence_items": "x", "practice_window_years": None}
    assert set(e.profile_errors(wrong_types)) == {"junior_evidence_items", "practice_window_years"}
    assert set(e.profile_errors({**p.as_dict(), "recruitment_since": "2023-13-01"})) == {
        "recruitment_since"
    }


# --------------------------------------------------------------------------- valid_until


def test_valid_until_is_the_day_after_the_basic_certificate_expires():
    cert = CertificateFact("teacher_qualification", "x", date(2015, 1, 1), D + 10 * DAY)
    ev = evaluate(rec(certs=(cert, SKILL)), D)
    assert ev.level == "junior"
    assert ev.valid_until == D + 11 * DAY
    assert evaluate(rec(certs=(cert, SKILL)), ev.valid_until).level == "none"


def test_valid_until_when_practice_days_leave_the_window():
    # 180 days ending 2021-12-31: the first of them leaves the window when D − 5y passes it.
    period = PeriodFact("practice", date(2021, 7, 5), date(2021, 12, 31))
    r = rec(periods=(period,))
    ev = evaluate(r, D)
    assert ev.reason("E_PRACTICE").value == 180  # type: ignore[union-attr]
    assert ev.valid_until == date(2026, 7, 6)
    assert evaluate(r, date(2026, 7, 5)).level == "junior"
    assert evaluate(r, date(2026, 7, 6)).level == "none"


def test_valid_until_when_an_ongoing_practice_reaches_180_days():
    r = rec(periods=(PeriodFact("practice", D - 99 * DAY, None),))
    ev = evaluate(r, D)
    assert ev.level == "none"
    assert ev.valid_until == D + 80 * DAY
    assert evaluate(r, D + 80 * DAY).level == "junior"


def test_valid_until_when_training_leaves_its_window():
    r = rec(comps=(CompletionFact(40, True, date(2021, 3, 1)),))
    ev = evaluate(r, D)
    assert ev.valid_until == date(2026, 3, 2)
    assert evaluate(r, date(2026, 3, 1)).level == "junior"
    assert evaluate(r, date(2026, 3, 2)).level == "none"


def test_teaching_years_reached_change_the_rule_but_not_a_junior_level():
    r = rec(teaching_since=date(2021, 9, 1))
    ev = evaluate(r, D)
    assert ev.next_change == date(2026, 9, 1)
    assert ev.reason("YEARS_INTERMEDIATE").changes_on == date(2026, 9, 1)  # type: ignore[union-attr]
    assert ev.valid_until is None  # title junior: the level stays none


def test_a_future_hire_or_a_leaver_changes_the_scope_not_the_level():
    ev = evaluate(rec(hired_on=D + 5 * DAY), D)
    assert (ev.next_change, ev.valid_until) == (D + 5 * DAY, None)
    assert ev.reason("SCOPE").changes_on == D + 5 * DAY  # type: ignore[union-attr]
    ev = evaluate(rec(left_on=D + 5 * DAY), D)
    assert (ev.next_change, ev.valid_until) == (D + 6 * DAY, None)


def test_valid_until_is_none_when_nothing_changes_by_itself():
    r = rec(teaching_since=date(2000, 1, 1))
    assert evaluate(r, D).valid_until is None


def _random_record(rnd: random.Random) -> TeacherRecord:
    def day(lo: int, hi: int) -> date:
        return D + timedelta(days=rnd.randint(lo, hi))

    certs = [
        CertificateFact(
            rnd.choice(["teacher_qualification", "skill_level", "one_plus_x"]),
            rnd.choice(["grade4", "grade5", "intermediate", "x"]),
            day(-3000, 200),
            rnd.choice([None, day(-100, 800)]),
            rnd.choice([FIELD, FIELD, "51", None]),
        )
        for _ in range(rnd.randint(0, 3))
    ]
    periods = []
    for _ in range(rnd.randint(0, 3)):
        start = day(-2200, 100)
        end = rnd.choice([None, start + timedelta(days=rnd.randint(0, 400))])
        periods.append(PeriodFact(rnd.choice(["practice", "employment"]), start, end))
    comps = [
        CompletionFact(rnd.choice([32, 40, 48]), True, day(-1900, 100))
        for _ in range(rnd.randint(0, 2))
    ]
    f = facts(
        teaching_since=day(-4000, 0),
        title=rnd.choice(["junior", "intermediate", "associate_senior"]),
        left_on=rnd.choice([None, None, day(0, 900)]),
    )
    return TeacherRecord(f, tuple(certs), tuple(periods), tuple(comps))


def _outcome(ev: e.Evaluation) -> tuple[object, ...]:
    return (ev.level, ev.in_scope, tuple(r.met for r in ev.reasons))


def test_valid_until_next_change_and_changes_on_are_exact_against_day_by_day_evaluation():
    rnd = random.Random(7)
    horizon = D + 1200 * DAY
    for _ in range(60):
        r = _random_record(rnd)
        ev = evaluate(r, D)
        outcomes = [(day, evaluate(r, day)) for day in _days(D + DAY, horizon)]
        # next_change: the first day anything differs
        first = next((day for day, later in outcomes if _outcome(later) != _outcome(ev)), None)
        assert ev.next_change == first or (first is None and ev.next_change >= horizon), r  # type: ignore[operator]
        # valid_until: the first day the level differs
        drop = next((day for day, later in outcomes if later.level != ev.level), None)
        assert ev.valid_until == drop or (drop is None and (ev.valid_until or horizon) >= horizon)
        # each reason's changes_on: the first day its outcome differs
        for i, reason in enumerate(ev.reasons):
            flip = next((day for day, later in outcomes if later.mets[i] != reason.met), None)
            assert reason.changes_on == flip or (
                flip is None and (reason.changes_on or horizon) >= horizon
            ), (r, reason)


def _days(start: date, end: date) -> list[date]:
    return [start + i * DAY for i in range((end - start).days)]


# --------------------------------------------------------------------------- missing


def test_missing_names_the_days_of_practice_still_needed():
    r = rec(certs=(BASIC,), periods=(practice(D - 115 * DAY, 116),))
    ev = evaluate(r, D)
    assert ev.level == "none"
    by = {m.code: m for m in ev.missing}
    m = by["E_PRACTICE"]
    assert (m.quantity, m.unit, m.one_of, m.needed) == (64, "days", True, 1)
    assert m.message == "qualification.missing.e_practice"
    assert m.params == {"days": 64, "threshold": 180, "years": 5}
    assert m.text == "needs 64 more days of enterprise practice in the last 5 years"
    assert (
        by["E_SKILL"].text == "needs a skill certificate at grade4 or higher in the teacher's field"
    )
    assert by["E_SKILL"].params == {"level": "grade4"}
    assert by["E_SKILL"].unit == "certificate"
    assert ev.distance == e.TRAINING_EFFORT_DAYS  # the cheapest alternative
    nearer = evaluate(rec(periods=(practice(D - 169 * DAY, 170),)), D)
    assert nearer.distance == 10


def test_missing_options_are_ordered_by_effort():
    ev = evaluate(rec(), D, RuleProfile(practice_min_days=20))
    assert [m.code for m in ev.missing][:2] == ["E_PRACTICE", "E_TRAINING"]


def test_missing_includes_the_basic_certificate():
    ev = evaluate(rec(certs=(), periods=(PRACTICE,)), D)
    assert [m.code for m in ev.missing] == ["BASIC"]
    assert ev.missing[0].one_of is False
    assert ev.distance == e.CERTIFICATE_EFFORT_DAYS


def test_nothing_is_missing_at_senior():
    ev = evaluate(
        rec(
            certs=(BASIC, SKILL, PTITLE),
            periods=(PRACTICE,),
            title="senior",
            teaching_since=date(2000, 1, 1),
        ),
        D,
    )
    assert ev.level == "senior"
    assert ev.missing == ()
    assert ev.distance is None


def test_missing_for_intermediate_lists_title_years_and_practice():
    ev = evaluate(rec(certs=(BASIC, SKILL), teaching_since=date(2022, 1, 1)), D)
    assert ev.level == "junior"
    codes = {m.code for m in ev.missing}
    assert codes == {"TITLE_INTERMEDIATE", "YEARS_INTERMEDIATE", "E_PRACTICE"}


def test_candidates_sort_by_distance():
    near = evaluate(rec(periods=(practice(D - 169 * DAY, 170),)), D)
    far = evaluate(rec(periods=(practice(D - 9 * DAY, 10),)), D)
    assert near.distance is not None and far.distance is not None
    assert near.distance < far.distance


# --------------------------------------------------------------------------- school math


@pytest.mark.parametrize(
    ("qualified", "in_scope", "target", "ratio", "gap", "meets"),
    [
        (5, 10, "0.60", 0.5, 2, False),
        (6, 10, "0.60", 0.6, 1, False),  # exactly 60% is not more than 60%
        (7, 10, "0.60", 0.7, 0, True),
        (10, 10, "0.60", 1.0, 0, True),
        (0, 1, "0.60", 0.0, 1, False),
        (0, 0, "0.60", None, None, False),  # nobody in scope: no ratio, not 0%
        (3, 5, 0.6, 0.6, 1, False),
        (9, 10, "1.00", 0.9, None, False),  # cannot exceed 100%
        (2, 3, "0.60", 2 / 3, 0, True),
    ],
)
def test_ratio_gap_and_strict_target(qualified, in_scope, target, ratio, gap, meets):
    assert e.ratio(qualified, in_scope) == ratio
    assert e.gap(qualified, in_scope, target) == gap
    assert e.meets_target(qualified, in_scope, target) is meets


@pytest.mark.parametrize(
    ("kw", "certs", "periods", "result"),
    [
        ({"hired_on": date(2023, 7, 31)}, (), (), None),  # before the cut-off
        ({"hired_on": date(2023, 8, 1)}, (), (), False),
        ({"hired_on": date(2023, 8, 1)}, (_cert("skill_level", "grade5"),), (), True),
        ({"hired_on": date(2023, 8, 1)}, (_cert("one_plus_x", "junior"),), (), True),
        ({"hired_on": date(2023, 8, 1), "normal_graduate": True}, (), (), True),
        (
            {"hired_on": date(2023, 8, 1), "education": "higher_vocational"},
            (),
            (practice(date(2020, 1, 1), 1095, "employment"),),
            True,
        ),
        (
            {"hired_on": date(2023, 8, 1), "education": "higher_vocational"},
            (),
            (practice(date(2020, 1, 1), 1094, "employment"),),
            False,
        ),
        (
            {"hired_on": date(2023, 8, 1), "education": "secondary"},
            (),
            (practice(date(2019, 1, 1), 1095, "employment"),),
            False,
        ),
        (  # employment after the hire does not count
            {"hired_on": date(2023, 8, 1), "education": "bachelor"},
            (),
            (practice(date(2023, 8, 1), 1200, "employment"),),
            False,
        ),
    ],
)
def test_recruitment_check(kw, certs, periods, result):
    f = facts(**kw)
    assert e.recruitment_compliant(f, certs, periods) is result
    ev = evaluate(TeacherRecord(f, (BASIC, *certs), periods), D)
    assert ev.recruitment_compliant is result


def test_recruitment_check_applies_only_in_scope():
    ev = evaluate(rec(hired_on=date(2024, 1, 1), course_type="public"), D)
    assert ev.recruitment_compliant is None


@pytest.mark.parametrize(
    ("kind", "students", "full", "part", "mentors", "spt_ok", "share", "share_ok"),
    [
        ("secondary_vocational", 400, 20, 4, 0, True, 0.2, True),
        ("secondary_vocational", 401, 20, 3, 0, False, 0.15, False),
        ("secondary_vocational", 401, 20, 3, 1, False, 0.2, True),
        ("higher_vocational", 360, 20, 0, 0, True, 0.0, False),
        ("higher_vocational", 361, 20, 0, 0, False, 0.0, False),
        ("technical_school", 100, 0, 2, 0, None, None, None),
    ],
)
def test_staffing(kind, students, full, part, mentors, spt_ok, share, share_ok):
    s = e.staffing(
        kind=kind, student_count=students, full_time=full, part_time=part, mentors=mentors
    )
    assert s.students_per_teacher_ok is spt_ok
    assert s.part_time_share == share
    assert s.part_time_ok is share_ok
    assert s.students_per_teacher_norm == (18 if kind == "higher_vocational" else 20)


def test_leap_day_windows():
    # D on 29 Feb: the window starts on 28 Feb five years earlier.
    on = date(2024, 2, 29)
    r = rec(comps=(CompletionFact(40, True, date(2019, 2, 28)),))
    assert met(r, "E_TRAINING", on) is True
    r = rec(comps=(CompletionFact(40, True, date(2019, 2, 27)),))
    assert met(r, "E_TRAINING", on) is False


def test_packed_reasons_round_trip_with_the_profile():
    ev = evaluate(rec(certs=(BASIC, SKILL), periods=(practice(D - 99 * DAY, 100),)), D)
    packed = e.pack_reasons(ev)
    back = e.evaluation_from_stored(
        level=ev.level,
        in_scope=ev.in_scope,
        packed=packed,
        valid_until=ev.valid_until,
        recruitment=ev.recruitment_compliant,
        profile=e.DEFAULT_PROFILE,
    )
    assert back == ev
    assert back.missing == ev.missing


def test_distance_fast_path_agrees_with_the_missing_items():
    rnd = random.Random(3)
    for _ in range(200):
        ev = evaluate(_random_record(rnd), D)
        items, cost = e._missing(ev)
        assert ev.distance == (cost if items else None)


def test_the_bulk_look_ahead_from_the_timeline_equals_evaluate():
    rnd = random.Random(11)
    start, end = D - 2000 * DAY, D + 2000 * DAY
    for _ in range(120):
        r = _random_record(rnd)
        ev = evaluate(r, D)
        bulk, points = e.evaluate_with_timeline(r, D, start, end)
        assert bulk.level == ev.level and bulk.mets == ev.mets and bulk.values == ev.values
        assert bulk.valid_until == ev.valid_until, r
        for a, b in zip(bulk.changes, ev.changes, strict=True):
            assert a == b or (a is not None and a > end) or (b is not None and b > end), r
        assert points[0][0] == start


def test_timeline_points_have_the_outcomes_of_a_fresh_evaluation_on_their_date():
    # Points reached without a full evaluation (a held certificate or completion, or the
    # teaching years, flipping) must agree with one in every outcome the callers use.
    rnd = random.Random(23)
    start, end = D - 2000 * DAY, D + 2000 * DAY
    for _ in range(300):
        r = _random_record(rnd)
        for on, ev, _facts in e.timeline(r, start, end):
            fresh = e.outcome(r, on)
            assert ev.level == fresh.level, (r, on)
            assert ev.mets == fresh.mets, (r, on)
            assert ev.in_scope == fresh.in_scope, (r, on)
            assert ev.recruitment_compliant == fresh.recruitment_compliant, (r, on)
            assert ev.next_change == fresh.next_change, (r, on)


def test_practice_flip_closed_forms_agree_with_the_generic_search():
    rnd = random.Random(5)
    profile = e.DEFAULT_PROFILE
    years, need = profile.practice_window_years, profile.practice_min_days
    for _ in range(3000):
        d = D + timedelta(days=rnd.randint(-2000, 2000))
        merged: list[tuple[int, int]] = []
        for _ in range(rnd.randint(1, 2)):
            a = (D + timedelta(days=rnd.randint(-2500, 1500))).toordinal()
            b = rnd.choice([e._MAX - 1, a + rnd.randint(0, 500)])
            merged.append((a, b))
        merged = e._merge(merged)
        if merged[-1][1] <= d.toordinal():
            continue  # the closed forms are for periods running past the day
        ctx = e._context(d, profile)
        _days, met, flip = e._practice(merged, ctx, profile)
        assert flip == e._practice_flip_generic(merged, d.toordinal(), years, need, met), (
            merged,
            d,
        )


def _random_span_record(rnd: random.Random) -> TeacherRecord:
    """``_random_record`` with hires, leaves and kinds that move the scope inside a horizon,
    more enterprise periods and completions, and leap days among the dates."""
    r = _random_record(rnd)

    def day(lo: int, hi: int) -> date:
        return date(2024, 2, 29) + timedelta(days=rnd.randint(lo, hi))

    periods = list(r.periods)
    for _ in range(rnd.randint(0, 3)):
        start = day(-2500, 900)
        end = rnd.choice([None, start + timedelta(days=rnd.randint(0, 1200))])
        periods.append(PeriodFact(rnd.choice(["practice", "employment"]), start, end))
    comps = [
        *r.completions,
        *(
            CompletionFact(48, rnd.random() < 0.8, day(-2500, 900))
            for _ in range(rnd.randint(0, 2))
        ),
    ]
    hired = rnd.choice([None, day(-4000, 0), day(0, 800), date(2023, 9, 1)])
    f = e.replace(
        r.facts,
        hired_on=hired,
        left_on=rnd.choice([None, None, day(-1000, 1500)]),
        employment=rnd.choice(["full_time", "full_time", "part_time"]),
        course_type=rnd.choice(["professional", "practical", "public"]),
        teaching_since=rnd.choice([None, day(-5000, 500), date(2016, 2, 29)]),
        title=rnd.choice(["none", "junior", "intermediate", "associate_senior", "senior"]),
        normal_graduate=rnd.random() < 0.2,
    )
    return TeacherRecord(f, r.certificates, tuple(periods), tuple(comps))


@pytest.mark.parametrize("profile", [e.DEFAULT_PROFILE, RuleProfile(practice_min_days=30)])
def test_the_one_pass_span_equals_the_stepwise_timeline(profile):
    from shuangshi.qualification.intervals import intervals_from_points, intervals_from_segments

    rnd = random.Random(17)
    start, end = date(2020, 5, 1), date(2027, 6, 30)
    for k in range(1500):
        r = _random_span_record(rnd)
        on = D + timedelta(days=rnd.randint(-300, 300))
        span = e.evaluate_span(r, on, start, end, profile)
        assert span is not None
        ev, segments = span
        want, points = e.evaluate_with_timeline(r, on, start, end, profile)
        assert ev == want, (k, r)
        assert intervals_from_segments(k, segments) == intervals_from_points(k, points), (k, r)


def test_the_one_pass_span_leaves_dated_facts_to_the_stepwise_timeline():
    r = e.replace(rec(), history=(e.FactChange(D, "title", "senior"),))
    assert e.evaluate_span(r, D, D - 400 * DAY, D + 400 * DAY) is None
    assert e.evaluate_span(rec(), D, D + DAY, D + 400 * DAY) is None  # the day outside


def test_copy_text_is_postgresql_copy_text_format():
    rows = [
        (1, None, True, False, "a\tb\nc\\d\re", date(2024, 2, 29), 0.25, [1, "x"]),
        (2, "plain", None, None, "", date(2026, 12, 31), 3, None),
    ]
    text = e.copy_text(rows, 7, lambda v: "null" if v is None else '[1,"x\\\\"]')
    assert text == (
        '1\t\\N\tt\tf\ta\\tb\\nc\\\\d\\re\t2024-02-29\t0.25\t[1,"x\\\\\\\\"]\n'
        "2\tplain\t\\N\t\\N\t\t2026-12-31\t3\tnull\n"
    )
    assert e.copy_text([]) == ""
