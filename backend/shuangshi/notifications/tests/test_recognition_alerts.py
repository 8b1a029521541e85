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

pytestmark = pytest.mark.django_db


def waiting(user):
    return list(
        Notification.objects.filter(user=user, kind=Kind.REVIEW_WAITING).values_list(
            "subject", "resolved_at"
        )
    )


@pytest.fixture
def submitted(round_open, qualified_teacher, hr_a):  # noqa: F811
    app = recognition.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    return recognition.application_submit(application=app, user=hr_a)


def test_a_submitted_application_waits_for_its_schools_hr_then_the_province_and_experts(
    submitted,
    hr_a,
    hr_b,
    province,
    expert,  # noqa: F811
    city_nc,
):
    services.alerts_daily()
    services.alerts_daily()
    assert waiting(hr_a) == [(f"application:{submitted.pk}:submitted", None)]
    for outsider in (hr_b, province, expert, city_nc):
        assert waiting(outsider) == []
    recognition.application_school_review(application=submitted, user=hr_a, decision="approve")
    services.alerts_daily()
    [(_subject, resolved)] = waiting(hr_a)
    assert resolved is not None  # no longer waiting for the school
    for user in (province, expert):
        assert waiting(user) == [(f"application:{submitted.pk}:school_approved", None)]
    assert waiting(hr_b) == []


def test_a_recognition_ending_within_the_lead_alerts_the_teacher_and_hr_once(
    submitted,
    hr_a,
    hr_b,
    province,
    teacher_user,  # noqa: F811
    today,  # noqa: F811
):
    recognition.application_school_review(application=submitted, user=hr_a, decision="approve")
    long_ago = add_years(today, -5) + timedelta(days=100)
    recognition.application_province_review(
        application=submitted, user=province, decision="approve", today=long_ago
    )
    rec = recognition.application_finalize(application=submitted, user=province, today=long_ago)
    assert today < rec.valid_until <= today + timedelta(days=180)
    services.alerts_daily()
    services.alerts_daily()
    for user in (hr_a, teacher_user):
        rows = Notification.objects.filter(user=user, kind=Kind.RECOGNITION_EXPIRING)
        assert [(n.subject, n.due_on) for n in rows] == [(f"recognition:{rec.pk}", rec.valid_until)]
    assert not Notification.objects.filter(user=hr_b, kind=Kind.RECOGNITION_EXPIRING).exists()
    assert not Notification.objects.filter(user=province, kind=Kind.RECOGNITION_EXPIRING).exists()
