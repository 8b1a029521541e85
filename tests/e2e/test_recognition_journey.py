"""Recognition (认定), in a real browser: a teacher on a phone changes the initial password and
proposes a certificate with a PDF; HR confirms it; the teacher applies; HR approves; an expert
votes; the province approves; an objection is filed and dismissed; publicity ends; the
province finalizes; the certificate page prints; the school's recognized ratio moves."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Browser, Page, expect

from .conftest import choose, login, manage, new_context
from .test_journeys import _date, _pick

PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NEW_PASSWORD = "Teacher-e2e-2026!"


def _login_as(page: Page, username: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登 录").click()


def _api(page: Page, path: str) -> Any:
    response = page.request.get(f"/api/v1/{path}")
    assert response.ok, (path, response.status)
    return response.json()


def _recognized(page: Page, school_id: int) -> int:
    return _api(page, f"ratios/schools/?school={school_id}")["results"][0]["recognized"]


def _a_teacher_without_application(page: Page, school_id: int) -> dict[str, Any]:
    """A qualified full-time professional teacher of HR's school with no account and no
    application yet."""
    busy = {a["teacher"] for a in _api(page, "recognition-applications/?page_size=200")["results"]}
    with_account = {u["teacher"] for u in _api(page, "users/?page_size=200")["results"]}
    teachers = _api(page, f"teachers/?school={school_id}&qualification_level=junior&page_size=200")[
        "results"
    ]
    for t in teachers:
        if (
            t["id"] not in busy
            and t["id"] not in with_account
            and t["employment"] == "full_time"
            and t["course_type"] == "professional"
        ):
            return t
    raise AssertionError("no free qualified teacher in the demo school")


def _open_application(page: Page, teacher_name: str, status: str | None = None) -> None:
    """Open the application from the review queue (default filter: the role's own stage)."""
    page.goto("/recognition")
    if status is not None:
        choose(page, page.get_by_test_id("status-filter"), status)
    row = page.locator(".ant-table-row", has_text=teacher_name)
    expect(row).to_be_visible(timeout=15_000)  # the filtered list, on a loaded machine
    row.click()
    expect(page.get_by_test_id("review-form")).to_be_visible()


def _opinion(page: Page, text: str) -> None:
    page.get_by_test_id("review-form").get_by_label(re.compile("意见")).fill(text)


def test_a_teacher_is_recognized_from_proposal_to_printed_certificate(
    page: Page, browser: Browser, e2e_server: str
) -> None:
    # HR opens a qualified teacher and creates the teacher's account.
    login(page, "hr_a")
    school_id = _api(page, "auth/me/")["school"]
    before = _recognized(page, school_id)
    teacher = _a_teacher_without_application(page, school_id)
    page.goto(f"/teachers/{teacher['id']}")
    page.get_by_test_id("create-account").click()
    username = page.get_by_test_id("new-username").inner_text().strip()
    initial = page.get_by_test_id("new-password").inner_text().strip()
    assert username and initial
    page.get_by_role("dialog").get_by_role("button", name="知道了").click()

    # The teacher, on a phone, must change the initial password first. This phone has no
    # "reduce motion" (as most people's): its drawer, lists, date picker and dialog open and
    # close with antd's animations, which the other journeys run without (conftest).
    phone = new_context(
        browser, base_url=e2e_server, viewport=PHONE, reduced_motion="no-preference"
    )
    phone.set_default_timeout(15_000)
    mobile = phone.new_page()
    _login_as(mobile, username, initial)
    assert not mobile.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    expect(mobile).to_have_url(re.compile(r"/password$"))
    form = mobile.get_by_test_id("password-form")
    form.get_by_label("当前密码").fill(initial)
    form.get_by_label("新密码", exact=True).fill(NEW_PASSWORD)
    form.get_by_label("再次输入新密码").fill(NEW_PASSWORD)
    form.get_by_role("button", name="保存新密码").click()
    expect(mobile).to_have_url(re.compile(r"/me$"))

    # … and proposes a skill certificate with a PDF.
    mobile.get_by_test_id("propose-certificate").click()
    _pick(mobile, "证书类别", "职业技能等级证书")
    proposal = mobile.get_by_test_id("propose-form")
    expect(proposal.get_by_label("等级", exact=True)).to_be_enabled()  # once a kind is chosen
    _pick(mobile, "等级", "二级/技师")  # the chosen kind's levels, in words
    proposal.get_by_label("证书名称").fill("电工（技师）")
    _date(mobile, "发证日期", "2025-06-30")
    proposal.locator("input[type=file]").set_input_files(
        files=[{"name": "电工技师证.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    proposal.get_by_role("button", name="提交学校人事审核").click()
    expect(mobile.get_by_test_id("status-pending").first).to_be_visible()

    # HR confirms it, with the file beside the record.
    page.goto("/recognition/confirmations")
    item = page.locator("[data-testid^=pending-]", has_text=teacher["name"])
    expect(item).to_contain_text("电工技师证.pdf")
    item.get_by_test_id("confirm").click()
    expect(item).to_be_hidden()

    # The teacher applies in the open round.
    mobile.reload()
    expect(mobile.get_by_test_id("status-confirmed").first).to_be_visible()
    mobile.get_by_test_id("apply").click()
    _pick(mobile, "批次", _open_round_label(mobile))
    _pick(mobile, "等级", "初级")
    mobile.get_by_role("dialog").get_by_role("button", name="提 交").click()
    submitted = mobile.locator("[data-testid^=my-application-]", has_text="已提交")
    expect(submitted.first).to_be_visible()

    # HR approves at school level.
    _open_application(page, teacher["name"])
    _opinion(page, "材料齐全，同意推荐。")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("status-school_approved").first).to_be_visible()

    # An expert votes; the province approves: publicity starts.
    expert = new_context(browser, base_url=e2e_server)
    expert_page = expert.new_page()
    login(expert_page, "expert_a")
    _open_application(expert_page, teacher["name"])
    _opinion(expert_page, "教学与企业实践经历真实，同意。")
    expert_page.get_by_test_id("vote-approve").click()
    expect(expert_page.get_by_text("专家评议").first).to_be_visible()
    expert.close()

    province = new_context(browser, base_url=e2e_server)
    prov = province.new_page()
    login(prov, "province")
    _open_application(prov, teacher["name"])
    _opinion(prov, "经专家评议，同意认定，予以公示。")
    prov.get_by_test_id("approve").click()
    expect(prov.get_by_test_id("status-publicized").first).to_be_visible()

    # Another school's HR objects on the publicity page; the province dismisses it.
    other = new_context(browser, base_url=e2e_server)
    hr_b = other.new_page()
    login(hr_b, "hr_b")
    hr_b.goto("/recognition/publicity")
    row = hr_b.locator(".ant-table-row", has_text=teacher["name"])
    row.get_by_role("button", name="提出异议").click()
    hr_b.get_by_test_id("objection-reason").fill("企业实践期间仍全职授课，请核实。")
    hr_b.get_by_role("dialog").get_by_role("button", name=re.compile("确 ?定|OK")).click()
    # Only the province reads objections (DESIGN §8): to anyone else the application stays
    # under publicity, its objection unseen.
    expect(hr_b.get_by_role("dialog")).to_have_count(0)
    expect(row).to_contain_text("公示中")
    expect(row).not_to_contain_text("有异议")
    other.close()

    _open_application(prov, teacher["name"], status="有异议")
    _opinion(prov, "经核实，企业实践为暑期脱产进行，异议不成立。")
    prov.get_by_test_id("resolve").get_by_text("异议不成立").click()
    expect(prov.get_by_test_id("status-publicized").first).to_be_visible()

    # Seven days of publicity pass; the province finalizes.
    manage(
        "shell",
        "-c",
        "from datetime import timedelta; from django.utils import timezone; "
        "from shuangshi.recognition.models import Application; "
        f"Application.objects.filter(teacher_id={teacher['id']}, status='publicized')"
        ".update(publicity_until=timezone.localdate() - timedelta(days=1))",
    )
    _open_application(prov, teacher["name"], status="公示中")
    prov.get_by_test_id("finalize").click()
    expect(prov.get_by_test_id("status-recognized").first).to_be_visible()
    province.close()

    # The teacher's certificate page prints on A4 and carries the verification QR code.
    mobile.reload()
    # Beside the computed level (官方认定) and in 我的认定证书: the same certificate.
    official = mobile.get_by_test_id("official-recognition")
    expect(official).to_contain_text("初级")
    link = official.get_by_role("link", name=re.compile(r"^JX\d{4}-1-\d{5}$"))
    number = link.inner_text().strip()
    link.click()
    expect(mobile.get_by_test_id("certificate-no")).to_have_text(number)
    expect(mobile.get_by_test_id("certificate-qr")).to_be_visible()
    assert mobile.pdf(format="A4")[:4] == b"%PDF"
    mobile.goto(f"/verify/{number}")
    expect(mobile.get_by_test_id("verify-result")).to_contain_text("有效")
    phone.close()

    # The school's recognized count moved.
    assert _recognized(page, school_id) == before + 1


def _open_round_label(page: Page) -> str:
    rounds = _api(page, "recognition-rounds/")["results"]
    open_round = next(r for r in rounds if r["status"] == "open")
    return f"{open_round['code']} {open_round['name']}"
