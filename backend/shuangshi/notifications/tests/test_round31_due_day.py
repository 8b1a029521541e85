"""An alert whose day has come is not "resolved": what it warned of happened (round 31).

Resolved means the condition went away (a certificate renewed, practice logged). On the due
date the finders no longer see a lapse *ahead*, because it is today; the daily job left that
as resolved, so the teacher's and HR's bell dropped the warning on the very day it came true.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification
from shuangshi.qualification import services as qualification

from .test_alerts import practising

pytestmark = pytest.mark.django_db


def test_alerts_stay_open_on_the_day_they_warned_of(school_a, hr_a, monkeypatch):
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)
    practising(teacher, until_days=40)
    services.alerts_daily()
    raised = Notification.objects.filter(
        user=hr_a, kind__in=[Kind.PRACTICE_LAPSING, Kind.LEVEL_DROPPING]
    )
    assert sorted(raised.values_list("kind", flat=True)) == sorted(
        [Kind.PRACTICE_LAPSING, Kind.LEVEL_DROPPING]
    )
    due = raised.first().due_on
    assert {n.due_on for n in raised} == {due}
    for day in (due - timedelta(days=1), due, due + timedelta(days=1)):
        testing.set_today(monkeypatch, day)
        qualification.qualifications_refresh_due(on=day)
        services.alerts_daily(on=day)
        for alert in raised.all():
            assert alert.resolved_at is None, (alert.kind, day)


def test_an_alert_whose_cause_goes_away_before_its_day_is_resolved(school_a, hr_a, monkeypatch):
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)
    practising(teacher, until_days=40)
    services.alerts_daily()
    today = timezone.localdate()
    testing.make_period(teacher, start_on=today - timedelta(days=200), end_on=today)
    services.alerts_refresh_teachers(teacher_ids=[teacher.pk])
    lapse = Notification.objects.get(user=hr_a, kind=Kind.PRACTICE_LAPSING)
    assert lapse.resolved_at is not None
