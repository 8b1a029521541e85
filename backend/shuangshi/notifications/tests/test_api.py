import pytest

from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


def note(user, subject="job:1"):
    return services.notification_create(
        user=user, kind=Kind.JOB_FINISHED, subject=subject, title="导入完成", link="/imports"
    )


def test_a_user_lists_and_counts_only_their_own(api, hr_a, hr_b):
    mine = note(hr_a)
    note(hr_a, "job:2")
    note(hr_b)
    r = api(hr_a).get("/api/v1/notifications/")
    assert r.status_code == 200
    assert {row["id"] for row in r.json()["results"]} >= {mine.pk}
    assert all(row["kind"] == "job_finished" for row in r.json()["results"])
    assert r.json()["count"] == 2
    assert api(hr_a).get("/api/v1/notifications/unread-count/").json() == {"unread": 2}


def test_reading_one_and_all(api, hr_a, hr_b):
    mine = note(hr_a)
    note(hr_a, "job:2")
    theirs = note(hr_b)
    r = api(hr_a).post(f"/api/v1/notifications/{mine.pk}/read/")
    assert r.status_code == 200 and r.json()["read_at"]
    assert api(hr_a).get("/api/v1/notifications/unread-count/").json() == {"unread": 1}
    assert api(hr_a).get("/api/v1/notifications/?unread=true").json()["count"] == 1
    assert api(hr_a).post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert api(hr_a).post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_is_refused(api):
    assert api().get("/api/v1/notifications/").status_code == 401
    assert api().get("/api/v1/notifications/unread-count/").status_code == 401


def test_a_user_turns_their_email_off(api, hr_a):
    hr_a.email = "hr@example.cn"
    hr_a.save()
    assert api(hr_a).get("/api/v1/notifications/preferences/").json() == {
        "email_enabled": True,
        "email": "hr@example.cn",
        "email_active": True,  # round 48: whether digests go out (an address on file)
        "language": "",
    }
    r = api(hr_a).patch("/api/v1/notifications/preferences/", {"email_enabled": False})
    assert r.status_code == 200 and r.json()["email_enabled"] is False
    bad = api(hr_a).patch("/api/v1/notifications/preferences/", {"email_enabled": "maybe"})
    assert bad.status_code == 400 and "email_enabled" in bad.json()


def test_the_province_sets_lead_times_and_hr_cannot(api, province, hr_a):
    r = api(hr_a).get("/api/v1/alert-settings/")
    assert r.status_code == 200 and r.json()["certificate_expiring_days"] == 90
    assert (
        api(hr_a).patch("/api/v1/alert-settings/", {"level_dropping_days": 30}).status_code == 403
    )
    r = api(province).patch("/api/v1/alert-settings/", {"level_dropping_days": 30, "version": 1})
    assert r.status_code == 200 and r.json()["level_dropping_days"] == 30
    stale = api(province).patch(
        "/api/v1/alert-settings/", {"level_dropping_days": 20, "version": 1}
    )
    assert stale.status_code == 409
    bad = api(province).patch("/api/v1/alert-settings/", {"level_dropping_days": 0})
    assert bad.status_code == 400 and "level_dropping_days" in bad.json()


def test_notification_rows_are_unique_per_subject_and_due_date(hr_a):
    note(hr_a)
    assert note(hr_a) is None
    assert Notification.objects.filter(user=hr_a).count() == 1


def test_alert_settings_change_only_naming_the_version_read(api, province):
    # Round 40 (exploratory QA): a PATCH without a version overwrote whatever was there.
    client = api(province)
    read = client.get("/api/v1/alert-settings/").json()
    response = client.patch("/api/v1/alert-settings/", {"level_dropping_days": 10}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    assert client.get("/api/v1/alert-settings/").json()["version"] == read["version"]
    response = client.patch(
        "/api/v1/alert-settings/",
        {"level_dropping_days": 10, "version": read["version"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["level_dropping_days"] == 10


def test_an_account_moved_to_another_school_loses_the_old_schools_alerts(api, hr_a, school_b):
    # Round 40 (exploratory QA): after a move, HR still read alerts naming the old school's
    # teachers, whose records answered 404.
    from shuangshi.accounts import services as accounts
    from shuangshi.notifications import services

    services.notification_create(
        user=hr_a, kind="certificate_expiring", subject="teacher:1", title="证书将到期"
    )
    services.notification_create(user=hr_a, kind="job_finished", subject="job:1", title="导出完成")
    assert api(hr_a).get("/api/v1/notifications/unread-count/").json()["unread"] == 2
    accounts.user_update(user=hr_a, data={"first_name": "新名"})
    assert api(hr_a).get("/api/v1/notifications/unread-count/").json()["unread"] == 2  # same scope
    accounts.user_update(user=hr_a, data={"school": school_b})
    kinds = [n["kind"] for n in api(hr_a).get("/api/v1/notifications/").json()["results"]]
    assert kinds == ["job_finished"]  # their own job's notice stays
