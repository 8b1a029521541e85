"""Round 29 (imports): DESIGN §6 — a cell that reads as blank but is not blank in the file
gets a clear error at its row and column, never a silent blank nor a puzzling "必填".

- A formula saved without its result (a workbook written by a script, never opened in
  Excel: `<c><f>…</f></c>`, `<f>…</f><v></v>`, a shared formula's `<f t="shared" si="0"/>`)
  read as blank: an optional column imported "no expiry" or "still employed", and a
  re-import erased the stored value.
- Merged cells in the data rows read as blank below their first row: 必填 at a required
  column, a silent blank at an optional one.
"""

from datetime import date
from typing import Any

import pytest
from openpyxl import Workbook
from shuangshi.spreadsheets import guard, reader, services
from shuangshi.spreadsheets.columns import CERTIFICATES
from shuangshi.teachers.models import Certificate, Teacher

from .books import TEACHER_HEADERS, book, save, teacher_row
from .conftest import errors_at
from .xlsxfiles import with_cached_values, with_cells

CERT_HEADERS = ["身份证号", "证书类别", "等级/类型", "证书编号", "发证日期", "有效期至"]


@pytest.fixture(params=["calamine", "openpyxl"])
def either_reader(request, monkeypatch):
    """Both readers (small uploads use calamine, large ones stream through openpyxl)."""
    monkeypatch.setattr(services, "READER", request.param)
    return request.param


def certificate_rows(teacher: Any, *expiries: Any) -> list[list[Any]]:
    return [
        CERT_HEADERS,
        *(
            [teacher.id_number, "职业技能等级证书", "四级", f"N{i}", date(2020, 1, 1), expiry]
            for i, expiry in enumerate(expiries)
        ),
    ]


def refused(client: Any, body: dict[str, Any]) -> None:
    assert body["status"] == "invalid", body
    assert client.post(f"/api/v1/imports/{body['id']}/commit/").status_code == 400


def committed(client: Any, body: dict[str, Any]) -> dict[str, Any]:
    assert body["status"] == "valid", body
    done = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert done["status"] == "committed", done
    return done


def unsaved(message: str) -> bool:
    return "公式" in message and "保存" in message


# ------------------------------------------------------------------ formulas without results


def test_a_formula_without_its_result_in_an_optional_date_does_not_erase_the_stored_one(
    api, hr_a, teacher_a, upload
):
    """The re-import of a teacher who has left, with 离职日期 written by a script as a
    formula (openpyxl saves "=DATE(2024,7,31)" with an empty value)."""
    Teacher.objects.filter(pk=teacher_a.pk).update(left_on=date(2024, 7, 31))
    row = teacher_row(
        姓名=teacher_a.name,
        身份证号=teacher_a.id_number,
        性别=None,  # from the ID number
        出生日期=None,
        离职日期="=DATE(2024,7,31)",
    )
    client = api(hr_a)
    body = upload(client, "teachers", book([TEACHER_HEADERS, row])).json()
    refused(client, body)
    assert errors_at(body) == [(2, "离职日期")]
    error = body["errors"][0]
    assert error["cell"] == "N2"
    assert unsaved(error["message"]) and "WPS" in error["message"]
    teacher_a.refresh_from_db()
    assert teacher_a.left_on == date(2024, 7, 31)


def test_a_formula_without_its_result_in_a_required_cell_says_so_rather_than_required(
    api, hr_a, teacher_a, upload
):
    content = book(certificate_rows(teacher_a, None))
    content = with_cells(content, {"E2": '<c r="E2"><f>DATE(2020,1,1)</f></c>'})  # no <v>
    client = api(hr_a)
    body = upload(client, "certificates", content).json()
    refused(client, body)
    assert errors_at(body) == [(2, "发证日期")]
    assert unsaved(body["errors"][0]["message"])
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="F2"><f>E2+3650</f></c>',
        '<c r="F2"><f>E2+3650</f><v/></c>',
        '<c r="F2" s="1"><f>E2+3650</f><v></v></c>',
        '<c r="F2" t="n">\n  <f>E2+3650</f>\n</c>',
    ],
    ids=["no value", "empty value", "openpyxl", "pretty-printed"],
)
def test_a_certificate_expiry_without_its_result_is_refused_not_never_expiring(
    api, hr_a, teacher_a, upload, cell
):
    content = with_cells(book(certificate_rows(teacher_a, "?")), {"F2": cell})
    client = api(hr_a)
    body = upload(client, "certificates", content).json()
    refused(client, body)
    assert errors_at(body) == [(2, "有效期至")]
    assert body["errors"][0]["cell"] == "F2"
    assert not Certificate.objects.exists()


def test_a_shared_formula_without_its_result_is_refused_at_its_own_cell(
    api, hr_a, teacher_a, upload
):
    """Excel shares a formula filled down: the first cell has the text, the others point
    at it. Here the first kept its result and the second did not."""
    content = with_cells(
        book(certificate_rows(teacher_a, "?", "?")),
        {
            "F2": '<c r="F2"><f t="shared" ref="F2:F3" si="0">E2+3650</f><v>47483</v></c>',
            "F3": '<c r="F3"><f t="shared" si="0"/></c>',
        },
    )
    client = api(hr_a)
    body = upload(client, "certificates", content).json()
    refused(client, body)
    assert errors_at(body) == [(3, "有效期至")]
    assert not Certificate.objects.exists()


def test_formulas_with_their_results_import_the_results_on_the_fast_reader(
    api, hr_a, teacher_a, upload
):
    """What Excel saves: the value beside the formula, and a formula whose result is
    empty text (=IF(…,"",…)) as t="str" with an empty value: an empty optional cell."""
    content = book(certificate_rows(teacher_a, "=E2+3650", "?"))
    content = with_cached_values(content, {"F2": "2030-01-01"})
    content = with_cells(content, {"F3": '<c r="F3" t="str"><f>IF(E3="","",E3)</f><v></v></c>'})
    assert services.reader_for(content) == "calamine"
    client = api(hr_a)
    committed(client, upload(client, "certificates", content).json())
    expiries = dict(Certificate.objects.values_list("number", "expires_on"))
    assert expiries == {"N0": date(2030, 1, 1), "N1": None}


def test_a_formula_without_its_result_outside_the_columns_read_does_not_stop_the_import(
    api, hr_a, teacher_a, upload
):
    rows = certificate_rows(teacher_a, None)
    rows[0].append("备注")
    rows[1].append("=A2")
    client = api(hr_a)
    done = committed(client, upload(client, "certificates", book(rows)).json())
    assert done["created"] == 1


def test_only_a_workbook_with_a_formula_without_its_result_leaves_the_fast_reader(teacher_a):
    rows = certificate_rows(teacher_a, None)
    assert services.reader_for(book(rows)) == "calamine"
    assert services.reader_for(book(certificate_rows(teacher_a, "=E2+1"))) == "openpyxl"


def test_the_message_is_in_english_when_asked(api, hr_a, teacher_a, upload):
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    body = upload(client, "certificates", book(certificate_rows(teacher_a, "=E2+1"))).json()
    assert "formula" in body["errors"][0]["message"]
    assert "not saved" in body["errors"][0]["message"]


# ------------------------------------------------------------------ merged cells in the data


def merged_teachers(rows: list[list[Any]], *ranges: str, title: bool = False) -> bytes:
    """A teacher sheet (under a merged title row when asked) with these data cells merged,
    as Excel merges them: the value kept in the first cell only."""
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append(["2026年教师名册"])
        ws.merge_cells(f"A1:{chr(ord('A') + len(rows[0]) - 1)}1")
    for row in rows:
        ws.append(row)
    for cells in ranges:
        ws.merge_cells(cells)
    return save(wb)


def test_a_school_code_merged_down_the_rows_is_reported_as_merged_at_each_covered_cell(
    api, province, school_a, upload, either_reader
):
    headers = [*TEACHER_HEADERS, "学校代码"]
    rows = [teacher_row(学校代码=school_a.code) for _ in range(8)]  # rows 3-10
    content = merged_teachers([headers, *rows], "O3:O10", title=True)
    client = api(province)
    body = upload(client, "teachers", content).json()
    refused(client, body)
    assert body["header_row"] == 2  # the merged title above is no data
    assert errors_at(body) == [(row, "学校代码") for row in range(4, 11)]
    for error in body["errors"]:
        assert "O3:O10" in error["message"] and "合并" in error["message"]
        assert error["cell"] == f"O{error['row']}"
    assert not Teacher.objects.exists()


def test_a_merged_optional_cell_is_not_imported_blank(api, hr_a, upload, either_reader):
    """离职日期 merged over two leavers: the second would have been imported as employed."""
    left = date(2024, 7, 31)
    rows = [teacher_row(离职日期=left), teacher_row(离职日期=left)]
    client = api(hr_a)
    body = upload(client, "teachers", merged_teachers([TEACHER_HEADERS, *rows], "N2:N3")).json()
    refused(client, body)
    assert errors_at(body) == [(3, "离职日期")]
    assert "N2:N3" in body["errors"][0]["message"]
    assert not Teacher.objects.exists()


def test_the_other_rows_errors_stay_as_they_were(api, hr_a, upload, either_reader):
    rows = [teacher_row(), teacher_row(), teacher_row(入职日期="不详"), teacher_row(学历=None)]
    content = merged_teachers([TEACHER_HEADERS, *rows], "F2:F3", "G3:H3")
    body = upload(api(hr_a), "teachers", content).json()
    assert errors_at(body) == [
        (3, "用工类型"),  # F3, under F2
        (3, "专业"),  # H3, right of G3
        (4, "入职日期"),
        (5, "学历"),
    ]
    messages = [e["message"] for e in body["errors"]]
    assert "F2:F3" in messages[0] and "G3:H3" in messages[1]
    assert "合并" not in messages[2] and messages[3] == "必填。"
    assert not Teacher.objects.exists()


def test_merged_cells_in_a_column_not_read_stop_nothing(api, hr_a, upload, either_reader):
    headers = [*TEACHER_HEADERS, "备注"]
    rows = [teacher_row(备注="同一批"), teacher_row(备注=None)]
    client = api(hr_a)
    content = merged_teachers([headers, *rows], "O2:O3")
    assert committed(client, upload(client, "teachers", content).json())["created"] == 2


def test_a_formula_cut_by_the_end_of_a_chunk_is_found(teacher_a, monkeypatch):
    """The sheet's XML is read a chunk at a time: a cell may start in one and end in the
    next (small chunks here put the cut at every place of the cell in turn)."""
    rows = certificate_rows(teacher_a, *["?"] * 12)
    cell = '<c r="F9"><f t="shared" ref="F9:F9" si="0">E9+3650</f><v></v></c>'
    content = with_cells(book(rows), {"F9": cell})
    columns = CERTIFICATES.read_columns(scoped=True)
    for chunk in range(60, 160):
        monkeypatch.setattr(guard, "CHUNK", chunk)
        monkeypatch.setattr(reader, "CHUNK", chunk)
        assert guard.inspect(content).unsaved_formulas, chunk
        assert reader.read(content, columns, engine="openpyxl").unsaved == {(9, 5)}, chunk
