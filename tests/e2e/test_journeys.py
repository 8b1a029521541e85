"""What a school HR clerk and a provincial official do, in a real browser."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect
from shuangshi.common.idnumbers import make_id_number

from .conftest import choose, login


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
    expect(page.get_by_text("测算结果", exact=True)).to_be_visible()
    expect(page.get_by_text("证书", exact=True)).to_be_visible()


def test_hr_searches_teachers(page: Page) -> None:
    login(page, "hr_a")
    page.goto("/teachers")
    # A demo teacher's row: teachers other journeys add may have no staff number (it is
    # optional) and sort first.
    first = page.locator(
        ".ant-table-tbody tr.ant-table-row", has_text=re.compile(r"JX001-\d{4}")
    ).first
    expect(first).to_be_visible()
    # The first cell is the row's selection box; the staff number is the cell that holds one.
    cells = [text.strip() for text in first.locator("td").all_inner_texts()]
    staff_no = next(text for text in cells if re.fullmatch(r"JX001-\d{4}", text))
    page.get_by_placeholder("姓名、工号或专业").fill(staff_no)
    page.get_by_placeholder("姓名、工号或专业").press("Enter")
    expect(page.get_by_text("共 1 名教师")).to_be_visible()


def test_unknown_page_says_404(page: Page) -> None:
    login(page, "hr_a")
    page.goto("/no-such-page")
    expect(page.get_by_text("404")).to_be_visible()


def _id_number(serial: int, male: bool) -> str:
    """A valid 18-character ID number born 1990-01-01 (the backend's own generator)."""
    gender = "male" if male else "female"
    return make_id_number("360102", date(1990, 1, 1), serial * 2 + (1 if male else 0), gender)


def _pick(page: Page, label: str, option: str) -> None:
    """Choose an option of an antd Select found by its form label."""
    choose(page, page.locator("form, .ant-select").get_by_label(label, exact=True).first, option)


def _date(page: Page, label: str, value: str) -> None:
    field = page.locator("form").get_by_label(label, exact=True)
    field.click()
    field.fill(value)
    # Enter would also submit the form; leaving the field keeps the typed date.
    field.press("Tab")
    expect(field).to_have_value(value)


def test_hr_adds_a_teacher_with_a_certificate(page: Page) -> None:
    login(page, "hr_a")
    page.goto("/teachers")
    page.get_by_role("button", name="新增教师").click()
    expect(page).to_have_url(re.compile(r"/teachers/new$"))
    form = page.locator("form")
    form.get_by_label("姓名", exact=True).fill("测试新教师")
    form.get_by_label("工号", exact=True).fill("E2E-0001")
    form.get_by_label("身份证号", exact=True).fill(_id_number(417, male=True))
    expect(form.get_by_label("出生日期", exact=True)).to_have_value("1990-01-01")
    _pick(page, "学历", "本科")
    _pick(page, "教学职称", "讲师")
    _date(page, "入职日期", "2015-09-01")
    _date(page, "任教起始日期", "2015-09-01")
    page.get_by_role("button", name="保 存").click()
    expect(page).to_have_url(re.compile(r"/teachers/\d+$"))
    expect(page.get_by_text("测试新教师").first).to_be_visible()

    page.get_by_role("button", name="添加证书").click()
    dialog = page.get_by_role("dialog")
    _pick(page, "等级/类型", "中等职业学校教师资格")
    dialog.get_by_label("证书名称").fill("教师资格证")
    dialog.get_by_label("证书编号").fill("E2E-TQ-1")
    _date(page, "发证日期", "2016-07-01")
    dialog.get_by_role("button", name="保 存").click()
    expect(dialog).to_be_hidden()
    row = page.locator(".ant-table-row", has_text="E2E-TQ-1")
    expect(row).to_be_visible()
    expect(row).to_contain_text("教师资格证")


def test_hr_sees_server_errors_on_the_field(page: Page) -> None:
    login(page, "hr_a")
    page.goto("/teachers")
    first = page.locator(".ant-table-tbody tr.ant-table-row").first
    staff_no = first.locator("td").first.inner_text().strip()
    page.goto("/teachers/new")
    form = page.locator("form")
    form.get_by_label("姓名", exact=True).fill("重复工号")
    form.get_by_label("工号", exact=True).fill(staff_no)
    form.get_by_label("身份证号", exact=True).fill(_id_number(418, male=False))
    _pick(page, "学历", "本科")
    _date(page, "入职日期", "2020-09-01")
    page.get_by_role("button", name="保 存").click()
    error = page.locator("#staff_no_help, .ant-form-item-has-error").first
    expect(error).to_be_visible()
    expect(page).to_have_url(re.compile(r"/teachers/new$"))


def test_province_dashboard_city_filter_drill_down_and_english(page: Page) -> None:
    login(page, "province")
    expect(page).to_have_url(re.compile(r"/dashboard"))
    expect(page.get_by_text("全省“双师型”教师概览")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"全省 · 双师型教师占比"))).to_be_visible()
    below = page.locator(".ant-card", has_text="未达标学校")
    first = below.locator(".ant-table-row").first
    expect(first).to_be_visible()
    city = first.locator("td").nth(2).inner_text().strip()

    _pick(page, "设区市", city)
    expect(page).to_have_url(re.compile(r"city=\d+"))
    expect(page.get_by_role("img", name=re.compile(rf"{city}市? · 双师型教师占比"))).to_be_visible()
    rows = below.locator(".ant-table-row")
    expect(rows.first).to_contain_text(city)
    for i in range(rows.count()):
        expect(rows.nth(i).locator("td").nth(2)).to_have_text(city)
    link = rows.first.locator("a").first
    school = link.inner_text()
    link.click()
    expect(page).to_have_url(re.compile(r"/schools/\d+$"))
    expect(page.get_by_role("heading", name=school)).to_be_visible()
    expect(page.get_by_text("师资配备")).to_be_visible()
    expect(page.get_by_text("最接近符合条件的教师")).to_be_visible()
    page.get_by_text("English", exact=True).click()
    expect(page.get_by_text("Staffing")).to_be_visible()
    expect(page.get_by_text("Closest to qualifying")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_city_official_sees_only_their_city(page: Page) -> None:
    login(page, "city_nc")
    expect(page).to_have_url(re.compile(r"/dashboard"))
    city = page.locator(".ant-select", has_text="南昌")
    expect(city).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"南昌市 · 双师型教师占比"))).to_be_visible()
    expect(page.get_by_test_id("dashboard-title")).to_have_text("南昌市“双师型”教师概览")
    expect(page.get_by_role("menuitem", name="南昌市概览")).to_be_visible()
    page.get_by_role("menuitem", name="教师").click()
    expect(page.get_by_text(re.compile(r"共 \d+ 名教师"))).to_be_visible()
    expect(page.get_by_role("button", name="新增教师")).to_have_count(0)


def test_login_page_in_english_after_switch(page: Page) -> None:
    page.goto("/login")
    expect(page.get_by_role("button", name="登 录")).to_be_visible()
    page.get_by_text("English", exact=True).click()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page.reload()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page.get_by_label("Username").fill("hr_a")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".ant-alert-error")).to_be_visible()
