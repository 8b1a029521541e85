"""The gaps lists answer for today even when no nightly run has re-evaluated the teachers
whose stored result has expired since (DESIGN §4 "Reads are never stale")."""

from datetime import timedelta

import pytest

from shuangshi import testing
from shuangshi.recognition import services

pytestmark = pytest.mark.django_db

GAPS = "/api/v1/recognitions/gaps/"


def _ids(rows):
    return [row["teacher"] for row in rows]


def test_a_teacher_whose_certificate_expired_since_no_longer_should_apply(
    api, monkeypatch, hr_a, province, school_a, today
):
    teacher = testing.make_teacher_whose_certificate_expires(
        school_a, name="赵一", expires_on=today + timedelta(days=1)
    )
    should_apply = api(hr_a).get(GAPS).json()["should_apply"]
    assert [(r["teacher"], r["level"]) for r in should_apply] == [(teacher.pk, "junior")]

    testing.set_today(monkeypatch, today + timedelta(days=2))  # no nightly run in between
    for user in (hr_a, province):
        assert teacher.pk not in _ids(api(user).get(GAPS).json()["should_apply"])


def test_a_teacher_who_qualifies_since_should_apply(api, monkeypatch, hr_a, school_a, today):
    teacher = testing.make_teacher(school_a, name="钱二")
    testing.make_certificate(teacher, issued_on=today + timedelta(days=3))
    testing.make_certificate(teacher, kind="skill_level", level="grade3", name="电工")
    assert teacher.pk not in _ids(api(hr_a).get(GAPS).json()["should_apply"])

    testing.set_today(monkeypatch, today + timedelta(days=3))
    should_apply = api(hr_a).get(GAPS).json()["should_apply"]
    assert [(r["teacher"], r["level"]) for r in should_apply] == [(teacher.pk, "junior")]


def test_a_holder_whose_certificate_expired_since_is_listed_to_review(
    api, monkeypatch, hr_a, hr_b, province, school_a, round_open, teacher_user, today
):
    teacher = testing.make_teacher_whose_certificate_expires(
        school_a, name="孙三", expires_on=today + timedelta(days=10)
    )
    app = services.application_create(round=round_open, teacher=teacher, level="junior", user=hr_a)
    app = services.application_submit(application=app, user=hr_a)
    app = services.application_school_review(application=app, user=hr_a, decision="approve")
    app = services.application_province_review(application=app, user=province, decision="approve")
    recognition = services.application_finalize(application=app, user=province)
    assert api(hr_a).get(GAPS).json()["no_longer_qualified"] == []

    testing.set_today(monkeypatch, today + timedelta(days=12))
    lapsed = api(hr_a).get(GAPS).json()["no_longer_qualified"]
    assert [(r["teacher"], r["certificate_no"]) for r in lapsed] == [
        (teacher.pk, recognition.certificate_no)
    ]
    assert api(hr_b).get(GAPS).json()["no_longer_qualified"] == []
    assert api(teacher_user).get(GAPS).status_code == 403
