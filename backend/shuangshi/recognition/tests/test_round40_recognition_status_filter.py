"""``GET recognitions/?status=active|expired|revoked`` lists the recognitions whose status
reads so today (DESIGN §8); an unknown status is a 400 naming the parameter."""

from datetime import date, timedelta

import pytest

from shuangshi import testing
from shuangshi.recognition import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/recognitions/"


def _teacher(school, name):
    teacher = testing.make_teacher(school, name=name)
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="skill_level", level="grade3", name="电工", issued_on=date(2021, 5, 1)
    )
    return teacher


def _recognize(teacher, hr, province, round, on):
    app = services.application_create(round=round, teacher=teacher, level="junior", user=hr)
    app = services.application_submit(application=app, user=hr)
    app = services.application_school_review(application=app, user=hr, decision="approve")
    app = services.application_province_review(
        application=app, user=province, decision="approve", today=on
    )
    return services.application_finalize(application=app, user=province, today=on)


@pytest.fixture
def recognitions(school_a, hr_a, province, round_open, today):
    active = _recognize(_teacher(school_a, "甲"), hr_a, province, round_open, today)
    # Recognized six years ago for five: expired a year ago.
    expired = _recognize(
        _teacher(school_a, "乙"), hr_a, province, round_open, today - timedelta(days=6 * 365)
    )
    revoked = _recognize(_teacher(school_a, "丙"), hr_a, province, round_open, today)
    services.recognition_revoke(recognition=revoked, user=province, reason="材料不实")
    return {"active": active, "expired": expired, "revoked": revoked}


@pytest.mark.parametrize("status", ["active", "expired", "revoked"])
def test_it_lists_the_recognitions_of_one_status(api, province, hr_a, recognitions, status):
    for user in (province, hr_a):
        rows = api(user).get(URL, {"status": status}).json()["results"]
        assert [r["id"] for r in rows] == [recognitions[status].pk]
        assert [r["status"] for r in rows] == [status]


def test_without_the_filter_it_lists_them_all(api, province, recognitions):
    assert api(province).get(URL).json()["count"] == 3


def test_another_schools_hr_sees_none_of_them(api, hr_b, recognitions):
    assert api(hr_b).get(URL, {"status": "active"}).json()["results"] == []


def test_an_unknown_status_is_refused(api, province, recognitions):
    response = api(province).get(URL, {"status": "lapsed"})
    assert response.status_code == 400
    assert list(response.json()) == ["status"]


def test_a_role_without_access_is_refused(api, recognitions):
    base = testing.make_user("base_1", "base_staff", training_base=testing.make_base())
    assert api(base).get(URL, {"status": "active"}).status_code == 403
