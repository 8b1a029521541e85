"""A round refuses a deactivated account as an expert in words, on `experts` (round 45: it
was DRF's 'Invalid pk "8" - object does not exist.'), as it refuses another role."""

from datetime import timedelta

import pytest

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.accounts.services import user_deactivate

pytestmark = pytest.mark.django_db

ROUNDS = "/api/v1/recognition-rounds/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _body(today, experts):
    return {
        "code": "JX2026C",
        "name": "2026年第三批",
        "opens_on": str(today),
        "closes_on": str(today + timedelta(days=10)),
        "experts": experts,
    }


@pytest.fixture
def gone(school_b):
    user = testing.make_user("expert_gone", Role.EXPERT, school=school_b, first_name="钱")
    user_deactivate(user=user)
    return user


def test_a_new_round_refuses_a_deactivated_expert_in_words(api, province, expert, gone, today):
    body = _body(today, [expert.pk, gone.pk])
    response = api(province).post(ROUNDS, body, format="json", **EN)
    assert response.status_code == 400
    assert response.json() == {
        "experts": ["Deactivated accounts cannot be assigned to a round: 钱."]
    }


def test_it_is_said_in_chinese_too(api, province, gone, today):
    client = api(province)
    response = client.post(
        ROUNDS, _body(today, [gone.pk]), format="json", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 400
    [message] = response.json()["experts"]
    assert message == "已停用的账号不能担任本批次的评审专家：钱。"


def test_an_edit_refuses_a_newly_added_deactivated_expert(api, province, gone, round_open):
    read = api(province).get(f"{ROUNDS}{round_open.pk}/").json()
    body = {"experts": [*read["experts"], gone.pk], "version": read["version"]}
    response = api(province).patch(f"{ROUNDS}{round_open.pk}/", body, format="json", **EN)
    assert response.status_code == 400
    assert response.json()["experts"] == ["Deactivated accounts cannot be assigned to a round: 钱."]


def test_another_role_is_still_refused_as_before(api, province, hr_b, today):
    response = api(province).post(ROUNDS, _body(today, [hr_b.pk]), format="json", **EN)
    assert response.json() == {"experts": ["Only expert accounts can be assigned to a round."]}


def test_an_unknown_id_does_not_exist(api, province, today):
    response = api(province).post(ROUNDS, _body(today, [987654]), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["experts"]


def test_school_hr_cannot_create_a_round(api, hr_a, gone, today):
    response = api(hr_a).post(ROUNDS, _body(today, [gone.pk]), format="json")
    assert response.status_code == 403
