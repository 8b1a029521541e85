"""Find the data in an uploaded workbook: the right sheet, its header row, its rows.

Tolerates a title or blank rows above the header, merged header cells, hidden sheets
(skipped), English headers, any column order, and formulas (their saved values).
Two readers give the same rows: python-calamine (the default, several times faster) and
openpyxl's read-only mode (large uploads, and those guard.inspect found cells in that
python-calamine reads as blank). Both read a formula saved without its value, and every
cell of a merged range but the first, as blank: the Sheet lists those cells (the openpyxl
path reads them from the sheet's XML, as it reads no merged ranges) so that the importer
can say what they are (importers.marking_cells).
"""

import functools
import io
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import python_calamine
from openpyxl.utils import get_column_letter, range_boundaries

from .cells import is_blank
from .columns import Column
from .labels import normalize_key
from .messages import listing, t

HEADER_SEARCH_ROWS = 30
Row = Sequence[Any]
Range = tuple[
    tuple[int, int], tuple[int, int]
]  # ((first row, column), (last row, column)), 0-based


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
    merged: list[Range] = field(default_factory=list)  # the sheet's merged ranges
    # (Excel row, 0-based Excel column) of each formula saved without its value; found by
    # the openpyxl path only (services.reader_for sends it every upload that has one).
    unsaved: frozenset[tuple[int, int]] = frozenset()

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
    for name, col0, merged, rows, last_row, unsaved in sheets:
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
            merged=merged,
            unsaved=unsaved,
        )
    if chosen is not None:
        return chosen
    raise FileProblem(
        t(
            "No sheet has the template's header row (missing: %(missing)s). "
            "Use the downloaded template and keep its header row.",
            missing=listing(missing_best or [c.zh for c in columns if c.required]),
        )
    )


def sheet_rows(content: bytes, name: str, *, engine: str = "calamine") -> tuple[int, Iterator[Row]]:
    """(first column, rows from row 1) of one sheet, for copying an upload."""
    if engine == "calamine":
        sheets = _calamine_sheets(content)
    else:
        sheets = _openpyxl_sheets(content, facts=False)
    for sheet_name, col0, _merged, rows, _last, _unsaved in sheets:
        if sheet_name == name:
            return col0, rows
    return 0, iter(())


# (name, first column, merged ranges, rows from row 1, last row number or 0 when unknown,
# formulas saved without their values)
_Sheets = Iterator[tuple[str, int, list[Range], Iterator[Row], int, frozenset[tuple[int, int]]]]


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
        yield meta.name, sheet.start[1], merged, iter(sheet.iter_rows()), last, frozenset()


def _openpyxl_sheets(content: bytes, *, facts: bool = True) -> _Sheets:
    """With ``facts``, each sheet's merged ranges and formulas saved without their values,
    read from its XML (openpyxl's read-only mode gives neither)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        archive = zipfile.ZipFile(io.BytesIO(content))
    except Exception:
        raise FileProblem(corrupt()) from None
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        # Not the sheet's declared <dimension>: other programs' files carry a stale one
        # ("A1", or the range before rows were added), and openpyxl would stop at it,
        # dropping the rows and columns beyond. Each row runs to its last cell instead (the
        # importers read a cell past a row's end as blank).
        ws.reset_dimensions()
        rows = (tuple(row) for row in ws.iter_rows(min_row=1, min_col=1, values_only=True))
        member = getattr(ws, "_worksheet_path", None)
        merged, unsaved = _xml_facts(archive, member) if facts and member else ([], frozenset())
        yield ws.title, 0, merged, rows, 0, unsaved


# --------------------------------------------------------------------------- the sheet's XML
#
# A formula saved without its value: the cell's formula (or a shared formula's reference to
# one, <f t="shared" si="0"/>) followed by the cell's end or an empty value, as scripts
# write them (openpyxl: <f>A1+1</f><v></v>). Excel writes the value beside every formula; a
# formula whose value is empty text (=IF(…,"",…)) is t="str" with an empty value, and is
# blank indeed. guard.inspect searches each chunk of every sheet with the same pattern.
# python-calamine takes the cell, the formula and the value by their local names whatever
# their namespace prefix (round 48: <y:c r="B2"><y:f>1+1</y:f></y:c> in a sheet of plain
# tags read as blank), so a chunk that holds any of them under a prefix is searched with a
# pattern for every prefix (slower: it tries each tag); the others with the literal one.
SEAM = 64 * 1024  # bytes two chunks share: longer than any formula (Excel: 8,192 characters)
CHUNK = 1024 * 1024
_ATTRIBUTE = rb"""\b%s\s*=\s*["']([^"']*)["']"""
_R = re.compile(_ATTRIBUTE % b"r")
_T = re.compile(_ATTRIBUTE % b"t")
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?worksheet(?=[\s/>])")
# A cell's, formula's or value's tag under a prefix (its name's end: "<y:f>", "</y:v>"),
# which real sheets of plain tags never hold.
PREFIXED_FORMULA_TAG = re.compile(rb":(?:c|f|v)(?=[\s/>])")
# Any namespace prefix as python-calamine reads one (guard._PREFIX): whatever comes before
# the first colon of the tag name.
_ANY_PREFIX = rb"(?:(?![/!?])[^\s:<>]*:)?"
_ANY_END_PREFIX = rb"(?:[^\s:<>/]*:)?"


@dataclass(frozen=True)
class _XmlPatterns:
    unsaved: re.Pattern[bytes]  # group 1: the cell ends with no value at all
    cell: re.Pattern[bytes]  # a cell's start tag, its attributes in group 1
    merge: re.Pattern[bytes]
    merge_name: bytes


@functools.cache
def xml_patterns(prefix: bytes | None) -> _XmlPatterns:
    """For the sheet's own namespace prefix (mostly none): each starts with a literal, which
    the regex engine finds at memchr speed. None: the cell, formula and value tags under any
    prefix, each its own (python-calamine reads <y:c><f>…</f></y:c> as it reads <c><f>)."""
    names = (b"f", b"c", b"v", b"mergeCell")
    if prefix is None:
        f, c, v, merge = (b"<" + _ANY_PREFIX + name for name in names)
        end_f, end_c, end_v = (b"</" + _ANY_END_PREFIX + name + rb"\s*>" for name in names[:3])
        merge_name = b"mergeCell"
    else:
        f, c, v, merge = (re.escape(b"<" + prefix + name) for name in names)
        end_f, end_c, end_v = (re.escape(b"</" + prefix + name + b">") for name in names[:3])
        merge_name = b"<" + prefix + b"mergeCell"
    return _XmlPatterns(
        unsaved=re.compile(
            f + rb"(?=[\s/>])(?:[^>]*/>|[^>]*>[^<]*" + end_f + rb")\s*"
            rb"(?:(" + end_c + rb")|" + v + rb"(?:\s[^>]*)?(?:/>|>\s*" + end_v + rb"))"
        ),
        cell=re.compile(c + rb"((?:\s[^>]*)?)>"),
        merge=re.compile(merge + rb"""\s[^>]*?\bref\s*=\s*["']([^"']*)["']"""),
        merge_name=merge_name,
    )


def unsaved_formulas(
    data: bytes, prefix: bytes = b"", *, any_prefix: bool | None = None
) -> Iterator[bytes]:
    """The reference (b"B2", or b"" when the cell names none) of every formula cell in
    ``data`` saved without its value, whatever the prefix of its tags; a cell whose start
    tag is not in ``data`` (cut off at the start of a chunk) is passed over. ``prefix``: the
    sheet's; ``any_prefix``: whether ``data`` may hold a cell's, formula's or value's tag
    under another (None: search for one; a sheet with a prefix of its own is read so)."""
    if any_prefix is None:
        any_prefix = bool(prefix) or PREFIXED_FORMULA_TAG.search(data) is not None
    if any_prefix and b"<f" not in data and b":f" not in data:
        return  # no formula under any prefix: not worth the slower pattern (2 against 6 ms/MB)
    patterns = xml_patterns(None if any_prefix else prefix)
    for match in patterns.unsaved.finditer(data):
        start = data.rfind(b"<", 0, match.start())  # the cell's start tag: only space between
        tag = patterns.cell.match(data, start) if start != -1 else None
        if tag is None:
            continue
        attributes = tag.group(1)
        kind = _T.search(attributes)
        if match.group(1) is None and kind is not None and kind.group(1) == b"str":
            continue  # a value of empty text, saved (Excel's =IF(…,"",…))
        ref = _R.search(attributes)
        yield ref.group(1).strip().upper() if ref else b""


def _xml_facts(
    archive: zipfile.ZipFile, member: str
) -> tuple[list[Range], frozenset[tuple[int, int]]]:
    """The merged ranges and the formulas saved without their values of one sheet, read in
    chunks (guard.inspect has checked what the member unpacks to)."""
    merged: set[bytes] = set()
    unsaved: set[tuple[int, int]] = set()
    prefix: bytes | None = None
    tail = b""
    try:
        with archive.open(member.lstrip("/")) as source:
            while chunk := source.read(CHUNK):
                window = tail + chunk  # a cell cut by the chunk's end is whole here
                if prefix is None:
                    root = _ROOT.search(window)
                    prefix = (root.group(1) or b"") if root else None
                patterns = xml_patterns(prefix or b"")
                for ref in unsaved_formulas(window, prefix or b""):
                    column, row = _position(ref)
                    if not row:
                        raise FileProblem(unsaved_formula_in_sheet())
                    unsaved.add((row, column))
                if patterns.merge_name in window:
                    merged.update(patterns.merge.findall(window))
                tail = window[-SEAM:]
    except (KeyError, zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error):
        raise FileProblem(corrupt()) from None
    return sorted(filter(None, map(_range, merged))), frozenset(unsaved)


def _position(ref: bytes) -> tuple[int, int]:
    """(0-based column, Excel row) of b"B2"; (0, 0) when it is not a cell reference."""
    match = re.fullmatch(rb"\$?([A-Z]{1,3})\$?([1-9]\d{0,6})", ref)
    if match is None:
        return 0, 0
    column = 0
    for letter in match.group(1):
        column = column * 26 + letter - 64
    return column - 1, int(match.group(2))


def _range(ref: bytes) -> Range | None:
    try:
        first_column, first_row, last_column, last_row = range_boundaries(ref.decode("ascii"))
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    if None in (first_column, first_row, last_column, last_row):
        return None  # a whole column or row: no merged range
    return (first_row - 1, first_column - 1), (last_row - 1, last_column - 1)


def unsaved_formula_in_sheet() -> str:
    return t(
        "A formula in this sheet was saved without its result (the file was written by a "
        "program, not saved in Excel). Open the file in Excel or WPS and save it, or type "
        "the values in."
    )
