"""What a school HR clerk and a provincial official do, in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import login


def test_hr_opens_the_teachers_list_and_a_teacher(page: Page) -> None:
    login(page, "hr_a")
    page.get_by_role("menuitem", name="教师").click()
    expect(page).to_have_url(re.compile(r"/teachers"))
    expect(page.get_by_text(re.compile(r"共 \d+ 名教师"))).to_be_visible()
    rows = page.locator(".ant-table-tbody tr.ant-table-row")
    expect(rows.first).to_be_visible()
    name = rows.first.locator("a").first.inner_text()
    rows.first.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/teachers/\d+$"))
    expect(page.get_by_text(name).first).to_be_visible()
    expect(page.get_by_text("认定结果")).to_be_visible()
    expect(page.get_by_text("证书", exact=True)).to_be_visible()


def test_hr_searches_teachers(page: Page) -> None:
    login(page, "hr_a")
    page.goto("/teachers")
    first = page.locator(".ant-table-tbody tr.ant-table-row").first
    expect(first).to_be_visible()
    staff_no = first.locator("td").first.inner_text().strip()
    page.get_by_placeholder("姓名或工号").fill(staff_no)
    page.get_by_placeholder("姓名或工号").press("Enter")
    expect(page.get_by_text("共 1 名教师")).to_be_visible()


def test_unknown_page_says_404(page: Page) -> None:
    login(page, "hr_a")
    page.goto("/no-such-page")
    expect(page.get_by_text("404")).to_be_visible()
