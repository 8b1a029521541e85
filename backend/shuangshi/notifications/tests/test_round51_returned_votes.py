"""Round 51 (QA): an application the province returned kept its experts' votes. Edited and
submitted again, it came back to the province with the votes cast on its earlier content,
shown as current, and the experts who had voted were not asked again (their alert had ended
with their vote). A return now ends the votes: the next school approval asks every expert
again, and the votes cast stay in the application's history and in the audit log."""

import pytest
from auditlog.models import LogEntry

from shuangshi.notifications.models import Kind, Notification
from shuangshi.recognition import services as recognition
from shuangshi.recognition.models import Application, Vote
from shuangshi.recognition.tests.conftest import (  # noqa: F401  (fixtures)
    expert,
    qualified_teacher,
    round_open,
    today,
)

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"


def open_waiting(user) -> list[str]:
    return sorted(
        Notification.objects.filter(
            user=user, kind=Kind.REVIEW_WAITING, resolved_at__isnull=True
        ).values_list("subject", flat=True)
    )


@pytest.fixture
def voted(api, round_open, qualified_teacher, hr_a, expert):  # noqa: F811
    app = recognition.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    recognition.application_submit(application=app, user=hr_a)
    recognition.application_school_review(application=app, user=hr_a, decision="approve")
    vote = {"decision": "reject", "opinion": "企业实践证明不足"}
    assert api(expert).post(f"{APPS}{app.pk}/votes/", vote).status_code in (200, 201)
    assert open_waiting(expert) == []
    return app


def test_a_return_by_the_province_ends_the_votes_and_keeps_them_in_the_history(
    api, voted, province, hr_a
):
    body = {"decision": "return", "opinion": "请按专家意见补充材料"}
    returned = api(province).post(f"{APPS}{voted.pk}/province-review/", body)
    assert returned.status_code == 200, returned.json()
    assert returned.json()["status"] == "draft"
    assert returned.json()["votes"] == []
    assert not Vote.objects.filter(application=voted).exists()
    steps = [(e["stage"], e["decision"]) for e in returned.json()["history"]]
    assert ("vote", "reject") in steps
    # The audit log keeps the vote and its removal.
    actions = set(
        LogEntry.objects.filter(content_type__model="vote").values_list("action", flat=True)
    )
    assert actions == {LogEntry.Action.CREATE, LogEntry.Action.DELETE}


def test_the_next_submission_goes_to_a_fresh_vote_and_asks_the_expert_again(
    api,
    voted,
    province,
    hr_a,
    expert,  # noqa: F811
):
    body = {"decision": "return", "opinion": "请补充材料"}
    assert api(province).post(f"{APPS}{voted.pk}/province-review/", body).status_code == 200
    version = Application.objects.get(pk=voted.pk).version
    edited = api(hr_a).patch(f"{APPS}{voted.pk}/", {"statement": "补充后", "version": version})
    assert edited.status_code == 200, edited.json()
    assert api(hr_a).post(f"{APPS}{voted.pk}/submit/", {}).status_code == 200
    approve = {"decision": "approve"}
    again = api(hr_a).post(f"{APPS}{voted.pk}/school-review/", approve)
    assert again.status_code == 200, again.json()

    assert api(province).get(f"{APPS}{voted.pk}/").json()["votes"] == []
    assert open_waiting(expert) == [f"application:{voted.pk}:school_approved"]
    vote = api(expert).post(f"{APPS}{voted.pk}/votes/", {"decision": "approve"})
    assert vote.status_code in (200, 201), vote.json()
    votes = api(province).get(f"{APPS}{voted.pk}/").json()["votes"]
    assert [(v["expert"], v["decision"]) for v in votes] == [("expert_b", "approve")]
    assert open_waiting(expert) == []


def test_a_rejection_keeps_the_votes_it_was_decided_on(api, voted, province):
    body = {"decision": "reject", "opinion": "不符合条件"}
    rejected = api(province).post(f"{APPS}{voted.pk}/province-review/", body)
    assert rejected.status_code == 200, rejected.json()
    assert [v["decision"] for v in rejected.json()["votes"]] == ["reject"]
