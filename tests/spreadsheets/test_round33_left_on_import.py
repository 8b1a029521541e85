"""Round 33: the teacher sheet refuses a leaving date before a completion on file, at the
row's 离职日期 cell, as the API does (teachers/validation.leaving_errors); a leaving date on
or after it, or a sheet without the column, goes through."""

from datetime import date
from typing import Any

import pytest
from shuangshi import testing
from shuangshi.teachers.models import Teacher
from shuangshi.training import services as training_services

from .books import TEACHER_HEADERS, teacher_row, teachers_book
from .conftest import errors_at

pytestmark = pytest.mark.django_db

ZH = "该教师 2026-10-28 还有培训结业记录（新能源汽车维修师资培训），离职日期不能早于此日。"
EN = (
    "This teacher has a training completion dated 2026-10-28 (新能源汽车维修师资培训); "
    "the leaving date cannot be before that day."
)


def commit(client: Any, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/imports/{body['id']}/commit/")


@pytest.fixture
def trained(base_a: Any, school_a: Any) -> Teacher:
    program = training_services.program_create(
        data={
            "base": base_a,
            "title": "新能源汽车维修师资培训",
            "kind": "skill_training",
            "hours": 40,
            "start_on": date(2026, 10, 1),
            "end_on": date(2026, 10, 31),
        }
    )
    teacher = testing.make_teacher(school_a, name="王芳", gender="female")
    training_services.completion_log(
        data={
            "program": program,
            "teacher": teacher,
            "completed_on": date(2026, 10, 28),
            "hours": 40,
            "passed": True,
            "certificate_no": "",
        }
    )
    return teacher


def _row(teacher: Teacher, left_on: date | None) -> list[Any]:
    return teacher_row(
        姓名=teacher.name,
        身份证号=teacher.id_number,
        工号=teacher.staff_no,
        出生日期=teacher.birth_date,
        性别="女",
        离职日期=left_on,
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_leaving_date_before_a_completion_is_refused_at_its_cell(
    api, hr_a, trained, upload, language
):
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    rows = [teacher_row(), _row(trained, date(2026, 1, 1))]
    body = upload(client, "teachers", teachers_book(rows)).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(3, "离职日期")]
    assert body["errors"][0]["message"] == (ZH if language == "zh-hans" else EN)
    trained.refresh_from_db()
    assert trained.left_on is None


def test_a_leaving_date_on_the_completion_day_is_imported(api, hr_a, trained, upload):
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([_row(trained, date(2026, 10, 28))])).json()
    assert body["status"] == "valid", body
    assert commit(client, body).json()["updated"] == 1
    trained.refresh_from_db()
    assert trained.left_on == date(2026, 10, 28)


def test_a_completion_logged_after_the_dry_run_is_still_checked_at_commit(
    api, hr_a, school_a, base_a, upload
):
    teacher = testing.make_teacher(school_a, name="王芳", gender="female")
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([_row(teacher, date(2026, 1, 1))])).json()
    assert body["status"] == "valid", body
    program = training_services.program_create(
        data={
            "base": base_a,
            "title": "新能源汽车维修师资培训",
            "kind": "skill_training",
            "hours": 40,
            "start_on": date(2026, 10, 1),
            "end_on": date(2026, 10, 31),
        }
    )
    training_services.completion_log(
        data={
            "program": program,
            "teacher": teacher,
            "completed_on": date(2026, 10, 28),
            "hours": 40,
            "passed": True,
            "certificate_no": "",
        }
    )
    result = commit(client, body).json()
    assert result["status"] != "committed", result
    teacher.refresh_from_db()
    assert teacher.left_on is None


def test_a_sheet_without_the_leaving_column_keeps_the_stored_date(api, hr_a, trained, upload):
    # A date stored before this rule, left as it is by a sheet without the column.
    Teacher.objects.filter(pk=trained.pk).update(left_on=date(2026, 1, 1))
    headers = [h for h in TEACHER_HEADERS if h != "离职日期"]
    row = _row(trained, None)[: len(TEACHER_HEADERS)]
    del row[TEACHER_HEADERS.index("离职日期")]
    row[headers.index("专业")] = "数控技术"
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([row], headers=headers)).json()
    assert body["status"] == "valid", body
    assert commit(client, body).json()["updated"] == 1


def test_a_role_that_keeps_no_teachers_cannot_import_them(api, base_staff, trained, upload):
    response = upload(api(base_staff), "teachers", teachers_book([_row(trained, None)]))
    assert response.status_code == 403
