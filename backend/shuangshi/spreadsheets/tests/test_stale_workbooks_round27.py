"""The province and school workbooks are never stale (DESIGN §4): a result that expired
after the nightly run is evaluated at today, as the ratio views and the teacher read do."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from shuangshi.qualification import selectors
from shuangshi.testing import set_today

pytestmark = pytest.mark.django_db


def download(client, url):
    response = client.post(url)
    assert response.status_code == 202
    job = response.json()
    assert job["status"] == "succeeded", job
    file = client.get(job["download"])
    assert file.status_code == 200
    return load_workbook(io.BytesIO(file.content))


def values(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def table(ws, key=0):
    rows = values(ws)
    return {r[key]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


def overview(wb, sheet):
    return {r[0]: r[1:] for r in values(wb[sheet]) if r and r[0]}


def province_figures(wb, school_a, school_b):
    summary = overview(wb, "总览")
    schools = table(wb["各校明细"])
    return (
        summary["全省专任专业课教师（计入比例）"][0],
        summary["其中双师型教师"][0],
        summary["全省双师型占比"][0],
        [(schools[s.code]["双师型教师数"], schools[s.code]["初级"]) for s in (school_a, school_b)],
        sorted(table(wb["未达标学校"])),
    )


def school_figures(wb):
    summary = overview(wb, "概况")
    teachers = table(wb["教师"], key=1)
    return (
        summary["双师型教师"][0],
        summary["双师型占比"][0],
        {
            name: (row["双师型等级"], row["等级保持至"] and row["等级保持至"].date())
            for name, row in teachers.items()
        },
        [r[1] for r in values(wb["最接近符合条件"])[1:]],
    )


def test_workbooks_evaluate_a_result_expired_since_the_nightly_run(
    api, monkeypatch, province, hr_a, lapsing, school_a, school_b
):
    set_today(monkeypatch, date(2026, 3, 20))
    assert not selectors.results_current(date(2026, 3, 20))
    summary = api(province).get("/api/v1/ratios/summary/").json()["province"]
    assert (summary["in_scope"], summary["qualified"]) == (2, 1)

    wb = download(api(province), "/api/v1/exports/province/")
    assert province_figures(wb, school_a, school_b) == (
        2,
        1,
        0.5,
        [(0, 0), (1, 1)],
        [school_a.code],
    )
    by_city = table(wb["按设区市"])
    assert by_city[school_a.city.name]["双师型教师数"] == 0

    expected = (0, 0.0, {"王芳": ("不符合条件", None)}, ["王芳"])
    assert school_figures(download(api(hr_a), "/api/v1/exports/school/")) == expected
    url = f"/api/v1/exports/school/?school={school_a.pk}"
    assert school_figures(download(api(province), url)) == expected


def test_workbooks_read_the_stored_results_while_they_hold(
    api, monkeypatch, province, hr_a, lapsing, school_a, school_b
):
    set_today(monkeypatch, date(2026, 3, 10))  # before the expiry: nothing to evaluate
    assert selectors.results_current(date(2026, 3, 10))

    def not_on_the_fast_path(*args, **kwargs):
        raise AssertionError("evaluated although the stored results hold")

    for name in ("counts_at", "iter_records"):
        monkeypatch.setattr(selectors, name, not_on_the_fast_path)
    wb = download(api(province), "/api/v1/exports/province/")
    assert province_figures(wb, school_a, school_b) == (2, 2, 1.0, [(1, 1), (1, 1)], [])
    assert school_figures(download(api(hr_a), "/api/v1/exports/school/")) == (
        1,
        1.0,
        {"王芳": ("初级", date(2026, 3, 15))},  # held through the 15th (round 41)
        [],
    )
