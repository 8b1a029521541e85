"""What a training-base coordinator does: log a completion for a teacher found by ID number."""

from __future__ import annotations

import json
import re
import urllib.request
from dataclasses import dataclass
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from .conftest import PASSWORD, choose, login


def _get(base_url: str, path: str, token: str) -> dict:
    request = urllib.request.Request(
        f"{base_url}/api/v1{path}", headers={"Authorization": f"Token {token}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def _token(base_url: str, username: str) -> str:
    request = urllib.request.Request(
        f"{base_url}/api/v1/auth/token/",
        data=json.dumps({"username": username, "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["token"]


@dataclass
class Pick:
    id_number: str
    name: str
    school: str
    program: str


@pytest.fixture
def demo_pick(e2e_server: str) -> Pick:
    """A seeded teacher that base_a has not trained yet, and one of its finished programmes.

    The province reads full ID numbers; base staff can then only reach the teacher by typing it.
    """
    province, staff = _token(e2e_server, "province"), _token(e2e_server, "base_a")
    trained = {
        row["teacher"]
        for row in _get(e2e_server, "/training-completions/?page_size=200", staff)["results"]
    }
    teachers = _get(e2e_server, "/teachers/?page_size=50&ordering=id", province)["results"]
    teacher = next(t for t in teachers if t["id"] not in trained)
    today = date.today().isoformat()
    programs = _get(e2e_server, "/training-programs/?page_size=50", staff)["results"]
    program = next(p for p in programs if p["end_on"] <= today)
    return Pick(teacher["id_number"], teacher["name"], teacher["school_name"], program["title"])


def test_base_staff_logs_a_completion_found_by_id_number(page: Page, demo_pick: Pick) -> None:
    login(page, "base_a")
    expect(page).to_have_url(re.compile(r"/training$"))
    # The programmes' and completions' tables fill in after the page shows and push the
    # button down; under load a click aimed before that landed elsewhere and opened
    # nothing. Click once both tables are in (each shows its total), as a person would.
    expect(page.get_by_text(re.compile(r"^共 \d+ 条$"))).to_have_count(2)
    page.get_by_role("button", name="登记结业").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()

    # A malformed number is refused before anything is sent; the exact number finds one.
    dialog.get_by_label("教师身份证号").fill("360102199001011234")
    dialog.get_by_role("button", name="查找").first.click()
    expect(dialog.get_by_text("身份证号格式或校验位不正确")).to_be_visible()
    dialog.get_by_label("教师身份证号").fill(demo_pick.id_number)
    dialog.get_by_label("教师身份证号").press("Enter")
    expect(dialog.get_by_test_id("teacher-match")).to_contain_text(demo_pick.name)
    expect(dialog.get_by_test_id("teacher-match")).to_contain_text(demo_pick.school)

    choose(page, dialog.get_by_label("培训项目", exact=True), demo_pick.program)
    # Choosing the programme fills in its hours and last day.
    expect(dialog.get_by_label("学时", exact=True)).not_to_have_value("")
    expect(dialog.get_by_label("结业日期", exact=True)).not_to_have_value("")
    dialog.get_by_label("结业证书编号").fill("E2E-CERT-0001")
    dialog.get_by_role("button", name=re.compile("保 ?存")).click()
    expect(dialog).to_be_hidden()

    page.get_by_placeholder("教师姓名、项目或证书编号").fill("E2E-CERT-0001")
    page.get_by_placeholder("教师姓名、项目或证书编号").press("Enter")
    row = page.locator(".ant-table-tbody tr.ant-table-row").filter(has_text="E2E-CERT-0001")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(demo_pick.name)
    expect(row).to_contain_text(demo_pick.program)
    expect(row).to_contain_text("通过")
    expect(page.get_by_text("共 1 条")).to_be_visible()
