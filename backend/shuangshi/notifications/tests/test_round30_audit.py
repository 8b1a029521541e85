"""Round 30 audit of the alerts (DESIGN §9)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification

from .test_alerts import practising

pytestmark = pytest.mark.django_db


def test_practice_lapsing_is_raised_despite_an_ongoing_period_that_starts_later(
    school_a, hr_a, hr_b
):
    """The practice leaves the window in about 40 days; a confirmed period with no end
    starts only in 100 days, so E_PRACTICE is not met in between: `practice_lapsing` is
    due (the level drops that day for the same reason), to the teacher and their HR, once."""
    today = timezone.localdate()
    teacher = testing.make_teacher(school_a)
    own = testing.make_user("t_future", Role.TEACHER, teacher=teacher)
    testing.make_certificate(teacher)
    practising(teacher, until_days=40)
    testing.make_period(teacher, start_on=today + timedelta(days=100), end_on=None)
    services.alerts_daily()
    assert services.alerts_daily()["created"] == 0
    lapse = Notification.objects.filter(kind=Kind.PRACTICE_LAPSING)
    assert sorted(lapse.values_list("user_id", flat=True)) == sorted([hr_a.pk, own.pk])
    drop = Notification.objects.get(user=hr_a, kind=Kind.LEVEL_DROPPING)
    due = lapse.filter(user=hr_a).get().due_on
    assert today < due <= today + timedelta(days=42)
    assert due == drop.due_on


def test_an_ongoing_period_already_running_still_means_no_practice_alert(school_a, hr_a):
    today = timezone.localdate()
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)
    practising(teacher, until_days=40)
    testing.make_period(teacher, start_on=today - timedelta(days=10), end_on=None)
    services.alerts_daily()
    assert not Notification.objects.filter(kind=Kind.PRACTICE_LAPSING).exists()
