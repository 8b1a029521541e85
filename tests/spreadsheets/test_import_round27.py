"""Round 27 (imports): a sheet that leaves out an optional column keeps the stored values of
that column; what an import writes is confirmed (DESIGN §3); text typed in the API with
full-width punctuation re-imports unchanged and is not keyed twice (DESIGN §6: an export
re-imports unchanged); a mentor row reports every error it has. All through the import API
as a school's HR."""

from datetime import date
from typing import Any

import pytest
from shuangshi import testing
from shuangshi.mentors.models import Mentor, MentorAppointment
from shuangshi.spreadsheets.models import ImportJob
from shuangshi.teachers.models import (
    Certificate,
    EnterprisePeriod,
    RecordStatus,
    Teacher,
    TeacherFact,
)

from .books import TEACHER_HEADERS, book, teachers_book, unique_id_number
from .conftest import errors_at

CERT_HEADERS = ["身份证号", "姓名", "证书类别", "等级/类型", "证书名称", "证书编号", "发证日期"]
PERIOD_HEADERS = ["身份证号", "经历类型", "企业名称", "开始日期"]
MENTOR_REQUIRED = ["导师姓名", "导师身份证号", "所在企业", "导师类别", "聘任方式", "聘任开始日期"]
MENTOR_ALL = [*MENTOR_REQUIRED, "聘任结束日期", "学时", "职称/职务", "专长"]


def upload_ok(client: Any, upload: Any, kind: str, content: bytes) -> dict[str, Any]:
    body = upload(client, kind, content).json()
    assert body["status"] == "valid", body
    return body


def commit(client: Any, upload: Any, kind: str, content: bytes) -> dict[str, Any]:
    body = upload_ok(client, upload, kind, content)
    done = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert done["status"] == "committed", done
    return done


def teacher_cells(teacher: Teacher, **changes: Any) -> dict[str, Any]:
    """A sheet row saying what testing.teacher_data stored (by header)."""
    cells = {
        "姓名": teacher.name,
        "身份证号": teacher.id_number,
        "工号": teacher.staff_no,
        "性别": "男" if teacher.gender == "male" else "女",
        "出生日期": teacher.birth_date,
        "用工类型": "专任",
        "课程类型": "专业课",
        "专业": teacher.major,
        "学历": "本科",
        "职教师范毕业": "否",
        "教学职称": "讲师",
        "入职日期": teacher.hired_on,
        "任教起始日期": teacher.teaching_since,
        "离职日期": teacher.left_on,
    }
    cells.update(changes)
    return cells


def sheet(headers: list[str], *rows: dict[str, Any]) -> bytes:
    return teachers_book([[row[h] for h in headers] for row in rows], headers)


def without(*left_out: str) -> list[str]:
    return [h for h in TEACHER_HEADERS if h not in left_out]


# --------------------------------------------------------------- columns left out


def test_a_teacher_sheet_without_a_column_keeps_its_stored_values(api, hr_a, upload):
    kept = testing.make_teacher(hr_a.school, title="associate_senior", left_on=date(2020, 1, 1))
    number, birth = unique_id_number()
    fresh = {
        **teacher_cells(kept, 姓名="李新", 身份证号=number, 工号="T9", 性别="女"),
        "出生日期": birth,
    }
    headers = without("教学职称", "离职日期")  # and no 专业大类, like DESIGN §6's list
    client = api(hr_a)
    body = upload_ok(
        client, upload, "teachers", sheet(headers, teacher_cells(kept, 专业="数控技术"), fresh)
    )
    assert ImportJob.objects.get(pk=body["id"]).parsed  # the commit writes the kept rows
    done = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert (done["created"], done["updated"]) == (1, 1), done
    kept.refresh_from_db()
    assert (kept.major, kept.title, kept.left_on, kept.major_category) == (
        "数控技术",  # a column the sheet has is written
        "associate_senior",
        date(2020, 1, 1),
        "46",
    )
    assert not TeacherFact.objects.filter(teacher=kept).exists()  # no title or category change
    new = Teacher.objects.get(id_number=number)  # a new teacher takes the defaults
    assert (new.title, new.left_on, new.major_category) == ("none", None, None)


def test_the_design_headers_re_import_registered_teachers_unchanged(api, hr_a, upload):
    teacher = testing.make_teacher(hr_a.school)
    done = commit(api(hr_a), upload, "teachers", sheet(TEACHER_HEADERS, teacher_cells(teacher)))
    assert (done["updated"], done["unchanged"]) == (0, 1), done
    teacher.refresh_from_db()
    assert teacher.major_category == "46"


def test_a_blank_cell_of_a_column_the_sheet_has_still_clears(api, hr_a, upload):
    teacher = testing.make_teacher(hr_a.school)
    row = {**teacher_cells(teacher), "专业大类": None}
    commit(api(hr_a), upload, "teachers", sheet([*TEACHER_HEADERS, "专业大类"], row))
    teacher.refresh_from_db()
    assert teacher.major_category is None


def test_a_row_is_checked_with_the_stored_values_it_keeps(api, hr_a, upload):
    teacher = testing.make_teacher(hr_a.school, left_on=date(2012, 1, 1))
    row = teacher_cells(teacher, 入职日期=date(2013, 9, 1))
    body = upload(api(hr_a), "teachers", sheet(without("离职日期"), row)).json()
    assert body["status"] == "invalid"
    assert errors_at(body) == [(2, "入职日期")]  # against the stored leaving date


def test_a_certificate_sheet_without_a_column_keeps_its_stored_values(api, hr_a, upload):
    teacher = testing.make_teacher(hr_a.school)
    certificate = testing.make_certificate(
        teacher,
        kind="skill_level",
        level="grade4",
        number="SK-1",
        field="电工",
        issuer="江西省人社厅",
        issued_on=date(2018, 1, 1),
        expires_on=date(2030, 1, 1),
    )
    rows = [
        [
            teacher.id_number,
            teacher.name,
            "职业技能等级证书",
            "三级/高级工",
            "电工证",
            "SK-1",
            date(2018, 1, 1),
        ]
    ]
    done = commit(api(hr_a), upload, "certificates", book([CERT_HEADERS, *rows]))
    assert done["updated"] == 1, done
    certificate.refresh_from_db()
    assert (certificate.level, certificate.name) == ("grade3", "电工证")
    assert (certificate.field, certificate.issuer, certificate.field_category) == (
        "电工",
        "江西省人社厅",
        "46",
    )
    assert certificate.expires_on == date(2030, 1, 1)


def test_a_certificate_row_is_checked_with_the_stored_expiry(api, hr_a, upload):
    teacher = testing.make_teacher(hr_a.school)
    testing.make_certificate(
        teacher, number="TQ-1", issued_on=date(2015, 1, 1), expires_on=date(2020, 1, 1)
    )
    rows = [
        [
            teacher.id_number,
            teacher.name,
            "教师资格证",
            "中职教师资格",
            "",
            "TQ-1",
            date(2021, 1, 1),
        ]
    ]
    body = upload(api(hr_a), "certificates", book([CERT_HEADERS, *rows])).json()
    assert errors_at(body) == [(2, "发证日期")]


def test_a_period_sheet_without_a_column_keeps_its_stored_values(api, hr_a, upload):
    teacher = testing.make_teacher(hr_a.school)
    period = testing.make_period(teacher, position="装配工艺员", end_on=date(2023, 12, 31))
    headers = [*PERIOD_HEADERS, "结束日期"]
    rows = [[teacher.id_number, "企业实践", period.enterprise, date(2023, 7, 1), date(2024, 1, 31)]]
    done = commit(api(hr_a), upload, "enterprise-periods", book([headers, *rows]))
    assert done["updated"] == 1, done
    period.refresh_from_db()
    assert (period.end_on, period.position) == (date(2024, 1, 31), "装配工艺员")


def test_a_mentor_sheet_without_a_column_keeps_its_stored_values(api, hr_a, upload):
    client = api(hr_a)
    number, _ = unique_id_number(gender="male")
    first = [
        "刘工",
        number,
        "江铜",
        "能工巧匠",
        "兼职授课",
        date(2024, 9, 1),
        date(2025, 7, 31),
        64,
        "高级技师",
        "冶炼",
    ]
    later = [
        "刘工",
        number,
        "江铜",
        "能工巧匠",
        "兼职授课",
        date(2025, 9, 1),
        None,
        32,
        "高级技师",
        "冶炼",
    ]
    assert (
        commit(client, upload, "mentor-appointments", book([MENTOR_ALL, first, later]))["created"]
        == 2
    )
    # Without an end date column the first appointment keeps its end: no overlap with the later.
    again = [["刘工", number, "江西铜业", "能工巧匠", "兼职授课", date(2024, 9, 1)]]
    done = commit(client, upload, "mentor-appointments", book([MENTOR_REQUIRED, *again]))
    assert (done["created"], done["updated"], done["unchanged"]) == (0, 0, 1), done
    mentor = Mentor.objects.get()
    assert (mentor.enterprise, mentor.title, mentor.skills) == ("江西铜业", "高级技师", "冶炼")
    appointment = MentorAppointment.objects.get(start_on=date(2024, 9, 1))
    assert (appointment.end_on, appointment.hours) == (date(2025, 7, 31), 64)


# --------------------------------------------------------------- confirmed


@pytest.mark.parametrize("status", [RecordStatus.PENDING, RecordStatus.REJECTED])
def test_an_imported_certificate_is_confirmed(api, hr_a, upload, status):
    teacher = testing.make_teacher(hr_a.school)
    certificate = testing.make_certificate(
        teacher, number="TQ-1", issued_on=date(2015, 1, 1), status=status, reject_reason="看不清"
    )
    rows = [
        [
            teacher.id_number,
            teacher.name,
            "教师资格证",
            "中职教师资格",
            certificate.name,
            "TQ-1",
            date(2015, 1, 1),
        ]
    ]
    done = commit(api(hr_a), upload, "certificates", book([CERT_HEADERS, *rows]))
    assert done["updated"] == 1, done
    certificate.refresh_from_db()
    assert (certificate.status, certificate.reject_reason) == (RecordStatus.CONFIRMED, "")


def test_an_imported_period_is_confirmed(api, hr_a, upload):
    teacher = testing.make_teacher(hr_a.school)
    period = testing.make_period(teacher, status=RecordStatus.PENDING)
    rows = [[teacher.id_number, "企业实践", period.enterprise, period.start_on]]
    done = commit(api(hr_a), upload, "enterprise-periods", book([PERIOD_HEADERS, *rows]))
    assert done["updated"] == 1, done
    period.refresh_from_db()
    assert period.status == RecordStatus.CONFIRMED


def test_a_confirmed_record_re_imports_unchanged(api, hr_a, upload):
    teacher = testing.make_teacher(hr_a.school)
    certificate = testing.make_certificate(teacher, number="TQ-1", issued_on=date(2015, 1, 1))
    rows = [
        [
            teacher.id_number,
            teacher.name,
            "教师资格证",
            "中职教师资格",
            certificate.name,
            "TQ-1",
            date(2015, 1, 1),
        ]
    ]
    done = commit(api(hr_a), upload, "certificates", book([CERT_HEADERS, *rows]))
    assert (done["updated"], done["unchanged"]) == (0, 1), done


# --------------------------------------------------------------- full-width text


def _api_teacher(client: Any, school: Any, major: str) -> int:
    data = testing.teacher_data(school, major=major)
    payload = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in data.items()}
    del payload["school"]
    response = client.post("/api/v1/teachers/", payload, format="json")
    assert response.status_code == 201, response.data
    return int(response.data["id"])


def test_an_export_of_full_width_text_re_imports_unchanged(api, hr_a, upload):
    client = api(hr_a)
    pk = _api_teacher(client, hr_a.school, "机电一体化技术（中职）")
    done = commit(client, upload, "teachers", client.get("/api/v1/exports/teachers/").content)
    assert (done["updated"], done["unchanged"]) == (0, 1), done
    assert Teacher.objects.get(pk=pk).major == "机电一体化技术（中职）"


def test_an_update_keeps_the_stored_spelling_of_text_it_does_not_change(api, hr_a, upload):
    client = api(hr_a)
    pk = _api_teacher(client, hr_a.school, "机电一体化技术（中职）")
    teacher = Teacher.objects.get(pk=pk)
    row = teacher_cells(teacher, 专业="机电一体化技术(中职)", 教学职称="高级讲师")
    done = commit(client, upload, "teachers", sheet(TEACHER_HEADERS, row))
    assert done["updated"] == 1, done
    teacher.refresh_from_db()
    assert (teacher.title, teacher.major) == ("associate_senior", "机电一体化技术（中职）")


def test_a_period_typed_in_the_api_is_the_same_period_in_a_sheet(api, hr_a, upload):
    teacher = testing.make_teacher(hr_a.school)
    client = api(hr_a)
    response = client.post(
        "/api/v1/enterprise-periods/",
        {
            "teacher": teacher.pk,
            "kind": "practice",
            "enterprise": "江西铜业（集团）有限公司",
            "start_on": "2023-07-01",
            "end_on": "2023-12-31",
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    headers = [*PERIOD_HEADERS, "岗位"]
    rows = [[teacher.id_number, "企业实践", "江西铜业(集团)有限公司", date(2023, 7, 1), "工艺员"]]
    done = commit(client, upload, "enterprise-periods", book([headers, *rows]))
    assert (done["created"], done["updated"]) == (0, 1), done
    period = EnterprisePeriod.objects.get(teacher=teacher)
    assert (period.enterprise, period.position) == ("江西铜业（集团）有限公司", "工艺员")


def test_a_full_width_certificate_number_and_name_match_the_sheet(api, hr_a, upload):
    teacher = testing.make_teacher(hr_a.school, name="王芳（小）")
    testing.make_certificate(teacher, number="ＴＱ－００１", issued_on=date(2015, 1, 1))
    rows = [
        [
            teacher.id_number,
            "王芳(小)",
            "教师资格证",
            "中职教师资格",
            "",
            "TQ-001",
            date(2015, 1, 1),
        ]
    ]
    commit(api(hr_a), upload, "certificates", book([CERT_HEADERS, *rows]))
    assert list(Certificate.objects.filter(teacher=teacher).values_list("number", flat=True)) == [
        "ＴＱ－００１"
    ]


# --------------------------------------------------------------- every error of a mentor row


@pytest.mark.parametrize("number", ["360102198506150013", None])
def test_a_mentor_row_reports_its_dates_whatever_its_id_number(api, hr_a, upload, number):
    headers = [*MENTOR_REQUIRED, "聘任结束日期"]
    rows = [["刘工", number, "江铜", "能工巧匠", "兼职授课", date(2024, 9, 1), date(2024, 1, 1)]]
    body = upload(api(hr_a), "mentor-appointments", book([headers, *rows])).json()
    assert errors_at(body) == [(2, "导师身份证号"), (2, "聘任结束日期")]
