"""Submission is refused on ``level`` when the round no longer offers the level asked for
(the province changed the round's levels after the draft was made), as create and PATCH
refuse it."""

import pytest

from shuangshi.recognition.models import Application, Round

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"
ROUNDS = "/api/v1/recognition-rounds/"


def _offer_only(api, province, round, levels):
    version = Round.objects.get(pk=round.pk).version
    body = {"levels": levels, "version": version}
    response = api(province).patch(f"{ROUNDS}{round.pk}/", body, format="json")
    assert response.status_code == 200, response.json()


def test_it_refuses_to_submit_a_level_the_round_no_longer_offers(
    api, teacher_user, province, round_open
):
    created = api(teacher_user).post(APPS, {"round": round_open.pk, "level": "junior"})
    assert created.status_code == 201, created.json()
    app_id = created.json()["id"]
    _offer_only(api, province, round_open, ["intermediate", "senior"])

    refused = api(teacher_user).post(f"{APPS}{app_id}/submit/", {})
    assert refused.status_code == 400
    assert refused.json() == {"level": ["本批次不开展该等级的认定。"]}
    english = api(teacher_user).post(f"{APPS}{app_id}/submit/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {"level": ["This round does not offer that level."]}
    assert Application.objects.get(pk=app_id).status == "draft"


def test_the_schools_hr_is_refused_alike_and_submits_once_the_level_is_offered_again(
    api, teacher_user, hr_a, province, round_open
):
    app_id = api(teacher_user).post(APPS, {"round": round_open.pk, "level": "junior"}).json()["id"]
    _offer_only(api, province, round_open, ["senior"])
    refused = api(hr_a).post(f"{APPS}{app_id}/submit/", {})
    assert refused.status_code == 400 and "level" in refused.json()
    _offer_only(api, province, round_open, ["junior", "senior"])
    submitted = api(hr_a).post(f"{APPS}{app_id}/submit/", {})
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["status"] == "submitted"
