"""Round 46: an application reaching a stage tells whoever acts there at once (DESIGN §9
`review_waiting`, §8 who acts): school HR on submission, the province and the round's experts
on the school's approval, the province on an objection; not at the next daily run, and with
the daily run's keys, so that run adds nothing."""

import pytest

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification
from shuangshi.recognition.tests.conftest import (  # noqa: F401  (fixtures)
    expert,
    qualified_teacher,
    round_open,
    teacher_user,
    today,
)

# The fixtures imported above are parameters of the tests (F811).
# ruff: noqa: F811
pytestmark = pytest.mark.django_db
APPS = "/api/v1/recognition-applications/"


def open_waiting(user):
    return sorted(
        Notification.objects.filter(
            user=user, kind=Kind.REVIEW_WAITING, resolved_at__isnull=True
        ).values_list("subject", flat=True)
    )


@pytest.fixture
def submitted(api, teacher_user, round_open, hr_a, hr_b, province, expert):
    created = api(teacher_user).post(APPS, {"round": round_open.pk, "level": "junior"})
    assert created.status_code == 201, created.json()
    app_id = created.json()["id"]
    r = api(teacher_user).post(f"{APPS}{app_id}/submit/", {})
    assert r.status_code == 200, r.json()
    return app_id


def test_school_hr_is_told_of_a_submission_at_once(
    submitted, hr_a, hr_b, province, expert, teacher_user
):
    assert open_waiting(hr_a) == [f"application:{submitted}:submitted"]
    for other in (hr_b, province, expert, teacher_user):
        assert open_waiting(other) == []
    # The daily run makes the same alert: nothing more to create or resolve.
    assert services.alerts_daily() | {"subjects": 0} == {
        "created": 0,
        "reopened": 0,
        "resolved": 0,
        "subjects": 0,
    }
    assert Notification.objects.filter(user=hr_a).count() == 1


def test_province_and_experts_are_told_of_the_schools_approval_at_once(
    api, submitted, hr_a, province, expert, school_a
):
    own_school = testing.make_user("expert_a2", Role.EXPERT, school=school_a)
    round = _round_of(submitted)
    r = api(province).patch(
        f"/api/v1/recognition-rounds/{round.pk}/",
        {"experts": [expert.pk, own_school.pk], "version": round.version},
        format="json",
    )
    assert r.status_code == 200, r.content
    r = api(hr_a).post(f"{APPS}{submitted}/school-review/", {"decision": "approve"})
    assert r.status_code == 200, r.json()
    subject = f"application:{submitted}:school_approved"
    assert open_waiting(province) == [subject]
    assert open_waiting(expert) == [subject]
    assert open_waiting(own_school) == []  # never their own school's application
    assert open_waiting(hr_a) == []  # their stage is over
    assert services.alerts_daily()["created"] == 0
    assert services.alerts_daily()["resolved"] == 0


def test_a_refused_review_tells_nobody(api, submitted, teacher_user, province, expert):
    r = api(teacher_user).post(f"{APPS}{submitted}/school-review/", {"decision": "approve"})
    assert r.status_code == 403
    assert open_waiting(province) == open_waiting(expert) == []


def test_a_returned_and_resubmitted_application_tells_school_hr_again(
    api, submitted, hr_a, teacher_user
):
    r = api(hr_a).post(
        f"{APPS}{submitted}/school-review/", {"decision": "return", "opinion": "补材料"}
    )
    assert r.status_code == 200, r.json()
    assert open_waiting(hr_a) == []
    assert api(teacher_user).post(f"{APPS}{submitted}/submit/", {}).status_code == 200
    assert open_waiting(hr_a) == [f"application:{submitted}:submitted"]
    assert services.alerts_daily()["created"] == 0


def test_the_province_is_told_of_an_objection_at_once(api, submitted, hr_a, hr_b, province):
    for user, action in ((hr_a, "school-review"), (province, "province-review")):
        r = api(user).post(f"{APPS}{submitted}/{action}/", {"decision": "approve"})
        assert r.status_code == 200, r.json()
    assert open_waiting(province) == []
    r = api(hr_b).post(f"{APPS}{submitted}/objections/", {"reason": "材料不实"})
    assert r.status_code == 201, r.json()
    assert open_waiting(province) == [f"application:{submitted}:objected"]
    assert open_waiting(hr_b) == []
    assert services.alerts_daily()["created"] == 0


def _round_of(app_id):
    from shuangshi.recognition.models import Application

    return Application.objects.select_related("round").get(pk=app_id).round
