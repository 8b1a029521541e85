"""Find the data in an uploaded workbook: the right sheet, its header row, its rows.

Tolerates a title or blank rows above the header, merged header cells, hidden sheets
(skipped), English headers, any column order, and formulas (their saved values).
Two readers give the same rows: python-calamine (the default, several times faster) and
openpyxl's read-only mode (kept for comparison in the benchmarks).
"""

import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

import python_calamine
from openpyxl.utils import get_column_letter

from .cells import is_blank
from .columns import Column
from .labels import normalize_key
from .messages import t

HEADER_SEARCH_ROWS = 30
Row = Sequence[Any]


class FileProblem(ValueError):
    """The upload as a whole cannot be imported; the message says what to do."""


@dataclass
class Sheet:
    name: str
    header_row: int  # Excel row number of the header
    index: dict[str, int]  # field → position in each row
    headers: dict[str, str]  # field → header as written in the file
    letters: dict[str, str]  # field → Excel column letter
    width: int  # cells in each row
    col0: int  # 0-based Excel column of each row's first cell
    data_start: int  # 0-based index of the first row after the header
    _rows: Iterator[Row]
    last_row: int = 0  # Excel row number of the sheet's last row; 0 when the reader streams

    def rows(self, start: int = 0) -> Iterator[tuple[int, Row]]:
        """(Excel row number, cells) of every non-blank row below the header; from row
        ``start`` on when given (the rows before it are passed over, not looked at)."""
        first = self.data_start + 1
        numbered = enumerate(self._rows, start=first)
        for number, row in islice(numbered, max(start - first, 0), None):
            if not all(is_blank(v) for v in row):
                yield number, row


def sniff(content: bytes) -> None:
    """Refuse what is not an .xlsx before trying to parse it."""
    if not content:
        raise FileProblem(t("The file is empty."))
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(
            t(
                "This is an old Excel 97-2003 (.xls) file or a password-protected workbook. "
                "Open it in Excel, remove any password and save it as an Excel Workbook (.xlsx)."
            )
        )
    if not content.startswith(b"PK\x03\x04"):
        head = content[:4096]
        if b"\x00" not in head and (b"," in head or b"\t" in head or b"\n" in head):
            raise FileProblem(
                t(
                    "This looks like a CSV or text file. Open it in Excel and save it as an Excel "
                    "Workbook (.xlsx), or fill in the downloaded template."
                )
            )
        raise FileProblem(corrupt())


def unpacked_size(content: bytes) -> int:
    """Bytes of sheet XML once unzipped (what a parser must get through), from the zip index."""
    try:
        entries = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, ValueError):
        raise FileProblem(corrupt()) from None
    return sum(
        e.file_size
        for e in entries
        if e.filename.startswith("xl/worksheets/") or e.filename == "xl/sharedStrings.xml"
    )


def corrupt() -> str:
    return t(
        "The file could not be read as an Excel workbook (it may be damaged). "
        "Open it in Excel and save it again as .xlsx, or fill in the downloaded template."
    )


def _header_table(columns: Sequence[Column]) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in columns:
        for spelling in column.headers:
            table.setdefault(normalize_key(spelling), column.field)
    return table


@dataclass
class _Candidate:
    row: int  # 0-based
    found: dict[str, int]  # field → 0-based Excel column
    written: dict[str, str]
    duplicate: str | None
    bottom: int  # last row the header's merged cells reach


def _find_header(
    top: list[Row],
    col0: int,
    merged: list[tuple[tuple[int, int], tuple[int, int]]],
    columns: Sequence[Column],
) -> _Candidate | None:
    table = _header_table(columns)
    # A vertically merged header keeps its text in the top cell only: copy it down.
    grid: dict[tuple[int, int], Any] = {}
    for (r0, c0), (r1, _c1) in merged:
        if r0 < len(top) and 0 <= c0 - col0 < len(top[r0]):
            for r in range(r0 + 1, min(r1, len(top) - 1) + 1):
                grid[(r, c0)] = top[r0][c0 - col0]
    best: _Candidate | None = None
    for r, row in enumerate(top):
        found: dict[str, int] = {}
        written: dict[str, str] = {}
        duplicate = None
        for i, value in enumerate(row):
            value = grid.get((r, col0 + i), value)
            if not isinstance(value, str) or not value.strip():
                continue
            field = table.get(normalize_key(value))
            if field is None:
                continue
            if field in found:
                duplicate = duplicate or value.strip()
                continue
            found[field] = col0 + i
            written[field] = value.strip()
        if found and (best is None or len(found) > len(best.found)):
            bottom = max([r] + [r1 for (r0, _), (r1, _) in merged if r0 <= r <= r1])
            best = _Candidate(r, found, written, duplicate, bottom)
    return best


def _check(candidate: _Candidate | None, columns: Sequence[Column]) -> list[str]:
    required = [c for c in columns if c.required]
    if candidate is None:
        return [c.zh for c in required]
    return [c.zh for c in required if c.field not in candidate.found]


def read(content: bytes, columns: Sequence[Column], *, engine: str = "calamine") -> Sheet:
    """The visible sheet whose header row has every required column.

    Two such sheets are refused: importing one and silently dropping the other's rows is
    exactly the "success while rows were dropped" failure clerks must never see.
    """
    sniff(content)
    sheets = _calamine_sheets(content) if engine == "calamine" else _openpyxl_sheets(content)
    missing_best: list[str] | None = None
    chosen: Sheet | None = None
    for name, col0, merged, rows, last_row in sheets:
        top: list[Row] = []
        for row in rows:
            top.append(row)
            if len(top) >= HEADER_SEARCH_ROWS:
                break
        candidate = _find_header(top, col0, merged, columns)
        missing = _check(candidate, columns)
        if missing:
            if missing_best is None or len(missing) < len(missing_best):
                missing_best = missing
            continue
        assert candidate is not None
        if chosen is not None:
            raise FileProblem(
                t(
                    "Both sheets %(first)s and %(second)s have the template's header row. "
                    "Put all rows in one sheet, or import each sheet as its own file.",
                    first=f"“{chosen.name}”",
                    second=f"“{name}”",
                )
            )
        if candidate.duplicate:
            raise FileProblem(
                t(
                    "The column %(column)s appears twice in the header row.",
                    column=candidate.duplicate,
                )
            )
        width = len(top[0]) if top else 0
        start = candidate.bottom + 1
        pending = top[start:]

        def chained(pending: list[Row] = pending, rows: Iterator[Row] = rows) -> Iterator[Row]:
            yield from pending
            yield from rows

        chosen = Sheet(
            name=name,
            header_row=candidate.row + 1,
            index={f: c - col0 for f, c in candidate.found.items()},
            headers=candidate.written,
            letters={f: get_column_letter(c + 1) for f, c in candidate.found.items()},
            width=width,
            col0=col0,
            data_start=start,
            _rows=chained(),
            last_row=last_row,
        )
    if chosen is not None:
        return chosen
    raise FileProblem(
        t(
            "No sheet has the template's header row (missing: %(missing)s). "
            "Use the downloaded template and keep its header row.",
            missing="、".join(missing_best or [c.zh for c in columns if c.required]),
        )
    )


def sheet_rows(content: bytes, name: str, *, engine: str = "calamine") -> tuple[int, Iterator[Row]]:
    """(first column, rows from row 1) of one sheet, for copying an upload."""
    sheets = _calamine_sheets(content) if engine == "calamine" else _openpyxl_sheets(content)
    for sheet_name, col0, _merged, rows, _last in sheets:
        if sheet_name == name:
            return col0, rows
    return 0, iter(())


# (name, first column, merged ranges, rows from row 1, last row number or 0 when unknown)
_Sheets = Iterator[
    tuple[str, int, list[tuple[tuple[int, int], tuple[int, int]]], Iterator[Row], int]
]


def _calamine_sheets(content: bytes) -> _Sheets:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        metadata = book.sheets_metadata
    except Exception:
        raise FileProblem(corrupt()) from None
    for meta in metadata:
        if meta.visible != python_calamine.SheetVisibleEnum.Visible:
            continue
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
        except Exception:
            raise FileProblem(corrupt()) from None
        if sheet.start is None:
            continue
        merged = list(sheet.merged_cell_ranges or [])
        # iter_rows starts at row 1 but at the first used column.
        last = sheet.end[0] + 1 if sheet.end is not None else 0
        yield meta.name, sheet.start[1], merged, iter(sheet.iter_rows()), last


def _openpyxl_sheets(content: bytes) -> _Sheets:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise FileProblem(corrupt()) from None
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        width = ws.max_column or 0
        rows = (
            tuple(row) + (None,) * (width - len(row))
            for row in ws.iter_rows(min_row=1, min_col=1, max_col=width, values_only=True)
        )
        yield ws.title, 0, [], rows, 0
