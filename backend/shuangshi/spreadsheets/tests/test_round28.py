"""Round 28: the province workbook's 招聘条件不符 sheet lists exactly the teachers its overview
counts as 不符合招聘条件 — in scope today, from the stored results while they hold and evaluated
at today once they have expired (DESIGN §4: never stale)."""

from datetime import date

import pytest

from shuangshi import testing
from shuangshi.qualification import selectors
from shuangshi.testing import set_today

from .test_stale_workbooks_round27 import download, overview, table, values

pytestmark = pytest.mark.django_db


def failures(wb):
    return (
        overview(wb, "总览")["不符合招聘条件"][0],
        sorted(table(wb["招聘条件不符"], key=3)),
    )


@pytest.fixture
def recruits(monkeypatch, school_a, school_b):
    """On 2026-02-15, three teachers hired in 2024 who fail the recruitment conditions: one
    leaves on 2026-03-01 (no nightly run after), one left in 2025, one stays."""
    set_today(monkeypatch, date(2026, 2, 15))
    hired = {"hired_on": date(2024, 3, 1), "teaching_since": date(2024, 3, 1)}
    leaving = testing.make_teacher(school_a, name="王芳", left_on=date(2026, 3, 1), **hired)
    gone = testing.make_teacher(school_a, name="赵敏", left_on=date(2025, 6, 30), **hired)
    stays = testing.make_teacher(school_b, name="李强", **hired)
    return leaving, gone, stays


def test_the_list_matches_the_count_while_the_stored_results_hold(
    api, monkeypatch, province, recruits
):
    assert selectors.results_current(date(2026, 2, 15))
    summary = api(province).get("/api/v1/ratios/summary/").json()["province"]
    assert summary["recruitment"]["failed"] == 2

    def not_while_they_hold(*args, **kwargs):
        raise AssertionError("evaluated although the stored results hold")

    monkeypatch.setattr(selectors, "records_for_ids", not_while_they_hold)
    wb = download(api(province), "/api/v1/exports/province/")
    assert failures(wb) == (2, ["李强", "王芳"])  # not 赵敏: out of scope since 2025
    # Both ways of reading agree while the stored results hold.
    monkeypatch.undo()
    set_today(monkeypatch, date(2026, 2, 15))
    on = date(2026, 2, 15)
    assert selectors.recruitment_failed_ids(on) == selectors.recruitment_failed_ids(
        on, stored_hold=True
    )


def test_the_list_leaves_out_a_teacher_who_left_after_the_nightly_run(
    api, monkeypatch, province, recruits
):
    set_today(monkeypatch, date(2026, 3, 20))
    assert not selectors.results_current(date(2026, 3, 20))
    summary = api(province).get("/api/v1/ratios/summary/").json()["province"]
    assert summary["recruitment"]["failed"] == 1
    wb = download(api(province), "/api/v1/exports/province/")
    assert failures(wb) == (1, ["李强"])
    header = values(wb["招聘条件不符"])[0]
    assert header[:4] == ["学校代码", "学校名称", "设区市", "姓名"]


def test_a_school_s_hr_may_not_build_the_province_workbook(api, hr_a, recruits):
    assert api(hr_a).post("/api/v1/exports/province/").status_code == 403
