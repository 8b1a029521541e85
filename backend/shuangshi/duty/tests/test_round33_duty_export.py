"""Round 33: the practice-duty export (DESIGN §9) as a background job (§10), in the user's
language, laid out as the other exports are (frozen header, widths, dates as dates), with
text that stays text."""

import io
from datetime import timedelta
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.utils import timezone
from openpyxl import load_workbook

from shuangshi import testing
from shuangshi.accounts.models import Role

pytestmark = pytest.mark.django_db

URL = "/api/v1/practice-duty/export/"


@pytest.fixture
def staff(school_a: Any, school_b: Any) -> tuple[Any, Any]:
    today = timezone.localdate()
    done = testing.make_teacher(school_a, name="已实践")
    testing.make_period(done, start_on=today - timedelta(days=199), end_on=today)
    short = testing.make_teacher(school_a, name="=1+1")
    testing.make_period(short, start_on=today - timedelta(days=99), end_on=today)
    testing.make_teacher(school_b, name="外校")
    return done, short


def run_job(client: Any, query: str = "", **headers: Any) -> tuple[dict[str, Any], Any]:
    response = client.post(f"{URL}{query}", **headers)
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["kind"] == "exports.duty"
    assert job["status"] == "succeeded", job
    file = client.get(job["download"])
    assert file.status_code == 200
    return job, load_workbook(io.BytesIO(file.content))


def values(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_hr_exports_their_schools_duty_as_a_job(api, hr_a, staff):
    job, wb = run_job(api(hr_a))
    assert job["result"] == {"rows": 2}
    assert job["result_name"].startswith("企业实践-") and job["title"] == "企业实践导出"
    ws = wb["企业实践"]
    assert values(ws)[0] == [
        "学校", "工号", "姓名", "窗口内天数", "应有天数", "尚缺天数",
        "窗口起", "窗口止", "失效日期",
    ]  # fmt: skip
    assert sorted(r[2] for r in values(ws)[1:]) == sorted(["已实践", "=1+1"])
    assert ws.freeze_panes == "D2"
    assert ws.column_dimensions["A"].width >= 20
    assert ws["G2"].number_format == "yyyy-mm-dd" and ws["G2"].is_date
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("id")
    assert entry.additional_data["what"] == "practice_duty"
    assert entry.additional_data["count"] == 2


def test_a_name_that_starts_like_a_formula_stays_text(api, hr_a, staff):
    _job, wb = run_job(api(hr_a))
    ws = wb["企业实践"]
    cell = next(row[2] for row in ws.iter_rows(min_row=2) if row[2].value == "=1+1")
    assert cell.data_type == "s" and (cell.quotePrefix or cell.number_format == "@")
    direct = api(hr_a).get(URL)
    sheet = load_workbook(io.BytesIO(direct.content))["企业实践"]
    assert all(row[2].data_type == "s" for row in sheet.iter_rows(min_row=2))


def test_an_english_user_gets_the_duty_list_in_english(api, hr_a, staff):
    job, wb = run_job(api(hr_a), HTTP_ACCEPT_LANGUAGE="en")
    assert job["result_name"].startswith("practice-duty-")
    ws = wb["Enterprise practice"]
    assert values(ws)[0][:3] == ["School", "Staff no", "Name"]
    direct = api(hr_a).get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert load_workbook(io.BytesIO(direct.content)).sheetnames == ["Enterprise practice"]
    assert "practice-duty-" in direct["Content-Disposition"]


def test_an_empty_scope_gives_the_header_row_only(api, hr_b, school_b):
    job, wb = run_job(api(hr_b), "?short=true")
    assert job["result"] == {"rows": 0}
    assert len(values(wb["企业实践"])) == 1


def test_roles_without_the_duty_list_cannot_start_its_export(api, base_staff, staff):
    _done, short = staff
    teacher = testing.make_user("t_short", Role.TEACHER, teacher=short)
    assert api(base_staff).post(URL).status_code == 403
    assert api(teacher).post(URL).status_code == 403


def test_a_bad_filter_is_a_400_at_once_not_a_failed_job(api, hr_a, hr_b, staff, school_a):
    response = api(hr_a).post(f"{URL}?short=maybe")
    assert response.status_code == 400 and "short" in response.json()
    assert api(hr_b).post(f"{URL}?school={school_a.pk}").status_code == 404
