"""HR hears of an expiring certificate, renews it, and the alert is resolved (issue 13)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import login, manage
from .test_hr_journeys import _add_certificate

TEACHER = "续证老师"

# A junior teacher of hr_a's school whose only teacher-qualification certificate expires in
# 30 days (with 200 days of practice): the expiry lowers the level, so an alert is due.
SETUP = f"""
from datetime import timedelta
from django.utils import timezone
from shuangshi import testing
from shuangshi.accounts.models import User
hr = User.objects.get(username="hr_a")
today = timezone.localdate()
t = testing.make_teacher(hr.school, name="{TEACHER}")
testing.make_certificate(t, number="E2E-RENEW-OLD", expires_on=today + timedelta(days=30))
testing.make_period(t, start_on=today - timedelta(days=199), end_on=today)
"""


def test_hr_renews_an_expiring_certificate_from_its_alert(page: Page, e2e_server: str) -> None:
    manage("shell", "-c", SETUP)
    manage("alerts_daily")
    login(page, "hr_a")
    bell = page.get_by_test_id("notification-bell")
    expect(bell).to_have_accessible_name(re.compile(r"消息提醒：[1-9]\d* 条未读"))
    bell.click()
    expect(page).to_have_url(re.compile(r"/notifications$"))
    alert = page.get_by_test_id("notification").filter(has_text=TEACHER).filter(has_text="证书到期")
    expect(alert).to_have_count(1)
    alert.click()
    expect(page).to_have_url(re.compile(r"/teachers/\d+\?certificate=\d+$"))
    expect(page.get_by_text(TEACHER).first).to_be_visible()
    _add_certificate(
        page, "教师资格证", "中等职业学校教师资格", "教师资格证", "E2E-RENEW-NEW", "2026-11-01"
    )
    page.get_by_test_id("notification-bell").click()
    page.get_by_text("全部", exact=True).click()
    renewed = page.get_by_test_id("notification").filter(has_text=TEACHER)
    # The certificate's alert (and the level-drop alert it caused) no longer hold.
    expect(renewed.filter(has_text="证书到期").filter(has_text="已解除")).to_have_count(1)
    expect(renewed.filter(has_text="已解除")).to_have_count(renewed.count())


BILINGUAL = "双语老师"

# Like SETUP, with an ID number and staff number of its own (each shell counts from the start).
BILINGUAL_SETUP = (
    SETUP.replace(TEACHER, BILINGUAL)
    .replace("E2E-RENEW-OLD", "E2E-LANG")
    .replace(
        f'name="{BILINGUAL}")',
        f'name="{BILINGUAL}", staff_no="E2E-LANG", id_number=testing.make_id_number('
        '"360102", date(1988, 8, 8), 461, "male"))',
    )
    .replace("from datetime import timedelta", "from datetime import date, timedelta")
)


def test_an_alert_reads_in_the_language_of_the_switch(page: Page, e2e_server: str) -> None:
    """The nightly job stores an alert once; the screen's switch words it again, without a
    reload, because the API is asked in the screen's language (round 25)."""
    manage("shell", "-c", BILINGUAL_SETUP)
    manage("alerts_daily")
    login(page, "hr_a")
    page.get_by_test_id("notification-bell").click()
    expect(page).to_have_url(re.compile(r"/notifications$"))
    alert = page.get_by_test_id("notification").filter(has_text=BILINGUAL)
    expiring = alert.filter(has_text="证书到期")
    expect(expiring).to_have_count(1)
    expect(expiring).to_contain_text(re.compile(rf"{BILINGUAL}：有证书将于 \d{{4}}-\d\d-\d\d 到期"))
    # The header's switch (the digest card has a language choice of its own).
    page.get_by_label("语言", exact=True).get_by_text("English").click()
    expiring = alert.filter(has_text="Certificate expiring")
    expect(expiring).to_have_count(1)
    expect(expiring).to_contain_text(
        re.compile(rf"{BILINGUAL}: a certificate expires on \d{{4}}-\d\d-\d\d")
    )
    expect(expiring).to_contain_text("Without a renewal the level drops from")
    expect(expiring).not_to_contain_text("到期")
    page.get_by_label("Language", exact=True).get_by_text("中文").click()
    expect(alert.filter(has_text="证书到期")).to_have_count(1)
