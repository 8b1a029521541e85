"""A school HR clerk adds a dual-qualified teacher and imports a workbook, in a real browser."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook, load_workbook
from playwright.sync_api import Locator, Page, expect

from .conftest import login
from .test_journeys import _date, _id_number, _pick

# Serials for `_id_number` that no other e2e test uses (test_journeys.py has 417 and 418).
NEW_TEACHER_SERIAL = 451
IMPORT_SERIALS = (452, 453, 454)

TEACHER_HEADERS = [
    "姓名",
    "身份证号",
    "工号",
    "性别",
    "出生日期",
    "用工类型",
    "课程类型",
    "专业",
    "学历",
    "职教师范毕业",
    "教学职称",
    "入职日期",
    "任教起始日期",
    "离职日期",
    "专业大类",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _statistic(page: Page, title: str) -> Locator:
    """The value (with its suffix) of the antd Statistic with this exact title."""
    box = page.locator(".ant-statistic").filter(has=page.get_by_text(title, exact=True))
    return box.locator(".ant-statistic-content")


def _school_figures(page: Page) -> tuple[int, int, float]:
    """(qualified, in scope, ratio in %) as the school overview shows them."""
    qualified = _statistic(page, "双师型教师")
    expect(qualified).to_have_text(re.compile(r"^\s*\d+\s*/\s*\d+\s*$"))
    match = re.search(r"(\d+)\s*/\s*(\d+)", qualified.inner_text())
    assert match, qualified.inner_text()
    ratio = _statistic(page, "占比")
    expect(ratio).to_have_text(re.compile(r"^\s*\d+(\.\d+)?%\s*$"))
    return int(match[1]), int(match[2]), float(ratio.inner_text().strip().rstrip("%"))


def _add_certificate(
    page: Page,
    kind: str,
    level: str,
    name: str,
    number: str,
    issued: str,
    category: str | None = None,
) -> None:
    page.get_by_role("button", name="添加证书").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    _pick(page, "证书类别", kind)
    _pick(page, "等级/类型", level)
    dialog.get_by_label("证书名称").fill(name)
    dialog.get_by_label("证书编号").fill(number)
    if category is not None:
        _pick(page, "专业大类", category)
    _date(page, "发证日期", issued)
    dialog.get_by_role("button", name="保 存").click()
    expect(dialog).to_be_hidden()
    row = page.locator(".ant-table-row", has_text=number)
    expect(row).to_be_visible()
    expect(row).to_contain_text(kind)
    expect(row).to_contain_text(level)


def test_hr_adds_a_qualified_teacher_and_the_ratio_moves(page: Page) -> None:
    login(page, "hr_a")
    page.get_by_role("menuitem", name="本校概览").click()
    expect(page).to_have_url(re.compile(r"/my-school$"))
    qualified, in_scope, ratio = _school_figures(page)
    assert 0 < in_scope and qualified < in_scope

    # A full-time professional-course teacher (the form's defaults), hired before the 2023 rules.
    page.get_by_role("menuitem", name="教师").click()
    page.get_by_role("button", name="新增教师").click()
    expect(page).to_have_url(re.compile(r"/teachers/new$"))
    form = page.locator("form")
    expect(form.get_by_label("用工类型", exact=True).locator("xpath=../..")).to_contain_text("专任")
    expect(form.get_by_label("课程类型", exact=True).locator("xpath=../..")).to_contain_text(
        "专业课"
    )
    form.get_by_label("姓名", exact=True).fill("双师新教师")
    form.get_by_label("工号", exact=True).fill("E2E-DQ-0001")
    form.get_by_label("身份证号", exact=True).fill(_id_number(NEW_TEACHER_SERIAL, male=False))
    expect(form.get_by_label("出生日期", exact=True)).to_have_value("1990-01-01")
    _pick(page, "学历", "本科")
    _pick(page, "教学职称", "讲师")
    _pick(page, "专业大类", "46 装备制造")
    _date(page, "入职日期", "2014-09-01")
    _date(page, "任教起始日期", "2014-09-01")
    page.get_by_role("button", name="保 存").click()
    expect(page).to_have_url(re.compile(r"/teachers/\d+$"))
    expect(page.get_by_text("双师新教师").first).to_be_visible()

    verdict = (
        page.get_by_test_id("qualification-card")
        .locator(".ant-descriptions-item", has_text="测算等级")
        .locator(".ant-tag")
        .first
    )
    # In scope but nothing to show yet.
    expect(verdict).to_have_text("不符合条件")

    _add_certificate(
        page, "教师资格证", "中等职业学校教师资格", "教师资格证", "E2E-DQ-TQ", "2014-07-01"
    )
    expect(page.locator(".ant-message")).to_contain_text("已保存（测算结果：不符合条件）")
    _add_certificate(
        page, "职业技能等级证书", "四级/中级工", "电工", "E2E-DQ-SK", "2018-06-01", "46 装备制造"
    )
    # Basic certificate + E_SKILL evidence in the teacher's field: dual-qualified, and the
    # save says what changed.
    expect(verdict).to_have_text(re.compile(r"^(初级|中级|高级)$"))
    expect(page.locator(".ant-message")).to_contain_text(
        re.compile(r"已保存：不符合条件 → (初级|中级|高级)")
    )
    expect(verdict).not_to_have_text("不符合条件")

    # Back through the sidebar, not a reload: the page must not show the figures it cached.
    page.get_by_role("menuitem", name="本校概览").click()
    expect(page).to_have_url(re.compile(r"/my-school$"))
    expect(_statistic(page, "双师型教师")).to_have_text(
        re.compile(rf"^\s*{qualified + 1}\s*/\s*{in_scope + 1}\s*$")
    )
    after = _school_figures(page)
    assert after[:2] == (qualified + 1, in_scope + 1)
    assert after[2] != ratio
    assert abs(after[2] - 100 * (qualified + 1) / (in_scope + 1)) <= 0.051
    # One more qualified teacher out of one more in scope raises the share (qualified < in scope).
    assert after[2] > ratio


def _teachers_workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "教师"
    sheet.append(TEACHER_HEADERS)
    for row in rows:
        sheet.append(row)
    # ID numbers are text, as the template asks.
    for cell in sheet["B"]:
        cell.number_format = "@"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _teacher_row(name: str, id_number: str, staff_no: str, gender: str) -> list[object]:
    return [
        name,
        id_number,
        staff_no,
        gender,
        "1990-01-01",
        "专任",
        "专业课",
        "机电一体化技术",
        "本科",
        "否",
        "讲师",
        "2016-09-01",
        "2016-09-01",
        None,
        "装备制造",
    ]


def _wrong_check_digit(id_number: str) -> str:
    last = id_number[-1]
    return id_number[:-1] + ("0" if last != "0" else "1")


def test_hr_imports_a_workbook_fixes_the_bad_row_and_commits(page: Page) -> None:
    login(page, "hr_a")
    page.get_by_role("menuitem", name="批量导入").click()
    expect(page).to_have_url(re.compile(r"/imports$"))
    page.get_by_role("radio", name="教师", exact=True).check()
    expect(page.get_by_role("radio", name="教师", exact=True)).to_be_checked()

    # The template the page hands out has the header row this workbook uses.
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("下载模板")).click()
    template = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert [c.value for c in template["教师"][1]] == TEACHER_HEADERS

    numbers = [_id_number(s, male=i % 2 == 0) for i, s in enumerate(IMPORT_SERIALS)]
    genders = ["男", "女", "男"]
    people = [
        ("导入教师甲", "E2E-IMP-01"),
        ("导入教师乙", "E2E-IMP-02"),
        ("导入教师丙", "E2E-IMP-03"),
    ]
    good = [
        _teacher_row(name, number, staff_no, gender)
        for (name, staff_no), number, gender in zip(people, numbers, genders, strict=True)
    ]
    bad = [list(row) for row in good]
    bad[1][1] = _wrong_check_digit(numbers[1])  # Excel row 3: header is row 1

    page.get_by_role("button", name="上传文件").click()
    upload = page.locator("input[type=file]")
    upload.set_input_files(
        files=[{"name": "教师-有错.xlsx", "mimeType": XLSX, "buffer": _teachers_workbook(bad)}]
    )
    expect(page.get_by_text("存在错误，修正后重新上传。")).to_be_visible()
    expect(_statistic(page, "总行数")).to_have_text("3")
    expect(_statistic(page, "有错误")).to_have_text("1")
    errors = page.locator(".ant-table-tbody tr.ant-table-row")
    expect(errors.first).to_be_visible()
    bad_id = errors.filter(has=page.get_by_role("cell", name="身份证号", exact=True))
    expect(bad_id).to_have_count(1)
    expect(bad_id.locator("td").nth(0)).to_have_text("3")
    expect(bad_id.locator("td").nth(2)).to_have_text(bad[1][1])
    for i in range(errors.count()):
        expect(errors.nth(i).locator("td").nth(0)).to_have_text("3")
    expect(page.get_by_role("button", name="确认导入")).to_be_disabled()

    page.get_by_role("button", name="上传文件").click()
    upload.set_input_files(
        files=[{"name": "教师.xlsx", "mimeType": XLSX, "buffer": _teachers_workbook(good)}]
    )
    expect(page.get_by_text("3 行检查通过，可以导入。")).to_be_visible()
    expect(_statistic(page, "可导入")).to_have_text("3")
    expect(_statistic(page, "有错误")).to_have_text("0")
    commit = page.get_by_role("button", name="确认导入")
    expect(commit).to_be_enabled()
    commit.click()
    expect(page.get_by_text("导入成功：新增 3 条，更新 0 条。")).to_be_visible()

    page.get_by_role("menuitem", name="教师").click()
    expect(page).to_have_url(re.compile(r"/teachers"))
    search = page.get_by_placeholder("姓名、工号或专业")
    search.fill("E2E-IMP-02")
    search.press("Enter")
    expect(page.get_by_text("共 1 名教师")).to_be_visible()
    row = page.locator(".ant-table-tbody tr.ant-table-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("导入教师乙")
    expect(row).to_contain_text("E2E-IMP-02")
