"""Round 51 (QA): an alert stays open after its day until the cause is fixed, but it went on
reading as a warning of what will happen: on 12-25, "有证书将于 2026-12-23 到期". Read after its
day, a dated alert now says what happened, in the reader's language, and a search finds it
by the words it is read with."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def titles(client, **params_and_headers):
    response = client.get(URL, params_and_headers.pop("q", {}), **params_and_headers)
    assert response.status_code == 200, response.content
    return {row["kind"]: (row["title"], row["body"]) for row in response.json()["results"]}


@pytest.fixture
def expiring(school_a):
    """王芳's certificate expires in 30 days: her school's HR is alerted (the certificate, and
    the level dropping to none the day after)."""
    testing.make_teacher_whose_certificate_expires(
        school_a, expires_on=timezone.localdate() + timedelta(days=30), name="王芳"
    )
    services.alerts_daily()


def move_days(kind: str, days: int) -> str:
    """The alerts of ``kind`` as if made for a day ``days`` from today: its new day."""
    day = timezone.localdate() + timedelta(days=days)
    for n in Notification.objects.filter(kind=kind):
        n.due_on = day
        n.params = {**n.params, "date": day.isoformat()}
        n.save(update_fields=["due_on", "params"])
    return day.isoformat()


def test_before_its_day_an_alert_warns(api, hr_a, expiring):
    day = (timezone.localdate() + timedelta(days=30)).isoformat()
    read = titles(api(hr_a))
    assert read[Kind.CERTIFICATE_EXPIRING] == (
        f"王芳：有证书将于 {day} 到期",
        "如不续期，等级将由初级降为不符合条件。",
    )


def test_after_its_day_it_says_what_happened_in_chinese_and_english(api, hr_a, expiring):
    expired = move_days(Kind.CERTIFICATE_EXPIRING, -2)
    dropped = move_days(Kind.LEVEL_DROPPING, -1)
    read = titles(api(hr_a))
    assert read[Kind.CERTIFICATE_EXPIRING] == (
        f"王芳：有证书已于 {expired} 到期",
        "未续期，等级已由初级降为不符合条件。",
    )
    assert read[Kind.LEVEL_DROPPING][0] == f"王芳：测算等级已于 {dropped} 下降"
    english = titles(api(hr_a), **EN)
    assert english[Kind.CERTIFICATE_EXPIRING][0] == f"王芳: a certificate expired on {expired}"
    assert english[Kind.LEVEL_DROPPING] == (
        f"王芳: the level dropped on {dropped}",
        "From Junior to Not dual-qualified.",
    )


def test_on_its_day_it_still_warns(api, hr_a, expiring):
    today = move_days(Kind.CERTIFICATE_EXPIRING, 0)
    assert titles(api(hr_a))[Kind.CERTIFICATE_EXPIRING][0] == f"王芳：有证书将于 {today} 到期"


def test_a_search_finds_an_alert_by_the_words_it_is_read_with(api, hr_a, expiring):
    move_days(Kind.CERTIFICATE_EXPIRING, -2)
    client = api(hr_a)
    assert list(titles(client, q={"search": "expired"}, **EN)) == [Kind.CERTIFICATE_EXPIRING]
    assert list(titles(client, q={"search": "expires"}, **EN)) == []
    assert list(titles(client, q={"search": "level drops"}, **EN)) == [Kind.LEVEL_DROPPING]
    assert list(titles(client, q={"search": "已于"})) == [Kind.CERTIFICATE_EXPIRING]
