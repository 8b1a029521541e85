"""Issue 13 in a real browser: a teacher sees their own practice-duty standing on their
record, and an alert's link (/teachers/<id>?certificate=<id>) marks that certificate."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import login


def test_a_teacher_sees_their_own_practice_duty_standing(page: Page) -> None:
    login(page, "teacher_a")
    rows = page.request.get("/api/v1/practice-duty/").json()["results"]
    assert len(rows) == 1, "a teacher is scoped to themself"
    mine = rows[0]
    page.goto("/me")
    # The header names the role in words (not the key roles.teacher).
    expect(page.get_by_test_id("user-menu")).to_contain_text("教师")
    expect(page.get_by_test_id("user-menu")).not_to_contain_text("roles.")
    card = page.get_by_test_id("my-duty")
    expect(card).to_contain_text("我的企业实践")
    expect(card).to_contain_text(f"{mine['days_in_window']} / {mine['required']} 天")
    expect(card).to_contain_text("应达到")
    expect(card).to_contain_text("尚缺天数")
    expect(card).to_contain_text("不足日期")


def test_an_alert_link_marks_the_certificate_it_is_about(page: Page) -> None:
    login(page, "hr_a")
    found = page.request.get("/api/v1/certificates/?page_size=5").json()["results"]
    certificate = found[-1]
    page.goto(f"/teachers/{certificate['teacher']}?certificate={certificate['id']}")
    row = page.locator(f'tr[data-row-key="{certificate["id"]}"]')
    expect(row).to_have_class(re.compile("ant-table-row-selected"))
    expect(row).to_contain_text("提醒所指的证书")
    expect(page.get_by_text("提醒所指的证书")).to_have_count(1)
