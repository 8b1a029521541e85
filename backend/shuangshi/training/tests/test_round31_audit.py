"""Round 31 audit of training bases, programmes and completions."""

import io
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from shuangshi import testing
from shuangshi.training import services
from shuangshi.training.models import TrainingCompletion

from .conftest import make_completion

pytestmark = pytest.mark.django_db
BASES = "/api/v1/training-bases/"
COMPLETIONS = "/api/v1/training-completions/"
HEADERS = ["身份证号", "姓名", "培训项目", "结业日期", "学时", "是否合格"]


def _import(client: Any, rows: list[list[Any]]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    wb = Workbook()
    ws = wb.active
    for row in [HEADERS, *rows]:
        ws.append(row)
    for cells in ws.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.number_format = "@"
    buffer = io.BytesIO()
    wb.save(buffer)
    body = client.post(
        "/api/v1/imports/",
        {"kind": "training-completions", "file": SimpleUploadedFile("c.xlsx", buffer.getvalue())},
        format="multipart",
    ).json()
    if body.get("status") == "valid":
        return body, client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    return body, None


# ------------------------------------------------------------------ teacher who had left


def test_api_refuses_a_completion_dated_after_the_teacher_left(
    api, base_staff, program_a, school_a
):
    left = testing.make_teacher(school_a, left_on=date(2025, 7, 15))
    body = {
        "program": program_a.pk,
        "teacher_id_number": left.id_number,
        "completed_on": "2025-07-31",
        "hours": 80,
    }
    response = api(base_staff).post(COMPLETIONS, body, format="json")
    assert response.status_code == 400, response.data
    assert "completed_on" in response.data
    assert not TrainingCompletion.objects.exists()
    # On or before the leaving day it is accepted (employed through left_on inclusive).
    body["completed_on"] = "2025-07-15"
    assert api(base_staff).post(COMPLETIONS, body, format="json").status_code == 201


def test_import_refuses_a_completion_dated_after_the_teacher_left(
    api, base_staff, program_a, school_a
):
    left = testing.make_teacher(school_a, left_on=date(2025, 7, 15))
    rows = [[left.id_number, "", program_a.title, "2025-07-31", 80, "是"]]
    body, result = _import(api(base_staff), rows)
    assert body["status"] == "invalid", body
    assert result is None
    assert [e["row"] for e in body["errors"]] == [2]
    assert not TrainingCompletion.objects.exists()


# ------------------------------------------------------------------ voided completions


def test_base_staff_cannot_change_a_voided_completion_by_reimporting_it(
    api, base_staff, base_a, province, program_a, teacher_a
):
    completion = make_completion(program_a, teacher_a)
    services.base_void_completions(base=base_a, reason="证书造假")
    rows = [[teacher_a.id_number, "", program_a.title, "2025-07-30", 60, "是"]]
    body, result = _import(api(base_staff), rows)
    assert result is None, result
    assert body["status"] == "invalid", body
    completion.refresh_from_db()
    assert (completion.completed_on, completion.hours) == (date(2025, 7, 31), 80)


def test_base_stats_do_not_count_a_voided_completion_as_a_pass(
    api, province, base_a, program_a, teacher_a, teacher_b
):
    make_completion(program_a, teacher_a)
    make_completion(program_a, teacher_b)
    services.base_void_completions(base=base_a, reason="证书造假")
    response = api(province).get(f"{BASES}stats/", {"base": base_a.pk, "code": base_a.code})
    assert response.status_code == 200, response.data
    row = next(r for r in response.data if r["base"]["id"] == base_a.pk)
    # Both completions stay on record (the list shows them, voided, and stats count them
    # as voided) but a voided one never counts (DESIGN §4): no completion, no pass.
    assert (row["completions"], row["teachers_trained"], row["voided"]) == (0, 0, 2)
    assert (row["passed"], row["pass_rate"]) == (0, None)


def test_province_workbook_does_not_count_a_voided_completion_as_a_pass(
    base_a, program_a, teacher_a
):
    from shuangshi.spreadsheets.report_data import province_report

    make_completion(program_a, teacher_a)
    services.base_void_completions(base=base_a, reason="证书造假")
    row = next(b for b in province_report().bases if b.code == base_a.code)
    # Round 40: nor as a completion, as base_stats (voided ones never count).
    assert (row.completions, row.teachers_trained, row.passed) == (0, 0, 0)
