"""Issue 14 item 9 in a real browser: who reads a mentor's full ID number on the mentors screen.

The province reads every number in full; the HR of the only school a mentor serves reads it
in full; the HR of another school that appoints the same mentor, and a city, read the mask
(first 4 + last 2 characters, as for teachers).
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from .conftest import login


def _all(page: Page, path: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    url: str | None = f"/api/v1/{path}?page_size=200"
    while url:
        response = page.request.get(url)
        assert response.ok, (url, response.status)
        body = response.json()
        rows.extend(body["results"])
        url = body["next"]
    return rows


def _mask(number: str) -> str:
    return number[:4] + "*" * (len(number) - 6) + number[-2:]


def _logout(page: Page) -> None:
    page.context.clear_cookies()
    page.evaluate("() => localStorage.clear()")


def _row_shows(page: Page, name: str, shown: str, hidden: str | None) -> None:
    page.goto("/mentors")
    search = page.get_by_test_id("mentor-search").locator("input")
    search.fill(name)
    search.press("Enter")
    row = page.locator(".ant-table-row", has_text=name).filter(has_text=shown)
    expect(row.first).to_be_visible()
    if hidden is not None:
        expect(page.locator(".ant-table-row", has_text=hidden)).to_have_count(0)


def _schools_by_code(page: Page) -> dict[str, int]:
    return {s["code"]: s["id"] for s in _all(page, "schools/")}


def test_mentor_id_numbers_are_full_only_for_the_province_and_the_sole_school(
    page: Page,
) -> None:
    login(page, "province")
    schools = _schools_by_code(page)
    a, b = schools["JX001"], schools["JX002"]
    mentors = {m["id"]: m for m in _all(page, "mentors/")}
    served: dict[int, set[int]] = {}
    for appointment in _all(page, "mentor-appointments/"):
        served.setdefault(appointment["mentor"], set()).add(appointment["school"])
    sole = [m for m_id, m in mentors.items() if served.get(m_id) == {a}]
    assert len(sole) >= 2, "the demo has mentors serving only JX001"
    shared_ids = [m_id for m_id, s in served.items() if b in s and len(s) > 1]
    if shared_ids:
        shared = mentors[shared_ids[0]]
        sole_a = sole[0]
    else:
        # No demo mentor serves JX002 and another school: JX002 appoints one of JX001's.
        sole_a, shared = sole[0], sole[1]
        login(page, "hr_b")
        page.goto("/mentors")
        token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
        response = page.request.post(
            "/api/v1/mentor-appointments/",
            headers={"X-CSRFToken": token, "Referer": page.url},
            data={
                "mentor_id_number": shared["id_number"],
                "mode": "teaching",
                "start_on": "2026-09-01",
                "hours": 16,
            },
        )
        assert response.ok, response.text()
        _logout(page)
        login(page, "province")

    full_sole, full_shared = sole_a["id_number"], shared["id_number"]
    assert "*" not in full_sole and "*" not in full_shared

    # The province: both in full.
    _row_shows(page, sole_a["name"], full_sole, _mask(full_sole))
    _row_shows(page, shared["name"], full_shared, _mask(full_shared))
    _logout(page)

    # HR of the only school the mentor serves: in full.
    login(page, "hr_a")
    _row_shows(page, sole_a["name"], full_sole, _mask(full_sole))
    _logout(page)

    # HR of another school that appoints the same mentor: the mask.
    login(page, "hr_b")
    _row_shows(page, shared["name"], _mask(full_shared), full_shared)
    _logout(page)

    # A city (no mentors screen of its own; it reads the same list): the mask, even for a
    # mentor who serves one of its schools alone.
    login(page, "city_nc")
    seen = {m["id"]: m["id_number"] for m in _all(page, "mentors/")}
    assert seen[sole_a["id"]] == _mask(full_sole)
    assert seen.get(shared["id"], _mask(full_shared)) == _mask(full_shared)
    assert not any("*" not in number for number in seen.values())
