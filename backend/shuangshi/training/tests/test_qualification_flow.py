"""A pass logged by a base moves the teacher and the school's ratio at once (DESIGN §4)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi import testing

from .conftest import make_program

pytestmark = pytest.mark.django_db


def _qualification(api, hr, teacher):
    response = api(hr).get(f"/api/v1/teachers/{teacher.pk}/")
    assert response.status_code == 200
    return response.data["qualification"]


def _school_row(api, hr, school):
    response = api(hr).get("/api/v1/ratios/schools/")
    assert response.status_code == 200
    return next(r for r in response.data["results"] if r["school"]["id"] == school.pk)


def _training_reason(qualification):
    return next(r for r in qualification["reasons"] if r["code"] == "E_TRAINING")


def test_a_passed_40_hour_completion_qualifies_the_teacher_and_moves_the_ratio(
    api, hr_a, base_staff, base_a, school_a
):
    today = timezone.localdate()
    # Two teachers in scope, each holding only a teacher qualification certificate.
    teacher = testing.make_teacher(school_a, name="赵敏")
    testing.make_certificate(teacher)
    other = testing.make_teacher(school_a)
    testing.make_certificate(other)
    program = make_program(base_a, hours=40, start_on=today - timedelta(days=20), end_on=today)
    assert _qualification(api, hr_a, teacher)["qualified"] is False
    before = _school_row(api, hr_a, school_a)
    assert (before["in_scope"], before["qualified"], before["ratio"]) == (2, 0, 0.0)

    # The base finds the teacher by ID number and logs a passed 40-hour completion.
    found = api(base_staff).post(
        "/api/v1/training-completions/lookup-teacher/",
        {"id_number": teacher.id_number},
        format="json",
    )
    assert found.data["name"] == "赵敏"
    logged = api(base_staff).post(
        "/api/v1/training-completions/",
        {
            "program": program.pk,
            "teacher_id_number": teacher.id_number,
            "completed_on": today.isoformat(),
            "hours": 40,
            "passed": True,
        },
        format="json",
    )
    assert logged.status_code == 201, logged.data

    qualification = _qualification(api, hr_a, teacher)
    assert qualification["qualified"] is True
    assert qualification["level"] == "junior"
    assert _training_reason(qualification)["met"] is True
    after = _school_row(api, hr_a, school_a)
    assert (after["in_scope"], after["qualified"], after["ratio"]) == (2, 1, 0.5)

    # Deleting the completion moves both back.
    deleted = api(base_staff).delete(f"/api/v1/training-completions/{logged.data['id']}/")
    assert deleted.status_code == 204
    assert _qualification(api, hr_a, teacher)["qualified"] is False
    back = _school_row(api, hr_a, school_a)
    assert (back["qualified"], back["ratio"]) == (0, 0.0)


def test_a_failed_or_short_completion_does_not_qualify(api, hr_a, base_staff, base_a, school_a):
    today = timezone.localdate()
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)
    program = make_program(base_a, hours=80, start_on=today - timedelta(days=5), end_on=today)
    url = "/api/v1/training-completions/"
    data = {
        "program": program.pk,
        "teacher_id_number": teacher.id_number,
        "completed_on": today.isoformat(),
        "hours": 39,
        "passed": True,
    }
    short = api(base_staff).post(url, data, format="json")
    assert short.status_code == 201
    assert _qualification(api, hr_a, teacher)["qualified"] is False
    # Correcting the hours to 40 but marking it failed: still not qualified.
    patch = {"hours": 40, "passed": False, "version": short.data["version"]}
    failed = api(base_staff).patch(f"{url}{short.data['id']}/", patch, format="json")
    assert failed.status_code == 200
    assert _qualification(api, hr_a, teacher)["qualified"] is False
    # And a pass qualifies.
    patch = {"passed": True, "version": failed.data["version"]}
    assert (
        api(base_staff).patch(f"{url}{short.data['id']}/", patch, format="json").status_code == 200
    )
    assert _qualification(api, hr_a, teacher)["qualified"] is True


def test_suspending_the_base_the_day_it_logged_a_completion_is_refused(
    api, province, hr_a, base_staff, base_a, school_a
):
    today = timezone.localdate()
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)
    program = make_program(base_a, hours=40, start_on=today - timedelta(days=5), end_on=today)
    api(base_staff).post(
        "/api/v1/training-completions/",
        {
            "program": program.pk,
            "teacher_id_number": teacher.id_number,
            "completed_on": today.isoformat(),
            "hours": 40,
            "passed": True,
        },
        format="json",
    )
    assert _qualification(api, hr_a, teacher)["qualified"] is True
    base_a.refresh_from_db()
    patch = {"status": "suspended", "version": base_a.version}
    response = api(province).patch(f"/api/v1/training-bases/{base_a.pk}/", patch, format="json")
    # Round 34: suspended from today, the base would not have been operating on the day of
    # the completion, which would stop counting without a word (void it with a reason).
    assert response.status_code == 400, response.data
    assert "status" in response.data
    assert _qualification(api, hr_a, teacher)["qualified"] is True
