"""Round 44: an expert's vote and an objection are named in words in the audit log, in the
reader's language ("王小明 · JX2026A · 李专家：同意"), not by ids and codes ("12 6 approve",
"11 open"); entries logged by ids before keep a readable name, with no query per entry."""

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.recognition import services as recognition
from shuangshi.recognition.models import Vote
from shuangshi.recognition.tests.conftest import (  # noqa: F401  (fixtures)
    qualified_teacher,
    round_open,
    today,
)

pytestmark = pytest.mark.django_db
LOG = "/api/v1/audit-log/"


@pytest.fixture
def expert(school_b: Any):
    return testing.make_user("expert_li", Role.EXPERT, school=school_b, first_name="李专家")


@pytest.fixture
def approved(round_open, qualified_teacher, hr_a):  # noqa: F811
    app = recognition.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = recognition.application_submit(application=app, user=hr_a)
    return recognition.application_school_review(application=app, user=hr_a, decision="approve")


def _names(api: Any, user: Any, language: str, model: str) -> list[str]:
    client = api(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    response = client.get(LOG, {"page_size": 100, "ordering": "id"})
    assert response.status_code == 200
    return [r["object_name"] for r in response.json()["results"] if r["model"] == model]


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [
        (
            "en",
            "王小明 · JX2026A · 李专家: reject",
            "王小明 · JX2026A · 李专家: approve",
        ),
        (
            "zh-hans",
            "王小明 · JX2026A · 李专家：不同意",
            "王小明 · JX2026A · 李专家：同意",
        ),
    ],
)
def test_a_vote_is_named_by_application_expert_and_decision(
    api, province, approved, expert, language, first, second
):
    recognition.application_vote(
        application=approved, expert=expert, decision="reject", opinion="经历不足"
    )
    recognition.application_vote(application=approved, expert=expert, decision="approve")
    # Each entry keeps the decision it logged.
    assert _names(api, province, language, "vote") == [first, second]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "王小明 · JX2026A · Objection (Open)"), ("zh-hans", "王小明 · JX2026A · 异议（")],
)
def test_an_objection_is_named_by_application_and_status(
    api, province, approved, hr_b, language, expected
):
    app = recognition.application_province_review(
        application=approved, user=province, decision="approve"
    )
    recognition.application_object(application=app, user=hr_b, reason="材料不实")
    (name,) = _names(api, province, language, "objection")
    assert name.startswith(expected)
    assert "open" not in name
    assert hr_b.username not in name  # who objected is on the entry's actor, not its name


def test_entries_logged_by_ids_are_named_from_their_records(api, province, approved, expert, hr_b):
    vote = recognition.application_vote(application=approved, expert=expert, decision="approve")
    app = recognition.application_province_review(
        application=approved, user=province, decision="approve"
    )
    objection = recognition.application_object(application=app, user=hr_b, reason="材料不实")
    # As Vote.__str__ and Objection.__str__ logged them before round 44.
    LogEntry.objects.get_for_object(vote).update(object_repr=f"{app.pk} {expert.pk} approve")
    LogEntry.objects.get_for_object(objection).update(object_repr=f"{app.pk} open")
    assert _names(api, province, "en", "vote") == ["王小明 · JX2026A · 李专家: approve"]
    assert _names(api, province, "en", "objection") == ["王小明 · JX2026A · Objection (Open)"]
    assert _names(api, province, "zh-hans", "vote") == ["王小明 · JX2026A · 李专家：同意"]


def _log_queries(api: Any, user: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api(user).get(LOG, {"page_size": 100}).status_code == 200
    return len(queries)


def test_the_names_cost_no_query_per_entry(api, province, approved, expert, school_b):
    """Old entries (by ids) are named from their records in one query per model for the page;
    new ones from what they logged."""

    def old_style() -> None:
        for vote in Vote.objects.all():
            LogEntry.objects.get_for_object(vote).update(
                object_repr=f"{vote.application_id} {vote.expert_id} {vote.decision}"
            )

    recognition.application_vote(application=approved, expert=expert, decision="approve")
    old_style()
    one = _log_queries(api, province)
    for n in range(4):
        other = testing.make_user(f"expert_{n}", Role.EXPERT, school=school_b)
        recognition.round_update(
            round=approved.round, data={"experts": [*approved.round.experts.all(), other]}
        )
        recognition.application_vote(application=approved, expert=other, decision="approve")
    old_style()
    recognition.application_vote(
        application=approved, expert=expert, decision="reject", opinion="x"
    )
    assert _log_queries(api, province) == one
