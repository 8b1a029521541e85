from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from shuangshi.qualification.models import RatioSnapshot, SchoolStats, TeacherQualification
from shuangshi.schools.models import School
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher

pytestmark = pytest.mark.django_db


def run(*args, **kwargs) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_generate_country_builds_and_evaluates_a_small_country():
    output = run("generate_country", schools=4, teachers=120)
    assert "evaluated 120 teachers" in output
    assert School.objects.count() == 4
    assert Teacher.objects.count() == 120
    assert Certificate.objects.exists() and EnterprisePeriod.objects.exists()
    assert TeacherQualification.objects.count() == 120
    in_scope = sum(SchoolStats.objects.values_list("in_scope", flat=True))
    assert in_scope == TeacherQualification.objects.filter(in_scope=True).count()
    # A second run appends without colliding on ID numbers.
    run("generate_country", schools=0, teachers=30)
    assert Teacher.objects.count() == 150


def test_reevaluate_and_snapshots():
    run("generate_country", schools=2, teachers=40, no_evaluate=True)
    assert "re-evaluated 40 teachers" in run("reevaluate", batch_size=7)
    assert "re-evaluated 0 teachers" in run("reevaluate", due=True)
    due_later = TeacherQualification.objects.filter(changes_on__lte="2099-01-01").count()
    assert due_later > 0
    output = run("reevaluate", "--due", "--on", "2099-01-01")
    assert f"re-evaluated {due_later} teachers" in output
    run("snapshot_ratios")
    run("snapshot_ratios", "--month", "2024-01")
    assert RatioSnapshot.objects.filter(scope="province").count() == 2
    with pytest.raises(CommandError):
        call_command("snapshot_ratios", "--month", "2024-13")
