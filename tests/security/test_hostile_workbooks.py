"""Workbooks built to hurt the server: each is a 400 naming the limit, answered at upload.

Issue 15 items 1 and 9. Every file is built here, in memory, in well under a second: the
guard (shuangshi.spreadsheets.guard) refuses them before a parser sees them.
"""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook, load_workbook
from shuangshi.spreadsheets import guard, services
from shuangshi.spreadsheets.models import ImportJob

pytestmark = pytest.mark.django_db

HEADERS = ["姓名", "身份证号", "性别", "出生日期", "用工类型", "课程类型", "学历", "入职日期"]
HEADERS += ["任教起始日期"]
ROW = ["", "女", "1990-01-01", "专任", "专业课", "本科", "2015-09-01", "2015-09-01"]


def post(client, content: bytes, name: str = "upload.xlsx"):
    return client.post(
        "/api/v1/imports/",
        {"kind": "teachers", "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


def book_with_cell_at(ref: str | None, rows: int = 0) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "教师"
    ws.append(HEADERS)
    for n in range(rows):
        ws.append([f"王{n}", *ROW])
    if ref:
        ws[ref] = "x"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(content: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    """The workbook with some members replaced or added (written as they are named)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def refused(response) -> str:
    assert response.status_code == 400, response.content[:300]
    return response.json()["file"][0]


@pytest.mark.parametrize("ref", ["XFD1048576", "O1048576", "BI2"])
def test_a_cell_far_away_is_refused_before_any_parser_lays_the_sheet_out(api, hr_a, ref):
    content = book_with_cell_at(ref)
    assert len(content) < 6000
    message = refused(post(api(hr_a), content))
    assert ref in message
    assert "200000 行、60 列" in message
    assert ImportJob.objects.count() == 0


def test_a_lying_dimension_is_refused_too(api, hr_a):
    content = book_with_cell_at(None, rows=1)
    sheet = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    lying = sheet.replace(b'<dimension ref="A1:I2"/>', b'<dimension ref="A1:XFD1048576"/>')
    assert lying != sheet
    message = refused(post(api(hr_a), rezip(content, {"xl/worksheets/sheet1.xml": lying})))
    assert "XFD1048576" in message


def test_cells_without_positions_are_counted_by_their_order(api, hr_a):
    # Cells and rows may leave out r=; they then follow the previous one.
    cells = "".join(f"<c t='inlineStr'><is><t>{n}</t></is></c>" for n in range(70))
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData><row>{cells}</row></sheetData></worksheet>"
    ).encode()
    content = rezip(book_with_cell_at(None), {"xl/worksheets/sheet1.xml": sheet})
    assert "BR1" in refused(post(api(hr_a), content))  # column 70


def sheet_of(cells_xml: str) -> bytes:
    """The upload whose sheet holds these rows and cells, as written."""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{cells_xml}</sheetData></worksheet>"
    ).encode()
    return rezip(book_with_cell_at(None), {"xl/worksheets/sheet1.xml": sheet})


def test_a_far_row_written_with_leading_zeros_is_still_refused(api, hr_a):
    # 01048576 is row 1,048,576: the fast scan, which compares row numbers as text by their
    # length, leaves such a sheet to the tag-by-tag scan.
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(1, 9))
    far = '<row r="9"><c r="B01048576"><v>1</v></c></row>'
    assert "B1048576" in refused(post(api(hr_a), sheet_of(rows + far)))


def test_the_farthest_cell_is_found_whatever_the_order_and_case():
    # Rows out of order, a shorter number after a longer one, lower-case letters.
    rows = (
        '<row r="120"><c r="C120"><v>1</v></c></row>'
        '<row r="99"><c r="bh99"><v>1</v></c><c r="A99"><v>1</v></c></row>'
        '<row r="1000"><c r="b1000"><v>1</v></c></row>'
        '<row r="7"><c r="A7"><v>1</v></c></row>'
    )
    found = guard.inspect(sheet_of(rows))
    (sheet,) = found.sheets
    assert (sheet.rows, sheet.columns, sheet.cells) == (1000, 60, 5)  # BH is column 60, the limit


def test_an_ordinary_workbook_is_measured_exactly():
    content = book_with_cell_at(None, rows=2500)
    (sheet,) = guard.inspect(content).sheets
    # The header and 2,500 rows of nine cells (the blank ID number is an empty text cell).
    assert (sheet.rows, sheet.columns, sheet.cells) == (2501, 9, 2501 * 9)


def with_huge_sheet(content: bytes, megabytes: int) -> bytes:
    """The workbook whose first sheet unpacks to `megabytes` of (blank) XML, packed ~1000:1."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info))
                continue
            with target.open(info.filename, "w", force_zip64=False) as sheet:
                sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/')
                sheet.write(b'spreadsheetml/2006/main"><sheetData><!--')
                blank = b" " * (1024 * 1024)
                for _ in range(megabytes):
                    sheet.write(blank)
                sheet.write(b"--></sheetData></worksheet>")
    return out.getvalue()


def test_a_small_file_that_unpacks_to_300_mb_is_refused(api, hr_a):
    content = with_huge_sheet(book_with_cell_at(None, rows=1), 300)
    assert len(content) < 1024 * 1024
    message = refused(post(api(hr_a), content))
    assert "倍" in message  # packed far tighter than any sheet
    with override_settings(IMPORT_MAX_COMPRESSION_RATIO=100_000):
        assert "解压后超过 200 MB" in refused(post(api(hr_a), content))


def test_the_unpacked_limit_holds_for_an_honestly_packed_sheet(api, hr_a):
    content = book_with_cell_at(None, rows=3000)  # about 1.3 MB of sheet XML
    with override_settings(IMPORT_MAX_UNPACKED_MB=1):
        message = refused(post(api(hr_a), content))
    assert "1 MB" in message


def test_a_zip_index_that_lies_about_sizes_is_refused(api, hr_a):
    content = bytearray(book_with_cell_at(None, rows=1))
    # The last mention of the name is its central directory entry; 46 bytes of header before.
    entry = bytes(content).rfind(b"xl/worksheets/sheet1.xml") - 46
    assert content[entry : entry + 4] == b"PK\x01\x02"
    content[entry + 24 : entry + 28] = (10).to_bytes(4, "little")  # "unpacks to 10 bytes"
    assert "损坏" in refused(post(api(hr_a), bytes(content)))


def test_too_many_parts_are_refused(api, hr_a):
    parts = {f"xl/media/pad{n}.txt": b"x" for n in range(600)}
    message = refused(post(api(hr_a), rezip(book_with_cell_at(None, rows=1), {}, parts)))
    assert "最多 500 个" in message


def test_a_macro_enabled_workbook_is_refused(api, hr_a):
    content = rezip(book_with_cell_at(None, rows=1), {}, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"})
    assert "宏" in refused(post(api(hr_a), content))


def test_a_macro_content_type_is_refused(api, hr_a):
    content = book_with_cell_at(None, rows=1)
    types = zipfile.ZipFile(io.BytesIO(content)).read("[Content_Types].xml")
    macro = types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    assert macro != types
    assert "宏" in refused(post(api(hr_a), rezip(content, {"[Content_Types].xml": macro})))


def test_an_xlsm_name_is_refused(api, hr_a):
    content = book_with_cell_at(None, rows=1)
    assert "宏" in refused(post(api(hr_a), content, name="教师.xlsm"))


def test_a_role_that_may_not_import_is_refused_before_the_file_is_read(api, city_nc):
    assert post(api(city_nc), book_with_cell_at("XFD1048576")).status_code == 403


def test_a_far_but_allowed_cell_streams_and_never_lays_out_the_gap(api, hr_a, monkeypatch):
    """A far cell within the limits: the sheet goes to the streaming reader, whose rows in
    the gap are one shared empty tuple, and the errors workbook writes no cells there. The
    dense-layout limit is lowered so that a far cell 20,000 rows down takes that path (at the
    real limit it takes row 150,000, 30 s of CI's time for the same code)."""
    monkeypatch.setattr(services, "DENSE_MAX_CELLS", 200_000)
    content = book_with_cell_at("AZ20000", rows=1)
    assert services.reader_for(content) == "openpyxl"  # calamine would lay out 1.04M cells
    assert guard.inspect(content).largest_area == 20_000 * 52
    client = api(hr_a)
    response = post(client, content)
    assert response.status_code == 201, response.content[:300]
    body = client.get(f"/api/v1/imports/{response.json()['id']}/").json()
    assert body["rows"] == 2, (body["status"], body["message"])
    errors = client.get(f"/api/v1/imports/{body['id']}/errors/")
    assert errors.status_code == 200
    marked = load_workbook(io.BytesIO(errors.content), read_only=True)
    sheet = marked["教师"]
    written = [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]
    assert len(written) == 3  # the header, the data row and the far one: nothing in between


def test_an_ordinary_upload_still_uses_the_fast_reader(api, hr_a):
    content = book_with_cell_at(None, rows=5)
    assert services.reader_for(content) == "calamine"
    assert post(api(hr_a), content).status_code == 201


def test_a_file_of_bad_rows_lists_a_bounded_number_of_errors(api, hr_a, monkeypatch):
    monkeypatch.setattr(services, "MAX_ERRORS", 5)
    content = book_with_cell_at(None, rows=12)  # no ID numbers: every row is wrong
    client = api(hr_a)
    upload = post(client, content).json()
    body = client.get(f"/api/v1/imports/{upload['id']}/").json()
    assert (body["status"], body["rows"], body["failed"]) == ("invalid", 12, 12)
    assert len(body["errors"]) == 5
