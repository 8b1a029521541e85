"""Round 41 (exploratory QA): the school workbook's 结果有效至 printed `valid_until`, the first
day the level no longer holds, as if it were the last day it held, and filled it for 未认定
teachers too (the day they would qualify). The column is now 等级保持至: the last day the
level holds, for a level held only, as the web app's qualification card says it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification.models import TeacherQualification

from .test_stale_workbooks_round27 import download, table

pytestmark = pytest.mark.django_db


def test_the_workbook_says_the_last_day_a_level_holds(api, hr_a, school_a):
    today = timezone.localdate()
    expires = today + timedelta(days=30)
    held = testing.make_teacher_whose_certificate_expires(school_a, expires_on=expires, name="甲")
    result = TeacherQualification.objects.get(teacher=held)
    assert result.level != "none" and result.valid_until == expires + timedelta(days=1)
    later = testing.make_teacher(school_a, name="乙")  # qualifies in ten days
    testing.make_certificate(later, issued_on=today + timedelta(days=10))
    testing.make_certificate(
        later, kind="skill_level", level="grade3", name="电工", issued_on=today + timedelta(days=10)
    )
    pending = TeacherQualification.objects.get(teacher=later)
    assert pending.level == "none" and pending.valid_until == today + timedelta(days=10)
    rows = table(download(api(hr_a), "/api/v1/exports/school/")["教师"], key=1)
    assert "结果有效至" not in rows["甲"]
    assert rows["甲"]["等级保持至"].date() == expires
    assert rows["乙"]["等级保持至"] is None


def test_another_schools_hr_gets_no_workbook_of_this_school(api, hr_b, school_a):
    response = api(hr_b).get("/api/v1/exports/school/", {"school": school_a.pk})
    assert response.status_code in (403, 404)
