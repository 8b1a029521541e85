"""Round 30 audit of the Excel import/export (DESIGN §6).

- A school's HR naming another school's teacher in a teacher sheet without a 离职日期
  column: the row was checked against that teacher's stored leaving date, and an error at
  入职日期 ("the leaving date cannot be before the hiring date") told, by trying hiring
  dates, when that teacher of another school left. The row is refused at its ID number
  only, whatever is stored.
- A control character in a text cell (Word's manual line break, U+000B, pasted into Excel;
  Excel saves it as _x000B_) was imported and stored; openpyxl cannot write one, so the
  teacher export, the school workbook and the upload's error workbook then answered 500.
  Such characters are dropped from text as it is read (as invisible characters already
  are), and the workbooks written leave them out, so an export still re-imports unchanged.
"""

from datetime import date
from typing import Any

import pytest
from shuangshi import testing
from shuangshi.teachers.models import Teacher

from .books import TEACHER_HEADERS, book, read_back, teacher_row
from .conftest import errors_at
from .xlsxfiles import with_text

WITHOUT_LEAVING = [h for h in TEACHER_HEADERS if h != "离职日期"]


@pytest.fixture
def client_of(api):
    """An API client that answers a server error as a 500 response, not an exception."""

    def make(user: Any) -> Any:
        client = api(user)
        client.raise_request_exception = False
        return client

    return make


def without_leaving(row: list[Any]) -> list[Any]:
    return [v for h, v in zip(TEACHER_HEADERS, row, strict=False) if h != "离职日期"]


# ------------------------------------------------------------- another school's teacher


@pytest.mark.parametrize("hired", [date(2019, 9, 1), date(2021, 9, 1)])
def test_another_schools_teacher_is_refused_at_the_id_number_whatever_their_stored_dates(
    api, hr_a, teacher_b, upload, hired
):
    """teacher_b (school B) left on 2020-01-01: hiring dates before and after it get the
    same answer, so the sheet cannot find out when they left."""
    Teacher.objects.filter(pk=teacher_b.pk).update(left_on=date(2020, 1, 1))
    row = teacher_row(
        身份证号=teacher_b.id_number, 性别=None, 出生日期=None, 入职日期=hired, 任教起始日期=hired
    )
    client = api(hr_a)
    body = upload(client, "teachers", book([WITHOUT_LEAVING, without_leaving(row)])).json()
    assert body["status"] == "invalid"
    assert errors_at(body) == [(2, "身份证号")]
    assert body["errors"][0]["cell"] == "B2"
    assert "其他学校" in body["errors"][0]["message"]
    assert client.post(f"/api/v1/imports/{body['id']}/commit/").status_code == 400
    teacher_b.refresh_from_db()
    assert (teacher_b.school_id, teacher_b.hired_on) != (hr_a.school_id, hired)


def test_an_own_teacher_is_still_checked_against_the_stored_leaving_date(
    api, hr_a, teacher_a, upload
):
    """The sheet leaves 离职日期 out: the school's own teacher keeps the stored one, and a
    hiring date after it is refused at 入职日期 (as before)."""
    Teacher.objects.filter(pk=teacher_a.pk).update(left_on=date(2020, 1, 1))
    hired = date(2021, 9, 1)
    row = teacher_row(
        姓名=teacher_a.name,
        身份证号=teacher_a.id_number,
        性别=None,
        出生日期=None,
        入职日期=hired,
        任教起始日期=hired,
    )
    body = upload(api(hr_a), "teachers", book([WITHOUT_LEAVING, without_leaving(row)])).json()
    assert body["status"] == "invalid"
    assert errors_at(body) == [(2, "入职日期")]


# ------------------------------------------------------------------ control characters


def vertical_tab_upload(**overrides: Any) -> bytes:
    """A teacher sheet whose 专业 (H2) holds Word's manual line break, as Excel saves it."""
    content = book([TEACHER_HEADERS, teacher_row(专业="x", **overrides)])
    return with_text(content, {"H2": "机电_x000B_一体化"})


def test_a_control_character_in_a_text_cell_is_not_stored(api, hr_a, upload):
    client = api(hr_a)
    body = upload(client, "teachers", vertical_tab_upload()).json()
    assert body["status"] == "valid", body["errors"]
    done = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert (done["status"], done["created"]) == ("committed", 1)
    assert Teacher.objects.get().major == "机电一体化"


def test_the_error_workbook_of_an_upload_with_a_control_character_is_written(
    client_of, hr_a, upload
):
    client = client_of(hr_a)
    body = upload(client, "teachers", vertical_tab_upload(学历="博士后")).json()
    assert body["status"] == "invalid"
    assert errors_at(body) == [(2, "学历")]
    response = client.get(f"/api/v1/imports/{body['id']}/errors/")
    assert response.status_code == 200
    ws = read_back(response.content).worksheets[0]
    assert ws["H2"].value == "机电一体化"
    assert ws["I2"].value == "博士后"


def test_a_teacher_stored_with_a_control_character_exports_and_re_imports_unchanged(
    client_of, hr_a, school_a, upload
):
    """The API keeps what it is sent: a teacher may hold one already."""
    testing.make_teacher(school_a, name="王\x0b芳", major="机电\x0b一体化")
    client = client_of(hr_a)
    response = client.get("/api/v1/exports/teachers/")
    assert response.status_code == 200
    ws = read_back(response.content)["教师"]
    assert (ws["A2"].value, ws["H2"].value) == ("王芳", "机电一体化")
    body = upload(client, "teachers", response.content).json()
    assert body["status"] == "valid", body["errors"]
    done = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert (done["created"], done["updated"], done["unchanged"]) == (0, 0, 1)
    assert Teacher.objects.get().major == "机电\x0b一体化"  # the stored spelling is kept


def test_the_school_workbook_of_a_teacher_with_a_control_character_is_written(
    client_of, hr_a, school_a
):
    testing.make_teacher(school_a, name="王\x0b芳")
    response = client_of(hr_a).get("/api/v1/exports/school/")
    assert response.status_code == 200
    names = [row[1] for row in read_back(response.content)["教师"].iter_rows(values_only=True)]
    assert "王芳" in names
