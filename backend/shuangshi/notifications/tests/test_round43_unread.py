"""Round 43: "unread" means waiting for the user: not read, and (for an alert) its condition
still holds. A resolved alert makes the bell ring no more, is not listed as unread and is
not what read-all/ marks; a job's notice (never resolved) waits until read."""

import pytest

from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification
from shuangshi.recognition import services as recognition
from shuangshi.recognition.tests.conftest import (  # noqa: F401  (fixtures)
    expert,
    qualified_teacher,
    round_open,
    today,
)

pytestmark = pytest.mark.django_db

NOTES = "/api/v1/notifications/"


@pytest.fixture
def resolved_and_job(round_open, qualified_teacher, hr_a):  # noqa: F811
    """HR A: a `review_waiting` alert never read and then resolved (the school approved the
    application), and an unread notice of a finished job."""
    app = recognition.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = recognition.application_submit(application=app, user=hr_a)
    services.alerts_daily()
    recognition.application_school_review(application=app, user=hr_a, decision="approve")
    services.alerts_daily()
    alert = Notification.objects.get(user=hr_a, kind=Kind.REVIEW_WAITING)
    assert alert.resolved_at is not None and alert.read_at is None
    job = services.notification_create(
        user=hr_a, kind=Kind.JOB_FINISHED, subject="job:1", title="导入完成"
    )
    assert job is not None
    return alert, job


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_a_resolved_alert_does_not_ring_the_bell(api, hr_a, resolved_and_job):
    _alert, job = resolved_and_job
    assert api(hr_a).get(f"{NOTES}unread-count/").json() == {"unread": 1}
    services.notification_read(notification=job, user=hr_a)
    assert api(hr_a).get(f"{NOTES}unread-count/").json() == {"unread": 0}


def test_the_unread_list_is_what_the_bell_counts_and_read_the_rest(api, hr_a, resolved_and_job):
    alert, job = resolved_and_job
    assert ids(api(hr_a).get(NOTES, {"unread": "true"})) == {job.pk}
    assert ids(api(hr_a).get(NOTES, {"unread": "false"})) == {alert.pk}
    everything = api(hr_a).get(NOTES).json()["results"]
    assert {row["id"] for row in everything} == {alert.pk, job.pk}
    [shown] = [row for row in everything if row["id"] == alert.pk]
    assert shown["resolved_at"] is not None and shown["read_at"] is None


def test_read_all_marks_what_the_bell_counted(api, hr_a, hr_b, resolved_and_job):
    alert, job = resolved_and_job
    theirs = services.notification_create(
        user=hr_b, kind=Kind.JOB_FINISHED, subject="job:2", title="导出完成"
    )
    assert api(hr_a).post(f"{NOTES}read-all/").json() == {"marked": 1}
    job.refresh_from_db()
    alert.refresh_from_db()
    assert job.read_at is not None
    assert alert.read_at is None  # resolved before it was read: left as it was
    assert api(hr_a).get(f"{NOTES}unread-count/").json() == {"unread": 0}
    assert api(hr_a).post(f"{NOTES}read-all/").json() == {"marked": 0}
    assert theirs is not None
    theirs.refresh_from_db()
    assert theirs.read_at is None
