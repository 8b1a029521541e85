"""An account without an e-mail address has no digest to turn on (round 48).

QA found the e-mail digest switch ON for an account with no address, so its user believed
digests were going somewhere. The preference now reads `email_active` beside the stored
choice (`email_enabled`, unchanged): digests go out only with an address. Turning the digest
on without an address is a 400 naming `email_enabled`; the daily job never sends to an empty
(or blank) address.
"""

import pytest
from django.core import mail

from shuangshi.accounts.models import User
from shuangshi.accounts.services import user_must_change_password_clear
from shuangshi.notifications import services
from shuangshi.notifications.models import Digest, Kind, Preference
from shuangshi.testing import Role, make_user

pytestmark = pytest.mark.django_db
URL = "/api/v1/notifications/preferences/"


def _notice(user: User, subject: str) -> None:
    assert services.notification_create(
        user=user, kind=Kind.JOB_FINISHED, subject=subject, title=f"导入完成 {subject}"
    )


def test_without_an_address_the_digest_reads_as_not_going_out(api, hr_a):
    assert hr_a.email == ""
    data = api(hr_a).get(URL).json()
    assert data["email"] == ""
    assert data["email_enabled"] is True  # the stored choice, as before
    assert data["email_active"] is False  # but nothing is sent: no address
    hr_a.email = "hr@example.cn"
    hr_a.save()
    data = api(hr_a).get(URL).json()
    assert (data["email_enabled"], data["email_active"]) == (True, True)
    api(hr_a).patch(URL, {"email_enabled": False}, format="json")
    data = api(hr_a).get(URL).json()
    assert (data["email_enabled"], data["email_active"]) == (False, False)


def test_turning_it_on_without_an_address_is_refused(api, hr_a, teacher_a):
    Preference.objects.create(user=hr_a, email_enabled=False)
    r = api(hr_a).patch(URL, {"email_enabled": True}, format="json")
    assert r.status_code == 400
    assert len(r.json()["email_enabled"]) == 1
    assert Preference.objects.get(user=hr_a).email_enabled is False  # nothing stored

    # Off, or only the language, is fine without an address.
    assert api(hr_a).patch(URL, {"email_enabled": False}, format="json").status_code == 200
    r = api(hr_a).patch(URL, {"language": "en"}, format="json")
    assert r.status_code == 200 and r.json()["language"] == "en"
    assert r.json()["email_active"] is False

    # A teacher's account alike; with an address it goes through.
    teacher = make_user("wangfang", Role.TEACHER, teacher=teacher_a)
    user_must_change_password_clear(user=teacher)
    teacher.refresh_from_db()
    assert api(teacher).patch(URL, {"email_enabled": True}, format="json").status_code == 400
    teacher.email = "wf@example.cn"
    teacher.save()
    r = api(teacher).patch(URL, {"email_enabled": True}, format="json")
    assert r.status_code == 200
    assert (r.json()["email_enabled"], r.json()["email_active"]) == (True, True)


def test_the_refusal_says_why(api, hr_a):
    r = api(hr_a).patch(URL, {"email_enabled": True}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400
    [message] = r.json()["email_enabled"]
    assert "e-mail address" in message


def test_anonymous_is_refused(api):
    assert api().get(URL).status_code == 401
    assert api().patch(URL, {"email_enabled": True}, format="json").status_code == 401


@pytest.mark.parametrize("address", ["", "   "])
def test_the_digest_job_skips_an_account_without_an_address(hr_a, hr_b, address):
    User.objects.filter(pk=hr_a.pk).update(email=address)  # as stored, however it got there
    Preference.objects.create(user=hr_a, email_enabled=True)
    hr_b.email = "hr_b@example.cn"
    hr_b.save()
    _notice(hr_a, "job:1")
    _notice(hr_b, "job:2")
    result = services.digest_daily()
    assert result["sent"] == 1
    [email] = mail.outbox
    assert email.to == ["hr_b@example.cn"]
    assert not Digest.objects.filter(user=hr_a).exists()
