"""Round 33: the workbooks and exports as a province statistician opens them (DESIGN §6).

Frozen header rows, totals that add up, ratios equal to the ratio endpoints', text that
stays text whatever it starts with, and the user-facing teacher list in the user's
language (the official province workbook stays in Chinese).
"""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from shuangshi import testing
from shuangshi.jobs.models import Job
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

FORMULA_LIKE = ["=1+1", "+1", "-1+2", "@SUM(A1)"]
ADDITIVE = [
    "学校数", "专任专业课教师数", "双师型教师数", "初级", "中级", "高级",
    "新进教师招聘核查数", "招聘条件不符人数", "已认定人数",
]  # fmt: skip


def run_job(client: Any, url: str, **headers: Any) -> Any:
    response = client.post(url, **headers)
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["status"] == "succeeded", job
    file = client.get(job["download"])
    assert file.status_code == 200
    job["content"] = file.content
    return job, load_workbook(io.BytesIO(file.content))


def rows(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def table(ws: Any) -> list[dict[str, Any]]:
    found = rows(ws)
    return [dict(zip(found[0], r, strict=True)) for r in found[1:]]


@pytest.fixture
def staff(lapsing: Any, school_a: Any, school_b: Any) -> None:
    """One junior teacher in each school (the lapsing fixture) and one without evidence."""
    testing.make_teacher(school_a, name="张三")


# --------------------------------------------------------------------------- frozen headers


def test_every_table_of_the_province_workbook_keeps_its_header_row_in_view(
    api, province, city_nc, staff
):
    _job, wb = run_job(api(province), "/api/v1/exports/province/")
    for name in [
        "按设区市",
        "按学校类型",
        "各校明细",
        "未达标学校",
        "培养培训基地",
        "招聘条件不符",
    ]:
        frozen = wb[name].freeze_panes
        assert frozen is not None and frozen.endswith("2"), (name, frozen)
    assert api(city_nc).post("/api/v1/exports/province/").status_code == 403


def test_the_school_workbook_keeps_its_header_rows_in_view(api, hr_a, base_staff, staff):
    _job, wb = run_job(api(hr_a), "/api/v1/exports/school/")
    for name in ["教师", "最接近符合条件"]:
        frozen = wb[name].freeze_panes
        assert frozen is not None and frozen.endswith("2"), (name, frozen)
    assert api(base_staff).post("/api/v1/exports/school/").status_code == 403


# --------------------------------------------------------------------------- totals and ratios


@pytest.mark.parametrize("sheet", ["按设区市", "按学校类型"])
def test_the_group_sheets_end_with_a_total_that_adds_up_to_their_rows(api, province, staff, sheet):
    _job, wb = run_job(api(province), "/api/v1/exports/province/")
    lines = table(wb[sheet])
    *groups, total = lines
    assert total[rows(wb[sheet])[0][0]] == "全省合计"
    for column in ADDITIVE:
        assert total[column] == sum(g[column] for g in groups), column
    summary = api(province).get("/api/v1/ratios/summary/").json()["province"]
    assert (total["专任专业课教师数"], total["双师型教师数"]) == (
        summary["in_scope"],
        summary["qualified"],
    )
    assert total["双师型占比"] == pytest.approx(summary["ratio"])
    assert total["距目标缺口（人）"] == summary["gap"]
    overview = {r[0]: r[1:] for r in rows(wb["总览"]) if r and r[0]}
    assert total["学校数"] == overview["学校总数"][0]


def test_every_school_row_matches_the_ratio_endpoint(api, province, staff, school_a, school_b):
    _job, wb = run_job(api(province), "/api/v1/exports/province/")
    book = {r["学校代码"]: r for r in table(wb["各校明细"])}
    api_rows = api(province).get("/api/v1/ratios/schools/").json()
    api_rows = api_rows.get("results", api_rows) if isinstance(api_rows, dict) else api_rows
    assert {r["school"]["code"] for r in api_rows} == set(book)
    for r in api_rows:
        line = book[r["school"]["code"]]
        assert (line["专任专业课教师数"], line["双师型教师数"], line["距目标缺口（人）"]) == (
            r["in_scope"],
            r["qualified"],
            r["gap"],
        )
        assert line["双师型占比"] == pytest.approx(r["ratio"])
        assert wb["各校明细"].cell(row=2, column=7).number_format.endswith("%")


# --------------------------------------------------------------------------- formula injection


def _formula_safe(ws: Any, texts: list[str]) -> list[str]:
    """The cells holding one of ``texts``: each must be text, kept as text when edited."""
    seen = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.value in texts:
                assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                assert cell.quotePrefix or cell.number_format == "@", (ws.title, cell.coordinate)
                seen.append(cell.value)
    return seen


def test_text_that_starts_like_a_formula_stays_text_in_the_school_workbook(api, province):
    school = testing.make_school(name='=HYPERLINK("http://x","学校")')
    for name in FORMULA_LIKE:
        testing.make_teacher(school, name=name)
    _job, wb = run_job(api(province), f"/api/v1/exports/school/?school={school.pk}")
    title = wb["概况"]["A1"]
    assert title.data_type == "s" and title.value.startswith("=HYPERLINK")
    assert sorted(_formula_safe(wb["教师"], FORMULA_LIKE)) == sorted(FORMULA_LIKE)


def test_text_that_starts_like_a_formula_stays_text_in_the_province_workbook(api, province):
    school = testing.make_school(name="+学校", code="-S1")
    testing.make_teacher(school, name="@王")
    _job, wb = run_job(api(province), "/api/v1/exports/province/")
    assert sorted(_formula_safe(wb["各校明细"], ["+学校", "-S1"])) == ["+学校", "-S1"]


# --------------------------------------------------------------------------- language


def upload(client: Any, content: bytes) -> Any:
    return client.post(
        "/api/v1/imports/",
        {"kind": "teachers", "file": SimpleUploadedFile("teachers.xlsx", content)},
        format="multipart",
    )


def test_an_english_user_gets_the_teacher_list_in_english_and_it_re_imports_unchanged(
    api, hr_a, school_a
):
    testing.make_teacher(school_a, name="王芳", normal_graduate=True, course_type="practical")
    client = api(hr_a)
    job, wb = run_job(client, "/api/v1/exports/teachers/", HTTP_ACCEPT_LANGUAGE="en")
    assert job["result_name"].endswith(".xlsx") and "教师" not in job["result_name"]
    assert wb.sheetnames[0] == "Teachers"
    ws = wb["Teachers"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Name", "ID number", "Staff no"]
    line = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert (line["Name"], line["Course type"], line["Normal graduate"]) == (
        "王芳",
        "Practical instruction",
        "Yes",
    )
    assert ws.freeze_panes == "A2"
    assert "填写说明" not in wb.sheetnames and "Instructions" in wb.sheetnames
    before = list(Teacher.objects.order_by("id").values())
    body = upload(client, job["content"]).json()
    assert (body["status"], body["rows"]) == ("valid", 1), body.get("errors")
    result = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert (result["created"], result["updated"], result["unchanged"]) == (0, 0, 1)
    assert list(Teacher.objects.order_by("id").values()) == before


def test_the_teacher_list_reads_in_chinese_by_default(api, hr_a, teacher_a):
    _job, wb = run_job(api(hr_a), "/api/v1/exports/teachers/")
    assert wb.sheetnames[0] == "教师" and wb["教师"]["A1"].value == "姓名"


def test_the_official_province_workbook_stays_in_chinese_for_an_english_user(api, province, staff):
    job, wb = run_job(api(province), "/api/v1/exports/province/", HTTP_ACCEPT_LANGUAGE="en")
    assert wb.sheetnames[:3] == ["总览", "按设区市", "按学校类型"]
    assert wb["各校明细"]["A1"].value == "学校代码"
    assert job["result_name"].startswith("江西省双师型教师统计")


def test_a_teacher_export_tells_its_total_from_the_start(api, hr_a, school_a, monkeypatch):
    for n in range(3):
        testing.make_teacher(school_a, name=f"教师{n}")
    seen: list[tuple[int, int]] = []
    from shuangshi.spreadsheets import jobs as export_jobs

    original = export_jobs.job_progress

    def recorded(*, job: Job, done: int, total: int, force: bool = False) -> None:
        seen.append((done, total))
        original(job=job, done=done, total=total, force=force)

    monkeypatch.setattr(export_jobs, "job_progress", recorded)
    run_job(api(hr_a), "/api/v1/exports/teachers/")
    assert seen and seen[0] == (0, 3)


def test_an_empty_scope_gives_headers_and_a_zero_total(api, province):
    school = testing.make_school(name="空学校")
    _job, wb = run_job(api(province), f"/api/v1/exports/school/?school={school.pk}")
    assert rows(wb["教师"]) == [rows(wb["教师"])[0]]
    overview = {r[0]: r[1:] for r in rows(wb["概况"]) if r and r[0]}
    assert overview["专任专业课教师（计入比例）"][0] == 0
    job, wb = run_job(api(province), f"/api/v1/exports/teachers/?school={school.pk}")
    assert job["result"] == {"rows": 0} and len(rows(wb["教师"])) == 1
