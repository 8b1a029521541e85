"""Round 45: the checklist names a skill certificate held outside the teacher's field with
its kind, level and name (DESIGN §4 E_SKILL), not only the categories that differ. The
engine's note carries the categories; the teacher read adds the certificate."""

from datetime import date

import pytest

from shuangshi import testing
from shuangshi.accounts.models import Role

pytestmark = pytest.mark.django_db


def _skill(client, teacher) -> dict:
    body = client.get(f"/api/v1/teachers/{teacher.pk}/").json()
    return next(r for r in body["qualification"]["reasons"] if r["code"] == "E_SKILL")


def test_a_certificate_outside_the_field_is_named_with_its_level(api, hr_a, school_a):
    teacher = testing.make_teacher(school_a, major_category="51")
    testing.make_certificate(teacher)
    electrician = testing.make_certificate(
        teacher, kind="skill_level", level="grade3", name="电工", field_category="46"
    )
    # Below the profile's grade4, and expired: neither is the one the note is about.
    testing.make_certificate(
        teacher, kind="skill_level", level="grade5", name="钳工", field_category="46"
    )
    testing.make_certificate(
        teacher,
        kind="vocational_qualification",
        level="grade1",
        name="焊工",
        field_category="46",
        issued_on=date(2008, 1, 1),
        expires_on=date(2012, 1, 1),
    )
    skill = _skill(api(hr_a), teacher)
    assert (skill["met"], skill["note"]) == (False, "field_mismatch")
    assert skill["params"]["certificate_category"] == "46"
    assert skill["params"]["certificate_kind"] == "skill_level"
    assert skill["params"]["certificate_level"] == "grade3"
    assert skill["params"]["certificate_name"] == "电工"
    assert skill["params"]["certificate_id"] == electrician.pk

    # The teacher reads the same on 我的档案.
    account = testing.make_user("wangfang45", Role.TEACHER, teacher=teacher)
    own = _skill(api(account), teacher)
    assert own["params"]["certificate_level"] == "grade3"
    assert own["params"]["certificate_name"] == "电工"


def test_a_certificate_with_no_category_is_named_too(api, hr_a, school_a):
    teacher = testing.make_teacher(school_a, major_category="51")
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="one_plus_x", level="intermediate", name="Web前端开发", field_category=None
    )
    skill = _skill(api(hr_a), teacher)
    assert skill["note"] == "certificate_category_unstated"
    assert skill["params"]["certificate_kind"] == "one_plus_x"
    assert skill["params"]["certificate_level"] == "intermediate"
    assert skill["params"]["certificate_name"] == "Web前端开发"


def test_a_counted_certificate_is_not_named_as_outside_the_field(api, hr_a, school_a):
    teacher = testing.make_teacher(school_a, major_category="46")
    testing.make_certificate(teacher)
    testing.make_certificate(teacher, kind="skill_level", level="grade3", name="电工")
    skill = _skill(api(hr_a), teacher)
    assert skill["met"] is True
    assert "certificate_level" not in skill["params"]
