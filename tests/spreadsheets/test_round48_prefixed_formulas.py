"""Round 48: a formula saved without its value, or a formula error, under any prefix.

python-calamine takes a cell, a formula and a value by their local names whatever their
namespace prefix, and reads a formula saved without its value, and a formula error, as a
blank cell. Since round 47 the guard counts cells under any prefix, but it looked for such
formulas only under the prefix of <sheetData>: a sheet of plain tags whose formula was
written <y:c r="F2"><y:f>E2+3650</y:f></y:c> (y bound to the same namespace) imported a
certificate "never expiring". Formula errors were looked for only as ` t="e"`: t='e' and
t = "e" read as blank too. Each is now reported at its cell, with the messages of round 28
and 29, whatever the prefix or the quotes.
"""

import io
import zipfile
from datetime import date
from typing import Any

import pytest
from shuangshi.spreadsheets import guard, reader, services
from shuangshi.spreadsheets.columns import CERTIFICATES
from shuangshi.teachers.models import Certificate

from .books import book
from .xlsxfiles import _edit_sheets, with_cells

pytestmark = pytest.mark.django_db

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADERS = ["身份证号", "证书类别", "等级/类型", "证书编号", "发证日期", "有效期至"]


def certificates(teacher: Any) -> bytes:
    """Two certificates of ``teacher``; F2, the first's expiry, holds a date."""
    return book(
        [
            HEADERS,
            [
                teacher.id_number,
                "职业技能等级证书",
                "四级",
                "N1",
                date(2020, 1, 1),
                date(2030, 1, 1),
            ],
            [teacher.id_number, "职业技能等级证书", "四级", "N2", date(2020, 1, 1), None],
        ]
    )


def with_prefix_y(content: bytes, sheet_data: str = "") -> bytes:
    """y: bound to the main namespace on the root, and <sheetData> under ``sheet_data``."""

    def edit(xml: str) -> str:
        xml = xml.replace(
            f'<worksheet xmlns="{MAIN}"',
            f'<worksheet xmlns="{MAIN}" xmlns:y="{MAIN}" xmlns:x="{MAIN}"',
            1,
        )
        if sheet_data:
            xml = xml.replace("<sheetData>", f"<{sheet_data}sheetData>").replace(
                "</sheetData>", f"</{sheet_data}sheetData>"
            )
        return xml

    return _edit_sheets(content, edit)


UNSAVED = [
    '<y:c r="F2"><y:f>E2+3650</y:f></y:c>',
    '<c r="F2"><y:f>E2+3650</y:f></c>',
    '<y:c r="F2"><f>E2+3650</f></y:c>',
    '<c r="F2"><f>E2+3650</f><y:v/></c>',
    '<y:c r="F2" s="1"><y:f>E2+3650</y:f><y:v></y:v></y:c>',
    '<x:c r="F2"><x:f t="shared" ref="F2:F2" si="0">E2+3650</x:f></x:c>',
    '<y:c r="F2">\n  <y:f>E2+3650</y:f>\n</y:c>',
]


def sheet_xml(content: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("sheet_data", ["", "x:"], ids=["plain", "x-sheetData"])
@pytest.mark.parametrize("cell", UNSAVED)
def test_a_formula_without_its_value_under_any_prefix_is_refused_at_its_cell(
    api, hr_a, teacher_a, upload, cell, sheet_data
):
    content = with_prefix_y(with_cells(certificates(teacher_a), {"F2": cell}), sheet_data)
    assert cell.encode() in sheet_xml(content)
    assert guard.inspect(content).unsaved_formulas
    assert services.reader_for(content) == "openpyxl"
    client = api(hr_a)
    body = upload(client, "certificates", content).json()
    assert body["status"] == "invalid", body
    assert [(e["row"], e["column"], e["cell"]) for e in body["errors"]] == [(2, "有效期至", "F2")]
    message = body["errors"][0]["message"]
    assert "公式" in message and "保存" in message and "WPS" in message
    assert client.post(f"/api/v1/imports/{body['id']}/commit/").status_code == 400
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("sheet_data", ["", "x:"], ids=["plain", "x-sheetData"])
@pytest.mark.parametrize(
    "cell",
    [
        '<y:c r="F2"><y:f>E2+3650</y:f><y:v>47483</y:v></y:c>',  # its value, saved
        '<c r="F2"><y:f>E2+3650</y:f><v>47483</v></c>',
        '<y:c r="F2" t="str"><y:f>IF(E2="","",E2)</y:f><y:v></y:v></y:c>',  # empty text
        "<y:c r='F2' t='str'><y:f>IF(E2=\"\",\"\",E2)</y:f><y:v/></y:c>",
    ],
)
def test_a_formula_with_its_value_under_any_prefix_stays_on_the_fast_reader(
    teacher_a, cell, sheet_data
):
    content = with_prefix_y(with_cells(certificates(teacher_a), {"F2": cell}), sheet_data)
    found = guard.inspect(content)
    assert not found.unsaved_formulas and not found.formula_errors
    assert services.reader_for(content) == "calamine"


ERRORS = [
    "<c r=\"F2\" t='e'><f>VLOOKUP(A1,B:C,2,0)</f><v>#N/A</v></c>",
    '<c r="F2"\tt = "e"><f>VLOOKUP(A1,B:C,2,0)</f><v>#N/A</v></c>',
    '<c r="F2"\nt="e"><f>VLOOKUP(A1,B:C,2,0)</f><v>#N/A</v></c>',
    "<y:c r='F2' t='e'><y:f>VLOOKUP(A1,B:C,2,0)</y:f><y:v>#N/A</y:v></y:c>",
    '<y:c r="F2" t="e"><y:f>VLOOKUP(A1,B:C,2,0)</y:f><y:v>#N/A</y:v></y:c>',
]


@pytest.mark.parametrize("sheet_data", ["", "x:"], ids=["plain", "x-sheetData"])
@pytest.mark.parametrize("cell", ERRORS)
def test_a_formula_error_in_any_spelling_is_reported_at_its_cell(
    api, hr_a, teacher_a, upload, cell, sheet_data
):
    content = with_prefix_y(with_cells(certificates(teacher_a), {"F2": cell}), sheet_data)
    assert guard.inspect(content).formula_errors
    assert services.reader_for(content) == "openpyxl"
    client = api(hr_a)
    body = upload(client, "certificates", content).json()
    assert body["status"] == "invalid", body
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(2, "有效期至")]
    assert "#N/A" in body["errors"][0]["message"]
    assert not Certificate.objects.exists()


def test_a_workbook_without_formulas_stays_on_the_fast_reader(teacher_a):
    content = with_prefix_y(certificates(teacher_a))
    found = guard.inspect(content)
    assert not found.unsaved_formulas and not found.formula_errors
    assert services.reader_for(content) == "calamine"


def test_a_formula_under_another_prefix_cut_by_a_chunk_is_found(teacher_a, monkeypatch):
    """The guard reads a sheet a chunk at a time: the cell may be cut anywhere."""
    cell = '<y:c r="F2"><y:f t="shared" ref="F2:F2" si="0">E2+3650</y:f><y:v></y:v></y:c>'
    content = with_prefix_y(with_cells(certificates(teacher_a), {"F2": cell}))
    start = sheet_xml(content).find(b'<y:c r="F2"')
    columns = CERTIFICATES.read_columns(scoped=True)
    for cut in range(start - 2, start + len(cell) + 2):
        monkeypatch.setattr(guard, "CHUNK", cut)
        monkeypatch.setattr(reader, "CHUNK", cut)
        assert guard.inspect(content).unsaved_formulas, cut
        assert reader.read(content, columns, engine="openpyxl").unsaved == {(2, 5)}, cut
