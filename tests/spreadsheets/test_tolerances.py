"""Real workbook files (tests/fixtures/spreadsheets/): what clerks' files contain."""

from datetime import date

import pytest
from django.test import override_settings
from shuangshi.common.idnumbers import make_id_number
from shuangshi.spreadsheets import services
from shuangshi.teachers.models import Teacher

from .books import teacher_row, teachers_book
from .conftest import errors_at
from .xlsxfiles import with_text

MESSY_IDS = {
    "360102198506150126": "王芳",
    "360102197901020319": "李强",
    "360104198811300576": "孙伟",
    "36011119830520039X": "周杰",
}


@pytest.fixture(params=["calamine", "openpyxl"])
def reader(request, monkeypatch):
    """Both readers (small uploads use calamine, large ones stream through openpyxl)."""
    monkeypatch.setattr(services, "READER", request.param)
    return request.param


def test_it_reads_a_messy_real_workbook(api, hr_a, upload, fixture_file, reader):
    body = upload(api(hr_a), "teachers", fixture_file("teachers_messy.xlsx")).json()

    assert body["sheet"] == "在职教师"  # the hidden sheet before it is skipped
    assert body["header_row"] == 3
    assert (body["rows"], body["ready"], body["failed"]) == (5, 4, 1)  # the blank row is skipped
    assert errors_at(body) == [(8, "身份证号")]
    assert body["errors"][0]["cell"] == "A8"
    assert "文本" in body["errors"][0]["message"]


def test_it_refuses_to_commit_while_a_row_is_invalid(api, hr_a, upload, fixture_file):
    content = fixture_file("teachers_messy.xlsx")
    client = api(hr_a)
    body = upload(client, "teachers", content).json()
    assert body["status"] == "invalid"
    assert client.post(f"/api/v1/imports/{body['id']}/commit/").status_code == 400
    assert Teacher.objects.count() == 0


def test_it_commits_the_messy_workbook_once_the_bad_row_is_fixed(
    api, hr_a, upload, fixture_file, reader
):
    fixed = make_id_number("360103", date(1990, 3, 9), 44, "female")
    content = with_text(fixture_file("teachers_messy.xlsx"), {"A8": fixed})
    client = api(hr_a)
    body = upload(client, "teachers", content).json()
    assert body["status"] == "valid", body["errors"]
    result = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert (result["created"], result["updated"]) == (5, 0)
    assert result["status"] == "committed"

    teachers = {t.id_number: t for t in Teacher.objects.all()}
    assert {k: teachers[k].name for k in MESSY_IDS} == MESSY_IDS  # trimmed, x upper-cased
    wang = teachers["360102198506150126"]  # full-width digits in the file
    assert (wang.staff_no, wang.employment, wang.title) == ("T001", "full_time", "intermediate")
    li = teachers["360102197901020319"]
    assert li.hired_on == li.teaching_since == date(2012, 9, 1)  # 2012/9/1 and 2012.9.1
    assert (li.course_type, li.education, li.normal_graduate) == ("practical", "master", True)
    assert li.birth_date == date(1979, 1, 2)  # 1979年1月2日
    sun = teachers["360104198811300576"]
    assert sun.major == "汽车维修"  # a formula: its saved value
    assert (sun.gender, sun.birth_date) == ("male", date(1988, 11, 30))  # from the ID number
    assert sun.hired_on == date(2019, 9, 1)
    zhou = teachers["36011119830520039X"]
    assert (zhou.staff_no, zhou.education, zhou.title) == ("T005", "higher_vocational", "junior")
    assert (zhou.hired_on, zhou.left_on) == (date(2020, 9, 1), date(2024, 7, 31))
    assert all(t.school_id == hr_a.school_id for t in teachers.values())


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("teachers_old.xls", ".xlsx"),
        ("teachers.csv", "CSV"),
        ("teachers_damaged.xlsx", "损坏"),
        ("not_a_workbook.xlsx", "损坏"),
    ],
)
def test_it_refuses_what_is_not_an_xlsx_and_says_what_to_do(
    api, hr_a, upload, fixture_file, name, words
):
    response = upload(api(hr_a), "teachers", fixture_file(name), name=name)
    assert response.status_code == 400
    assert words in response.json()["file"][0]
    assert "另存为" in response.json()["file"][0] or "重新保存" in response.json()["file"][0]


def test_it_answers_in_english_when_asked(api, hr_a, upload, fixture_file):
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    response = upload(client, "teachers", fixture_file("teachers.csv"), name="teachers.csv")
    assert response.json()["file"][0].startswith("This looks like a CSV")


@override_settings(UPLOAD_MAX_MB=1)
def test_it_refuses_a_file_above_the_size_limit(api, hr_a, upload):
    response = upload(api(hr_a), "teachers", b"PK\x03\x04" + b"\x00" * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert "1 MB" in response.json()["file"][0]


def test_it_refuses_a_small_file_that_unpacks_to_a_huge_sheet(api, hr_a, upload):
    content = teachers_book([teacher_row() for _ in range(3000)])  # about 1.5 MB unpacked
    with override_settings(IMPORT_MAX_UNPACKED_MB=1):
        response = upload(api(hr_a), "teachers", content)
    assert response.status_code == 400
    assert "解压后" in response.json()["file"][0]


def test_large_sheets_stream_through_openpyxl(monkeypatch):
    content = teachers_book([teacher_row() for _ in range(50)])
    assert services.reader_for(content) == "calamine"
    monkeypatch.setattr(services, "STREAM_ABOVE_BYTES", 1000)
    assert services.reader_for(content) == "openpyxl"


def test_the_rows_from_a_given_row_on_skip_blank_rows_as_all_rows_do():
    from shuangshi.spreadsheets import reader
    from shuangshi.spreadsheets.columns import TEACHERS

    rows = [teacher_row(工号=f"T{n:03d}") for n in range(6)]
    rows[3] = [None] * len(rows[3])  # row 5 is blank
    content = teachers_book(rows)
    columns = TEACHERS.read_columns(scoped=True)  # a school HR's sheet: no school column
    every = [n for n, _row in reader.read(content, columns).rows()]
    assert every == [2, 3, 4, 6, 7]
    assert [n for n, _row in reader.read(content, columns).rows(start=5)] == [6, 7]
    assert [n for n, _row in reader.read(content, columns).rows(start=4)] == [4, 6, 7]
    assert [n for n, _row in reader.read(content, columns).rows(start=0)] == every
