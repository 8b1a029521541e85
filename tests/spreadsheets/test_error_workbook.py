"""The marked copy of an upload: same rows, bad cells filled, an error column, a listing."""

import pytest
from shuangshi.spreadsheets import services

from .books import TEACHER_HEADERS, read_back, teacher_row, teachers_book


@pytest.mark.parametrize("reader", ["calamine", "openpyxl"])
def test_the_error_workbook_marks_exactly_the_failed_rows(api, hr_a, upload, monkeypatch, reader):
    monkeypatch.setattr(services, "READER", reader)
    client = api(hr_a)
    rows = [
        teacher_row(),
        teacher_row(性别="男"),
        teacher_row(),
        teacher_row(用工类型="x", 入职日期="?"),
    ]
    # A title row above the header: row numbers must still match the upload.
    content = teachers_book([TEACHER_HEADERS, *rows], ["教师花名册"])
    body = upload(client, "teachers", content).json()
    assert body["failed"] == 2

    response = client.get(f"/api/v1/imports/{body['id']}/errors/")
    assert response.status_code == 200
    wb = read_back(response.content)
    ws = wb.worksheets[0]
    assert ws["A1"].value == "教师花名册"
    assert [c.value for c in ws[2]][: len(TEACHER_HEADERS)] == TEACHER_HEADERS
    error_col = len(TEACHER_HEADERS) + 1
    assert ws.cell(2, error_col).value == "错误说明"
    marked_rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, error_col).value]
    assert marked_rows == [4, 6]
    assert len(marked_rows) == body["failed"]
    filled = sorted(
        c.coordinate
        for row in ws.iter_rows(min_row=3)
        for c in row
        if c.fill.fgColor.rgb and c.fill.fgColor.rgb.endswith("FFC7CE")
    )
    assert filled == ["D4", "F6", "L6"]
    assert ws["B3"].value == rows[0][1]  # the data itself is copied
    assert ws["E3"].value.date() == rows[0][4]
    listing = [[c.value for c in row] for row in wb["错误清单"].iter_rows(min_row=2)]
    assert [(r[0], r[1], r[2]) for r in listing] == [
        (4, "性别", "D4"),
        (6, "用工类型", "F6"),
        (6, "入职日期", "L6"),
    ]


def test_a_valid_upload_has_an_unmarked_copy(api, hr_a, upload):
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([teacher_row()])).json()
    wb = read_back(client.get(f"/api/v1/imports/{body['id']}/errors/").content)
    assert list(wb["错误清单"].iter_rows(min_row=2)) == []


def test_the_error_workbook_is_worded_in_the_readers_language(api, hr_a, upload):
    """Round 29: the listing's sheet, its headings and the error column read in the language
    of whoever downloads it, as its messages do; the clerk's own headers stay as written."""
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([teacher_row(性别="男")])).json()
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    wb = read_back(client.get(f"/api/v1/imports/{body['id']}/errors/").content)
    ws = wb.worksheets[0]
    error_col = len(TEACHER_HEADERS) + 1
    assert [c.value for c in ws[1]][: len(TEACHER_HEADERS)] == TEACHER_HEADERS
    assert ws.cell(1, error_col).value == "Errors"
    assert ws.cell(2, error_col).value.startswith("性别: ")  # the sheet's header, then ": "
    assert wb.sheetnames[1] == "Error list"
    rows = list(wb["Error list"].iter_rows(values_only=True))
    assert rows[0] == ("Row", "Column", "Cell", "Value", "Error")
    assert rows[1][:3] == (2, "性别", "D2")
