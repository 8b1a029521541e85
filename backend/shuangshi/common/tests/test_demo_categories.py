"""The demo data under the time-true rules (issue 10): categories everywhere, dated facts,
and a province where some schools meet the target and some do not."""

import pytest
from django.core.management import call_command

from shuangshi.qualification import engine, selectors
from shuangshi.qualification.models import SchoolStats
from shuangshi.teachers.models import FACT_ATTRS, Certificate, Teacher, TeacherFact
from shuangshi.teachers.selectors import teacher_facts
from shuangshi.training.models import BaseStatusChange


@pytest.mark.django_db
def test_the_demo_carries_categories_and_keeps_schools_on_both_sides_of_the_target():
    call_command("seed_demo")
    teachers = Teacher.objects.count()
    assert Teacher.objects.filter(major_category__isnull=False).count() > 0.9 * teachers
    skill = Certificate.objects.filter(kind__in=["skill_level", "vocational_qualification"])
    assert skill.exclude(field_category__isnull=True).count() == skill.count()
    # Dated facts: the demo changes none, so none is stored, and each teacher's history
    # shows every field's value from hired_on.
    assert not TeacherFact.objects.exists()
    teacher = Teacher.objects.order_by("id").first()
    history = teacher_facts(teacher=teacher)
    assert {f.field for f in history} == set(FACT_ATTRS)
    assert {f.effective_on for f in history} == {teacher.hired_on}
    assert BaseStatusChange.objects.filter(status="active").exists()
    target = selectors.ratio_target()
    meets = [
        engine.meets_target(s.qualified, s.in_scope, target) for s in SchoolStats.objects.all()
    ]
    assert any(meets) and not all(meets)
