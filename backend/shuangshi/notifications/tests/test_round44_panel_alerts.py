"""Round 44: when a round's experts change, their `review_waiting` alerts follow at once, as
the daily run would leave them: a removed (or deactivated) expert's end, an added expert's
start; not at the next daily run."""

import pytest

from shuangshi import testing
from shuangshi.accounts import services as accounts
from shuangshi.accounts.models import Role
from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification
from shuangshi.recognition import services as recognition
from shuangshi.recognition.models import Round
from shuangshi.recognition.tests.conftest import (  # noqa: F401  (fixtures)
    expert,
    qualified_teacher,
    round_open,
    today,
)

pytestmark = pytest.mark.django_db
UNREAD = "/api/v1/notifications/unread-count/"


def open_waiting(user):
    return sorted(
        Notification.objects.filter(
            user=user, kind=Kind.REVIEW_WAITING, resolved_at__isnull=True
        ).values_list("subject", flat=True)
    )


@pytest.fixture
def waiting(round_open, qualified_teacher, hr_a, province, expert):  # noqa: F811
    """An application approved by its school, waiting for the expert's vote, alert stored."""
    app = recognition.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = recognition.application_submit(application=app, user=hr_a)
    app = recognition.application_school_review(application=app, user=hr_a, decision="approve")
    services.alerts_daily()
    assert open_waiting(expert) == [f"application:{app.pk}:school_approved"]
    return app


def _set_experts(api, user, round, experts):
    round = Round.objects.get(pk=round.pk)
    return api(user).patch(
        f"/api/v1/recognition-rounds/{round.pk}/",
        {"experts": [e.pk for e in experts], "version": round.version},
        format="json",
    )


def test_a_removed_experts_alert_ends_at_once(api, province, waiting, expert):  # noqa: F811
    assert api(expert).get(UNREAD).json() == {"unread": 1}
    r = _set_experts(api, province, waiting.round, [])
    assert r.status_code == 200, r.content
    assert open_waiting(expert) == []
    assert api(expert).get(UNREAD).json() == {"unread": 0}
    # The province still reviews it.
    assert open_waiting(province) == [f"application:{waiting.pk}:school_approved"]
    # The daily run agrees.
    assert services.alerts_daily()["created"] == 0
    assert open_waiting(expert) == []


def test_an_added_expert_is_told_at_once(api, province, waiting, expert, school_b):  # noqa: F811
    other = testing.make_user("expert_b2", Role.EXPERT, school=school_b)
    r = _set_experts(api, province, waiting.round, [expert, other])
    assert r.status_code == 200, r.content
    subject = f"application:{waiting.pk}:school_approved"
    assert open_waiting(other) == [subject]
    assert open_waiting(expert) == [subject]  # kept as it was
    assert Notification.objects.filter(user=expert).count() == 1  # not stored twice
    # What the daily run would have made: it finds nothing more to create or resolve.
    assert services.alerts_daily()["created"] == services.alerts_daily()["resolved"] == 0


def test_only_the_province_changes_the_experts(api, hr_a, waiting, expert):  # noqa: F811
    r = _set_experts(api, hr_a, waiting.round, [])
    assert r.status_code == 403
    assert open_waiting(expert) == [f"application:{waiting.pk}:school_approved"]


def test_a_deactivated_experts_alert_ends_at_once(waiting, expert):  # noqa: F811
    accounts.user_deactivate(user=expert)
    assert open_waiting(expert) == []
