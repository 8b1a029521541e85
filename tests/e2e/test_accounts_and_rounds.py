"""Issue 12 in a real browser: HR opens teacher accounts for a selection in the teacher list
(the initial passwords shown once), the province opens an expert's account and edits a
recognition round."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from .conftest import choose, login


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
    days_cell = page.locator(".ant-table-row").first.locator("td").nth(_column(page, "公示天数"))
    expect(days_cell).to_have_text("12")
    page.reload()
    expect(days_cell).to_have_text("12")


def _column(page: Page, header: str) -> int:
    """The index of the rounds table's column under ``header`` (the columns grow)."""
    headers = page.locator(".ant-table-thead th")
    expect(headers.filter(has_text=header)).to_have_count(1)
    return [h.strip() for h in headers.all_inner_texts()].index(header)


def test_the_province_opens_an_expert_account_to_assign_to_a_round(page: Page) -> None:
    username = f"expert_{time.time_ns() % 10**9}"  # new on every run of this instance
    login(page, "province")
    page.goto("/accounts")
    page.get_by_role("button", name=re.compile("新增账号")).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("用户名").fill(username)
    dialog.get_by_label("姓名").fill("严评审")
    choose(page, dialog.get_by_label("角色"), "认定专家")
    expect(dialog).to_contain_text("专家所在学校：不审核本校的申请，可不填")
    dialog.get_by_label("初始密码").fill("Str0ng-pass-2026")
    dialog.get_by_role("button", name=re.compile("保\\s*存")).click()
    expect(dialog).to_be_hidden()
    search = page.get_by_placeholder("用户名、姓名或邮箱")
    search.fill(username)
    search.press("Enter")
    row = page.locator(".ant-table-row", has_text=username)
    expect(row).to_contain_text("认定专家")
    # The round form offers the new expert.
    page.goto("/recognition/rounds")
    page.locator(".ant-table-row").first.get_by_role("button", name=re.compile("编\\s?辑")).click()
    form = page.get_by_role("dialog")
    form.get_by_label("评审专家").click()
    option = f"严评审 · {username}"  # the person's name first, then the login
    dropdown = page.locator(".ant-select-dropdown:visible")
    expect(dropdown.get_by_title(option, exact=True)).to_be_visible()
