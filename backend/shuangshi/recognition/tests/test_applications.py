"""The §8 state machine through the API: every transition with the role that performs it,
and every refusal (wrong stage, wrong role, wrong school, missing opinion, level above
eligibility, second application, closed round, finalize too early or with an objection)."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.recognition import services
from shuangshi.recognition.models import Application, Recognition

APPS = "/api/v1/recognition-applications/"


def _draft(api, user, round, teacher=None, level="junior"):
    body = {"round": round.pk, "level": level, "statement": "十年教学，三年企业实践"}
    if teacher is not None:
        body["teacher"] = teacher.pk
    response = api(user).post(APPS, body)
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def _post(api, user, app_id, action, body=None):
    return api(user).post(f"{APPS}{app_id}/{action}/", body or {})


def _to_publicity(api, teacher_user, hr_a, province, round_open):
    app_id = _draft(api, teacher_user, round_open)
    assert _post(api, teacher_user, app_id, "submit").status_code == 200
    assert _post(api, hr_a, app_id, "school-review", {"decision": "approve"}).status_code == 200
    response = _post(api, province, app_id, "province-review", {"decision": "approve"})
    assert response.status_code == 200, response.json()
    return app_id


def test_the_whole_chain_ends_in_a_numbered_recognition(
    api, teacher_user, hr_a, province, expert, round_open, qualified_teacher
):
    app_id = _draft(api, teacher_user, round_open)
    submitted = _post(api, teacher_user, app_id, "submit").json()
    assert submitted["status"] == "submitted"
    assert submitted["eligibility"]["level"] in ("junior", "intermediate", "senior")
    assert submitted["eligibility"]["rule_version"] == round_open.rule_version
    approved = _post(api, hr_a, app_id, "school-review", {"decision": "approve", "opinion": "同意"})
    assert approved.json()["status"] == "school_approved"
    vote = _post(api, expert, app_id, "votes", {"decision": "approve", "opinion": "材料齐全"})
    assert vote.status_code == 200, vote.json()
    assert vote.json()["votes"][0]["expert"] == "expert_b"
    publicized = _post(api, province, app_id, "province-review", {"decision": "approve"}).json()
    assert publicized["status"] == "publicized"
    assert publicized["publicity_until"] == str(_today() - timedelta(days=1))
    final = _post(api, province, app_id, "finalize")
    assert final.status_code == 200, final.json()
    body = final.json()
    assert body["status"] == "recognized"
    assert body["recognition"]["certificate_no"] == "JX2026A-00001"
    stages = [(h["stage"], h["actor"]) for h in body["history"]]
    assert stages == [
        ("draft", "t_wang"),
        ("submit", "t_wang"),
        ("school_review", "hr_a"),
        ("vote", "expert_b"),
        ("province_review", "province"),
        ("finalize", "province"),
    ]
    recognition = Recognition.objects.get()
    assert recognition.valid_until.year == recognition.recognized_on.year + 5
    # django-auditlog has every status change with its actor too.
    entries = LogEntry.objects.get_for_object(Application.objects.get(pk=app_id))
    assert entries.filter(actor__username="province").exists()


def _today():
    from django.utils import timezone

    return timezone.localdate()


def test_hr_drafts_and_submits_on_a_teachers_behalf(api, hr_a, round_open, qualified_teacher):
    app_id = _draft(api, hr_a, round_open, teacher=qualified_teacher)
    assert _post(api, hr_a, app_id, "submit").json()["status"] == "submitted"


def test_hr_cannot_apply_for_another_schools_teacher(api, hr_a, round_open, teacher_b):
    response = api(hr_a).post(
        APPS, {"round": round_open.pk, "level": "junior", "teacher": teacher_b.pk}
    )
    assert response.status_code == 400
    assert "teacher" in response.json()


@pytest.mark.parametrize("role", ["province", "city_nc", "base_staff", "expert"])
def test_only_the_teacher_or_their_hr_applies(api, request, role, round_open, qualified_teacher):
    user = request.getfixturevalue(role)
    response = api(user).post(
        APPS, {"round": round_open.pk, "level": "junior", "teacher": qualified_teacher.pk}
    )
    assert response.status_code in (400, 403)
    assert not Application.objects.exists()


def test_a_level_above_eligibility_is_refused_naming_what_is_missing(api, teacher_user, round_open):
    app_id = _draft(api, teacher_user, round_open, level="senior")
    response = _post(api, teacher_user, app_id, "submit")
    assert response.status_code == 400
    assert "level" in response.json()
    assert response.json()["missing"]
    # In the reader's language, the level by its name and each missing item in words (the
    # API's plain English `text` read "needs 180 more days …" in a Chinese refusal).
    assert response.json() == {
        "level": ["按认定规则只能认定为 初级，低于申报等级。升至中级还需：再完成 180 天企业实践"],
        "missing": ["再完成 180 天企业实践"],
    }
    en = api(teacher_user).post(f"{APPS}{app_id}/submit/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert en.json()["missing"] == ["180 more days of enterprise practice"]
    assert en.json()["level"] == [
        "The rules give Junior, below the level asked for. "
        "To reach Intermediate: 180 more days of enterprise practice"
    ]


def test_a_second_application_in_the_round_is_refused(api, teacher_user, round_open):
    first = _draft(api, teacher_user, round_open)
    second = _draft(api, teacher_user, round_open)  # both drafts before either is submitted
    _post(api, teacher_user, first, "submit")
    response = _post(api, teacher_user, second, "submit")
    assert response.status_code == 400
    assert "round" in response.json()


def test_a_closed_round_refuses_submission(api, teacher_user, round_open, today):
    app_id = _draft(api, teacher_user, round_open)
    services.round_update(
        round=round_open,
        data={"opens_on": today - timedelta(days=30), "closes_on": today - timedelta(days=1)},
    )
    response = _post(api, teacher_user, app_id, "submit")
    assert response.status_code == 400
    assert "round" in response.json()


def test_a_public_course_teacher_cannot_apply(api, hr_a, school_a, round_open):
    teacher = testing.make_teacher(school_a, course_type="public")
    app_id = _draft(api, hr_a, round_open, teacher=teacher)
    response = _post(api, hr_a, app_id, "submit")
    assert response.status_code == 400
    assert "teacher" in response.json()


def test_a_new_part_time_teacher_cannot_apply(api, hr_a, school_a, round_open, today):
    teacher = testing.make_teacher(
        school_a, employment="part_time", hired_on=today - timedelta(days=100)
    )
    app_id = _draft(api, hr_a, round_open, teacher=teacher)
    response = _post(api, hr_a, app_id, "submit")
    assert response.status_code == 400
    assert "teacher" in response.json()


def test_another_teacher_cannot_see_or_act_on_the_application(
    api, teacher_user, round_open, school_a
):
    other = testing.make_user(
        "t_other", Role.TEACHER, teacher=testing.make_teacher(school_a, name="李四")
    )
    app_id = _draft(api, teacher_user, round_open)
    assert api(other).get(f"{APPS}{app_id}/").status_code == 404
    assert _post(api, other, app_id, "submit").status_code == 404


def test_another_schools_hr_cannot_review(api, teacher_user, hr_b, round_open):
    app_id = _draft(api, teacher_user, round_open)
    _post(api, teacher_user, app_id, "submit")
    assert _post(api, hr_b, app_id, "school-review", {"decision": "approve"}).status_code == 404


def test_the_teacher_cannot_review_their_own_application(api, teacher_user, round_open):
    app_id = _draft(api, teacher_user, round_open)
    _post(api, teacher_user, app_id, "submit")
    response = _post(api, teacher_user, app_id, "school-review", {"decision": "approve"})
    assert response.status_code == 403


def test_province_review_before_the_school_review_is_the_wrong_stage(
    api, teacher_user, province, round_open
):
    app_id = _draft(api, teacher_user, round_open)
    _post(api, teacher_user, app_id, "submit")
    response = _post(api, province, app_id, "province-review", {"decision": "approve"})
    assert response.status_code == 400
    assert "status" in response.json()


@pytest.mark.parametrize("decision", ["return", "reject"])
def test_returning_or_rejecting_needs_an_opinion(api, teacher_user, hr_a, round_open, decision):
    app_id = _draft(api, teacher_user, round_open)
    _post(api, teacher_user, app_id, "submit")
    response = _post(api, hr_a, app_id, "school-review", {"decision": decision})
    assert response.status_code == 400
    assert "opinion" in response.json()


def test_a_returned_application_is_edited_and_submitted_again(api, teacher_user, hr_a, round_open):
    app_id = _draft(api, teacher_user, round_open)
    _post(api, teacher_user, app_id, "submit")
    returned = _post(
        api, hr_a, app_id, "school-review", {"decision": "return", "opinion": "补材料"}
    )
    assert returned.json()["status"] == "draft"
    edited = api(teacher_user).patch(f"{APPS}{app_id}/", {"statement": "已补充", "version": 3})
    assert edited.status_code == 200, edited.json()
    assert _post(api, teacher_user, app_id, "submit").json()["status"] == "submitted"
    assert returned.json()["history"][-1]["opinion"] == "补材料"


def test_a_submitted_application_cannot_be_edited(api, teacher_user, round_open):
    app_id = _draft(api, teacher_user, round_open)
    version = _post(api, teacher_user, app_id, "submit").json()["version"]
    response = api(teacher_user).patch(f"{APPS}{app_id}/", {"statement": "x", "version": version})
    assert response.status_code == 400


def test_province_rejects_with_an_opinion(api, teacher_user, hr_a, province, round_open):
    app_id = _draft(api, teacher_user, round_open)
    _post(api, teacher_user, app_id, "submit")
    _post(api, hr_a, app_id, "school-review", {"decision": "approve"})
    response = _post(
        api, province, app_id, "province-review", {"decision": "reject", "opinion": "不符合"}
    )
    assert response.json()["status"] == "rejected"
    assert _post(api, province, app_id, "finalize").status_code == 400


def test_withdraw_before_the_school_review_only(api, teacher_user, hr_a, round_open):
    app_id = _draft(api, teacher_user, round_open)
    _post(api, teacher_user, app_id, "submit")
    assert _post(api, teacher_user, app_id, "withdraw").json()["status"] == "withdrawn"
    again = _draft(api, teacher_user, round_open)
    _post(api, teacher_user, again, "submit")
    _post(api, hr_a, again, "school-review", {"decision": "approve"})
    assert _post(api, teacher_user, again, "withdraw").status_code == 400


def test_experts_vote_only_on_assigned_rounds_and_never_their_own_school(
    api, teacher_user, hr_a, round_open, school_a, hr_b
):
    app_id = _draft(api, teacher_user, round_open)
    _post(api, teacher_user, app_id, "submit")
    _post(api, hr_a, app_id, "school-review", {"decision": "approve"})
    unassigned = testing.make_user("ex2", Role.EXPERT)
    own_school = testing.make_user("ex3", Role.EXPERT, school=school_a)
    round_open.experts.add(own_school)
    for user in (unassigned, own_school):
        assert api(user).get(f"{APPS}{app_id}/").status_code == 404
        response = _post(api, user, app_id, "votes", {"decision": "approve"})
        assert response.status_code == 404
    assert _post(api, hr_b, app_id, "votes", {"decision": "approve"}).status_code == 403


def test_an_expert_rejecting_must_say_why(api, teacher_user, hr_a, expert, round_open):
    app_id = _draft(api, teacher_user, round_open)
    _post(api, teacher_user, app_id, "submit")
    _post(api, hr_a, app_id, "school-review", {"decision": "approve"})
    response = _post(api, expert, app_id, "votes", {"decision": "reject"})
    assert response.status_code == 400
    assert "opinion" in response.json()


def test_an_objection_blocks_finalize_until_dismissed(
    api, teacher_user, hr_a, hr_b, province, round_open
):
    app_id = _to_publicity(api, teacher_user, hr_a, province, round_open)
    public = api(hr_b).get(f"{APPS}publicity/").json()["results"]
    assert [(r["id"], r["teacher_name"]) for r in public] == [(app_id, "王小明")]
    assert set(public[0]) == {
        "id",
        "round",
        "round_code",
        "teacher_name",
        "school_name",
        "level",
        "publicity_until",
        "status",
    }
    filed = _post(api, hr_b, app_id, "objections", {"reason": "企业实践时间存疑"})
    assert filed.status_code == 201, filed.json()
    assert api(hr_b).get(f"{APPS}{app_id}/objections/").status_code in (403, 404)
    assert (
        api(province).get(f"{APPS}{app_id}/objections/").json()[0]["reason"] == "企业实践时间存疑"
    )
    blocked = _post(api, province, app_id, "finalize")
    assert blocked.status_code == 400
    no_opinion = _post(api, province, app_id, "resolve-objection", {"upheld": False})
    assert no_opinion.status_code == 400
    dismissed = _post(
        api, province, app_id, "resolve-objection", {"upheld": False, "opinion": "核实无误"}
    )
    assert dismissed.json()["status"] == "publicized"
    assert _post(api, province, app_id, "finalize").json()["status"] == "recognized"


def test_an_upheld_objection_rejects(api, teacher_user, hr_a, province, round_open):
    app_id = _to_publicity(api, teacher_user, hr_a, province, round_open)
    _post(api, teacher_user, app_id, "objections", {"reason": "x"})
    upheld = _post(api, province, app_id, "resolve-objection", {"upheld": True, "opinion": "属实"})
    assert upheld.json()["status"] == "rejected"


def test_only_the_province_resolves_and_finalizes(api, teacher_user, hr_a, province, round_open):
    app_id = _to_publicity(api, teacher_user, hr_a, province, round_open)
    assert _post(api, hr_a, app_id, "finalize").status_code == 403
    _post(api, hr_a, app_id, "objections", {"reason": "x"})
    body = {"upheld": False, "opinion": "y"}
    assert _post(api, hr_a, app_id, "resolve-objection", body).status_code == 403


def test_finalize_waits_for_the_end_of_publicity(
    api, teacher_user, hr_a, province, round_open, today
):
    services.round_update(round=round_open, data={"publicity_days": 7})
    app_id = _to_publicity(api, teacher_user, hr_a, province, round_open)
    response = _post(api, province, app_id, "finalize")
    assert response.status_code == 400
    assert "publicity_until" in response.json()
    # The nightly run finalizes it once publicity is over.
    assert services.applications_finalize_due(today=today + timedelta(days=6)) == 0
    assert services.applications_finalize_due(today=today + timedelta(days=7)) == 1
    assert Application.objects.get(pk=app_id).status == "recognized"


def test_the_management_command_finalizes_due_applications(
    api, teacher_user, hr_a, province, round_open
):
    from django.core.management import call_command

    app_id = _to_publicity(api, teacher_user, hr_a, province, round_open)
    Application.objects.filter(pk=app_id).update(publicity_until=_today() - timedelta(1))
    call_command("finalize_publicity")
    assert Application.objects.get(pk=app_id).status == "recognized"


def test_list_is_scoped_and_lean(
    api, teacher_user, hr_a, hr_b, round_open, django_assert_max_num_queries
):
    for _ in range(3):
        teacher = testing.make_teacher(hr_a.school)
        _draft(api, hr_a, round_open, teacher=teacher)
    _draft(api, teacher_user, round_open)
    with django_assert_max_num_queries(12):
        rows = api(hr_a).get(APPS).json()["results"]
    assert len(rows) == 4
    assert api(hr_b).get(APPS).json()["results"] == []
    assert len(api(teacher_user).get(APPS).json()["results"]) == 1


def test_the_nightly_schedule_finalizes_publicity(api, teacher_user, hr_a, province, round_open):
    from shuangshi.jobs.registry import JOBS
    from shuangshi.jobs.schedule import SCHEDULE

    entry = next(e for e in SCHEDULE if e.name == "publicity-finalize")
    app_id = _to_publicity(api, teacher_user, hr_a, province, round_open)
    Application.objects.filter(pk=app_id).update(publicity_until=_today() - timedelta(1))

    class Run:
        result: object = None

    run = Run()
    JOBS[entry.job].run(run)
    assert run.result == {"finalized": 1}
    assert Application.objects.get(pk=app_id).status == "recognized"


def test_the_teachers_history_shows_each_step_with_actor_and_opinion(
    api, teacher_user, hr_a, round_open
):
    app_id = _draft(api, teacher_user, round_open)
    _post(api, teacher_user, app_id, "submit")
    _post(api, hr_a, app_id, "school-review", {"decision": "return", "opinion": "补企业实践证明"})
    teacher_id = teacher_user.teacher_id
    entries = api(hr_a).get(f"/api/v1/teachers/{teacher_id}/history/").json()["results"]
    entry = LogEntry.objects.get(pk=entries[0]["id"])
    assert entry.actor.username == "hr_a"
    assert entry.additional_data == {
        "stage": "school_review",
        "decision": "return",
        "opinion": "补企业实践证明",
    }
