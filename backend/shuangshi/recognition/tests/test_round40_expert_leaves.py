"""An expert who is deactivated (DELETE users/{id}/) or given another role leaves the panels
of the rounds still to close; a closed round keeps its panel as it was. Either way a round
reads and its experts as read back are accepted in a PATCH, and votes already cast stay."""

from datetime import timedelta

import pytest

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.recognition import services
from shuangshi.recognition.models import Vote

pytestmark = pytest.mark.django_db

ROUNDS = "/api/v1/recognition-rounds/"
USERS = "/api/v1/users/"
APPS = "/api/v1/recognition-applications/"


def _voted(api, teacher_user, hr_a, expert, round_open):
    app = services.application_create(
        round=round_open, teacher=teacher_user.teacher, level="junior", user=teacher_user
    )
    app = services.application_submit(application=app, user=teacher_user)
    services.application_school_review(application=app, user=hr_a, decision="approve")
    vote = api(expert).post(f"{APPS}{app.pk}/votes/", {"decision": "approve", "opinion": "同意"})
    assert vote.status_code in (200, 201), vote.json()
    return app


def _round_trip(api, province, round_id, **changes):
    """PATCH the round with what it reads (experts as read back), plus ``changes``."""
    read = api(province).get(f"{ROUNDS}{round_id}/")
    assert read.status_code == 200, read.json()
    body = {"experts": read.json()["experts"], "version": read.json()["version"], **changes}
    return read.json(), api(province).patch(f"{ROUNDS}{round_id}/", body, format="json")


@pytest.fixture
def closed_round(expert, today):
    return services.round_create(
        data={
            "code": "JX2025B",
            "name": "2025年第二批",
            "opens_on": today - timedelta(days=40),
            "closes_on": today - timedelta(days=10),
            "experts": [expert],
        }
    )


def test_a_deactivated_expert_leaves_the_open_round_and_their_vote_stays(
    api, province, teacher_user, hr_a, expert, round_open
):
    app = _voted(api, teacher_user, hr_a, expert, round_open)
    version = api(province).get(f"{ROUNDS}{round_open.pk}/").json()["version"]
    assert api(province).delete(f"{USERS}{expert.pk}/").status_code == 204

    read, patched = _round_trip(api, province, round_open.pk, name="2026年第一批（调整）")
    assert read["experts"] == []
    assert read["version"] == version + 1  # a copy read before lists them: 409, not 400
    assert patched.status_code == 200, patched.json()
    votes = api(province).get(f"{APPS}{app.pk}/").json()["votes"]
    assert [(v["expert"], v["decision"]) for v in votes] == [(expert.username, "approve")]


def test_an_expert_given_another_role_leaves_the_open_round(
    api, province, expert, school_b, round_open
):
    body = {"role": Role.SCHOOL_HR, "school": school_b.pk}
    changed = api(province).patch(f"{USERS}{expert.pk}/", body, format="json")
    assert changed.status_code == 200, changed.json()
    read, patched = _round_trip(api, province, round_open.pk, name="改名")
    assert read["experts"] == []
    assert patched.status_code == 200, patched.json()


def test_an_expert_who_stays_an_expert_stays_on_the_round(api, province, expert, round_open):
    body = {"first_name": "李"}
    assert api(province).patch(f"{USERS}{expert.pk}/", body, format="json").status_code == 200
    assert api(province).get(f"{ROUNDS}{round_open.pk}/").json()["experts"] == [expert.pk]


def test_a_closed_round_keeps_its_panel_and_takes_it_back_as_read(
    api, province, expert, school_b, closed_round
):
    assert api(province).delete(f"{USERS}{expert.pk}/").status_code == 204
    read, patched = _round_trip(api, province, closed_round.pk, name="2025年第二批（归档）")
    assert read["experts"] == [expert.pk]
    assert patched.status_code == 200, patched.json()
    assert patched.json()["experts"] == [expert.pk]
    # Someone else given another role since: still not assignable as a new expert.
    other = testing.make_user("expert_x", Role.EXPERT, school=school_b)
    body = {"role": Role.SCHOOL_HR, "school": school_b.pk}
    assert api(province).patch(f"{USERS}{other.pk}/", body, format="json").status_code == 200
    body = {"experts": [expert.pk, other.pk], "version": patched.json()["version"]}
    refused = api(province).patch(f"{ROUNDS}{closed_round.pk}/", body, format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["experts"]


def test_a_round_can_drop_a_deactivated_expert_it_kept(api, province, expert, closed_round):
    assert api(province).delete(f"{USERS}{expert.pk}/").status_code == 204
    read = api(province).get(f"{ROUNDS}{closed_round.pk}/").json()
    body = {"experts": [], "version": read["version"]}
    dropped = api(province).patch(f"{ROUNDS}{closed_round.pk}/", body, format="json")
    assert dropped.status_code == 200, dropped.json()
    assert dropped.json()["experts"] == []


def test_school_hr_cannot_deactivate_an_expert(api, hr_b, expert, round_open):
    assert api(hr_b).delete(f"{USERS}{expert.pk}/").status_code == 404
    assert list(round_open.experts.all()) == [expert]
    assert Vote.objects.count() == 0
