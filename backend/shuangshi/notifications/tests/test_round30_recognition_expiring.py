"""Round 30: `recognition_expiring` (DESIGN §9) only for a recognition that still matters.

An active recognition ending within the lead alerted the teacher and their school's HR even
when the teacher already held a newer recognition lasting beyond it (recognized again in a
later round), or had left the school: noise that asks for a renewal nobody needs.
"""

from datetime import timedelta

import pytest

from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification
from shuangshi.qualification.engine import add_years
from shuangshi.recognition import services as recognition
from shuangshi.recognition.tests.conftest import (  # noqa: F401  (fixtures)
    expert,
    qualified_teacher,
    round_open,
    teacher_user,
    today,
)
from shuangshi.teachers import services as teachers

pytestmark = pytest.mark.django_db


def _recognized(round_, teacher, hr_a, province, on):
    app = recognition.application_create(round=round_, teacher=teacher, level="junior", user=hr_a)
    app = recognition.application_submit(application=app, user=hr_a)
    recognition.application_school_review(application=app, user=hr_a, decision="approve")
    recognition.application_province_review(
        application=app, user=province, decision="approve", today=on
    )
    return recognition.application_finalize(application=app, user=province, today=on)


def _expiring(user) -> list[str]:
    rows = Notification.objects.filter(user=user, kind=Kind.RECOGNITION_EXPIRING)
    return sorted(rows.values_list("subject", flat=True))


@pytest.fixture
def ending(round_open, qualified_teacher, hr_a, province, today):  # noqa: F811
    """A recognition granted almost five years ago: it ends within the 180-day lead."""
    rec = _recognized(
        round_open, qualified_teacher, hr_a, province, add_years(today, -5) + timedelta(days=100)
    )
    assert today < rec.valid_until <= today + timedelta(days=180)
    return rec


def test_no_alert_for_a_recognition_a_newer_one_outlasts(
    ending,
    qualified_teacher,  # noqa: F811
    hr_a,
    province,
    teacher_user,  # noqa: F811
    expert,  # noqa: F811
    today,  # noqa: F811
):
    later_round = recognition.round_create(
        data={
            "code": "JX2026B",
            "name": "2026年第二批",
            "opens_on": today - timedelta(days=2),
            "closes_on": today + timedelta(days=2),
            "publicity_days": 0,
            "experts": [expert],
        }
    )
    newer = _recognized(later_round, qualified_teacher, hr_a, province, today)
    assert newer.valid_until > ending.valid_until
    services.alerts_daily()
    assert _expiring(hr_a) == _expiring(teacher_user) == []


def test_a_recognition_ending_still_alerts_when_nothing_newer_outlasts_it(
    ending,
    hr_a,
    teacher_user,  # noqa: F811
):
    services.alerts_daily()
    assert _expiring(hr_a) == _expiring(teacher_user) == [f"recognition:{ending.pk}"]


def test_no_alert_for_a_teacher_who_has_left(
    ending,
    qualified_teacher,  # noqa: F811
    hr_a,
    teacher_user,  # noqa: F811
    today,  # noqa: F811
):
    teachers.teacher_update(teacher=qualified_teacher, data={"left_on": today - timedelta(days=1)})
    services.alerts_daily()
    assert _expiring(hr_a) == _expiring(teacher_user) == []
