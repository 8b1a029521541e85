"""A teacher who already applied in a round gets no new draft there: the refusal comes at
once, not after a draft that can never be submitted is left behind (round 32)."""

import pytest

from shuangshi.recognition.models import Application

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"


def _create(api, user, round):
    return api(user).post(APPS, {"round": round.pk, "level": "junior", "statement": "s"})


def test_no_new_draft_beside_a_submitted_application(api, teacher_user, round_open):
    first = _create(api, teacher_user, round_open)
    assert first.status_code == 201, first.json()
    assert api(teacher_user).post(f"{APPS}{first.json()['id']}/submit/", {}).status_code == 200
    before = Application.objects.count()
    again = _create(api, teacher_user, round_open)
    assert again.status_code == 400
    assert again.json()["round"] == ["本批次已有该教师的申请，每位教师每批次只能申请一次。"]
    assert Application.objects.count() == before


def test_two_drafts_before_any_submission_still_meet_the_submit_check(
    api, teacher_user, round_open
):
    first = _create(api, teacher_user, round_open).json()["id"]
    second = _create(api, teacher_user, round_open).json()["id"]
    assert api(teacher_user).post(f"{APPS}{first}/submit/", {}).status_code == 200
    refused = api(teacher_user).post(f"{APPS}{second}/submit/", {})
    assert refused.status_code == 400 and "round" in refused.json()


def test_a_withdrawn_application_leaves_room_for_a_new_draft(api, teacher_user, round_open):
    first = _create(api, teacher_user, round_open).json()["id"]
    assert api(teacher_user).post(f"{APPS}{first}/submit/", {}).status_code == 200
    withdrawn = api(teacher_user).post(f"{APPS}{first}/withdraw/", {})
    assert withdrawn.status_code == 200, withdrawn.json()
    assert _create(api, teacher_user, round_open).status_code == 201
