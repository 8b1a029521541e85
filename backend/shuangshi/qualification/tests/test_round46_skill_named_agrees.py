"""Round 46: the certificate the checklist names for E_SKILL's "held outside the field"
note (qualification.api._reasons_payload) is one the engine's note could have come from.

The engine keeps the note of the last held skill certificate outside the field it meets
(engine._evaluate_once: ``skill_note = r``, in the order the records load, which is not
stated within a teacher). The note carries only why and the two categories, so the
certificates that give one note are exactly those of its certificate category: the API
names one of them (the highest level), never one of another category, even a higher one.
Each gives the engine the very same note, so naming the highest does not disagree with
the engine: shown here by evaluating each named certificate alone."""

from datetime import date

import pytest

from shuangshi import testing

pytestmark = pytest.mark.django_db

BASIC_AND_SKILLS = [
    ("skill_level", "grade1", "电工", "46"),  # the highest level held, in category 46
    ("skill_level", "grade4", "钳工", "46"),
    ("one_plus_x", "intermediate", "Web前端开发", "53"),
    ("vocational_qualification", "grade2", "会计", None),
]


def _skill(client, teacher) -> dict:
    body = client.get(f"/api/v1/teachers/{teacher.pk}/").json()
    return next(r for r in body["qualification"]["reasons"] if r["code"] == "E_SKILL")


def _teacher_with(school, certificates) -> object:
    teacher = testing.make_teacher(school, major_category="51")
    testing.make_certificate(teacher)
    made = {}
    for kind, level, name, category in certificates:
        made[name] = testing.make_certificate(
            teacher,
            kind=kind,
            level=level,
            name=name,
            field_category=category,
            issued_on=date(2015, 1, 1),
        )
    return teacher, made


NOTE_KEYS = ("teacher_category", "certificate_category")


@pytest.mark.parametrize("order", [1, -1], ids=["as-listed", "reversed"])
def test_the_named_certificate_alone_gives_the_engines_very_note(api, hr_a, hr_b, school_a, order):
    teacher, made = _teacher_with(school_a, BASIC_AND_SKILLS[::order])
    skill = _skill(api(hr_a), teacher)
    assert skill["met"] is False and skill["note"]
    named = next(c for c in made.values() if c.pk == skill["params"]["certificate_id"])
    # Of the note's category (whichever certificate the engine met last) ...
    assert (named.field_category or None) == skill["params"]["certificate_category"]
    same_category = [c for c in made.values() if c.field_category == named.field_category]
    # ... the highest level of that category (电工 of the two in category 46) ...
    if named.field_category == "46":
        assert named.name == "电工"
    else:
        assert same_category == [named]
    # ... and alone, it gives the engine the same note (and so would any other of them).
    for other in same_category:
        alone, _made = _teacher_with(
            school_a, [(other.kind, other.level, other.name, other.field_category)]
        )
        on_its_own = _skill(api(hr_a), alone)
        assert on_its_own["note"] == skill["note"]
        assert {k: on_its_own["params"].get(k) for k in NOTE_KEYS} == {
            k: skill["params"].get(k) for k in NOTE_KEYS
        }
    # Another school's HR reads none of it.
    assert api(hr_b).get(f"/api/v1/teachers/{teacher.pk}/").status_code == 404
