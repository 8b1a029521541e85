"""Round 34 (b): a teacher who has left (a leaving date today or before, as their account
has: teachers.models.has_left) is no longer the school's teacher (DESIGN §8). No new
application is made or submitted for them, and an open one does not go forward: approving
it at either review and finalizing it are refused, naming the leaving date; returning or
rejecting it (with the opinion on record) and an upheld objection close it. The nightly
finalizing leaves it alone. A leaving date still ahead changes nothing yet."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from shuangshi.accounts.models import User
from shuangshi.recognition import services
from shuangshi.recognition.models import Application, Recognition, Round
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"


def _post(api: Any, user: User, app_id: int, action: str, body: Any = None) -> Any:
    return api(user).post(f"{APPS}{app_id}/{action}/", body or {}, format="json")


def _leave(teacher: Teacher, on: date) -> None:
    teacher.refresh_from_db()
    teacher_services.teacher_update(teacher=teacher, data={"left_on": on})


def _draft(api: Any, hr: User, round: Round, teacher: Teacher) -> Any:
    body = {"round": round.pk, "teacher": teacher.pk, "level": "junior"}
    return api(hr).post(APPS, body, format="json")


def _submitted(api: Any, hr: User, round: Round, teacher: Teacher) -> int:
    response = _draft(api, hr, round, teacher)
    assert response.status_code == 201, response.json()
    app_id = response.json()["id"]
    assert _post(api, hr, app_id, "submit").status_code == 200
    return int(app_id)


@pytest.mark.parametrize("days_ago", [0, 30])
def test_no_new_application_for_a_teacher_who_has_left(
    api: Any, hr_a: User, round_open: Round, qualified_teacher: Teacher, days_ago: int
) -> None:
    left_on = timezone.localdate() - timedelta(days=days_ago)
    _leave(qualified_teacher, left_on)
    response = _draft(api, hr_a, round_open, qualified_teacher)
    assert response.status_code == 400, response.json()
    assert str(left_on) in response.json()["teacher"][0]
    assert not Application.objects.exists()


def test_a_draft_is_not_submitted_on_the_leaving_day(
    api: Any, hr_a: User, round_open: Round, qualified_teacher: Teacher
) -> None:
    response = _draft(api, hr_a, round_open, qualified_teacher)
    app_id = response.json()["id"]
    _leave(qualified_teacher, timezone.localdate())
    response = _post(api, hr_a, app_id, "submit")
    assert response.status_code == 400, response.json()
    assert "teacher" in response.json()
    assert Application.objects.get(pk=app_id).status == "draft"


def test_the_school_does_not_approve_a_leaver_but_may_return_it(
    api: Any, hr_a: User, round_open: Round, qualified_teacher: Teacher
) -> None:
    app_id = _submitted(api, hr_a, round_open, qualified_teacher)
    left_on = timezone.localdate() - timedelta(days=1)
    _leave(qualified_teacher, left_on)
    response = _post(api, hr_a, app_id, "school-review", {"decision": "approve"})
    assert response.status_code == 400, response.json()
    assert str(left_on) in response.json()["teacher"][0]
    assert Application.objects.get(pk=app_id).status == "submitted"
    response = _post(
        api, hr_a, app_id, "school-review", {"decision": "return", "opinion": "已离职"}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "draft"
    assert response.json()["history"][-1]["opinion"] == "已离职"


def test_the_province_does_not_approve_a_leaver_but_may_reject_it(
    api: Any, hr_a: User, province: User, round_open: Round, qualified_teacher: Teacher
) -> None:
    app_id = _submitted(api, hr_a, round_open, qualified_teacher)
    assert _post(api, hr_a, app_id, "school-review", {"decision": "approve"}).status_code == 200
    _leave(qualified_teacher, timezone.localdate())
    response = _post(api, province, app_id, "province-review", {"decision": "approve"})
    assert response.status_code == 400, response.json()
    assert "teacher" in response.json()
    body = {"decision": "reject", "opinion": "该教师已离职"}
    response = _post(api, province, app_id, "province-review", body)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "rejected"


def test_a_leaver_in_publicity_is_not_recognized_and_an_upheld_objection_closes_it(
    api: Any, hr_a: User, province: User, round_open: Round, qualified_teacher: Teacher
) -> None:
    app_id = _submitted(api, hr_a, round_open, qualified_teacher)
    assert _post(api, hr_a, app_id, "school-review", {"decision": "approve"}).status_code == 200
    response = _post(api, province, app_id, "province-review", {"decision": "approve"})
    assert response.json()["status"] == "publicized"
    _leave(qualified_teacher, timezone.localdate())
    tomorrow = timezone.localdate() + timedelta(days=1)
    # Neither the province nor the nightly run recognizes them.
    response = _post(api, province, app_id, "finalize")
    assert response.status_code == 400, response.json()
    assert "teacher" in response.json()
    assert services.applications_finalize_due(today=tomorrow) == 0
    assert not Recognition.objects.exists()
    assert _post(api, hr_a, app_id, "objections", {"reason": "该教师已离职"}).status_code == 201
    body = {"upheld": True, "opinion": "教师已离职，不予认定"}
    response = _post(api, province, app_id, "resolve-objection", body)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "rejected"


def test_a_leaving_date_still_ahead_lets_the_application_go_forward(
    api: Any, hr_a: User, province: User, round_open: Round, qualified_teacher: Teacher
) -> None:
    _leave(qualified_teacher, timezone.localdate() + timedelta(days=30))
    app_id = _submitted(api, hr_a, round_open, qualified_teacher)
    assert _post(api, hr_a, app_id, "school-review", {"decision": "approve"}).status_code == 200
    response = _post(api, province, app_id, "province-review", {"decision": "approve"})
    assert response.status_code == 200, response.json()
    assert _post(api, province, app_id, "finalize").status_code == 200
    assert Recognition.objects.filter(teacher=qualified_teacher).exists()


def test_the_refusal_reads_in_english(
    api: Any, hr_a: User, round_open: Round, qualified_teacher: Teacher
) -> None:
    app_id = _submitted(api, hr_a, round_open, qualified_teacher)
    _leave(qualified_teacher, date(2026, 1, 5))
    response = api(hr_a).post(
        f"{APPS}{app_id}/school-review/",
        {"decision": "approve"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.json()["teacher"] == [
        "The teacher left the school on 2026-01-05; the application of a teacher who has "
        "left cannot be approved. Return or reject it with an opinion."
    ]
