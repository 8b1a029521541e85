"""A school HR clerk edits a teacher, in a real browser: the edit form saves without a picked
effective date (it holds from today), and leaving it with the edit unsaved asks first."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from .conftest import login

MAJOR = "E2E 智能制造技术"


def _major(page: Page) -> Locator:
    """The 专业 value on the teacher's page (not 专业大类's)."""
    label = page.locator(".ant-descriptions-item-label").filter(
        has_text=re.compile(r"^\s*专业\s*$")
    )
    return label.locator("xpath=following-sibling::*[1]")


def _edit_major(page: Page, major: str) -> None:
    """Open the edit form, set 专业, leave 变更生效日期 empty and save."""
    page.get_by_role("button", name="编 辑").click()
    expect(page).to_have_url(re.compile(r"/teachers/\d+/edit$"))
    form = page.locator("form")
    field = form.get_by_label("专业", exact=True)
    expect(field).to_be_editable()
    field.fill(major)
    expect(form.get_by_label("变更生效日期", exact=True)).to_have_value("")
    page.get_by_role("button", name="保 存").click()


def test_hr_edits_a_teacher_without_picking_the_effective_date(page: Page) -> None:
    login(page, "hr_a")
    page.goto("/teachers")
    # A demo teacher of the school (teachers other journeys add may sort first).
    row = page.locator(
        ".ant-table-tbody tr.ant-table-row", has_text=re.compile(r"JX001-\d{4}")
    ).first
    expect(row).to_be_visible()
    row.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/teachers/\d+$"))
    teacher_url = page.url
    expect(_major(page)).to_be_visible()
    before = _major(page).inner_text().strip()
    assert before != MAJOR

    # Typed, then Back: the form asks first; staying keeps what was typed.
    page.get_by_role("button", name="编 辑").click()
    expect(page).to_have_url(re.compile(r"/teachers/\d+/edit$"))
    edit_url = page.url
    field = page.locator("form").get_by_label("专业", exact=True)
    expect(field).to_be_editable()
    field.fill(MAJOR)
    page.evaluate("history.back()")
    confirm = page.locator(".ant-modal-confirm").filter(has_text="有未保存的修改")
    expect(confirm).to_be_visible()
    confirm.get_by_role("button", name="留在此页").click()
    expect(confirm).to_be_hidden()
    expect(page).to_have_url(edit_url)
    expect(field).to_have_value(MAJOR)

    # Saved with 变更生效日期 left empty: on to the teacher's page, unasked, with the new major.
    expect(page.locator("form").get_by_label("变更生效日期", exact=True)).to_have_value("")
    page.get_by_role("button", name="保 存").click()
    expect(page).to_have_url(teacher_url)
    expect(page.locator(".ant-message")).to_contain_text("已保存")
    expect(_major(page)).to_have_text(MAJOR)
    expect(page.locator(".ant-modal-confirm")).to_have_count(0)
    # Stored, not only shown: read again from the server.
    page.reload()
    expect(_major(page)).to_have_text(MAJOR)

    # The teacher as other journeys found them (the same form, the same empty date).
    _edit_major(page, "" if before in ("", "—") else before)
    expect(page).to_have_url(teacher_url)
    expect(_major(page)).to_have_text(before or "—")
