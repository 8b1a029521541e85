"""Table tests of the time-true rules (issue 10, DESIGN §3–§4): the relevant field, dated
facts, training at a base active on the completion date, valid_until = the level's next
change, recruitment judged on hired_on. Pure engine, no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shuangshi.qualification.engine import (
    CertificateFact,
    CompletionFact,
    FactChange,
    PeriodFact,
    RuleProfile,
    TeacherFacts,
    TeacherRecord,
    evaluate,
    recruitment_compliant,
)

D = date(2025, 6, 30)
DAY = timedelta(days=1)
MACHINING = "46"  # 装备制造
COOKING = "54"  # 旅游 (烹饪 belongs to it)
BASIC = CertificateFact("teacher_qualification", "secondary_vocational", date(2010, 1, 1))


def facts(**kw: object) -> TeacherFacts:
    base: dict[str, object] = {
        "employment": "full_time",
        "course_type": "professional",
        "hired_on": date(2010, 9, 1),
        "teaching_since": date(2010, 9, 1),
        "title": "junior",
        "major_category": MACHINING,
    }
    base.update(kw)
    return TeacherFacts(**base)  # type: ignore[arg-type]


def skill(category: str | None, issued: date = date(2015, 1, 1), **kw: object) -> CertificateFact:
    return CertificateFact("skill_level", "grade3", issued, kw.get("expires"), category)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- relevant field


@pytest.mark.parametrize(
    ("teacher", "certificate", "field_match", "met", "why"),
    [
        (MACHINING, MACHINING, True, True, None),
        (MACHINING, COOKING, True, False, "field_mismatch"),
        (None, MACHINING, True, False, "teacher_category_unstated"),
        (MACHINING, None, True, False, "certificate_category_unstated"),
        (None, None, True, False, "teacher_category_unstated"),
        (MACHINING, COOKING, False, True, None),  # the province turned the switch off
        (None, None, False, True, None),
    ],
)
def test_skill_evidence_needs_the_teachers_field(teacher, certificate, field_match, met, why):
    record = TeacherRecord(facts(major_category=teacher), (BASIC, skill(certificate)))
    ev = evaluate(record, D, RuleProfile(field_match=field_match))
    reason = ev.reason("E_SKILL")
    assert reason is not None
    assert reason.met is met
    assert ev.level == ("junior" if met else "none")
    assert reason.as_dict()["note"] == why
    if why is not None:
        assert reason.params["teacher_category"] == teacher
        assert reason.params["certificate_category"] == certificate


def test_one_plus_x_needs_the_field_too():
    opx = CertificateFact("one_plus_x", "intermediate", date(2015, 1, 1), None, COOKING)
    assert evaluate(TeacherRecord(facts(), (BASIC, opx)), D).level == "none"
    opx = CertificateFact("one_plus_x", "intermediate", date(2015, 1, 1), None, MACHINING)
    assert evaluate(TeacherRecord(facts(), (BASIC, opx)), D).level == "junior"


def test_a_back_dated_category_change_moves_the_skill_evidence_with_it():
    # The teacher moved from cooking to machining on 2024-03-01 (recorded later).
    history = (
        FactChange(date(2010, 9, 1), "major_category", COOKING),
        FactChange(date(2024, 3, 1), "major_category", MACHINING),
    )
    record = TeacherRecord(facts(), (BASIC, skill(MACHINING)), history=history)
    assert evaluate(record, date(2024, 2, 29)).level == "none"
    assert evaluate(record, date(2024, 3, 1)).level == "junior"
    assert evaluate(record, date(2024, 2, 29)).valid_until == date(2024, 3, 1)


# --------------------------------------------------------------------------- dated facts


def test_a_back_dated_title_change_is_judged_before_and_after_its_date():
    practice = PeriodFact("practice", date(2022, 1, 1), date(2022, 12, 31))
    enterprise = PeriodFact("employment", date(2000, 1, 1), date(2004, 12, 31))
    history = (
        FactChange(date(2010, 9, 1), "title", "junior"),
        FactChange(date(2024, 1, 1), "title", "intermediate"),
    )
    record = TeacherRecord(
        facts(title="intermediate"), (BASIC,), (practice, enterprise), history=history
    )
    before = evaluate(record, date(2023, 12, 31))
    after = evaluate(record, date(2024, 1, 1))
    assert before.level == "junior"
    assert before.reason("TITLE_INTERMEDIATE").value == "junior"  # type: ignore[union-attr]
    assert after.level == "intermediate"
    assert before.valid_until == date(2024, 1, 1)
    assert before.reason("TITLE_INTERMEDIATE").changes_on == date(2024, 1, 1)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("on", "in_scope"),
    [(date(2023, 12, 31), True), (date(2024, 1, 1), False), (date(2024, 9, 1), True)],
)
def test_scope_follows_the_dated_course_type(on, in_scope):
    history = (
        FactChange(date(2010, 9, 1), "course_type", "professional"),
        FactChange(date(2024, 1, 1), "course_type", "public"),
        FactChange(date(2024, 9, 1), "course_type", "practical"),
    )
    record = TeacherRecord(facts(course_type="practical"), (BASIC,), history=history)
    assert evaluate(record, on).in_scope is in_scope


def test_before_the_first_fact_its_first_value_holds():
    history = (FactChange(date(2020, 1, 1), "employment", "part_time"),)
    record = TeacherRecord(facts(employment="full_time"), (BASIC,), history=history)
    assert evaluate(record, date(2019, 1, 1)).in_scope is False
    assert evaluate(record, date(2021, 1, 1)).in_scope is False


# --------------------------------------------------------------------------- training bases


@pytest.mark.parametrize(
    ("base_active", "level"),
    [
        (True, "junior"),  # active on the completion date: a later suspension changes nothing
        (False, "none"),  # planned (or suspended, or voided) on that date: never counts
    ],
)
def test_training_counts_when_the_base_was_active_on_the_completion_date(base_active, level):
    done = CompletionFact(40, True, date(2023, 5, 1), base_active)
    assert evaluate(TeacherRecord(facts(), (BASIC,), completions=(done,)), D).level == level


# --------------------------------------------------------------------------- valid_until


def test_valid_until_stays_null_while_a_rule_flips_but_the_level_holds():
    # Two evidence items for a junior level: the skill certificate expires, training holds.
    expiring = skill(MACHINING, expires=D + 10 * DAY)
    training = CompletionFact(40, True, date(2024, 1, 1))
    record = TeacherRecord(facts(), (BASIC, expiring), completions=(training,))
    ev = evaluate(record, D)
    assert ev.level == "junior"
    assert ev.reason("E_SKILL").changes_on == D + 11 * DAY  # type: ignore[union-attr]
    assert ev.reason("E_TRAINING").changes_on == date(2029, 1, 2)  # type: ignore[union-attr]
    assert ev.next_change == D + 11 * DAY
    # The level only drops when the training leaves its five-year window as well.
    assert ev.valid_until == date(2029, 1, 2)
    assert evaluate(record, date(2029, 1, 1)).level == "junior"
    assert evaluate(record, date(2029, 1, 2)).level == "none"


def test_valid_until_is_null_when_the_level_never_changes():
    record = TeacherRecord(facts(), (BASIC, skill(MACHINING)))
    ev = evaluate(record, D)
    assert (ev.level, ev.valid_until) == ("junior", None)


# --------------------------------------------------------------------------- recruitment


HIRED = date(2024, 9, 1)


@pytest.mark.parametrize(
    ("certificate", "compliant"),
    [
        (skill(MACHINING, date(2024, 6, 1)), True),
        (skill(MACHINING, HIRED), True),  # issued on the hiring day: held that day
        (skill(MACHINING, HIRED + DAY), False),  # issued after hiring
        (skill(MACHINING, date(2020, 1, 1), expires=HIRED - DAY), False),  # lapsed before
        (skill(COOKING, date(2024, 6, 1)), False),  # not in the field
        (skill(None, date(2024, 6, 1)), False),  # field not stated
    ],
)
def test_recruitment_path_a_needs_a_certificate_held_on_hired_on_in_the_field(
    certificate, compliant
):
    f = facts(hired_on=HIRED, teaching_since=HIRED)
    record = TeacherRecord(f, (BASIC, certificate))
    assert evaluate(record, D.replace(year=2025)).recruitment_compliant is compliant
    assert recruitment_compliant(f, (certificate,), ()) is compliant


def test_recruitment_reads_the_field_the_teacher_had_on_hired_on():
    history = (
        FactChange(HIRED, "major_category", COOKING),
        FactChange(date(2025, 3, 1), "major_category", MACHINING),
    )
    f = facts(hired_on=HIRED, teaching_since=HIRED)
    record = TeacherRecord(f, (BASIC, skill(MACHINING, date(2024, 6, 1))), history=history)
    assert evaluate(record, D).recruitment_compliant is False


def test_a_transfer_is_not_a_new_hire():
    # Hired in 2015 at school 1, moved to school 2 in 2024: still judged on the 2015 hire,
    # before the recruitment rule, so the check does not apply.
    history = (
        FactChange(date(2015, 9, 1), "school", "1"),
        FactChange(date(2024, 9, 1), "school", "2"),
    )
    f = facts(hired_on=date(2015, 9, 1), school_id=2)
    record = TeacherRecord(f, (BASIC,), history=history)
    ev = evaluate(record, D)
    assert ev.recruitment_compliant is None
    assert ev.in_scope is True
