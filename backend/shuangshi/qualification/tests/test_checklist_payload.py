"""A teacher read carries what the 初级/中级/高级 checklist needs (issue 14, item 2)."""

import pytest

from shuangshi import testing

pytestmark = pytest.mark.django_db


def test_a_teacher_read_says_how_many_evidence_items_each_level_asks_for(api, hr_a, school_a):
    teacher = testing.make_teacher(school_a)
    body = api(hr_a).get(f"/api/v1/teachers/{teacher.pk}/").json()
    assert body["qualification"]["evidence_needed"] == [1, 1, 2]
    assert body["qualification"]["practice_window_years"] == 5


def test_another_schools_hr_is_refused_the_teacher(api, hr_b, school_a):
    teacher = testing.make_teacher(school_a)
    assert api(hr_b).get(f"/api/v1/teachers/{teacher.pk}/").status_code == 404
