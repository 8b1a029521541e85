"""Round 42 (exploratory QA): who votes on an application is the province's and the round's
experts' to know (as a round's ``expert_names``): everyone else reading the application
(its teacher, its school's HR, its city) reads each vote's decision, opinion and date, not
who cast it, in ``votes`` and in ``history``, in every place the application is read. An
objection to an application that is not in publicity is refused in words (400 on
``status``) to a reader of the application, and stays a 404 to anyone else. A round's
``experts`` naming an account of another role says so, not that the id does not exist."""

from datetime import timedelta
from typing import Any

import pytest

from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.recognition import services
from shuangshi.recognition.models import Application, ApplicationStatus, Objection, Round

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"
ROUNDS = "/api/v1/recognition-rounds/"


@pytest.fixture
def named_expert(expert: User) -> User:
    expert.first_name = "张教授"
    expert.save(update_fields=["first_name"])
    return expert


@pytest.fixture
def voted(teacher_user: User, hr_a: User, named_expert: User, round_open: Round) -> Application:
    """Teacher A's application approved by their school and voted on by the round's expert:
    before the province's review."""
    app = services.application_create(
        round=round_open, teacher=teacher_user.teacher, level="junior", user=teacher_user
    )
    app = services.application_submit(application=app, user=teacher_user)
    app = services.application_school_review(application=app, user=hr_a, decision="approve")
    services.application_vote(
        application=app, expert=named_expert, decision="approve", opinion="属实"
    )
    return app


def _vote_parts(body: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    votes = [(v["expert"], v["expert_name"], v["decision"], v["opinion"]) for v in body["votes"]]
    steps = [
        (h["actor"], h["actor_name"], h["actor_role"], h["decision"], h["opinion"])
        for h in body["history"]
        if h["stage"] == "vote"
    ]
    return votes, steps


HIDDEN = (
    [("", "", "approve", "属实")],
    [("", "", "", "approve", "属实")],
)
NAMED = (
    [("expert_b", "张教授", "approve", "属实")],
    [("expert_b", "张教授", "expert", "approve", "属实")],
)


def test_the_school_the_city_and_the_teacher_read_votes_without_the_expert(
    api: Any, voted: Application, teacher_user: User, hr_a: User, city_nc: User
) -> None:
    for reader in (teacher_user, hr_a, city_nc):
        body = api(reader).get(f"{APPS}{voted.pk}/").json()
        assert _vote_parts(body) == HIDDEN, reader.username
        assert all(v["at"] for v in body["votes"])
        # The other steps still name their person.
        assert [h["actor"] for h in body["history"] if h["stage"] == "school_review"] == ["hr_a"]


def test_the_province_and_the_rounds_experts_read_who_voted(
    api: Any, voted: Application, province: User, named_expert: User, round_open: Round
) -> None:
    # A second expert of the round (of no school) reads the first one's vote too.
    other = testing.make_user("expert_c", Role.EXPERT)
    round_open.experts.add(other)
    for reader in (province, named_expert, other):
        body = api(reader).get(f"{APPS}{voted.pk}/").json()
        assert _vote_parts(body) == NAMED, reader.username


def test_list_rows_hide_the_expert_too(
    api: Any, voted: Application, hr_a: User, city_nc: User, province: User, teacher_user: User
) -> None:
    for reader in (hr_a, city_nc, teacher_user):
        (row,) = api(reader).get(APPS).json()["results"]
        assert _vote_parts(row) == HIDDEN, reader.username
    (row,) = api(province).get(APPS).json()["results"]
    assert _vote_parts(row) == NAMED

    # In publicity: the publicity list's full rows (?status=publicized) as well.
    services.application_province_review(application=voted, user=province, decision="approve")
    for reader in (hr_a, city_nc, teacher_user):
        (row,) = api(reader).get(APPS, {"status": "publicized"}).json()["results"]
        assert _vote_parts(row) == HIDDEN, reader.username


def test_action_responses_hide_the_expert_but_from_the_panel(
    api: Any, voted: Application, teacher_user: User, named_expert: User, province: User
) -> None:
    # The expert votes again: their own answer names them.
    answer = api(named_expert).post(
        f"{APPS}{voted.pk}/votes/", {"decision": "approve", "opinion": "属实"}
    )
    assert answer.status_code == 200
    assert _vote_parts(answer.json())[0] == NAMED[0]

    returned = api(province).post(
        f"{APPS}{voted.pk}/province-review/", {"decision": "return", "opinion": "补充材料"}
    )
    assert returned.status_code == 200
    # A return ends the votes (round 51: the next submission goes to a fresh vote); the
    # votes cast stay in the history, named to the province.
    votes, steps = _vote_parts(returned.json())
    assert votes == []
    assert steps[-1] == NAMED[1][0]

    # The teacher submits the returned application again: the history's votes, unnamed.
    submitted = api(teacher_user).post(f"{APPS}{voted.pk}/submit/")
    assert submitted.status_code == 200, submitted.json()
    votes, steps = _vote_parts(submitted.json())
    assert votes == []
    assert steps and {s[:3] for s in steps} == {("", "", "")}


# --------------------------------------------------------------------------- objections


def test_an_objection_out_of_publicity_is_refused_in_words_to_a_reader(
    api: Any,
    voted: Application,
    province: User,
    hr_a: User,
    city_nc: User,
    teacher_user: User,
    named_expert: User,
) -> None:
    for reader in (province, hr_a, city_nc, teacher_user, named_expert):
        refused = api(reader).post(
            f"{APPS}{voted.pk}/objections/", {"reason": "材料存疑"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        assert refused.status_code == 400, reader.username
        assert refused.json() == {
            "status": ["Objections are heard only while the application is in publicity."]
        }
    assert not Objection.objects.exists()
    voted.refresh_from_db()
    assert voted.status == ApplicationStatus.SCHOOL_APPROVED


def test_an_objection_out_of_publicity_is_a_404_to_anyone_else(
    api: Any, voted: Application, hr_b: User, base_staff: User, school_b: Any
) -> None:
    other_city = testing.make_user("city_jj", Role.CITY, city=school_b.city)
    for outsider in (hr_b, base_staff, other_city):
        answer = api(outsider).post(f"{APPS}{voted.pk}/objections/", {"reason": "材料存疑"})
        assert answer.status_code == 404, outsider.username
    assert not Objection.objects.exists()


def test_an_objection_in_publicity_is_heard_from_anyone(
    api: Any, voted: Application, province: User, hr_b: User
) -> None:
    services.application_province_review(application=voted, user=province, decision="approve")
    assert api(hr_b).post(f"{APPS}{voted.pk}/objections/", {"reason": "x"}).status_code == 201
    # Objected: still heard (until it is resolved or finalized).
    assert api(province).post(f"{APPS}{voted.pk}/objections/", {"reason": "y"}).status_code == 201


# --------------------------------------------------------------------------- round experts


def _round(today: Any, **extra: Any) -> dict[str, Any]:
    return {
        "code": "R43",
        "name": "第三批",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=30)).isoformat(),
        **extra,
    }


def test_a_round_refuses_a_non_expert_in_words(
    api: Any, province: User, hr_a: User, expert: User, today: Any
) -> None:
    en = api(province).post(
        ROUNDS,
        _round(today, experts=[expert.pk, hr_a.pk]),
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert en.status_code == 400
    assert en.json() == {"experts": ["Only expert accounts can be assigned to a round."]}
    zh = api(province).post(ROUNDS, _round(today, experts=[hr_a.pk]), format="json")
    assert zh.json() == {"experts": ["只能指派专家账号评审认定批次。"]}
    assert not Round.objects.filter(code="R43").exists()


def test_a_round_refuses_a_non_expert_on_update(
    api: Any, province: User, hr_a: User, round_open: Round
) -> None:
    url = f"{ROUNDS}{round_open.pk}/"
    version = api(province).get(url).json()["version"]
    refused = api(province).patch(
        url,
        {"experts": [hr_a.pk], "version": version},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 400
    assert refused.json() == {"experts": ["Only expert accounts can be assigned to a round."]}
    assert list(round_open.experts.values_list("username", flat=True)) == ["expert_b"]


def test_an_unknown_account_does_not_exist_and_a_deactivated_one_is_refused_in_words(
    api: Any, province: User, today: Any
) -> None:
    gone = testing.make_user("expert_gone", Role.EXPERT)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    refused = api(province).post(
        ROUNDS, _round(today, experts=[987654]), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 400
    (message,) = refused.json()["experts"]
    assert '"987654"' in message and "does not exist" in message
    # Round 45: a deactivated account is said to be one, not an id that does not exist.
    refused = api(province).post(
        ROUNDS, _round(today, experts=[gone.pk]), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 400
    assert refused.json() == {
        "experts": ["Deactivated accounts cannot be assigned to a round: expert_gone."]
    }
    assert not Round.objects.filter(code="R43").exists()
