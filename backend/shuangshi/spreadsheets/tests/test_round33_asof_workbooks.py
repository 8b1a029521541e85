"""Round 33: the province and school workbooks as they stood on a past date (DESIGN §4:
every read, workbooks included, answers for its date).

The workbooks take the ratios API's `as_of` (same name, same range); each figure in them is
the one the ratios API gives for that date, the teachers are listed with the school, the
employment, course type and title they had then, and the bases with their status then.
"""

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import load_workbook

from shuangshi import testing
from shuangshi.jobs.models import Job
from shuangshi.spreadsheets.reports import (
    ProvinceReport,
    SchoolReport,
    SchoolRow,
    Share,
    province_workbook,
    school_workbook,
)
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)
ON = date(2026, 6, 30)
MOVED_ON = date(2026, 9, 1)


def run_job(client: Any, url: str) -> tuple[dict[str, Any], Any]:
    response = client.post(url)
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["status"] == "succeeded", job
    file = client.get(job["download"])
    assert file.status_code == 200
    return job, load_workbook(io.BytesIO(file.content))


def rows(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def table(ws: Any) -> list[dict[str, Any]]:
    found = rows(ws)
    return [dict(zip(found[0], r, strict=True)) for r in found[1:]]


def overview(ws: Any) -> dict[str, list[Any]]:
    return {r[0]: r[1:] for r in rows(ws) if r and isinstance(r[0], str)}


def qualify(teacher: Any, **certificate: Any) -> None:
    testing.make_certificate(teacher, **certificate)
    testing.make_period(teacher, start_on=date(2023, 1, 1), end_on=date(2023, 12, 31))


@pytest.fixture
def past(monkeypatch: Any, school_a: Any, school_b: Any, base_a: Any) -> dict[str, Any]:
    """Today is 2026-12-01. On 2026-06-30:
    - 王芳 (qualified) taught at school A as 讲师; on 2026-09-01 she moved to school B and
      became 高级讲师;
    - 赵敏 (not qualified) taught at school A, and still does;
    - 孙丽 was hired at school A only on 2026-10-01;
    - 李强 at a 上饶 school was qualified until his teacher's certificate expired on
      2026-08-01;
    - a base approved on 2026-08-01 was still planned; base A was active."""
    testing.set_today(monkeypatch, TODAY)
    shangrao = testing.make_school(name="上饶职业学校", city=testing.city("361100"), code="A0001")
    wang = testing.make_teacher(school_a, name="王芳")
    qualify(wang)
    teacher_services.teacher_update(
        teacher=wang,
        data={"school": school_b, "title": "associate_senior"},
        effective_on=MOVED_ON,
    )
    testing.make_teacher(school_a, name="赵敏")
    testing.make_teacher(school_a, name="孙丽", hired_on=date(2026, 10, 1))
    li = testing.make_teacher(shangrao, name="李强")
    qualify(li, expires_on=date(2026, 8, 1))
    late = testing.make_base(name="晚认定基地", approved_on=date(2026, 8, 1))
    return {"shangrao": shangrao, "late_base": late, "base_a": base_a}


# --------------------------------------------------------------------------- the province


def test_the_province_workbook_on_a_past_date_equals_the_ratios_api_on_that_date(
    api, province, past, school_a, school_b
):
    client = api(province)
    job, wb = run_job(client, f"/api/v1/exports/province/?as_of={ON}")

    # The job and the file say which date they are for.
    assert ON.isoformat() in job["result_name"]
    assert job["result"]["as_of"] == ON.isoformat()
    assert Job.objects.get(pk=job["id"]).params["as_of"] == ON.isoformat()
    summary = overview(wb["总览"])
    assert ON.isoformat() in rows(wb["总览"])[0][0]  # the title
    assert summary["统计日期"][0].date() == ON

    # Each school's figures are the ratios API's for that date.
    api_rows = client.get("/api/v1/ratios/schools/", {"as_of": ON, "page_size": 100}).json()
    by_code = {r["school"]["code"]: r for r in api_rows["results"]}
    sheet = table(wb["各校明细"])
    assert {r["学校代码"] for r in sheet} == set(by_code)
    for r in sheet:
        expected = by_code[r["学校代码"]]
        assert (
            r["专任专业课教师数"],
            r["双师型教师数"],
            r["双师型占比"],
            r["距目标缺口（人）"],
        ) == (
            expected["in_scope"],
            expected["qualified"],
            expected["ratio"],
            expected["gap"],
        ), r["学校代码"]
    # On 2026-06-30 王芳 and 赵敏 were at A (1 of 2), nobody at B, 李强 qualified.
    mine = {r["学校代码"]: r for r in sheet}
    assert (mine[school_a.code]["专任专业课教师数"], mine[school_a.code]["双师型教师数"]) == (2, 1)
    assert mine[school_b.code]["专任专业课教师数"] == 0
    assert mine[past["shangrao"].code]["双师型教师数"] == 1

    # The province's totals and the cities' are the summary's for that date.
    expected = client.get("/api/v1/ratios/summary/", {"as_of": ON}).json()
    p = expected["province"]
    assert summary["全省专任专业课教师（计入比例）"][0] == p["in_scope"]
    assert summary["其中双师型教师"][0] == p["qualified"]
    assert summary["全省双师型占比"][0] == pytest.approx(p["ratio"])
    assert summary["距目标缺口（人）"][0] == p["gap"]
    cities = {r["设区市"]: r for r in table(wb["按设区市"])}
    for c in expected["by_city"]:
        got = cities[c["city"]["name"]]
        assert (got["专任专业课教师数"], got["双师型教师数"]) == (c["in_scope"], c["qualified"])


def test_the_province_workbook_lists_the_bases_as_they_stood_on_the_date(api, province, past):
    _job, wb = run_job(api(province), f"/api/v1/exports/province/?as_of={ON}")
    bases = {r["基地代码"]: r for r in table(wb["培养培训基地"])}
    assert bases[past["late_base"].code]["状态"] == "筹建"  # approved only on 2026-08-01
    assert bases[past["late_base"].code]["认定日期"] is None  # not approved yet then
    assert bases[past["base_a"].code]["状态"] == "运行"
    assert overview(wb["总览"])["运行中的基地"][0] == 1

    _job, today = run_job(api(province), "/api/v1/exports/province/")
    bases = {r["基地代码"]: r for r in table(today["培养培训基地"])}
    assert bases[past["late_base"].code]["状态"] == "运行"
    assert overview(today["总览"])["运行中的基地"][0] == 2


def test_without_a_date_the_province_workbook_is_todays(api, province, past, school_a, school_b):
    job, wb = run_job(api(province), "/api/v1/exports/province/")
    assert TODAY.isoformat() in job["result_name"]
    assert job["result"]["as_of"] == TODAY.isoformat()
    mine = {r["学校代码"]: r for r in table(wb["各校明细"])}
    assert (mine[school_a.code]["专任专业课教师数"], mine[school_a.code]["双师型教师数"]) == (2, 0)
    assert (mine[school_b.code]["专任专业课教师数"], mine[school_b.code]["双师型教师数"]) == (1, 1)


def test_the_province_workbook_downloads_for_a_date_too(api, province, past):
    response = api(province).get("/api/v1/exports/province/", {"as_of": ON})
    assert response.status_code == 200
    assert ON.isoformat() in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert overview(wb["总览"])["统计日期"][0].date() == ON


def test_the_schools_are_listed_by_the_official_order_of_cities(
    api, province, past, school_a, school_b
):
    _job, wb = run_job(api(province), f"/api/v1/exports/province/?as_of={ON}")
    cities = [r["设区市"] for r in table(wb["各校明细"])]
    # 南昌 (3601), 九江 (3604), 上饶 (3611): the code order of the ratios API's cities, not
    # the order of the characters (上 < 九 < 南).
    assert cities == ["南昌", "九江", "上饶"]


@pytest.mark.parametrize("bad", ["2101-01-01", "1949-12-31", "30/06/2026", "yesterday"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_date_is_a_400_naming_the_parameter(api, province, hr_a, bad, method):
    for user, url in ((province, "/api/v1/exports/province/"), (hr_a, "/api/v1/exports/school/")):
        response = getattr(api(user), method)(f"{url}?as_of={bad}")
        assert response.status_code == 400, (url, response.content)
        assert list(response.json()) == ["as_of"]
        ratios = api(province).get(f"/api/v1/ratios/summary/?as_of={bad}")
        assert ratios.status_code == 400  # the ratios API refuses the same dates
    assert not Job.objects.exists()


def test_a_bad_date_is_explained_in_english(api, province):
    response = api(province).post(
        "/api/v1/exports/province/?as_of=2200-01-01", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "1950-01-01" in response.json()["as_of"][0]
    assert "Choose" in response.json()["as_of"][0]


def test_a_future_date_within_the_range_is_accepted_as_by_the_ratios_api(api, province, past):
    later = date(2027, 3, 1)
    assert api(province).get("/api/v1/ratios/summary/", {"as_of": later}).status_code == 200
    job, _wb = run_job(api(province), f"/api/v1/exports/province/?as_of={later}")
    assert job["result"]["as_of"] == later.isoformat()


def test_only_the_province_makes_the_province_workbook_for_a_date(
    api, city_nc, hr_a, base_staff, past
):
    for user in (city_nc, hr_a, base_staff):
        assert api(user).post(f"/api/v1/exports/province/?as_of={ON}").status_code == 403
    assert not Job.objects.exists()


# --------------------------------------------------------------------------- one school


def test_a_schools_workbook_on_a_past_date_lists_who_taught_there_then(api, hr_a, past, school_a):
    job, wb = run_job(api(hr_a), f"/api/v1/exports/school/?as_of={ON}")
    assert ON.isoformat() in job["result_name"]
    assert job["result"]["as_of"] == ON.isoformat()
    assert Job.objects.get(pk=job["id"]).params["as_of"] == ON.isoformat()
    assert ON.isoformat() in rows(wb["概况"])[0][0]
    assert overview(wb["概况"])["统计日期"][0].date() == ON

    teachers = {r["姓名"]: r for r in table(wb["教师"])}
    # 王芳 was there, as 讲师 and qualified; 孙丽 was not hired yet.
    assert set(teachers) == {"王芳", "赵敏"}
    assert teachers["王芳"]["教学职称"] == "讲师"
    assert teachers["王芳"]["双师型等级"] != "不符合条件"
    assert teachers["王芳"]["计入比例"] == "是"

    # The school's figures are the ratios API's for that date.
    expected = api(hr_a).get("/api/v1/ratios/schools/", {"as_of": ON}).json()["results"]
    (row,) = [r for r in expected if r["school"]["id"] == school_a.pk]
    summary = overview(wb["概况"])
    assert summary["专任专业课教师（计入比例）"][0] == row["in_scope"]
    assert summary["双师型教师"][0] == row["qualified"]
    assert summary["双师型占比"][0] == pytest.approx(row["ratio"])
    assert summary["距目标缺口（人）"][0] == row["gap"]


def test_a_schools_workbook_today_lists_todays_staff(api, hr_a, hr_b, past):
    _job, wb = run_job(api(hr_a), "/api/v1/exports/school/")
    assert {r["姓名"] for r in table(wb["教师"])} == {"赵敏", "孙丽"}
    _job, wb = run_job(api(hr_b), "/api/v1/exports/school/")
    (wang,) = table(wb["教师"])
    assert (wang["姓名"], wang["教学职称"]) == ("王芳", "高级讲师/副教授")


def test_a_school_with_nobody_in_scope_leaves_its_ratio_and_gap_blank(api, hr_b, past):
    """School B had nobody on 2026-06-30: no ratio (DESIGN §4), and a number column holds
    a number or nothing, never a dash as text. (School B is a 技师学院: 一体化 wording.)"""
    _job, wb = run_job(api(hr_b), f"/api/v1/exports/school/?as_of={ON}")
    assert table(wb["教师"]) == []
    summary = overview(wb["概况"])
    assert summary["专任专业课教师（计入比例）"][0] == 0
    assert summary["一体化占比"][0] is None
    assert summary["距目标缺口（人）"][0] is None
    assert "无在范围教师" in summary["一体化占比"][1]
    assert summary["是否达标"][0] == "无在范围教师"


def test_a_city_reads_its_schools_workbook_for_a_date_and_not_the_others(
    api, city_nc, base_staff, hr_a, past, school_a, school_b
):
    client = api(city_nc)
    _job, wb = run_job(client, f"/api/v1/exports/school/?school={school_a.pk}&as_of={ON}")
    assert {r["姓名"] for r in table(wb["教师"])} == {"王芳", "赵敏"}
    assert "*" in table(wb["教师"])[0]["身份证号"]
    assert (
        client.post(f"/api/v1/exports/school/?school={school_b.pk}&as_of={ON}").status_code == 404
    )
    assert (
        api(hr_a).post(f"/api/v1/exports/school/?school={school_b.pk}&as_of={ON}").status_code
        == 404
    )
    assert api(base_staff).post(f"/api/v1/exports/school/?as_of={ON}").status_code == 403


# --------------------------------------------------------------------------- the builders


def _nobody() -> Share:
    return Share(in_scope=0, qualified=0, ratio=None, gap=None, meets_target=False)


def test_the_province_overview_leaves_the_ratio_and_gap_of_nobody_blank():
    school = SchoolRow(
        code="S1", name="学校", city="南昌", kind="secondary_vocational", share=_nobody()
    )
    report = ProvinceReport(
        as_of=ON,
        target_ratio=0.6,
        ratio_deadline=date(2025, 12, 31),
        bases_target=20,
        bases_deadline=date(2025, 12, 31),
        province=_nobody(),
        by_city=[],
        by_kind=[],
        schools=[school],
        bases=[],
        bases_active=0,
    )
    wb = load_workbook(io.BytesIO(province_workbook(report)))
    summary = overview(wb["总览"])
    for label in ("全省双师型占比", "距目标缺口（人）", "全省已认定占比"):
        assert summary[label][0] is None, label
        assert "无在范围教师" in summary[label][1], label
    dashes = [c for r in rows(wb["总览"]) for c in r if c == "—"]
    assert dashes == []


def test_the_school_overview_leaves_the_ratio_and_gap_of_nobody_blank():
    school = SchoolRow(
        code="S1", name="学校", city="南昌", kind="secondary_vocational", share=_nobody()
    )
    report = SchoolReport(as_of=ON, school=school, target_ratio=0.6, teachers=[])
    wb = load_workbook(io.BytesIO(school_workbook(report)))
    summary = overview(wb["概况"])
    assert summary["双师型占比"][0] is None
    assert summary["距目标缺口（人）"][0] is None
    assert [c for r in rows(wb["概况"]) for c in r if c == "—"] == []


# ------------------------------- round 40: an ID number unmasked only for its school's HR now


def _export_entries() -> list[dict[str, Any]]:
    from auditlog.models import LogEntry

    return [
        e.additional_data
        for e in LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("id")
        if (e.additional_data or {}).get("event") == "export"
    ]


@pytest.mark.parametrize("how", ["job", "download"])
def test_a_teacher_who_moved_since_shows_masked_to_the_old_schools_hr(
    api, hr_a, province, past, how
):
    from shuangshi.common.idnumbers import mask_id_number
    from shuangshi.teachers.models import Teacher

    wang = Teacher.objects.get(name="王芳")  # at school B since 2026-09-01
    zhao = Teacher.objects.get(name="赵敏")  # still at school A
    url = f"/api/v1/exports/school/?as_of={ON}"
    if how == "job":
        _job, wb = run_job(api(hr_a), url)
    else:
        response = api(hr_a).get(url)
        assert response.status_code == 200
        wb = load_workbook(io.BytesIO(response.content))
    teachers = {r["姓名"]: r for r in table(wb["教师"])}
    assert teachers["王芳"]["身份证号"] == mask_id_number(wang.id_number)  # B's teacher now
    assert teachers["赵敏"]["身份证号"] == zhao.id_number
    assert _export_entries()[-1]["full_id_numbers"] == 1  # of the two rows
    # The province reads every number unmasked.
    _job, wb = run_job(api(province), f"/api/v1/exports/school/?school={zhao.school_id}&as_of={ON}")
    teachers = {r["姓名"]: r for r in table(wb["教师"])}
    assert teachers["王芳"]["身份证号"] == wang.id_number
    assert _export_entries()[-1]["full_id_numbers"] == 2
