"""Round 48: every import template, in both languages, for a scoped user and for the province.

- Each column that holds an identifier (ID numbers, staff numbers, certificate numbers,
  credit codes, school and base codes; any header with 号 or 码) is text-formatted for the
  data rows, so that Excel keeps an 18-digit ID number as typed (not 3.60102E+17). Excel
  gives a typed cell its column's format: the template writes no data row, so the column's
  format is each data row's.
- The instructions sheet names exactly the data sheet's columns: its table lists them, and
  its notes name none the sheet does not have. The teaching-hours template told clerks to
  keep a "身份证号" column as text and how to write dates, and has neither.
"""

import io
import re

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook
from shuangshi.spreadsheets import workbooks
from shuangshi.spreadsheets.columns import DATE, ID, SPECS, Column

TEXT_FORMAT = "@"
CASES = [
    pytest.param(kind, scoped, english, id=f"{kind}-{'scoped' if scoped else 'province'}-{lang}")
    for kind in SPECS
    for scoped in (True, False)
    for english, lang in ((False, "zh"), (True, "en"))
]
EVERY_HEADER = {
    english: {c.english_header if english else c.zh for s in SPECS.values() for c in s.columns}
    for english in (False, True)
}


def template(kind: str, scoped: bool, english: bool) -> Workbook:
    """The template as GET /imports/templates/{kind}/ writes it (api.TemplateView)."""
    spec = SPECS[kind]
    content = workbooks.data_workbook(spec, spec.template_columns(scoped=scoped), english=english)
    return load_workbook(io.BytesIO(content))


def header(column: Column, english: bool) -> str:
    return column.english_header if english else column.zh


def holds_an_identifier(column: Column) -> bool:
    words = f"{column.zh} {column.english_header}".lower()
    return (
        column.type == ID
        or "号" in column.zh
        or "码" in column.zh
        or re.search(r"\b(id|no|number|code|phone)\b", words) is not None
    )


# ------------------------------------------------------------------ identifiers stay text


def identifier_formats(wb: Workbook, kind: str, scoped: bool, english: bool) -> dict[str, str]:
    """Each identifier column's format in the data rows (the template writes none: a typed
    cell takes its column's)."""
    ws = wb.worksheets[0]
    assert ws.max_row == 1  # no data row of its own format
    letters = {cell.value: cell.column_letter for cell in ws[1]}
    columns = SPECS[kind].template_columns(scoped=scoped)
    return {
        header(c, english): ws.column_dimensions[letters[header(c, english)]].number_format
        for c in columns
        if holds_an_identifier(c)
    }


@pytest.mark.parametrize(("kind", "scoped", "english"), CASES)
def test_every_identifier_column_is_text_in_the_data_rows(kind, scoped, english):
    formats = identifier_formats(template(kind, scoped, english), kind, scoped, english)
    assert formats or (kind, scoped) == ("teaching-hours", True)  # its school is implied
    assert formats == dict.fromkeys(formats, TEXT_FORMAT)


def test_the_identifier_columns_are_the_ones_expected():
    found = {
        kind: [c.zh for c in spec.columns if holds_an_identifier(c)] for kind, spec in SPECS.items()
    }
    assert found == {
        "teachers": ["身份证号", "工号", "学校代码"],
        "certificates": ["身份证号", "证书编号"],
        "enterprise-periods": ["身份证号", "统一社会信用代码"],
        "mentor-appointments": ["导师身份证号", "学校代码"],
        "training-completions": ["身份证号", "结业证书编号", "基地代码"],
        "teaching-hours": ["学校代码"],
    }


# ------------------------------------------------------------------ the instructions' columns


def instructions(wb: Workbook, english: bool) -> tuple[list[str], list[list[str]]]:
    """(the notes above the table, the table's rows of column names: this language's, the
    other's)."""
    ws = wb["Instructions" if english else "填写说明"]
    rows = [list(row) for row in ws.iter_rows(values_only=True)]
    top = "Header" if english else "列名"
    start = next(i for i, row in enumerate(rows) if row and row[0] == top)
    notes = [str(row[0]) for row in rows[1:start] if row and row[0]]
    return notes, [[str(row[0]), str(row[1])] for row in rows[start + 1 :]]


def mentioned(text: str, name: str, english: bool) -> bool:
    if english:
        return re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE) is not None
    return name in text


def problems(wb: Workbook, kind: str, scoped: bool, english: bool) -> list[str]:
    """What the instructions say of columns the data sheet does not have, or leave out."""
    spec = SPECS[kind]
    columns = spec.template_columns(scoped=scoped)
    own = [header(c, english) for c in columns]
    assert [c.value for c in wb.worksheets[0][1]] == own  # the data sheet's header row
    notes, table = instructions(wb, english)
    found = []
    if [row[0] for row in table] != own:
        found.append(f"the table lists {[row[0] for row in table]}")
    if english and [row[1] for row in table] != [c.zh for c in columns]:
        found.append(f"the table's 表头 are {[row[1] for row in table]}")
    text = "\n".join(notes)
    for name in sorted(own, key=len, reverse=True):  # 导师身份证号 before 身份证号
        text = text.replace(name, "")
    title = workbooks.english_sheet_title(spec) if english else spec.title
    text = text.replace(title, "")
    found += [
        f"the notes name {name}" for name in EVERY_HEADER[english] if mentioned(text, name, english)
    ]
    has = {kind: any(c.type == kind for c in columns) for kind in (DATE, ID)}
    says_dates = "2024-09-01" in "\n".join(notes)
    says_ids = ("lose its last digits" if english else "丢失末尾数字") in "\n".join(notes)
    if says_dates != has[DATE]:
        found.append("the notes on dates" if says_dates else "no note on the date columns")
    if says_ids != has[ID]:
        found.append("the note on ID numbers" if says_ids else "no note on the ID column")
    return found


@pytest.mark.parametrize(("kind", "scoped", "english"), CASES)
def test_the_instructions_name_exactly_the_data_sheets_columns(kind, scoped, english):
    assert problems(template(kind, scoped, english), kind, scoped, english) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_served_hours_template_says_nothing_of_dates_or_id_numbers(api, hr_a, lang):
    client = api(hr_a)
    response = client.get(f"/api/v1/imports/templates/teaching-hours/?lang={lang}")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    english = lang == "en"
    notes, table = instructions(wb, english)
    assert [row[0] for row in table] == (
        ["Term", "Major category", "Total hours", "Practical hours"]
        if english
        else ["学期", "专业大类", "总课时", "实践教学课时"]
    )
    text = "\n".join(notes)
    for word in ("2024-09-01", "身份证号", "ID number", "日期", "Dates"):
        assert word not in text
    assert ("your school" if english else "本校") in text  # the school left out of the key
    assert problems(wb, "teaching-hours", True, english) == []
