"""QA on the demo data: the province and school workbooks.

- The province workbook lists full ID numbers (sheet 招聘条件不符) but wrote no `access`
  audit entry, where every other export writes one (docs/security.md): it now does, once
  per export, at once (GET) or as a job (POST).
- The school workbook showed the computed figures only; the recognized ones (DESIGN §8:
  both side by side everywhere) are in its overview now, as ratios/schools/ gives them for
  the workbook's date, and each teacher's recognized level beside the computed one.
- A technical school's (技工院校) workbook said 双师型 everywhere: its dual-qualified teachers
  are 一体化教师 (DESIGN §3), in its file name, title and labels.
"""

import io
from datetime import date, timedelta
from typing import Any
from urllib.parse import unquote

import pytest
from auditlog.models import LogEntry
from django.utils import timezone
from openpyxl import load_workbook

from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.recognition import services as recognition_services

pytestmark = pytest.mark.django_db

PROVINCE = "/api/v1/exports/province/"
SCHOOL = "/api/v1/exports/school/"


def rows(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def table(ws: Any) -> list[dict[str, Any]]:
    found = rows(ws)
    return [dict(zip(found[0], r, strict=True)) for r in found[1:]]


def overview(ws: Any) -> dict[str, list[Any]]:
    return {r[0]: r[1:] for r in rows(ws) if r and isinstance(r[0], str)}


def export_entries() -> list[tuple[Any, dict[str, Any]]]:
    return [
        (e.actor, e.additional_data)
        for e in LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("id")
        if (e.additional_data or {}).get("event") == "export"
    ]


def filename(response: Any) -> str:
    return unquote(response["Content-Disposition"].split("filename*=utf-8''")[1])


def run_job(client: Any, url: str) -> tuple[dict[str, Any], Any]:
    response = client.post(url)
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["status"] == "succeeded", job
    file = client.get(job["download"])
    assert file.status_code == 200
    return job, load_workbook(io.BytesIO(file.content))


# --------------------------------------------------------------- 1. the province's audit


@pytest.fixture
def new_hire(school_a: Any) -> Any:
    """Hired in 2024 with no skill certificate, not a 职教师范 graduate and no enterprise
    years: listed on the province workbook's 招聘条件不符 sheet, with their ID number."""
    return testing.make_teacher(
        school_a, name="刘新", hired_on=date(2024, 9, 1), teaching_since=date(2024, 9, 1)
    )


def test_the_province_workbook_is_audited_with_its_full_id_numbers(
    api, province, new_hire, teacher_a
):
    response = api(province).get(PROVINCE)
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    listed = table(wb["招聘条件不符"])
    assert [r["身份证号"] for r in listed] == [new_hire.id_number]  # in full
    assert export_entries() == [
        (
            province,
            {
                "event": "export",
                "what": "province_workbook",
                "scope": "province",
                "count": 1,
                "full_id_numbers": 1,
            },
        )
    ]


def test_the_province_workbook_job_is_audited_once_with_its_date(api, province, new_hire):
    on = timezone.localdate() - timedelta(days=1)
    _job, wb = run_job(api(province), f"{PROVINCE}?as_of={on}")
    assert [r["身份证号"] for r in table(wb["招聘条件不符"])] == [new_hire.id_number]
    assert export_entries() == [
        (
            province,
            {
                "event": "export",
                "what": "province_workbook",
                "scope": f"province as_of={on}",
                "count": 1,
                "full_id_numbers": 1,
            },
        )
    ]


def test_a_role_refused_the_province_workbook_leaves_no_export_entry(api, city_nc, hr_a, new_hire):
    for user in (city_nc, hr_a):
        assert api(user).get(PROVINCE).status_code == 403
        assert api(user).post(PROVINCE).status_code == 403
    assert export_entries() == []


# ------------------------------------------------- 3. the recognized figures, side by side


@pytest.fixture
def recognized(school_a: Any, school_b: Any, hr_a: User, province: User) -> Any:
    """School A: two teachers in scope, both qualified (junior); one of them recognized
    today through a round (publicity of 0 days, finalized at once)."""
    today = timezone.localdate()
    expert = testing.make_user("expert_b", Role.EXPERT, school=school_b)
    round_ = recognition_services.round_create(
        data={
            "code": "JX2026Q",
            "name": "2026年第一批",
            "opens_on": today - timedelta(days=5),
            "closes_on": today + timedelta(days=5),
            "publicity_days": 0,
            "experts": [expert],
        }
    )
    teachers = []
    for name in ("王小明", "赵敏"):
        teacher = testing.make_teacher(school_a, name=name)
        testing.make_certificate(teacher)
        testing.make_certificate(
            teacher, kind="skill_level", level="grade3", issued_on=date(2021, 5, 1)
        )
        teachers.append(teacher)
    app = recognition_services.application_create(
        round=round_, teacher=teachers[0], level="junior", user=hr_a
    )
    app = recognition_services.application_submit(application=app, user=hr_a)
    app = recognition_services.application_school_review(
        application=app, user=hr_a, decision="approve"
    )
    app = recognition_services.application_province_review(
        application=app, user=province, decision="approve"
    )
    recognition_services.application_finalize(application=app, user=province)
    return teachers


def test_the_school_overview_shows_the_recognized_figures_of_the_ratios_endpoint(
    api, hr_a, school_a, recognized
):
    client = api(hr_a)
    row = client.get(f"/api/v1/ratios/schools/?school={school_a.pk}").json()["results"][0]
    assert (row["in_scope"], row["qualified"], row["recognized"]) == (2, 2, 1)
    response = client.get(SCHOOL)
    assert response.status_code == 200
    summary = overview(load_workbook(io.BytesIO(response.content))["概况"])
    assert summary["双师型教师"][0] == row["qualified"]
    assert summary["其中已认定（官方口径）"][0] == row["recognized"]
    assert summary["已认定占比"][0] == pytest.approx(row["recognized_ratio"])
    assert summary["已认定距目标缺口（人）"][0] == row["recognized_gap"] == 1
    assert row["recognized_meets_target"] is False
    assert summary["已认定是否达标"][0] == "未达标"
    assert summary["是否达标"][0] == "达标"  # the computed figure, beside it


def test_the_school_teacher_sheet_shows_each_teachers_recognized_level(api, hr_a, recognized):
    response = api(hr_a).get(SCHOOL)
    teachers = {
        r["姓名"]: (r["双师型等级"], r["已认定等级"])
        for r in table(load_workbook(io.BytesIO(response.content))["教师"])
    }
    assert teachers == {"王小明": ("初级", "初级"), "赵敏": ("初级", "未认定")}


def test_the_recognized_figures_are_those_of_the_workbooks_date(api, hr_a, school_a, recognized):
    """Yesterday nobody was recognized yet: the job for that date says so, as the ratios
    endpoint does."""
    client = api(hr_a)
    on = timezone.localdate() - timedelta(days=1)
    row = client.get(f"/api/v1/ratios/schools/?school={school_a.pk}&as_of={on}").json()
    row = row["results"][0]
    _job, wb = run_job(client, f"{SCHOOL}?as_of={on}")
    summary = overview(wb["概况"])
    assert summary["其中已认定（官方口径）"][0] == row["recognized"] == 0
    assert summary["已认定占比"][0] == pytest.approx(row["recognized_ratio"]) == 0
    assert summary["已认定距目标缺口（人）"][0] == row["recognized_gap"] == 2
    assert {r["已认定等级"] for r in table(wb["教师"])} == {"未认定"}


def test_a_school_workbook_is_refused_to_a_role_without_one(api, base_staff, recognized):
    assert api(base_staff).get(SCHOOL).status_code == 403


# ------------------------------------------------- 4. 一体化 in a technical school


@pytest.fixture(params=["technician_college", "senior_technical_school", "technical_school"])
def technical(request: Any) -> tuple[Any, User]:
    school = testing.make_school(
        name="南昌工业技师学院", city=testing.city("360100"), kind=request.param
    )
    testing.make_teacher(school, name="周强")
    return school, testing.make_user("hr_tech", Role.SCHOOL_HR, school=school)


def _all_text(wb: Any) -> str:
    return " ".join(str(c) for ws in wb.worksheets for r in rows(ws) for c in r if c)


def test_a_technical_schools_workbook_speaks_of_integrated_teachers(api, technical):
    _school, hr = technical
    response = api(hr).get(SCHOOL)
    assert response.status_code == 200
    on = timezone.localdate().isoformat()
    assert filename(response) == f"南昌工业技师学院-一体化教师-{on}.xlsx"
    wb = load_workbook(io.BytesIO(response.content))
    assert rows(wb["概况"])[0][0] == f"南昌工业技师学院 一体化教师情况（截至 {on}）"
    summary = overview(wb["概况"])
    assert summary["一体化教师"][0] == 0
    assert "一体化占比" in summary
    assert "一体化等级" in rows(wb["教师"])[0]
    assert "一体化等级" in rows(wb["最接近符合条件"])[0]
    assert "双师型" not in _all_text(wb)


def test_a_technical_schools_workbook_job_is_named_so_too(api, technical):
    _school, hr = technical
    job, wb = run_job(api(hr), SCHOOL)
    assert job["result_name"].startswith("南昌工业技师学院-一体化教师-")
    assert "双师型" not in _all_text(wb)


def test_a_vocational_schools_workbook_still_speaks_of_dual_qualified_teachers(
    api, hr_a, teacher_a
):
    response = api(hr_a).get(SCHOOL)
    assert filename(response).startswith("南昌职业学院-双师型教师-")
    wb = load_workbook(io.BytesIO(response.content))
    assert "双师型占比" in overview(wb["概况"])
    assert "双师型等级" in rows(wb["教师"])[0]
    assert "一体化" not in _all_text(wb)
