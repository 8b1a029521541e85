"""Round 40 (exploratory QA): deleting a teacher who has a recognition application said only
"该记录与已有记录冲突" (a conflict). Applications and recognitions keep their teacher (the
record of the recognition process), so the delete is refused with the reason and what to do
instead, and nothing of the delete is half done (the teacher's account stays active)."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts import services as account_services
from shuangshi.accounts.models import Role
from shuangshi.recognition import services as recognition
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

ZH = "该教师有认定申请或认定记录，需作为认定过程的记录保留，不能删除；请改为填写离职日期。"


@pytest.fixture
def applicant(school_a: Any, province: Any) -> Teacher:
    teacher = testing.make_teacher(school_a, name="王芳", gender="female")
    today = timezone.localdate()
    round = recognition.round_create(
        data={
            "code": "JX2026R40",
            "name": "2026年第一批",
            "opens_on": today - timedelta(days=5),
            "closes_on": today + timedelta(days=5),
            "publicity_days": 0,
        }
    )
    recognition.application_create(round=round, teacher=teacher, level="junior", user=province)
    return teacher


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_teacher_with_a_recognition_application_is_not_deleted_and_the_answer_says_why(
    api, hr_a, applicant, language
):
    account = account_services.user_create(
        username="wangfang40", password="Initial-pass-40", role=Role.TEACHER, teacher=applicant
    )
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    response = client.delete(f"/api/v1/teachers/{applicant.pk}/")
    assert response.status_code == 400
    message = response.json()["non_field_errors"][0]
    if language == "en":
        assert "recognition applications or recognitions" in message
        assert "leaving date" in message
    else:
        assert message == ZH
    assert Teacher.objects.filter(pk=applicant.pk).exists()
    account.refresh_from_db()
    assert account.is_active  # the delete's first step (the account) was undone too


def test_a_city_user_cannot_delete_a_teacher(api, city_nc, applicant):
    response = api(city_nc).delete(f"/api/v1/teachers/{applicant.pk}/")
    assert response.status_code in (403, 404)
    assert Teacher.objects.filter(pk=applicant.pk).exists()
