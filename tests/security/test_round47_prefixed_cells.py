"""Round 47: cells the upload guard did not count, which python-calamine laid out anyway.

python-calamine takes a cell or row by its local name whatever its namespace prefix; the
guard counted only tags under the prefix of <sheetData>. A 9 KB workbook with one x:c at
XFD1048576 passed the guard and killed the jobs worker (a 549 GB allocation). openpyxl
decodes a reference written with character references (B&#90;250000 is BZ250000), which
the guard could not read and so did not count. Every file here is now a 400 at upload,
before anything is queued, and a workbook written with one prefix throughout still imports.
"""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from shuangshi.jobs.models import Job
from shuangshi.spreadsheets import guard, services
from shuangshi.spreadsheets.models import ImportJob
from shuangshi.spreadsheets.reader import FileProblem

from .test_hostile_workbooks import book_with_cell_at, refused, rezip

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
LIMITS = "200000 行、60 列"
DAMAGED = "文件可能已损坏"


def post(client, content: bytes):
    return client.post(
        "/api/v1/imports/",
        {"kind": "teachers", "file": SimpleUploadedFile("教师.xlsx", content)},
        format="multipart",
    )


def template(client) -> bytes:
    response = client.get("/api/v1/imports/templates/teachers/")
    assert response.status_code == 200
    return response.content


def with_sheet(content: bytes, body: str, dimension: str = '<dimension ref="A1:A1"/>') -> bytes:
    """The workbook with its first sheet replaced: the header cell 姓名, then ``body``."""
    sheet = (
        f'<worksheet xmlns="{MAIN}" xmlns:x="{MAIN}">{dimension}<sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
        f"{body}</sheetData></worksheet>"
    )
    return rezip(content, {SHEET: sheet.encode()})


QA_FAR_CELL = (
    '<x:row r="1048576"><x:c r="XFD1048576" t="inlineStr"><x:is><x:t>far</x:t></x:is></x:c></x:row>'
)


def assert_nothing_queued() -> None:
    assert ImportJob.objects.count() == 0
    assert Job.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "cell"),
    [
        (QA_FAR_CELL, "XFD1048576"),
        ('<x:row r="250000"><x:c r="BZ250000"><x:v>1</x:v></x:c></x:row>', "BZ250000"),
    ],
)
def test_a_far_cell_under_another_prefix_is_refused_at_upload(api, hr_a, body, cell):
    client = api(hr_a)
    content = with_sheet(template(client), body)
    assert len(content) < 12_000
    message = refused(post(client, content))
    assert cell in message and LIMITS in message
    assert_nothing_queued()


def test_an_entity_encoded_reference_is_refused_at_upload(api, hr_a):
    client = api(hr_a)
    content = with_sheet(
        template(client), '<row r="25000&#48;"><c r="B&#90;250000"><v>1</v></c></row>'
    )
    assert DAMAGED in refused(post(client, content))
    assert_nothing_queued()


def inspected(body: str, dimension: str = '<dimension ref="A1:A1"/>', prefix: str = "") -> str:
    """guard.inspect's refusal of the sheet (plain sheetData, or ``prefix``:sheetData)."""
    sheet = (
        f'<worksheet xmlns="{MAIN}" xmlns:x="{MAIN}">{dimension}<{prefix}sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
        f"{body}</{prefix}sheetData></worksheet>"
    )
    content = rezip(book_with_cell_at(None), {SHEET: sheet.encode()})
    with pytest.raises(FileProblem) as refusal:
        guard.inspect(content)
    return str(refusal.value)


FAR = '<c r="BZ250000"><v>1</v></c>'


@pytest.mark.parametrize(
    "body",
    [
        QA_FAR_CELL,
        f'<x:row r="250000">{FAR.replace("<c", "<x:c").replace("</c>", "</x:c>")}</x:row>',
        '<row r="2"><x:c r="BZ250000"><v>1</v></x:c></row>',  # a cell alone under x:
        '<x:row r="250000"/>',  # a row alone: openpyxl yields every empty row up to it
        '<row r="2"><:c r="BZ250000"/></row>',  # python-calamine reads any bytes as a prefix
        '<row r="2"><前:c r="BZ250000"/></row>',
        '<row r="2"><a/b:c r="BZ250000"/></row>',
        '<row r="2"><c x:r="A2" r="BZ250000"/></row>',  # x:r is not r
        '<row r="2"><c t=\' r="A2"\' r="BZ250000"/></row>',  # nor text inside a value
    ],
)
def test_guard_counts_cells_and_rows_whatever_their_prefix(body):
    message = inspected(body)
    assert LIMITS in message
    assert "BZ250000" in message or "1048576" in message or "250000" in message


def test_guard_counts_plain_cells_in_a_sheet_of_prefixed_tags():
    message = inspected(f'<x:row r="2">{FAR}</x:row>', prefix="x:")
    assert "BZ250000" in message


@pytest.mark.parametrize(
    "body",
    [
        '<row r="25000&#48;"><c r="B&#90;250000"><v>1</v></c></row>',  # openpyxl: BZ250000
        '<row r="2"><c r="B&#50;"><v>1</v></c></row>',
        '<row r="25000&#48;"><c><v>1</v></c></row>',
        '<row r="2"><c r="BZ4295217296"><v>1</v></c></row>',  # python-calamine: row 250,000
        '<row r="2"><c r="AAAAA2"><v>1</v></c></row>',  # python-calamine: column 12,356,631
        '<row r="2"><c foo=">" r="BZ250000"><v>1</v></c></row>',  # a > the scan stops at
    ],
)
def test_guard_refuses_a_reference_it_cannot_read_as_damaged(body):
    assert DAMAGED in inspected(body)


@pytest.mark.parametrize(
    "dimension",
    [
        '<dimension x:ref="A1:A1" ref="A1:XFD1048576"/>',
        '<x:dimension ref="A1:XFD1048576"/>',
        '<=:dimension ref="A1:XFD1048576"/>',
        '<dimension ref="XFD1048576:A1"/>',
    ],
)
def test_guard_reads_the_declared_range_as_the_readers_do(dimension):
    assert "XFD1048576" in inspected("", dimension=dimension)


def prefixed(content: bytes, prefix: bytes = b"x:") -> bytes:
    """The workbook with every element of its sheet under ``prefix`` (as some tools write)."""
    sheet = zipfile.ZipFile(io.BytesIO(content)).read(SHEET)
    sheet = re.sub(rb"<(/?)([A-Za-z]\w*)(?=[\s/>])", rb"<\1" + prefix + rb"\2", sheet)
    sheet = sheet.replace(b'xmlns="', b"xmlns:" + prefix.rstrip(b":") + b'="', 1)
    return rezip(content, {SHEET: sheet})


def test_a_workbook_written_with_one_prefix_throughout_still_imports(api, hr_a):
    plain = book_with_cell_at(None, rows=30)
    content = prefixed(plain)
    assert b'<x:c r="I31"' in zipfile.ZipFile(io.BytesIO(content)).read(SHEET)
    (before,) = guard.inspect(plain).sheets
    (after,) = guard.inspect(content).sheets
    assert (after.prefix, after.rows, after.columns, after.cells) == (
        b"x:",
        before.rows,
        before.columns,
        before.cells,
    )
    assert services.reader_for(content) == "calamine"
    client = api(hr_a)
    response = post(client, content)
    assert response.status_code == 201, response.content[:300]
    body = client.get(f"/api/v1/imports/{response.json()['id']}/").json()
    assert body["rows"] == 30, (body["status"], body["message"])


def test_a_near_cell_under_another_prefix_is_counted_and_accepted():
    sheet = (
        f'<worksheet xmlns="{MAIN}" xmlns:x="{MAIN}"><sheetData>'
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<x:row r="40"><x:c r="H40"><x:v>1</x:v></x:c></x:row>'
        "</sheetData></worksheet>"
    )
    content = rezip(book_with_cell_at(None), {SHEET: sheet.encode()})
    (found,) = guard.inspect(content).sheets
    assert (found.rows, found.columns, found.cells) == (40, 8, 2)
