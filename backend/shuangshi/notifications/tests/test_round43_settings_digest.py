"""Round 43: a PATCH of the lead times that changes nothing is no new version (no history);
the daily digest carries only what is new and still unread."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.utils import timezone

from shuangshi.notifications import services
from shuangshi.notifications.models import AlertSettings, Kind, Notification

pytestmark = pytest.mark.django_db

SETTINGS = "/api/v1/alert-settings/"


def history() -> int:
    return LogEntry.objects.get_for_model(AlertSettings).count()


def test_a_patch_that_changes_nothing_keeps_the_version_and_history(api, province):
    r = api(province).patch(SETTINGS, {"level_dropping_days": 30, "version": 1})
    assert r.status_code == 200 and r.json()["version"] == 2
    before = history()
    read = api(province).get(SETTINGS).json()
    same = api(province).patch(SETTINGS, {"level_dropping_days": 30, "version": 2})
    assert same.status_code == 200
    assert same.json() == read
    assert AlertSettings.objects.get(pk=1).version == 2
    assert history() == before
    # Everything it read, sent back as read: nothing changes either.
    again = api(province).patch(SETTINGS, read)
    assert again.status_code == 200 and again.json()["version"] == 2
    assert history() == before
    # The next real change still goes through with the version read.
    r = api(province).patch(SETTINGS, {"level_dropping_days": 40, "version": 2})
    assert r.status_code == 200 and r.json()["version"] == 3
    assert history() == before + 1


def test_a_patch_of_the_defaults_before_any_change_stores_nothing(api, province):
    r = api(province).patch(SETTINGS, {"level_dropping_days": 60, "version": 1})
    assert r.status_code == 200
    assert r.json()["version"] == 1 and r.json()["level_dropping_days"] == 60
    assert not AlertSettings.objects.exists()
    assert history() == 0


def test_a_stale_version_is_refused_even_when_nothing_changes(api, province):
    api(province).patch(SETTINGS, {"level_dropping_days": 30, "version": 1})
    stale = api(province).patch(SETTINGS, {"level_dropping_days": 30, "version": 1})
    assert stale.status_code == 409
    assert stale.json()["current"]["version"] == 2


def notice(user, subject):
    note = services.notification_create(
        user=user, kind=Kind.JOB_FINISHED, subject=subject, title=f"导入完成 {subject}"
    )
    assert note is not None
    return note


def test_the_digest_leaves_out_what_was_read_in_the_app(hr_a):
    hr_a.email = "hr_a@example.cn"
    hr_a.save()
    read = notice(hr_a, "job:1")
    unread = notice(hr_a, "job:2")
    services.notification_read(notification=read, user=hr_a)
    assert services.digest_daily()["sent"] == 1
    [email] = mail.outbox
    assert unread.title in email.body
    assert read.title not in email.body
    read.refresh_from_db()
    assert read.emailed_at is None  # it was never e-mailed


def test_nothing_unread_means_no_digest(hr_a):
    hr_a.email = "hr_a@example.cn"
    hr_a.save()
    notice(hr_a, "job:1")
    notice(hr_a, "job:2")
    services.notifications_read_all(user=hr_a)
    assert services.digest_daily()["sent"] == 0
    assert mail.outbox == []
    # Something new the next day: a digest of it alone.
    fresh = notice(hr_a, "job:3")
    assert services.digest_daily(on=timezone.localdate() + timedelta(days=1))["sent"] == 1
    [email] = mail.outbox
    assert fresh.title in email.body
    assert Notification.objects.filter(user=hr_a, emailed_at__isnull=False).count() == 1
