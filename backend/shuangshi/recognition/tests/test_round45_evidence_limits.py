"""Round 45: the evidence file limit and types are the server's alone. The teacher's page
reads them from my-record/ (which it loads already) and checks a file before sending it;
the web app no longer writes its own 10 MB."""

import pytest

pytestmark = pytest.mark.django_db

MY_RECORD = "/api/v1/my-record/"


def test_my_record_carries_the_evidence_limit_and_types(api, teacher_user):
    body = api(teacher_user).get(MY_RECORD).json()
    assert body["evidence_max_bytes"] == 10 * 1024 * 1024
    assert body["evidence_content_types"] == ["application/pdf", "image/jpeg", "image/png"]


def test_the_limit_follows_the_setting(api, teacher_user, settings):
    settings.EVIDENCE_MAX_MB = 2
    body = api(teacher_user).get(MY_RECORD).json()
    assert body["evidence_max_bytes"] == 2 * 1024 * 1024


def test_another_role_still_cannot_read_my_record(api, hr_a):
    assert api(hr_a).get(MY_RECORD).status_code == 403
