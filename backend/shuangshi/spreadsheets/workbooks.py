"""Workbooks this app writes with openpyxl: templates, exports and error workbooks.

Everything is written in openpyxl's write-only mode so a 100,000-row export or error
workbook streams instead of holding every cell object in memory.
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from . import cells, reader
from . import labels as L
from .columns import BOOL, CHOICE, DATE, ID, INT, TEXT, Column, SheetSpec
from .messages import english, list_mark, read_errors, t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # content type
MAX_ROWS = 100_001  # validation and formats reach this far down a template
DATE_FORMAT = "yyyy-mm-dd"
HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
BAD_FILL = PatternFill("solid", start_color="FFC7CE")
BAD_FONT = Font(color="9C0006")
OPTIONS_SHEET = "选项"
OPTIONS_SHEET_EN = "Options"
TYPE_NAMES = {
    TEXT: "文本",
    ID: "文本（身份证号）",
    DATE: "日期",
    INT: "整数",
    CHOICE: "下拉选择",
    BOOL: "是/否",
}
TYPE_NAMES_EN = {
    TEXT: "Text",
    ID: "Text (ID number)",
    DATE: "Date",
    INT: "Whole number",
    CHOICE: "Choose from the list",
    BOOL: "Yes/No",
}


def save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _header_cell(ws: WriteOnlyWorksheet, column: Column, english: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=column.english_header if english else column.zh)
    cell.font = REQUIRED_FONT if column.required else HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center")
    return cell


def _dropdowns(columns: Sequence[Column], english: bool = False) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {}
    for column in columns:
        if column.labels is not None:
            lists[column.field] = column.english_dropdown() if english else column.dropdown()
        elif column.field == "level":  # certificate levels: every kind's labels
            seen: list[str] = []
            for kind, levels in L.CERTIFICATE_LEVEL.items():
                names = L.certificate_level_english(kind) if english else L.dropdown(levels)
                seen += [name for name in names if name not in seen]
            lists[column.field] = seen
    return lists


def _format_data_sheet(
    ws: WriteOnlyWorksheet,
    columns: Sequence[Column],
    options: dict[str, tuple[str, int]],
    english: bool = False,
) -> None:
    """Widths, text/date formats, dropdowns, frozen header: set before any row is written."""
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        dimension = ws.column_dimensions[letter]
        dimension.width = column.width
        if column.type in (ID, TEXT):
            dimension.number_format = "@"
        elif column.type == DATE:
            dimension.number_format = DATE_FORMAT
        if column.field in options:
            option_letter, count = options[column.field]
            sheet = OPTIONS_SHEET_EN if english else OPTIONS_SHEET
            validation = DataValidation(
                type="list",
                formula1=f"='{sheet}'!${option_letter}$2:${option_letter}${count + 1}",
                allow_blank=True,
                showErrorMessage=column.field != "level",
                errorTitle=t("Errors"),
                error=f"Choose a {column.english_header.lower()} from the list"
                if english
                else f"请从下拉列表中选择{column.zh}",
            )
            validation.add(f"{letter}2:{letter}{MAX_ROWS}")
            ws.data_validations.append(validation)
    ws.freeze_panes = "A2"


def _options_sheet(
    book: Workbook, columns: Sequence[Column], english: bool = False
) -> dict[str, tuple[str, int]]:
    lists = _dropdowns(columns, english)
    if not lists:
        return {}
    ws = book.create_sheet(OPTIONS_SHEET_EN if english else OPTIONS_SHEET)
    ws.sheet_state = "hidden"
    names = [c for c in columns if c.field in lists]
    ws.append([c.english_header if english else c.zh for c in names])
    longest = max(len(v) for v in lists.values())
    for i in range(longest):
        ws.append([lists[c.field][i] if i < len(lists[c.field]) else None for c in names])
    return {c.field: (get_column_letter(i), len(lists[c.field])) for i, c in enumerate(names, 1)}


def writable(value: str) -> str:
    """Text openpyxl can write: without the control characters XML forbids (a stored value
    may hold one; the importer drops them as it reads, cells.text, so an export written
    without them re-imports unchanged)."""
    return value if value.isprintable() else cells.CONTROL.sub("", value)


# What a spreadsheet may read as the start of a formula when the cell is typed or edited
# (OWASP's CSV-injection list): such text is written as text, quote-prefixed.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(ws: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    """Text that stays text: openpyxl would write "=…" as a formula (formula injection),
    and Excel reads "+…", "-…", "@…" as one once the cell is edited. The text format and
    the quote prefix keep it text; the value itself is unchanged (an export re-imports
    unchanged)."""
    cell = WriteOnlyCell(ws, value=writable(value))
    cell.data_type = "s"
    cell.number_format = "@"
    if value.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def as_written(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """A value to append: strings that look like formulas are forced to text, and text
    loses the characters no workbook can hold."""
    if isinstance(value, str):
        if value.startswith(FORMULA_START):
            return text_cell(ws, value)
        return writable(value)
    return value


def _cell(ws: WriteOnlyWorksheet, column: Column, value: Any, english: bool = False) -> Any:
    value = column.write(value, english=english)
    if column.type == DATE and isinstance(value, date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if column.type in (ID, TEXT) and value is not None:
        return text_cell(ws, str(value))
    return value


# Who a scope column a scoped user's sheet leaves out stands for, in the instructions.
_OWN_SCOPE = {"school": ("本校", "your school"), "base": ("本基地", "your base")}


def _key(spec: SheetSpec, columns: Sequence[Column], english: bool) -> tuple[str, str]:
    """(the key's columns as this sheet names them, joined with " + "; whose records they
    are when the sheet leaves the scope column out, or ""): the instructions name only
    columns the sheet has."""
    names = {c.field: c.english_header if english else c.zh for c in columns}
    key = [names[field] for field in spec.key if field in names]
    scope = spec.scope_column
    own = _OWN_SCOPE[scope][english] if scope in spec.key and scope not in names else ""
    return " + ".join(key), own


def _quoted(columns: Sequence[Column], kind: str, english: bool) -> list[str]:
    return [f"“{c.english_header if english else c.zh}”" for c in columns if c.type == kind]


def _instructions(book: Workbook, spec: SheetSpec, columns: Sequence[Column]) -> None:
    """The sheet's own columns, each its row (from the columns the data sheet is written
    from), and notes on dates and ID numbers only when the sheet has such columns."""
    ws = book.create_sheet("填写说明")
    for letter, width in zip("ABCDEF", (16, 18, 8, 12, 60, 22), strict=True):
        ws.column_dimensions[letter].width = width
    title = WriteOnlyCell(ws, value=f"{spec.title}导入模板 · 填写说明")
    title.font = Font(bold=True, size=14)
    ws.append([title])
    ws.append([f"在“{spec.title}”工作表第 2 行起逐行填写，不要修改表头；红色表头为必填列。"])
    key, own = _key(spec, columns, english=False)
    ws.append(
        [f"再次导入同一文件会按{own + '的' if own else ''}“{key}”更新已有记录，不会重复新增。"]
    )
    notes = []
    if dates := _quoted(columns, DATE, english=False):
        notes.append(
            f"日期列（{'、'.join(dates)}）写成 2024-09-01"
            "（也接受 2024/9/1、2024.9.1、2024年9月1日）"
        )
    if ids := _quoted(columns, ID, english=False):
        notes.append(f"{'、'.join(ids)}列须为文本格式，以免 Excel 丢失末尾数字")
    if notes:
        ws.append(["；".join(notes) + "。"])
    ws.append(["英文表头（见 English 列）同样可以识别，列的顺序不限。"])
    ws.append([])
    # The 示例 column, read top to bottom, is an example row. (Not written as a row under the
    # headers: this sheet would then look like a second data sheet to the importer.)
    header = ["列名", "English", "必填", "类型", "说明与可选值", "示例"]
    ws.append([WriteOnlyCell(ws, value=h) for h in header])
    dropdowns = _dropdowns(columns)
    for column in columns:
        note = column.help
        if column.field in dropdowns:
            note += "。可选：" + list_mark("zh-hans").join(dropdowns[column.field])
        example = column.example
        example_text = example.isoformat() if isinstance(example, date) else example
        ws.append(
            [
                column.zh,
                column.en,
                "是" if column.required else "",
                TYPE_NAMES[column.type],
                note,
                example_text,
            ]
        )


def _instructions_en(book: Workbook, spec: SheetSpec, columns: Sequence[Column]) -> None:
    ws = book.create_sheet("Instructions")
    for letter, width in zip("ABCDE", (22, 14, 10, 22, 60), strict=True):
        ws.column_dimensions[letter].width = width
    title = WriteOnlyCell(ws, value=f"{english_sheet_title(spec)} · how to fill in and re-import")
    title.font = Font(bold=True, size=14)
    ws.append([title])
    sheet = english_sheet_title(spec)
    ws.append([f"Fill in the “{sheet}” sheet from row 2, one record a row; keep the header row."])
    key, own = _key(spec, columns, english=True)
    ws.append(
        [
            f"Importing the same file again updates the records with the same “{key}”"
            f"{f' ({own})' if own else ''}; it adds no duplicates."
        ]
    )
    notes = []
    if dates := _quoted(columns, DATE, english=True):
        notes.append(
            f"Dates ({', '.join(dates)}) as 2024-09-01 (2024/9/1 and 2024.9.1 are read too)"
        )
    if ids := _quoted(columns, ID, english=True):
        notes.append(
            f"{'keep' if notes else 'Keep'} the {' and '.join(ids)} column as text so that "
            "Excel does not lose its last digits"
        )
    if notes:
        ws.append(["; ".join(notes) + "."])
    ws.append(["Chinese headers (the 表头 column) are read as well, in any column order."])
    ws.append([])
    ws.append(
        [WriteOnlyCell(ws, value=h) for h in ("Header", "表头", "Required", "Type", "Values")]
    )
    dropdowns = _dropdowns(columns, english=True)
    for column in columns:
        ws.append(
            [
                column.english_header,
                column.zh,
                "Yes" if column.required else "",
                TYPE_NAMES_EN[column.type],
                list_mark("en").join(dropdowns.get(column.field, [])),
            ]
        )


def teacher_list_filename(on: date) -> str:
    """The teacher list's file name in the user's language (the list follows it too), named
    as every export is: name-YYYY-MM-DD.xlsx, no spaces (practice-duty-2026-12-07.xlsx)."""
    return f"{'teacher-list' if english() else '教师名单'}-{on.isoformat()}.xlsx"


def template_filename(spec: SheetSpec) -> str:
    """The template's file name in the user's language (the template follows it too)."""
    if english():
        return f"{english_sheet_title(spec)} import template.xlsx"
    return f"{spec.title}导入模板.xlsx"


def english_sheet_title(spec: SheetSpec) -> str:
    return spec.kind.replace("-", " ").capitalize()


def data_workbook(
    spec: SheetSpec,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]] = (),
    *,
    english: bool = False,
) -> bytes:
    """A template (no rows) or an export (rows of field values in `columns` order).

    ``english``: headers, choices, sheet names and instructions in English (a template or an
    export for a user working in English); the importer reads it back as it reads the
    Chinese one. The official workbooks (reports) stay Chinese.
    """
    book = Workbook(write_only=True)
    ws = book.create_sheet(english_sheet_title(spec) if english else spec.title)
    options = _options_sheet(book, columns, english)
    _format_data_sheet(ws, columns, options, english)
    ws.append([_header_cell(ws, c, english) for c in columns])
    for row in rows:
        ws.append([_cell(ws, c, v, english) for c, v in zip(columns, row, strict=True)])
    if english:
        _instructions_en(book, spec, columns)
    else:
        _instructions(book, spec, columns)
    # The data sheet opens first; the hidden option lists come second.
    return save(book)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    return None if value == "" else value


def _header_width(content: bytes, sheet_name: str, header_row: int, engine: str) -> int:
    """Columns up to the header row's last heading (where the error column goes after)."""
    col0, rows = reader.sheet_rows(content, sheet_name, engine=engine)
    for number, values in enumerate(rows, start=1):
        if number == header_row:
            filled = [i for i, v in enumerate(values) if v not in ("", None)]
            return col0 + (filled[-1] + 1 if filled else 0)
    return 0


def error_workbook(
    *,
    content: bytes,
    sheet_name: str,
    header_row: int,
    errors: list[dict[str, Any]],
    engine: str = "calamine",
) -> bytes:
    """The uploaded sheet, row for row, with bad cells marked and an error column.

    Rows keep their Excel row numbers so the row numbers in the API's errors, in this file
    and in the clerk's own file agree. A second sheet lists every error. The messages are
    in the current language (read_errors), whatever the upload's was.
    """
    errors = read_errors(errors)
    by_row: dict[int, list[dict[str, Any]]] = {}
    for error in errors:
        by_row.setdefault(error["row"], []).append(error)
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet_name[:31] or "Sheet1")
    error_column = _header_width(content, sheet_name, header_row, engine) + 1
    ws.column_dimensions[get_column_letter(error_column)].width = 60
    ws.freeze_panes = f"A{header_row + 1}"
    col0, rows = reader.sheet_rows(content, sheet_name, engine=engine)
    blank = 0  # blank rows not written yet: only those before a written row are
    for number, values in enumerate(rows, start=1):
        problems = by_row.get(number, [])
        if number != header_row and not problems and all(v in ("", None) for v in values):
            blank += 1
            continue
        for _ in range(blank):
            ws.append(())  # keeps the row numbers; no cells
        blank = 0
        row: list[Any] = [None] * col0 + [as_written(ws, _plain(v)) for v in values]
        row = row[: error_column - 1]
        if number == header_row:
            heading = WriteOnlyCell(ws, value=t("Errors"))
            heading.font = REQUIRED_FONT
            row += [None] * (error_column - 1 - len(row)) + [heading]
        elif problems:
            bad = {e["cell"] for e in problems if e["cell"]}
            for i, value in enumerate(row):
                address = f"{get_column_letter(i + 1)}{number}"
                if address in bad:
                    cell = WriteOnlyCell(ws, value=getattr(value, "value", value))
                    if isinstance(cell.value, str):
                        cell.data_type = "s"
                    cell.fill, cell.font = BAD_FILL, BAD_FONT
                    notes = [e["message"] for e in problems if e["cell"] == address]
                    if len(by_row) <= 500:  # comments are costly; the error column says it all
                        cell.comment = Comment(writable("\n".join(notes)), "Shuangshi")
                    row[i] = cell
            message = t("; ").join(  # between one row's errors
                t("%(column)s: %(text)s", column=e["column"], text=e["message"])
                if e["column"]
                else e["message"]
                for e in problems
            )
            note = WriteOnlyCell(ws, value=writable(message))
            note.font = BAD_FONT
            row += [None] * (error_column - 1 - len(row)) + [note]
        ws.append(row)
    listing = book.create_sheet(t("Error list"))
    listing.append([t("Row"), t("Column"), t("Cell"), t("Value"), t("Error")])
    for error in errors:
        listing.append(
            [
                error["row"],
                as_written(listing, error["column"]),
                error["cell"],
                as_written(listing, error["value"]),
                writable(error["message"]),
            ]
        )
    return save(book)


# --------------------------------------------------------------------------- plain listings


@dataclass(frozen=True)
class ListColumn:
    """A column of a read-only listing (not importable): its header in each language."""

    zh: str
    en: str
    width: int = 12
    number_format: str | None = None  # DATE_FORMAT, "#,##0"…; None: text as written

    def header(self, english: bool) -> str:
        return self.en if english else self.zh


def listing_workbook(
    *,
    sheet: str,
    columns: Sequence[ListColumn],
    rows: Iterable[Sequence[Any]],
    english: bool = False,
    freeze: str = "A2",
) -> bytes:
    """One sheet: a header row kept in view, widths, dates as dates, text that stays text."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    for i, column in enumerate(columns, start=1):
        width = max(column.width, len(column.en) + 2) if english else column.width
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = freeze  # before the first row: a write-only sheet writes it first
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header(english))
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        header.append(cell)
    ws.append(header)
    last = 1
    for row in rows:
        cells = []
        for column, value in zip(columns, row, strict=True):
            if column.number_format and value is not None and not isinstance(value, str):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = column.number_format
                cells.append(cell)
            else:
                cells.append(as_written(ws, value))
        ws.append(cells)
        last += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    return save(book)
