"""Round 35: an application says that its teacher has left (``teacher_has_left``: a leaving
date today or before, teachers.models.has_left) before anyone tries to move it on, to the
school that reviews it and to the province; a leaving date still ahead is not "left"."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from shuangshi.accounts.models import User
from shuangshi.recognition.models import Round
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"


def _application(api: Any, hr: User, round: Round, teacher: Teacher) -> int:
    body = {"round": round.pk, "teacher": teacher.pk, "level": "junior"}
    response = api(hr).post(APPS, body, format="json")
    assert response.status_code == 201, response.json()
    app_id = int(response.json()["id"])
    assert api(hr).post(f"{APPS}{app_id}/submit/", {}, format="json").status_code == 200
    return app_id


def _leave(teacher: Teacher, days_from_today: int) -> None:
    teacher.refresh_from_db()
    left_on = timezone.localdate() + timedelta(days=days_from_today)
    teacher_services.teacher_update(teacher=teacher, data={"left_on": left_on})


@pytest.mark.parametrize(("days_from_today", "left"), [(-3, True), (0, True), (1, False)])
def test_an_application_says_whether_its_teacher_has_left(
    api: Any,
    hr_a: User,
    province: User,
    round_open: Round,
    qualified_teacher: Teacher,
    days_from_today: int,
    left: bool,
) -> None:
    app_id = _application(api, hr_a, round_open, qualified_teacher)
    assert api(hr_a).get(f"{APPS}{app_id}/").json()["teacher_has_left"] is False
    _leave(qualified_teacher, days_from_today)
    for reader in (hr_a, province):
        detail = api(reader).get(f"{APPS}{app_id}/")
        assert detail.status_code == 200
        assert detail.json()["teacher_has_left"] is left
        listed = api(reader).get(APPS).json()["results"]
        assert [row["teacher_has_left"] for row in listed if row["id"] == app_id] == [left]


def test_another_schools_hr_still_does_not_see_the_application(
    api: Any, hr_a: User, hr_b: User, round_open: Round, qualified_teacher: Teacher
) -> None:
    app_id = _application(api, hr_a, round_open, qualified_teacher)
    _leave(qualified_teacher, -1)
    assert api(hr_b).get(f"{APPS}{app_id}/").status_code == 404
