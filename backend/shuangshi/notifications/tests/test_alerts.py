from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification
from shuangshi.qualification.engine import add_years

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def practising(teacher, *, until_days=None):
    """200 days of practice that leave the 5-year window ``until_days`` from now."""
    today = TODAY()
    if until_days is None:
        start = today - timedelta(days=199)
    else:  # 180 days still inside the window until today + until_days
        start = add_years(today + timedelta(days=until_days), -5) - timedelta(days=20)
    testing.make_period(teacher, start_on=start, end_on=start + timedelta(days=199))


def kinds_for(user):
    return sorted((n.kind, n.subject, n.due_on) for n in Notification.objects.filter(user=user))


@pytest.fixture
def expiring(school_a):
    """A junior teacher whose only teacher-qualification certificate expires in 30 days."""
    teacher = testing.make_teacher(school_a, name="王芳")
    cert = testing.make_certificate(teacher, expires_on=TODAY() + timedelta(days=30))
    practising(teacher)
    return teacher, cert


def test_an_expiring_certificate_alerts_the_teacher_and_their_hr_once(
    expiring, hr_a, hr_b, city_nc, province
):
    teacher, cert = expiring
    own = testing.make_user("t_wang", Role.TEACHER, teacher=teacher)
    first = services.alerts_daily()
    again = services.alerts_daily()
    assert again["created"] == 0
    assert first["created"] >= 2
    due = cert.expires_on
    expected = [(Kind.CERTIFICATE_EXPIRING, f"certificate:{cert.pk}", due)]
    for user in (hr_a, own):
        rows = [k for k in kinds_for(user) if k[0] == Kind.CERTIFICATE_EXPIRING]
        assert rows == expected
    for outsider in (hr_b, city_nc, province):
        assert not Notification.objects.filter(
            user=outsider, kind=Kind.CERTIFICATE_EXPIRING
        ).exists()
    n = Notification.objects.get(user=hr_a, kind=Kind.CERTIFICATE_EXPIRING)
    assert n.link == f"/teachers/{teacher.pk}?certificate={cert.pk}"


def test_a_certificate_whose_expiry_changes_nothing_raises_no_alert(school_a, hr_a):
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)  # a second one that never expires
    testing.make_certificate(teacher, expires_on=TODAY() + timedelta(days=30))
    practising(teacher)
    services.alerts_daily()
    assert not Notification.objects.filter(kind=Kind.CERTIFICATE_EXPIRING).exists()


def test_renewing_the_certificate_resolves_its_alert(
    expiring, hr_a, api, django_capture_on_commit_callbacks
):
    _teacher, cert = expiring
    services.alerts_daily()
    renewed = (TODAY() + timedelta(days=5 * 365)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        r = api(hr_a).patch(
            f"/api/v1/certificates/{cert.pk}/", {"version": cert.version, "expires_on": renewed}
        )
    assert r.status_code == 200, r.content
    alert = Notification.objects.get(user=hr_a, kind=Kind.CERTIFICATE_EXPIRING)
    assert alert.resolved_at is not None


def test_practice_lapsing_and_the_level_dropping_alert_once_each(school_a, hr_a, hr_b):
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)
    practising(teacher, until_days=40)
    services.alerts_daily()
    services.alerts_daily()
    rows = kinds_for(hr_a)
    lapse = [r for r in rows if r[0] == Kind.PRACTICE_LAPSING]
    drop = [r for r in rows if r[0] == Kind.LEVEL_DROPPING]
    assert len(lapse) == 1 and len(drop) == 1
    assert lapse[0][2] == drop[0][2]
    assert TODAY() < lapse[0][2] <= TODAY() + timedelta(days=42)
    assert kinds_for(hr_b) == []


def test_practice_leaving_the_window_much_later_raises_nothing_yet(school_a, hr_a):
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)
    practising(teacher, until_days=200)
    services.alerts_daily()
    assert kinds_for(hr_a) == []


def test_a_school_falling_below_alerts_its_hr_its_city_and_the_province(
    school_a, school_b, hr_a, hr_b, city_nc, province
):
    lapse = TODAY() + timedelta(days=100)
    for _ in range(2):
        t = testing.make_teacher(school_a)
        testing.make_certificate(t, expires_on=lapse)
        practising(t)
    testing.make_teacher(school_a)
    services.alerts_daily()
    services.alerts_daily()
    expected = [(Kind.SCHOOL_FALLING_BELOW, f"school:{school_a.pk}", lapse + timedelta(days=1))]
    for user in (hr_a, city_nc, province):
        assert [r for r in kinds_for(user) if r[0] == Kind.SCHOOL_FALLING_BELOW] == expected
    assert kinds_for(hr_b) == []
    city_other = testing.make_user("city_jj", Role.CITY, city=testing.city("360400"))
    services.alerts_daily()
    assert kinds_for(city_other) == []


# --------------------------------------------------------------------------- digest


def test_the_digest_groups_a_days_alerts_into_one_email(expiring, hr_a):
    hr_a.email = "hr_a@example.cn"
    hr_a.save()
    services.alerts_daily()
    titles = list(Notification.objects.filter(user=hr_a).values_list("title", flat=True))
    # The certificate expiring, the level drop it causes, and the school falling below.
    assert len(titles) == 3
    assert services.digest_daily()["sent"] == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hr_a@example.cn"]
    assert all(title in mail.outbox[0].body for title in titles)
    assert services.digest_daily()["sent"] == 0  # once a day
    assert len(mail.outbox) == 1


def test_nothing_new_means_no_email_and_email_off_means_none(expiring, hr_a, school_a):
    hr_a.email = "hr_a@example.cn"
    hr_a.save()
    assert services.digest_daily()["sent"] == 0  # nothing yet
    services.preference_set(user=hr_a, email_enabled=False)
    services.alerts_daily()
    assert services.digest_daily()["sent"] == 0
    assert mail.outbox == []


def test_a_user_without_an_address_gets_no_email(expiring, hr_a):
    services.alerts_daily()
    assert services.digest_daily()["sent"] == 0
    assert mail.outbox == []


# --------------------------------------------------------------------------- job_finished


def test_a_finished_job_notifies_its_owner(hr_a):
    from shuangshi.jobs.models import Job
    from shuangshi.jobs.signals import job_finished

    job = Job.objects.create(
        owner=hr_a, kind="imports.commit", title="导入教师", status="succeeded"
    )
    job_finished.send(sender=Job, job=job)
    job_finished.send(sender=Job, job=job)
    rows = Notification.objects.filter(user=hr_a, kind=Kind.JOB_FINISHED)
    assert rows.count() == 1
    assert rows[0].subject == f"job:{job.pk}"
    assert rows[0].link == "/jobs" and "导入教师" in rows[0].title


def test_the_management_commands_run_the_jobs(expiring, hr_a):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("alerts_daily", stdout=out)
    call_command("digest_daily", stdout=out)
    assert "created" in out.getvalue() and "digests" in out.getvalue()
    assert date.today() is not None


# --------------------------------------------------------------------------- languages


def test_the_nightly_alerts_read_in_the_language_the_reader_asks_for(expiring, hr_a, api):
    """Stored in Chinese (the digest's language); the API words them again in English when
    asked, levels included, and in Chinese by default."""
    teacher, cert = expiring
    services.alerts_daily()
    stored = Notification.objects.get(user=hr_a, kind=Kind.CERTIFICATE_EXPIRING)
    date = cert.expires_on.isoformat()
    assert stored.title == f"{teacher.name}：有证书将于 {date} 到期"
    assert stored.params["before"] in {"junior", "intermediate", "senior"}

    def read(**headers):
        rows = api(hr_a).get("/api/v1/notifications/", **headers).json()["results"]
        return {row["kind"]: row for row in rows}

    en = read(HTTP_ACCEPT_LANGUAGE="en")
    zh = read(HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert read() == zh  # Chinese by default
    assert en[Kind.CERTIFICATE_EXPIRING]["title"] == (
        f"{teacher.name}: a certificate expires on {date}"
    )
    assert en[Kind.CERTIFICATE_EXPIRING]["body"] == (
        "Without a renewal the level drops from Junior to Not dual-qualified."
    )
    assert zh[Kind.CERTIFICATE_EXPIRING]["title"] == stored.title
    assert zh[Kind.CERTIFICATE_EXPIRING]["body"] == stored.body
    assert "初级" in stored.body
    school = en[Kind.SCHOOL_FALLING_BELOW]
    assert school["title"].endswith(f"falls below the target on {school['due_on']}")
    assert school["body"] == (
        "If nothing changes, its dual-qualified share no longer exceeds the target."
    )
    assert en[Kind.LEVEL_DROPPING]["title"].startswith(f"{teacher.name}: the level drops on")


def test_a_finished_job_and_an_older_alert_read_in_either_language(hr_a, api):
    from shuangshi.jobs.models import Job

    job = Job.objects.create(owner=hr_a, kind="imports.commit", title="导入教师", status="failed")
    services.job_finished_notify(job=job)
    # A row stored before the parameters were: it keeps its words.
    services.notification_create(
        user=hr_a, kind=Kind.JOB_FINISHED, subject="job:old", title="导入完成", body="旧"
    )
    en = api(hr_a).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    titles = {row["subject"]: (row["title"], row["body"]) for row in en}
    # The step before the stored name (round 31: a check and a commit told apart).
    assert titles[f"job:{job.pk}"] == ("Commit an import · 导入教师 failed", "")
    assert titles["job:old"] == ("导入完成", "旧")
    zh = api(hr_a).get("/api/v1/notifications/").json()["results"]
    assert {row["subject"]: row["title"] for row in zh}[
        f"job:{job.pk}"
    ] == "确认导入 · 导入教师 失败"


def test_the_digest_is_in_the_language_the_user_chose(expiring, hr_a, api):
    """Chinese by default; a user who chose English gets the subject, the greeting and every
    alert in English; one stored without its parameters keeps its words."""
    teacher, cert = expiring
    hr_a.email = "hr_a@example.cn"
    hr_a.save()
    services.alerts_daily()
    services.notification_create(
        user=hr_a, kind=Kind.JOB_FINISHED, subject="job:old", title="导入完成", body="旧"
    )
    r = api(hr_a).patch("/api/v1/notifications/preferences/", {"language": "en"})
    assert r.status_code == 200
    assert r.json() == {
        "email_enabled": True,
        "email": "hr_a@example.cn",
        "email_active": True,
        "language": "en",
    }
    assert services.digest_daily()["sent"] == 1
    mail_ = mail.outbox[0]
    assert mail_.subject == "Shuangshi: 4 new alerts"
    date = cert.expires_on.isoformat()
    assert f"- {teacher.name}: a certificate expires on {date}" in mail_.body
    assert "- 导入完成\n  旧" in mail_.body
    assert "证书" not in mail_.body


def test_a_digest_of_one_alert_says_alert(hr_a):
    """The subject counts in each language's own way: one alert, not "1 new alerts"."""
    hr_a.email = "hr_a@example.cn"
    hr_a.save()
    services.notification_create(user=hr_a, kind=Kind.JOB_FINISHED, subject="job:1", title="完成")
    services.preference_set(user=hr_a, language="en")
    assert services.digest_daily()["sent"] == 1
    assert mail.outbox[0].subject == "Shuangshi: 1 new alert"
    services.notification_create(user=hr_a, kind=Kind.JOB_FINISHED, subject="job:2", title="完成")
    services.preference_set(user=hr_a, language="")  # the default: Chinese
    assert services.digest_daily(on=TODAY() + timedelta(days=1))["sent"] == 1
    assert mail.outbox[-1].subject == "双师型教师管理：1 条新提醒"


def test_the_digest_language_is_checked_and_kept_apart_from_the_switch(api, hr_a):
    client = api(hr_a)
    assert client.get("/api/v1/notifications/preferences/").json()["language"] == ""
    bad = client.patch("/api/v1/notifications/preferences/", {"language": "fr"})
    assert bad.status_code == 400 and "language" in bad.json()
    empty = client.patch("/api/v1/notifications/preferences/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert empty.status_code == 400
    assert empty.json() == {"email_enabled": ["Give email_enabled or language."]}
    client.patch("/api/v1/notifications/preferences/", {"language": "en"})
    off = client.patch("/api/v1/notifications/preferences/", {"email_enabled": False})
    assert off.json() == {
        "email_enabled": False,
        "email": "",
        "email_active": False,
        "language": "en",
    }
    back = client.patch("/api/v1/notifications/preferences/", {"language": ""})
    assert back.json()["language"] == ""
    assert api().patch("/api/v1/notifications/preferences/", {"language": "en"}).status_code == 401
