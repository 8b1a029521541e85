"""`?search=` on notifications/ (the schema offers it) finds a user's own notifications by
their title and body as the reader reads them: in Chinese as stored, and in English when the
request asks for it (the API words them again). It was ignored: every row came back."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.jobs.models import Job
from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TODAY = timezone.localdate


@pytest.fixture
def alerted(school_a, hr_a):
    """王芳's certificate expires in 30 days (her level drops to none: two alerts, and the
    school's); HR also has a finished job and an old row without parameters."""
    wang = testing.make_teacher_whose_certificate_expires(
        school_a, expires_on=TODAY() + timedelta(days=30), name="王芳"
    )
    services.alerts_daily()
    job = Job.objects.create(owner=hr_a, kind="imports.commit", title="教师.xlsx", status="failed")
    services.job_finished_notify(job=job)
    services.notification_create(
        user=hr_a, kind=Kind.JOB_FINISHED, subject="job:old", title="导入完成", body="旧的说明"
    )
    return wang


def kinds(client, term, **headers):
    response = client.get(URL, {"search": term}, **headers)
    assert response.status_code == 200, response.content
    return sorted(row["kind"] for row in response.json()["results"])


def test_hr_searches_by_the_words_stored_in_chinese(api, hr_a, alerted):
    client = api(hr_a)
    assert len(client.get(URL).json()["results"]) == 5
    assert kinds(client, "王芳") == [Kind.CERTIFICATE_EXPIRING, Kind.LEVEL_DROPPING]
    assert kinds(client, "证书") == [Kind.CERTIFICATE_EXPIRING]  # 有证书将于…到期
    assert kinds(client, "初级") == [Kind.CERTIFICATE_EXPIRING, Kind.LEVEL_DROPPING]  # bodies
    assert kinds(client, "旧的") == [Kind.JOB_FINISHED]  # a row without parameters: its body
    assert kinds(client, "教师.xlsx") == [Kind.JOB_FINISHED]
    assert kinds(client, "王芳 证书") == [Kind.CERTIFICATE_EXPIRING]  # every word matches
    assert kinds(client, "李强") == []
    assert kinds(client, "zzzz") == []


def test_hr_reading_in_english_searches_the_english_words(api, hr_a, alerted):
    client = api(hr_a)
    assert kinds(client, "CERTIFICATE expires", **EN) == [Kind.CERTIFICATE_EXPIRING]
    assert kinds(client, "renewal", **EN) == [Kind.CERTIFICATE_EXPIRING]
    assert kinds(client, "junior", **EN) == [Kind.CERTIFICATE_EXPIRING, Kind.LEVEL_DROPPING]
    assert kinds(client, "nothing junior", **EN) == [Kind.LEVEL_DROPPING]  # both words
    assert kinds(client, "level drops", **EN) == [Kind.CERTIFICATE_EXPIRING, Kind.LEVEL_DROPPING]
    assert kinds(client, "falls below", **EN) == [Kind.SCHOOL_FALLING_BELOW]
    assert kinds(client, "failed", **EN) == [Kind.JOB_FINISHED]  # not the old row
    assert kinds(client, "Commit an import", **EN) == [Kind.JOB_FINISHED]
    assert kinds(client, "王芳 renewal", **EN) == [Kind.CERTIFICATE_EXPIRING]
    assert kinds(client, "zzzz", **EN) == []
    # The English words do not find a row read in Chinese, whose words they are not.
    assert kinds(client, "renewal") == []


def test_a_teacher_searches_their_own_notifications_only(api, hr_b, school_b, alerted):
    own = testing.make_user("t_wang", Role.TEACHER, teacher=alerted)
    testing.make_teacher_whose_certificate_expires(
        school_b, expires_on=TODAY() + timedelta(days=30), name="王芳芳"
    )
    services.alerts_daily()
    own.must_change_password = False
    own.save()
    client = api(own)
    found = client.get(URL, {"search": "王芳"}).json()["results"]
    assert {row["kind"] for row in found} == {Kind.CERTIFICATE_EXPIRING, Kind.LEVEL_DROPPING}
    assert all(Notification.objects.get(pk=row["id"]).user == own for row in found)
    assert kinds(api(hr_b), "王芳芳") == [Kind.CERTIFICATE_EXPIRING, Kind.LEVEL_DROPPING]
    assert kinds(api(hr_b), "导入") == []  # another user's job


def test_anonymous_is_refused_whatever_it_searches(api, alerted):
    assert api().get(URL, {"search": "王芳"}).status_code == 401


def test_a_nul_in_the_search_is_a_400_naming_it(api, hr_a):
    response = api(hr_a).get(URL, {"search": "a\x00b"})
    assert response.status_code == 400 and "search" in response.json()
