import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from shuangshi.schools.models import School


@pytest.mark.django_db
def test_demo_schools_have_believable_student_teacher_ratios():
    # Issue 14: the demo showed 222.69:1; real schools sit around the 18–20:1 norms.
    call_command("seed_demo")
    schools = School.objects.annotate(
        full_time=Count("teachers", filter=Q(teachers__employment="full_time"))
    )
    for school in schools:
        ratio = school.student_count / school.full_time
        assert 10 <= ratio <= 30, (school.code, round(ratio, 2))
