"""review_waiting follows the application's school (the one that submitted it, §8), not the
school its teacher moved to afterwards: that school's HR was told of a review it may not do
(the link opened a 404), and the submitting school's HR heard nothing (round 32)."""

import pytest

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification
from shuangshi.recognition import services as recognition
from shuangshi.recognition.tests.conftest import (  # noqa: F401  (fixtures)
    expert,
    qualified_teacher,
    round_open,
    teacher_user,
    today,
)
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db


def waiting(user):
    return list(
        Notification.objects.filter(user=user, kind=Kind.REVIEW_WAITING).values_list(
            "subject", flat=True
        )
    )


def test_the_submitting_schools_hr_is_told_after_the_teacher_moved(
    round_open,  # noqa: F811
    qualified_teacher,  # noqa: F811
    hr_a,
    hr_b,
    school_b,
):
    app = recognition.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = recognition.application_submit(application=app, user=hr_a)
    teacher_services.teacher_update(teacher=qualified_teacher, data={"school": school_b})
    services.alerts_daily()
    assert waiting(hr_a) == [f"application:{app.pk}:submitted"]
    assert waiting(hr_b) == []


def test_no_expert_of_the_submitting_school_is_asked_to_vote(
    round_open,  # noqa: F811
    qualified_teacher,  # noqa: F811
    hr_a,
    school_a,
    school_b,
):
    own = testing.make_user("expert_own", Role.EXPERT, school=school_a)
    round_open.experts.add(own)
    app = recognition.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = recognition.application_submit(application=app, user=hr_a)
    recognition.application_school_review(application=app, user=hr_a, decision="approve")
    teacher_services.teacher_update(teacher=qualified_teacher, data={"school": school_b})
    services.alerts_daily()
    assert waiting(own) == []
