"""Round 33: an application's review history, its expert votes and the province's objection
list name people as a reader knows them (the account's name, or a teacher account's
teacher, and its role), not by login ("hr_a"); the login fields stay as they were. Also: an
expert's refused vote says what the vote needs (not "return"), and a round offers each level
once."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.recognition import services
from shuangshi.recognition.models import Application

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"
ROUNDS = "/api/v1/recognition-rounds/"


@pytest.fixture
def named_hr(hr_a: User) -> User:
    hr_a.first_name = "人事处"
    hr_a.save(update_fields=["first_name"])
    return hr_a


@pytest.fixture
def named_province(province: User) -> User:
    province.first_name = "省厅管理员"
    province.save(update_fields=["first_name"])
    return province


def _publicized(teacher_user: User, hr: User, expert: User, province: User, round: Any) -> Any:
    """The teacher drafts and submits, their HR approves, the expert votes, the province
    approves: an application in publicity, every step by a different person."""
    app = services.application_create(
        round=round, teacher=teacher_user.teacher, level="junior", user=teacher_user
    )
    app = services.application_submit(application=app, user=teacher_user)
    app = services.application_school_review(application=app, user=hr, decision="approve")
    services.application_vote(application=app, expert=expert, decision="approve", opinion="属实")
    return services.application_province_review(
        application=app, user=province, decision="approve", opinion="同意"
    )


def test_the_history_names_each_person_and_their_role(
    api: Any,
    teacher_user: User,
    named_hr: User,
    expert: User,
    named_province: User,
    round_open: Any,
) -> None:
    app = _publicized(teacher_user, named_hr, expert, named_province, round_open)
    history = api(named_province).get(f"{APPS}{app.pk}/").json()["history"]
    steps = [(h["stage"], h["actor"], h["actor_name"], h["actor_role"]) for h in history]
    assert steps == [
        # A teacher account without a name of its own reads as its teacher.
        ("draft", "t_wang", "王小明", "teacher"),
        ("submit", "t_wang", "王小明", "teacher"),
        ("school_review", "hr_a", "人事处", "school_hr"),
        # An account with no name at all falls back to its login.
        ("vote", "expert_b", "expert_b", "expert"),
        ("province_review", "province", "省厅管理员", "province"),
    ]


def test_the_school_reads_the_names_too(
    api: Any,
    teacher_user: User,
    named_hr: User,
    expert: User,
    named_province: User,
    round_open: Any,
) -> None:
    expert.first_name = "张教授"
    expert.save(update_fields=["first_name"])
    app = _publicized(teacher_user, named_hr, expert, named_province, round_open)
    body = api(named_hr).get(f"{APPS}{app.pk}/").json()
    # Round 42: who voted is the province's and the round's experts' to know (the vote's
    # decision and opinion are the school's to read).
    assert [h["actor_name"] for h in body["history"]][-2:] == ["", "省厅管理员"]
    assert body["votes"] == [
        {
            "expert": "",
            "expert_name": "",
            "decision": "approve",
            "opinion": "属实",
            "at": body["votes"][0]["at"],
        }
    ]
    votes = api(expert).get(f"{APPS}{app.pk}/").json()["votes"]
    assert [(v["expert"], v["expert_name"]) for v in votes] == [("expert_b", "张教授")]


def test_an_objector_stays_unnamed_but_to_the_province(
    api: Any,
    teacher_user: User,
    named_hr: User,
    hr_b: User,
    expert: User,
    named_province: User,
    round_open: Any,
) -> None:
    hr_b.first_name = "人事科"
    hr_b.save(update_fields=["first_name"])
    app = _publicized(teacher_user, named_hr, expert, named_province, round_open)
    assert api(hr_b).post(f"{APPS}{app.pk}/objections/", {"reason": "时间存疑"}).status_code == 201

    for reader in (named_hr, teacher_user, expert):
        step = api(reader).get(f"{APPS}{app.pk}/").json()["history"][-1]
        assert step["stage"] == "objection"
        assert (step["actor"], step["actor_name"], step["actor_role"]) == ("", "", "")
    step = api(named_province).get(f"{APPS}{app.pk}/").json()["history"][-1]
    assert (step["actor"], step["actor_name"], step["actor_role"]) == (
        "hr_b",
        "人事科",
        "school_hr",
    )

    objections = api(named_province).get(f"{APPS}{app.pk}/objections/").json()
    assert [(o["filed_by"], o["filed_by_name"]) for o in objections] == [("hr_b", "人事科")]
    assert api(named_hr).get(f"{APPS}{app.pk}/objections/").status_code == 403


def test_the_nightly_finalize_has_no_person(
    api: Any,
    teacher_user: User,
    named_hr: User,
    expert: User,
    named_province: User,
    round_open: Any,
) -> None:
    app = _publicized(teacher_user, named_hr, expert, named_province, round_open)
    Application.objects.filter(pk=app.pk).update(
        publicity_until=app.publicity_until - timedelta(days=1)
    )
    services.applications_finalize_due()
    step = api(teacher_user).get(f"{APPS}{app.pk}/").json()["history"][-1]
    assert step["stage"] == "finalize"
    assert (step["actor"], step["actor_name"], step["actor_role"]) == (None, None, None)


def test_naming_people_costs_no_query_per_step(
    api: Any, named_hr: User, expert: User, named_province: User, round_open: Any, school_a: Any
) -> None:
    def reviewed_by_its_teacher(n: int) -> None:
        teacher = testing.make_teacher(school_a, name=f"教师{n}")
        testing.make_certificate(teacher)
        testing.make_certificate(teacher, kind="skill_level", level="grade3", name="电工")
        account = testing.make_user(f"t{n}", Role.TEACHER, teacher=teacher)
        app = services.application_create(
            round=round_open, teacher=teacher, level="junior", user=account
        )
        app = services.application_submit(application=app, user=account)
        services.application_school_review(application=app, user=named_hr, decision="approve")
        services.application_vote(application=app, expert=expert, decision="approve")

    def list_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            rows = api(named_province).get(APPS).json()["results"]
        assert all(h["actor_name"] for row in rows for h in row["history"])
        return len(ctx.captured_queries)

    reviewed_by_its_teacher(1)
    one = list_queries()
    for n in range(2, 5):
        reviewed_by_its_teacher(n)
    assert list_queries() == one


def test_a_refused_vote_asks_for_the_vote_opinion(
    api: Any, teacher_user: User, named_hr: User, expert: User, round_open: Any
) -> None:
    app = services.application_create(
        round=round_open, teacher=teacher_user.teacher, level="junior", user=teacher_user
    )
    app = services.application_submit(application=app, user=teacher_user)
    services.application_school_review(application=app, user=named_hr, decision="approve")

    zh = api(expert).post(f"{APPS}{app.pk}/votes/", {"decision": "reject", "opinion": " "})
    en = api(expert).post(
        f"{APPS}{app.pk}/votes/", {"decision": "reject"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (zh.status_code, en.status_code) == (400, 400)
    # An expert votes approve or reject: there is nothing to "return".
    assert zh.json()["opinion"] == ["评议不同意时须填写意见。"]
    assert en.json()["opinion"] == ["An opinion is required to vote reject."]
    # Voting is the expert's: the school's HR is refused whatever the body.
    assert api(named_hr).post(f"{APPS}{app.pk}/votes/", {"decision": "reject"}).status_code == 403


def test_a_round_offers_each_level_once(api: Any, province: User, expert: User, today: Any) -> None:
    body = {
        "code": "R33A",
        "name": "第二批",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=30)).isoformat(),
        "levels": ["junior", "junior", "intermediate"],
    }
    refused = api(province).post(ROUNDS, body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert refused.json() == {"levels": ["Offer each level once."]}
    assert api(expert).post(ROUNDS, body, format="json").status_code == 403
    made = api(province).post(ROUNDS, {**body, "levels": ["intermediate", "junior"]}, format="json")
    assert made.status_code == 201
    assert made.json()["levels"] == ["intermediate", "junior"]
