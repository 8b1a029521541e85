"""Round 44: a teacher's changed birth date is checked against their stored records.
Round 43 refused a certificate issued on or before the birth date and an enterprise period
starting before the age of 16, but a later birth-date correction (with the ID number) that
put stored records on the wrong side went through. It is refused now at the birth date,
naming the first record that would break the rules: in the API (teacher_update) and in the
teacher import (the row and its birth-date column)."""

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import Workbook

from shuangshi import testing
from shuangshi.common.idnumbers import make_id_number
from shuangshi.spreadsheets import services as imports
from shuangshi.teachers.models import RecordStatus, Teacher

pytestmark = pytest.mark.django_db

BIRTH = date(1985, 6, 15)
LATER = date(1990, 3, 1)  # the corrected birth date


@pytest.fixture
def api(api: Any) -> Any:
    def client(user: Any = None) -> Any:
        c = api(user)
        c.credentials(HTTP_ACCEPT_LANGUAGE="en")
        return c

    return client


def corrected(teacher: Teacher, birth: date = LATER) -> dict[str, Any]:
    """The ID number and birth date corrected together (they must agree)."""
    number = make_id_number("360102", birth, 17, teacher.gender)
    return {"id_number": number, "birth_date": birth.isoformat(), "version": teacher.version}


def test_a_birth_date_after_a_stored_certificates_issue_is_refused(api, hr_a, school_a):
    teacher = testing.make_teacher(school_a, birth_date=BIRTH, teaching_since=date(2012, 9, 1))
    testing.make_certificate(teacher, number="TQ-2008-1", issued_on=date(2012, 7, 1))
    testing.make_certificate(teacher, number="TQ-1989-7", issued_on=date(1989, 7, 1))
    response = api(hr_a).patch(f"/api/v1/teachers/{teacher.pk}/", corrected(teacher), format="json")
    assert response.status_code == 400
    assert response.json() == {
        "birth_date": [
            "This teacher's certificate Teacher qualification (教师资格证) TQ-1989-7 was issued "
            "on 1989-07-01: the birth date must be before that day."
        ]
    }
    teacher.refresh_from_db()
    assert teacher.birth_date == BIRTH


def test_a_birth_date_less_than_16_years_before_a_stored_period_is_refused(api, province, school_a):
    teacher = testing.make_teacher(school_a, birth_date=BIRTH, teaching_since=date(2012, 9, 1))
    testing.make_period(teacher, enterprise="江铃汽车", start_on=date(2005, 7, 1), end_on=None)
    response = api(province).patch(
        f"/api/v1/teachers/{teacher.pk}/", corrected(teacher), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "birth_date": [
            "This teacher's enterprise period at 江铃汽车 starts on 2005-07-01: the birth "
            "date must be at least 16 years before that day."
        ]
    }


def test_a_birth_date_the_records_keep_to_goes_through_and_rejected_ones_do_not_count(
    api, hr_a, school_a
):
    teacher = testing.make_teacher(school_a, birth_date=BIRTH, teaching_since=date(2012, 9, 1))
    testing.make_certificate(teacher, issued_on=date(2012, 7, 1))
    testing.make_period(teacher, start_on=date(2010, 7, 1), end_on=date(2011, 1, 1))
    testing.make_certificate(
        teacher, issued_on=date(1989, 7, 1), status=RecordStatus.REJECTED, reject_reason="错"
    )
    response = api(hr_a).patch(f"/api/v1/teachers/{teacher.pk}/", corrected(teacher), format="json")
    assert response.status_code == 200, response.json()
    teacher.refresh_from_db()
    assert teacher.birth_date == LATER


def test_a_teacher_may_not_change_it_at_all(api, school_a):
    teacher = testing.make_teacher(school_a, birth_date=BIRTH)
    user = testing.make_user("teacher44b", testing.Role.TEACHER, teacher=teacher)
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    response = api(user).patch(f"/api/v1/teachers/{teacher.pk}/", corrected(teacher), format="json")
    assert response.status_code == 403


# --------------------------------------------------------------------------- the import

HEADERS = [
    "姓名", "身份证号", "工号", "性别", "出生日期", "用工类型", "课程类型", "专业", "学历",
    "职教师范毕业", "教学职称", "入职日期", "任教起始日期", "离职日期",
]  # fmt: skip


def _book(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.number_format = "@"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row(teacher: Teacher, birth: Any) -> list[Any]:
    return [
        teacher.name, teacher.id_number, teacher.staff_no, "男", birth, "专任", "专业课",
        "机电一体化", "本科", "否", "讲师", date(2012, 9, 1), date(2012, 9, 1), None,
    ]  # fmt: skip


def test_an_import_that_corrects_a_birth_date_names_the_row_and_its_column(hr_a, school_a):
    """A birth date stored before it had to agree with the ID number: the import sets the
    one the number encodes, which a stored certificate was issued before."""
    teacher = testing.make_teacher(school_a, birth_date=LATER, teaching_since=date(2012, 9, 1))
    testing.make_certificate(teacher, number="TQ-1989-7", issued_on=date(1989, 7, 1))
    stored_before = date(1980, 1, 1)  # a legacy record, before the ID-number rule
    Teacher.objects.filter(pk=teacher.pk).update(birth_date=stored_before)
    teacher.refresh_from_db()
    ok = testing.make_teacher(school_a, birth_date=LATER, teaching_since=date(2012, 9, 1))
    rows = [_row(ok, LATER), _row(teacher, LATER)]
    job = imports.import_validate(
        user=hr_a, kind="teachers", filename="t.xlsx", content=_book(rows)
    )
    assert job.status == "invalid"
    assert [(e["row"], e["column"], e["field"]) for e in job.errors] == [
        (3, "出生日期", "birth_date")
    ]
    assert "TQ-1989-7" in job.errors[0]["message"]
    teacher.refresh_from_db()
    assert teacher.birth_date == stored_before
