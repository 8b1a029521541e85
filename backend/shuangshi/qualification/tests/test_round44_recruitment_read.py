"""Round 44: a teacher's recruitment check (DESIGN §4) showed only as counts in the ratios
and the workbook; HR and the teacher could not see it on the teacher. A teacher read now
carries it: null where it does not apply, else whether it is met and the profile's terms."""

from datetime import date

import pytest

from shuangshi import testing
from shuangshi.qualification.models import TeacherQualification

pytestmark = pytest.mark.django_db


def read(client, teacher):
    response = client.get(f"/api/v1/teachers/{teacher.pk}/")
    assert response.status_code == 200
    return response.json()["qualification"]["recruitment"]


TERMS = {"since": "2023-08-01", "enterprise_days": 1095, "min_education": "higher_vocational"}


def test_a_teacher_hired_before_the_cut_off_is_not_checked(api, hr_a, school_a):
    teacher = testing.make_teacher(school_a, hired_on=date(2023, 7, 31))
    assert read(api(hr_a), teacher) is None


def test_a_new_hire_with_no_path_fails_it(api, hr_a, school_a):
    teacher = testing.make_teacher(
        school_a, hired_on=date(2024, 9, 1), teaching_since=date(2024, 9, 1)
    )
    assert read(api(hr_a), teacher) == {"compliant": False, **TERMS}


def test_a_normal_graduate_meets_it(api, hr_a, school_a):
    teacher = testing.make_teacher(
        school_a, hired_on=date(2024, 9, 1), teaching_since=date(2024, 9, 1), normal_graduate=True
    )
    assert read(api(hr_a), teacher) == {"compliant": True, **TERMS}


def test_a_skill_certificate_held_on_the_hiring_day_meets_it(api, hr_a, school_a):
    teacher = testing.make_teacher(
        school_a, hired_on=date(2024, 9, 1), teaching_since=date(2024, 9, 1)
    )
    testing.make_certificate(
        teacher, kind="skill_level", level="senior_worker", issued_on=date(2022, 6, 1)
    )
    assert read(api(hr_a), teacher)["compliant"] is True


def test_a_general_course_teacher_is_out_of_scope_and_not_checked(api, hr_a, school_a):
    teacher = testing.make_teacher(
        school_a, hired_on=date(2024, 9, 1), teaching_since=date(2024, 9, 1), course_type="general"
    )
    assert read(api(hr_a), teacher) is None


def test_the_teacher_sees_their_own_and_another_school_does_not(api, hr_b, school_a):
    teacher = testing.make_teacher(
        school_a, hired_on=date(2024, 9, 1), teaching_since=date(2024, 9, 1)
    )
    me = testing.make_user("t_r44", testing.Role.TEACHER, teacher=teacher)
    assert read(api(me), teacher) == {"compliant": False, **TERMS}
    assert api(hr_b).get(f"/api/v1/teachers/{teacher.pk}/").status_code == 404


# The list finds them: ?recruitment=not_met / met (new hires in scope only).
def test_the_list_filters_new_hires_by_the_recruitment_check(api, hr_a, school_a, school_b):
    new = {"hired_on": date(2024, 9, 1), "teaching_since": date(2024, 9, 1)}
    failing = testing.make_teacher(school_a, name="未达标", **new)
    meeting = testing.make_teacher(school_a, name="师范生", normal_graduate=True, **new)
    testing.make_teacher(school_a, name="老教师")  # hired 2010: not checked
    testing.make_teacher(school_a, name="公共课", course_type="general", **new)
    testing.make_teacher(school_b, name="别校", **new)  # another school: not hr_a's
    client = api(hr_a)

    def names(value):
        response = client.get("/api/v1/teachers/", {"recruitment": value})
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert names("not_met") == [failing.pk]
    assert names("met") == [meeting.pk]
    response = client.get("/api/v1/teachers/", {"recruitment": "maybe"})
    assert response.status_code == 400
    assert "recruitment" in response.json()


def test_the_filter_is_never_stale(api, hr_a, school_a):
    teacher = testing.make_teacher(
        school_a, hired_on=date(2024, 9, 1), teaching_since=date(2024, 9, 1)
    )
    # A stored result that no longer holds (another profile version) is evaluated afresh.
    TeacherQualification.objects.filter(teacher=teacher).update(
        profile_version=999, recruitment=None
    )
    response = api(hr_a).get("/api/v1/teachers/", {"recruitment": "not_met"})
    assert [row["id"] for row in response.json()["results"]] == [teacher.pk]
