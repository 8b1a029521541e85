"""Issue 12 in a real browser: HR opens teacher accounts for a selection in the teacher list
(the initial passwords shown once), and the province edits a recognition round."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import login


def test_hr_creates_teacher_accounts_from_a_selection(page: Page) -> None:
    login(page, "hr_a")
    page.goto("/teachers")
    button = page.get_by_test_id("create-teacher-accounts")
    expect(button).to_be_disabled()
    rows = page.locator(".ant-table-row")
    expect(rows.first).to_be_visible()
    names = [rows.nth(i).locator("td").nth(2).inner_text() for i in (3, 4)]
    for i in (3, 4):
        rows.nth(i).locator(".ant-checkbox-input").check()
    expect(button).to_contain_text("创建教师账号（2）")
    button.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("已创建教师账号")
    expect(dialog).to_contain_text("初始密码只显示这一次")
    table = dialog.get_by_test_id("teacher-accounts")
    expect(table.locator(".ant-table-row")).to_have_count(2)
    for name in names:
        expect(table).to_contain_text(name)
    expect(table.locator("code")).to_have_count(2)
    dialog.get_by_role("button", name=re.compile("OK|确 定|确定")).click()
    expect(button).to_be_disabled()
    # A second time the accounts exist: no new password.
    for i in (3, 4):
        rows.nth(i).locator(".ant-checkbox-input").check()
    button.click()
    expect(page.get_by_test_id("teacher-accounts")).to_contain_text("已有账号")
    expect(page.get_by_test_id("teacher-accounts").locator("code")).to_have_count(0)


def test_the_province_edits_a_round(page: Page) -> None:
    login(page, "province")
    page.goto("/recognition/rounds")
    page.locator(".ant-table-row").first.get_by_role("button", name=re.compile("编\\s?辑")).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("编辑批次")
    days = dialog.get_by_label("公示天数")
    days.fill("12")
    dialog.get_by_role("button", name=re.compile("OK|确 定|确定")).click()
    expect(page.locator(".ant-message")).to_contain_text("已保存")
    expect(page.locator(".ant-table-row").first.locator("td").nth(3)).to_have_text("12")
    page.reload()
    expect(page.locator(".ant-table-row").first.locator("td").nth(3)).to_have_text("12")
