"""An alert that comes back opens again as new; `review_waiting` is one alert per application
and stage reached (a vote or a further objection adds none), resolved for an expert who voted;
a pending rule-profile rebuild leaves `level_dropping` alerts as they are."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification
from shuangshi.qualification import services as qualification
from shuangshi.recognition import services as recognition
from shuangshi.recognition.models import ApplicationEvent, Stage
from shuangshi.recognition.tests.conftest import (  # noqa: F401  (fixtures)
    expert,
    qualified_teacher,
    round_open,
    today,
)
from shuangshi.teachers.models import Certificate

from .test_alerts import practising

pytestmark = pytest.mark.django_db


def local(day, hour=1):
    """An aware moment on ``day`` in the site's time zone (01:00 is the day before in UTC)."""
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def backdate(app, day):
    """The application's steps, and the `review_waiting` alerts its last step opened at once
    (round 46), moved back to ``day``, as if taken then."""
    ApplicationEvent.objects.filter(application=app).update(at=local(day))
    Notification.objects.filter(kind=Kind.REVIEW_WAITING).update(due_on=day)


def unread(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


# --------------------------------------------------------------------------- A1: reopening


def test_an_alert_that_holds_again_opens_again_as_new(
    school_a,
    hr_a,
    api,
    today,  # noqa: F811
):
    hr_a.email = "hr_a@example.cn"
    hr_a.save()
    teacher = testing.make_teacher(school_a, name="王芳")
    due = today + timedelta(days=30)
    cert = testing.make_certificate(teacher, expires_on=due)
    practising(teacher)
    services.alerts_daily()
    alert = Notification.objects.get(user=hr_a, kind=Kind.CERTIFICATE_EXPIRING)
    assert services.digest_daily()["sent"] == 1
    services.notification_read(notification=alert, user=hr_a)

    # Renewed by mistake: resolved. Then the renewal is undone: it holds again.
    Certificate.objects.filter(pk=cert.pk).update(expires_on=today + timedelta(days=1800))
    assert services.alerts_daily()["resolved"] >= 1
    alert.refresh_from_db()
    assert alert.resolved_at is not None
    Certificate.objects.filter(pk=cert.pk).update(expires_on=due)
    result = services.alerts_daily()
    assert result["reopened"] >= 1 and result["created"] == 0

    again = Notification.objects.get(user=hr_a, kind=Kind.CERTIFICATE_EXPIRING)
    assert again.pk == alert.pk  # the same alert, open again
    assert again.resolved_at is None
    assert again.read_at is None and again.emailed_at is None
    assert again.created_at > alert.created_at  # listed first, as new
    r = api(hr_a).get("/api/v1/notifications/", {"unread": "true"}).json()
    assert alert.pk in [row["id"] for row in r["results"]]
    assert api(hr_a).get("/api/v1/notifications/unread-count/").json()["unread"] >= 1

    # The next day's digest carries it again.
    mail.outbox.clear()
    assert services.digest_daily(on=today + timedelta(days=1))["sent"] == 1
    assert again.title in mail.outbox[0].body

    # It stays open, and nothing is reopened twice.
    assert services.alerts_daily()["reopened"] == 0


def test_an_application_returned_and_submitted_again_the_same_day_waits_again(
    round_open,  # noqa: F811
    qualified_teacher,  # noqa: F811
    hr_a,
):
    app = recognition.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = recognition.application_submit(application=app, user=hr_a)
    services.alerts_daily()
    [first] = Notification.objects.filter(user=hr_a, kind=Kind.REVIEW_WAITING)
    services.notification_read(notification=first, user=hr_a)
    recognition.application_school_review(
        application=app, user=hr_a, decision="return", opinion="补材料"
    )
    services.alerts_daily()
    first.refresh_from_db()
    assert first.resolved_at is not None
    app.refresh_from_db()
    recognition.application_submit(application=app, user=hr_a)
    services.alerts_daily()
    [row] = Notification.objects.filter(user=hr_a, kind=Kind.REVIEW_WAITING)
    assert row.pk == first.pk
    assert row.resolved_at is None and row.read_at is None


# --------------------------------------------------------------------------- A2: review_waiting


def test_a_vote_adds_no_alert_and_ends_the_voters_own(
    round_open,  # noqa: F811
    qualified_teacher,  # noqa: F811
    hr_a,
    province,
    expert,  # noqa: F811
    school_b,
    today,  # noqa: F811
):
    expert2 = testing.make_user("expert_b2", Role.EXPERT, school=school_b)
    round_open.experts.add(expert2)
    app = recognition.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = recognition.application_submit(application=app, user=hr_a)
    app = recognition.application_school_review(application=app, user=hr_a, decision="approve")
    approved_on = today - timedelta(days=2)
    backdate(app, approved_on)
    services.alerts_daily()
    subject = f"application:{app.pk}:school_approved"
    before = {
        u.pk: Notification.objects.get(user=u, kind=Kind.REVIEW_WAITING)
        for u in (province, expert, expert2)
    }
    for n in before.values():
        assert (n.subject, n.due_on, n.resolved_at) == (subject, approved_on, None)

    recognition.application_vote(application=app, expert=expert, decision="approve")
    services.alerts_daily()
    services.alerts_daily()
    for u in (province, expert2):
        [n] = Notification.objects.filter(user=u, kind=Kind.REVIEW_WAITING)
        assert (n.pk, n.due_on, n.resolved_at) == (before[u.pk].pk, approved_on, None)
        assert unread(u) == 1
    [voted] = Notification.objects.filter(user=expert, kind=Kind.REVIEW_WAITING)
    assert voted.pk == before[expert.pk].pk
    assert voted.resolved_at is not None  # no longer waited for

    # A second vote (it replaces the first) changes nothing either.
    recognition.application_vote(application=app, expert=expert, decision="approve")
    services.alerts_daily()
    assert Notification.objects.filter(kind=Kind.REVIEW_WAITING, subject=subject).count() == 3
    voted.refresh_from_db()
    assert voted.resolved_at is not None


def test_a_further_objection_adds_no_alert(
    round_open,  # noqa: F811
    qualified_teacher,  # noqa: F811
    hr_a,
    province,
    today,  # noqa: F811
):
    app = recognition.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = recognition.application_submit(application=app, user=hr_a)
    app = recognition.application_school_review(application=app, user=hr_a, decision="approve")
    app = recognition.application_province_review(
        application=app, user=province, decision="approve"
    )
    recognition.application_object(application=app, user=hr_a, reason="材料不实")
    objected_on = today - timedelta(days=3)
    backdate(app, objected_on)
    services.alerts_daily()
    app.refresh_from_db()
    recognition.application_object(application=app, user=province, reason="另有举报")
    assert ApplicationEvent.objects.filter(application=app, stage=Stage.OBJECTION).count() == 2
    services.alerts_daily()
    rows = list(
        # The earlier stage's alert (school_approved) ended when publicity began.
        Notification.objects.filter(
            user=province, kind=Kind.REVIEW_WAITING, resolved_at__isnull=True
        ).values_list("subject", "due_on", "resolved_at")
    )
    assert rows == [(f"application:{app.pk}:objected", objected_on, None)]


# --------------------------------------------------------------------------- rule profile


def test_a_pending_rebuild_leaves_level_dropping_alerts_as_they_are(school_a, hr_a):
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)
    practising(teacher, until_days=40)
    services.alerts_daily()
    drop = Notification.objects.get(user=hr_a, kind=Kind.LEVEL_DROPPING)
    services.notification_read(notification=drop, user=hr_a)

    # A new profile version whose rebuild has not run yet: stored results are older.
    qualification.rule_profile_update(values={}, note="pending", reevaluate=False)
    services.alerts_daily()
    drop.refresh_from_db()
    assert drop.resolved_at is None and drop.read_at is not None

    # Once rebuilt the alert still holds: the same one, still read, not raised again.
    qualification.qualifications_refresh_due()
    result = services.alerts_daily()
    assert result["reopened"] == 0
    [after] = Notification.objects.filter(user=hr_a, kind=Kind.LEVEL_DROPPING)
    assert (after.pk, after.resolved_at) == (drop.pk, None)
    assert after.read_at is not None
