"""Round 40 (exploratory QA): two ways an import reported success while it wrote the wrong
thing.

- The openpyxl path (a workbook with a formula saved without its value, or showing an error)
  trusted the sheet's declared <dimension>: other programs' files carry a stale one, and the
  rows and columns beyond it were dropped without a word.
- At commit, a stored value of a column the sheet leaves out was not checked with the row
  again: an edit between the dry run and the commit could leave a teacher who left before
  being hired.
"""

import re
from datetime import date
from typing import Any

import pytest
from shuangshi import testing
from shuangshi.spreadsheets import services
from shuangshi.teachers.models import Teacher

from .books import TEACHER_HEADERS, teacher_row, teachers_book
from .conftest import errors_at
from .xlsxfiles import _edit_sheets

pytestmark = pytest.mark.django_db

NOTE = "备注"  # a column no template has: the clerk's own


def with_dimension(content: bytes, ref: str) -> bytes:
    """The workbook with its sheet's declared range replaced (as another program wrote it)."""

    def edit(xml: str) -> str:
        xml, found = re.subn(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', xml)
        assert found == 1
        return xml

    return _edit_sheets(content, edit)


def noted(rows: list[list[Any]]) -> bytes:
    """Teacher rows with the clerk's 备注 column after the first eleven, holding a formula
    saved without its value (so the upload goes to the openpyxl reader)."""
    headers = [*TEACHER_HEADERS[:11], NOTE, *TEACHER_HEADERS[11:]]
    return teachers_book([[*r[:11], "=1+1", *r[11:]] for r in rows], headers=headers)


def commit(client: Any, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/imports/{body['id']}/commit/")


@pytest.mark.parametrize("declared", ["A1", "A1:B2", "A1:N3"])
def test_a_stale_declared_range_drops_no_row_or_column(api, hr_a, upload, declared):
    rows = [teacher_row(工号=f"T{i}", 离职日期=date(2025, 1, 31)) for i in range(4)]
    content = with_dimension(noted(rows), declared)
    assert services.reader_for(content) == "openpyxl"
    client = api(hr_a)
    body = upload(client, "teachers", content).json()
    assert body["status"] == "valid", body
    assert body["ready"] == 4
    assert commit(client, body).json()["created"] == 4
    numbers = [r[TEACHER_HEADERS.index("身份证号")] for r in rows]
    stored = Teacher.objects.filter(id_number__in=numbers)
    # The last columns (P: 离职日期) and the last rows, both beyond every declared range.
    assert sorted(t.staff_no for t in stored) == ["T0", "T1", "T2", "T3"]
    assert {t.left_on for t in stored} == {date(2025, 1, 31)}


def test_a_stale_declared_range_still_marks_the_unsaved_formula_in_a_read_column(api, hr_a, upload):
    rows = [teacher_row(), teacher_row()]
    rows[1][TEACHER_HEADERS.index("离职日期")] = "=L3+1"  # a date column, no value saved
    content = with_dimension(teachers_book(rows), "A1")
    body = upload(api(hr_a), "teachers", content).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(3, "离职日期")]


@pytest.fixture
def stored(school_a: Any) -> Teacher:
    return testing.make_teacher(school_a, name="王芳", gender="female", hired_on=date(2010, 9, 1))


def without_leaving_column(teacher: Teacher, **overrides: Any) -> bytes:
    headers = [h for h in TEACHER_HEADERS if h != "离职日期"]
    row = teacher_row(
        姓名=teacher.name,
        身份证号=teacher.id_number,
        工号=teacher.staff_no,
        出生日期=teacher.birth_date,
        性别="女",
        **overrides,
    )[: len(TEACHER_HEADERS)]
    del row[TEACHER_HEADERS.index("离职日期")]
    return teachers_book([row], headers=headers)


def test_a_stored_leaving_date_set_after_the_dry_run_is_checked_with_the_row(
    api, hr_a, stored, upload
):
    client = api(hr_a)
    content = without_leaving_column(stored, 入职日期=date(2025, 6, 1))
    body = upload(client, "teachers", content).json()
    assert body["status"] == "valid", body  # no leaving date stored yet
    edit = client.patch(
        f"/api/v1/teachers/{stored.pk}/",
        {"left_on": "2025-01-01", "version": stored.version},
        format="json",
    )
    assert edit.status_code == 200, edit.json()
    assert commit(client, body).json()["status"] == "invalid"
    job = client.get(f"/api/v1/imports/{body['id']}/").json()
    assert job["status"] == "invalid"
    # Shown at the hiring date, the cell the stored leaving date disagrees with.
    assert errors_at(job) == [(2, "入职日期")]
    stored.refresh_from_db()
    assert (stored.hired_on, stored.left_on) == (date(2010, 9, 1), date(2025, 1, 1))


def test_a_stored_value_unchanged_since_the_dry_run_commits_as_before(api, hr_a, stored, upload):
    client = api(hr_a)
    body = upload(client, "teachers", without_leaving_column(stored, 专业="数控技术")).json()
    assert body["status"] == "valid", body
    assert commit(client, body).json()["updated"] == 1
    stored.refresh_from_db()
    assert (stored.major, stored.hired_on, stored.left_on) == ("数控技术", date(2010, 9, 1), None)


def test_a_teacher_registered_after_the_dry_run_is_checked_with_the_stored_values(
    api, hr_a, school_a, upload
):
    client = api(hr_a)
    row = teacher_row(入职日期=date(2025, 6, 1), 任教起始日期=date(2025, 6, 1))
    number = row[TEACHER_HEADERS.index("身份证号")]
    headers = [h for h in TEACHER_HEADERS if h != "离职日期"]
    del row[TEACHER_HEADERS.index("离职日期")]
    body = upload(client, "teachers", teachers_book([row], headers=headers)).json()
    assert body["status"] == "valid", body
    # Registered meanwhile (by form), with a leaving date the sheet's hiring date is after.
    other = testing.make_teacher(
        school_a, id_number=number, hired_on=date(2010, 9, 1), left_on=date(2025, 1, 1)
    )
    assert commit(client, body).json()["status"] == "invalid"
    assert errors_at(client.get(f"/api/v1/imports/{body['id']}/").json()) == [(2, "入职日期")]
    other.refresh_from_db()
    assert other.hired_on == date(2010, 9, 1)
