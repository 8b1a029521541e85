"""Round 43: a `review_waiting` alert ends when its wait ends, not at the next daily run:
an expert's when they vote (the province's and the other experts' stay open), everyone's of
a stage when the application leaves that stage."""

import pytest
from django.core.exceptions import ValidationError

from shuangshi import testing
from shuangshi.accounts.models import Role
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


def open_waiting(user):
    """The subjects of the user's open `review_waiting` alerts."""
    return sorted(
        Notification.objects.filter(
            user=user, kind=Kind.REVIEW_WAITING, resolved_at__isnull=True
        ).values_list("subject", flat=True)
    )


@pytest.fixture
def submitted(round_open, qualified_teacher, hr_a):  # noqa: F811
    app = recognition.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    return recognition.application_submit(application=app, user=hr_a)


@pytest.fixture
def second_expert(round_open, school_b):  # noqa: F811
    other = testing.make_user("expert_b2", Role.EXPERT, school=school_b)
    recognition.round_update(round=round_open, data={"experts": [*round_open.experts.all(), other]})
    return other


@pytest.fixture
def with_the_province(submitted, hr_a, province, expert, second_expert):  # noqa: F811
    recognition.application_school_review(application=submitted, user=hr_a, decision="approve")
    services.alerts_daily()
    subject = f"application:{submitted.pk}:school_approved"
    for user in (province, expert, second_expert):
        assert open_waiting(user) == [subject]
    return submitted


def test_an_experts_alert_is_resolved_when_they_vote(
    api,
    with_the_province,
    province,
    expert,  # noqa: F811
    second_expert,
):
    subject = f"application:{with_the_province.pk}:school_approved"
    r = api(expert).post(
        f"/api/v1/recognition-applications/{with_the_province.pk}/votes/",
        {"decision": "approve"},
    )
    assert r.status_code in (200, 201), r.content
    assert open_waiting(expert) == []
    assert api(expert).get("/api/v1/notifications/unread-count/").json() == {"unread": 0}
    # The province still reviews it; the other expert has not voted.
    assert open_waiting(province) == [subject]
    assert open_waiting(second_expert) == [subject]
    # The daily run agrees: nothing opened again, nothing more resolved for them.
    services.alerts_daily()
    assert open_waiting(expert) == []
    assert open_waiting(province) == open_waiting(second_expert) == [subject]


def test_a_refused_vote_resolves_nothing(with_the_province, expert):  # noqa: F811
    with pytest.raises(ValidationError):  # a reject without an opinion
        recognition.application_vote(
            application=with_the_province, expert=expert, decision="reject"
        )
    assert open_waiting(expert) == [f"application:{with_the_province.pk}:school_approved"]


def test_the_stages_alerts_end_when_the_application_leaves_it(
    with_the_province,
    province,
    expert,  # noqa: F811
    second_expert,
):
    recognition.application_province_review(
        application=with_the_province, user=province, decision="approve"
    )
    for user in (province, expert, second_expert):
        assert open_waiting(user) == []


def test_the_schools_alert_ends_when_it_returns_the_application(submitted, hr_a):
    services.alerts_daily()
    assert open_waiting(hr_a) == [f"application:{submitted.pk}:submitted"]
    recognition.application_school_review(
        application=submitted, user=hr_a, decision="return", opinion="补材料"
    )
    assert open_waiting(hr_a) == []


def test_an_objection_stays_with_the_province_until_resolved(
    with_the_province,
    province,
    hr_b,
):
    app = recognition.application_province_review(
        application=with_the_province, user=province, decision="approve"
    )
    recognition.application_object(application=app, user=hr_b, reason="材料不实")
    services.alerts_daily()
    objected = f"application:{app.pk}:objected"
    assert open_waiting(province) == [objected]
    # A second objection keeps the stage: the alert stays open.
    recognition.application_object(application=app, user=hr_b, reason="另有问题")
    assert open_waiting(province) == [objected]
    recognition.application_resolve_objection(
        application=app, user=province, upheld=False, opinion="经核实无误"
    )
    assert open_waiting(province) == []
