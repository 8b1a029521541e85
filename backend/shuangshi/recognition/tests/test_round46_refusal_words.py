"""Round 46: refusals read right to whoever reads them. A second application in a round is
refused in words that suit the teacher and their school's HR alike (not "the teacher
already has…" said to the teacher); a missing certificate is named as the level checklist
names it (in the teaching field), in the server's words and the web app's alike."""

import json
from pathlib import Path

import pytest
from django.utils import translation

from shuangshi.qualification.wording import missing_words

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"
LOCALES = Path(__file__).resolve().parents[4] / "frontend" / "src" / "locales"
SECOND = (
    "There is already an application for this teacher in this round; "
    "a teacher may apply once per round."
)


def _create(api, user, round, teacher=None):
    body = {"round": round.pk, "level": "junior"}
    if teacher is not None:
        body["teacher"] = teacher.pk
    return api(user).post(APPS, body, HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def applied(api, teacher_user, round_open):
    first = _create(api, teacher_user, round_open)
    assert first.status_code == 201, first.json()
    r = api(teacher_user).post(f"{APPS}{first.json()['id']}/submit/", {})
    assert r.status_code == 200, r.json()


def test_the_teacher_is_told_in_words_that_suit_them(api, applied, teacher_user, round_open):
    again = _create(api, teacher_user, round_open)
    assert again.status_code == 400
    assert again.json()["round"] == [SECOND]


def test_school_hr_reads_the_same_words(api, applied, hr_a, round_open, qualified_teacher):
    again = _create(api, hr_a, round_open, qualified_teacher)
    assert again.status_code == 400
    assert again.json()["round"] == [SECOND]


def test_another_schools_hr_is_refused_the_teacher_itself(
    api, applied, hr_b, round_open, qualified_teacher
):
    again = _create(api, hr_b, round_open, qualified_teacher)
    assert again.status_code in (400, 403)
    assert SECOND not in json.dumps(again.json())


@pytest.mark.parametrize("key", ["basic", "e_skill", "e_title"])
def test_a_missing_certificate_is_named_as_the_web_app_names_it(key):
    item = {"message": f"qualification.missing.{key}", "quantity": 1}
    words = json.loads((LOCALES / "en.json").read_text(encoding="utf-8"))
    with translation.override("en"):
        assert missing_words(item) == words["qualification"]["missing"][key]


def test_the_skill_certificate_is_in_the_teaching_field_as_the_checklist_says():
    item = {"message": "qualification.missing.e_skill", "quantity": 1}
    checklist = json.loads((LOCALES / "en.json").read_text(encoding="utf-8"))["checklist"]
    assert "(in the teaching field)" in checklist["skill"]
    with translation.override("en"):
        assert missing_words(item).endswith("(in the teaching field)")
