"""Look inside an uploaded workbook before any parser does, and refuse what would hurt.

A workbook is a zip of XML. Parsers trust it: python-calamine reserves memory for the
sheet's declared <dimension> and lays every sheet out as a dense grid up to its farthest
cell, so a 2 KB file with one cell at XFD1048576 asks for 500 GB. This module reads the
zip itself, byte for byte (the sizes in the zip's index can lie), counting what each
member really unpacks to, and scans each sheet's XML for the range it declares and the
farthest row and column it actually uses. It refuses, with a message a clerk can act on:

- more zip members than any workbook has (IMPORT_MAX_ZIP_MEMBERS);
- a member or a workbook that unpacks past IMPORT_MAX_UNPACKED_MB, or a large member
  packed tighter than IMPORT_MAX_COMPRESSION_RATIO (real sheets pack about 10:1);
- macros (vbaProject.bin or a macro-enabled content type);
- a sheet whose declared or used range passes IMPORT_MAX_ROWS rows or IMPORT_MAX_COLUMNS
  columns.

Memory stays at about one chunk per member; time is one pass at zlib and regex speed.
The result tells the caller how big the densest sheet could be laid out, so it can pick
a streaming reader for large ones (services.reader_for).
"""

import functools
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress

from django.conf import settings
from openpyxl.utils import get_column_letter

from .messages import t
from .reader import SEAM, FileProblem, corrupt, sniff, unsaved_formulas

CHUNK = 1024 * 1024  # decompressed bytes scanned at a time
MAX_TAG = 4096  # bytes: no real cell or row tag comes near
RATIO_CHECKED_ABOVE = 1024 * 1024  # small members may pack tightly (empty styles and the like)
_LOCAL_HEADER = b"PK\x03\x04"
_END_RECORD = b"PK\x05\x06"
_MAX_DIRECTORY_ENTRY = 46 + 300  # fixed part + a generous name, extra field and comment

# Any namespace prefix, as python-calamine reads one: it takes an element by its local name,
# the bytes after the first colon of the tag name, whatever comes before (even bytes no
# XML allows, or a prefix bound to no namespace). openpyxl reads a subset of these.
_PREFIX = rb"<((?![/!?])[^\s:<>]*:)?"
# A start tag of the elements that place cells and its attributes: name="value", the value
# without < or > (a quoted > would hide the rest of the tag from a scan that stops at >).
_ATTRIBUTES = rb"""(?:\s+[^\s=<>/"']+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))*"""
_TAG_START = re.compile(_PREFIX + rb"(?:row|c)(?=[\s/>])")
_TAG = re.compile(_PREFIX + rb"(row|c)(" + _ATTRIBUTES + rb")\s*/?>")
_ATTRIBUTE = re.compile(rb"""\s+([^\s=<>/"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# The end of a prefixed tag's name, of the tags that place cells or hold a formula and its
# value: none in a real sheet of plain tags.
_PREFIXED_NAME = re.compile(rb":(?:c|row|f|v)(?=[\s/>])")
# A formula error's type, as python-calamine reads it (any space, either quote; not x:t).
_ERROR_TYPE = re.compile(rb"""\st\s*=\s*(?:"e"|'e')""")
_SHEET_DATA = re.compile(_PREFIX + rb"sheetData(?=[\s/>])")
_DIMENSION_START = re.compile(_PREFIX + rb"dimension(?=[\s/>])")
_DIMENSION = re.compile(_PREFIX + rb"dimension(" + _ATTRIBUTES + rb")\s*/?>")
_CELL_REF = re.compile(rb"\$?([A-Za-z]{0,4})\$?(\d{0,8})$")


@dataclass
class SheetExtent:
    """What one sheet's XML declares and holds: 1-based farthest row and column."""

    member: str
    declared_rows: int = 0
    declared_columns: int = 0
    rows: int = 0
    columns: int = 0
    cells: int = 0
    is_sheet: bool = False
    prefix: bytes = b""  # the sheet's namespace prefix ("x:"), mostly none
    # A cell holds a formula error (t="e": #N/A, #REF!…), which python-calamine reads as a
    # blank cell (services.reader_for then reads with openpyxl, which shows it).
    formula_errors: bool = False
    # A formula saved without its value (scripts write them so), which both readers read
    # as a blank cell (services.reader_for then reads with openpyxl, and the reader finds
    # which cells they are).
    unsaved_formulas: bool = False

    @property
    def area(self) -> int:
        """Cells a dense reader would lay out (the larger of declared and used)."""
        rows = max(self.rows, self.declared_rows)
        return rows * max(self.columns, self.declared_columns)


@dataclass
class Inspection:
    unpacked: int = 0  # bytes, every member
    sheets: list[SheetExtent] = field(default_factory=list)

    @property
    def largest_area(self) -> int:
        return max((s.area for s in self.sheets), default=0)

    @property
    def formula_errors(self) -> bool:
        return any(s.formula_errors for s in self.sheets)

    @property
    def unsaved_formulas(self) -> bool:
        return any(s.unsaved_formulas for s in self.sheets)


def inspect(content: bytes) -> Inspection:
    """Raise FileProblem unless the upload is a workbook within every limit."""
    sniff(content)
    _check_directory(content)
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise FileProblem(corrupt()) from None
    if len(members) > settings.IMPORT_MAX_ZIP_MEMBERS:
        raise _too_many_parts(len(members))
    _refuse_macros(content, members)
    limit = settings.IMPORT_MAX_UNPACKED_MB * 1024 * 1024
    result = Inspection()
    for info in members:
        extent = SheetExtent(member=info.filename)
        result.unpacked += _scan_member(content, info, extent, budget=limit - result.unpacked)
        if extent.is_sheet:
            result.sheets.append(extent)
    if not result.sheets:
        raise FileProblem(corrupt())  # a zip, but no worksheet in it
    return result


def refuse_macro_name(filename: str) -> None:
    """A macro-enabled file name (.xlsm and kin) is refused whatever it holds."""
    if filename.lower().rsplit(".", 1)[-1] in ("xlsm", "xltm", "xlam", "xlsb"):
        raise _macros()


def _check_directory(content: bytes) -> None:
    """Count the parts from the zip's end record before zipfile builds an object for each."""
    end = content.rfind(_END_RECORD, max(0, len(content) - 65_557))
    if end == -1 or len(content) < end + 22:
        raise FileProblem(corrupt())
    count, directory_size = struct.unpack("<HI", content[end + 10 : end + 16])
    limit = settings.IMPORT_MAX_ZIP_MEMBERS
    if count > limit or directory_size > limit * _MAX_DIRECTORY_ENTRY:
        raise _too_many_parts(count)


def _too_many_parts(count: int) -> FileProblem:
    return FileProblem(
        t(
            "The workbook holds %(count)s parts; a workbook has at most %(limit)s. "
            "Open it in Excel and save it again as .xlsx.",
            count=count,
            limit=settings.IMPORT_MAX_ZIP_MEMBERS,
        )
    )


def _macros() -> FileProblem:
    return FileProblem(
        t(
            "The workbook contains macros (.xlsm); macro-enabled workbooks are not "
            "accepted. Save it in Excel as an Excel Workbook (.xlsx) and upload that."
        )
    )


def _refuse_macros(content: bytes, members: list[zipfile.ZipInfo]) -> None:
    names = [m.filename.lower() for m in members]
    macro = any(n.rsplit("/", 1)[-1] in ("vbaproject.bin", "vbadata.xml") for n in names)
    if not macro:
        types = next((m for m in members if m.filename == "[Content_Types].xml"), None)
        if types is not None and types.file_size <= CHUNK:
            try:
                text = zipfile.ZipFile(io.BytesIO(content)).read(types).lower()
            except (zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error):
                raise FileProblem(corrupt()) from None
            macro = b"macroenabled" in text or b"vbaproject" in text
    if macro:
        raise _macros()


def _too_big(limit: int) -> FileProblem:
    return FileProblem(
        t(
            "The workbook unpacks to more than %(limit)s MB, the limit. "
            "Split it into smaller workbooks.",
            limit=f"{limit / 1024 / 1024:.0f}",
        )
    )


def _inflate(content: bytes, info: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """The member's real bytes, chunk by chunk; stops past `budget` (the sizes can lie)."""
    offset = info.header_offset
    header = content[offset : offset + 30]
    if len(header) < 30 or not header.startswith(_LOCAL_HEADER):
        raise FileProblem(corrupt())
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_length + extra_length
    packed = memoryview(content)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        if len(packed) > budget:
            raise _too_big(settings.IMPORT_MAX_UNPACKED_MB * 1024 * 1024)
        for i in range(0, len(packed), CHUNK):
            yield bytes(packed[i : i + CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise FileProblem(corrupt())  # Excel writes only stored and deflated members
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    ratio = settings.IMPORT_MAX_COMPRESSION_RATIO
    try:
        for i in range(0, len(packed), 64 * 1024):
            data = inflater.decompress(packed[i : i + 64 * 1024], CHUNK)
            while True:
                produced += len(data)
                if produced > budget:
                    raise _too_big(settings.IMPORT_MAX_UNPACKED_MB * 1024 * 1024)
                if produced > RATIO_CHECKED_ABOVE and produced > ratio * len(packed):
                    raise _packed_too_tight(info.filename, ratio)
                if data:
                    yield data
                if not inflater.unconsumed_tail:
                    break
                data = inflater.decompress(inflater.unconsumed_tail, CHUNK)
            if inflater.eof:
                break
    except zlib.error:
        raise FileProblem(corrupt()) from None


def _scan_member(content: bytes, info: zipfile.ZipInfo, extent: SheetExtent, budget: int) -> int:
    size = 0
    carry = b""
    state = _RowState()
    for chunk in _inflate(content, info, budget):
        size += len(chunk)
        data = carry + chunk
        # Keep an unfinished tag for the next chunk (only a short one: cell and row tags are).
        cut = data.rfind(b"<", max(0, len(data) - MAX_TAG))
        if cut != -1 and data.find(b">", cut) == -1:
            data, carry = data[:cut], data[cut:]
        else:
            carry = b""
        _scan_tags(data, extent, state)
        if extent.is_sheet:
            _check_extent(extent)  # as soon as a far-away cell shows up
    if size != info.file_size:
        raise FileProblem(corrupt())  # the zip's index lies about this member
    return size


@dataclass
class _RowState:
    row: int = 0  # current row number (rows without r follow the previous one)
    column: int = 0  # last column in the current row
    tail: bytes = b""  # the end of the chunk before (unsaved formulas across the seam)
    prefixed: bool = False  # whether the chunk before held a tag under another prefix


def _scan_tags(data: bytes, extent: SheetExtent, state: _RowState) -> None:
    if b"dimension" in data:
        _scan_dimensions(data, extent)
    if not extent.is_sheet:
        found = _SHEET_DATA.search(data) if b"sheetData" in data else None
        if found is None:
            return  # not a worksheet (yet): no cells to place
        extent.is_sheet = True
        extent.prefix = found.group(1) or b""
    # Whether a cell, row, formula or value tag here may have a prefix other than the
    # sheet's, which python-calamine reads as it reads the sheet's own: one search in a sheet
    # of plain tags (about 3 ms for 10,000 teacher rows; real sheets hold none).
    prefixed = bool(extent.prefix) or _PREFIXED_NAME.search(data) is not None
    if not extent.formula_errors:
        # A whole cell tag is in ``data`` (an unfinished one waits for the next chunk).
        extent.formula_errors = _has_formula_error(data)
    if not extent.unsaved_formulas:
        # One regex search (its literal start found at memchr speed: about 5 ms for 10,000
        # teacher rows; under any prefix when one is here, round 48), and the seam with the
        # chunk before, where a cell may be cut.
        seam = state.tail + data[:SEAM]
        extent.unsaved_formulas = any(
            next(unsaved_formulas(part, extent.prefix, any_prefix=foreign), None) is not None
            for part, foreign in ((data, prefixed), (seam, prefixed or state.prefixed))
        )
        state.tail = data[-SEAM:]
    state.prefixed = prefixed
    patterns = _patterns(extent.prefix)
    # Fast path: every cell and row names its own position, r first, rows without leading
    # zeros (Excel, WPS, openpyxl). One regex pass lists every cell tag with its row number
    # (b"" for a tag not of that form), one its column letters, one the rows; each list is
    # reduced at C speed (a Python step per cell took 30 ms for 140,000 cells).
    numbers = patterns.cell.findall(data)  # each cell tag's row number, as digits
    numbered_rows = patterns.row.findall(data)
    if (
        b"" in numbers
        or b"" in numbered_rows
        or (prefixed and _other_prefix(data, numbers, numbered_rows))
    ):
        _scan_tags_slowly(data, extent, state)
        return
    extent.cells += len(numbers)
    if numbers:
        letters = set(patterns.cell_column.findall(data))
        extent.columns = max(extent.columns, max(_column(letter.upper()) for letter in letters))
        extent.rows = max(extent.rows, _largest(numbers))
        last = patterns.cell_column.match(data, data.rfind(patterns.cell_start))
        assert last is not None  # every cell tag has that form (checked above)
        state.column = _column(last.group(1).upper())
    if numbered_rows:
        extent.rows = max(extent.rows, _largest(numbered_rows))
        state.row = int(numbered_rows[-1])


def _other_prefix(data: bytes, cells: list[bytes], rows: list[bytes]) -> bool:
    """Whether a cell or row tag here has a prefix other than the sheet's, which the fast
    patterns miss and python-calamine reads (x:c in a sheet of plain tags, c in one of x:
    tags). Asked only of a chunk that may hold one (in a sheet of plain tags, one that holds
    ":c", ":row", ":f" or ":v", which real sheets never do): the tags are counted by regex."""
    return len(_TAG_START.findall(data)) != len(cells) + len(rows)


def _has_formula_error(data: bytes) -> bool:
    """Whether a cell here holds a formula error (t="e"), which python-calamine reads as a
    blank cell, in any spelling it reads (t='e', t = "e", a tab or a line break before t).
    Every spelling holds "e" or 'e', which other cells do not: a search for "e" (about 6
    ms for 10,000 teacher rows, 1 ms more than for Excel's own ` t="e"`), one for the
    single quote that real sheets seldom hold (memchr: 0.1 ms), and the regex (about 45 ms
    over the same rows) only over a chunk that holds one of them."""
    if b'"e"' in data or (b"'" in data and b"'e'" in data):
        return _ERROR_TYPE.search(data) is not None
    return False


def _largest(digits: list[bytes]) -> int:
    """The largest of these digit strings (no leading zeros): the longest ones, compared as
    text, which orders same-length numbers as numbers. Each only once: a row's cells
    repeat its number (this halves the time for cells)."""
    numbers = set(digits)
    longest = max(map(len, numbers))
    return int(max(compress(numbers, map(longest.__eq__, map(len, numbers)))))


@dataclass(frozen=True)
class _Patterns:
    cell: re.Pattern[bytes]  # a cell tag: its row number, or b"" when r is not first
    row: re.Pattern[bytes]  # a row tag: its number, or b"" likewise
    cell_column: re.Pattern[bytes]
    cell_start: bytes


@functools.cache
def _patterns(prefix: bytes) -> _Patterns:
    """Literal patterns for the sheet's own namespace prefix (mostly none): fast to search."""
    cell, row = re.escape(b"<" + prefix + b"c"), re.escape(b"<" + prefix + b"row")
    return _Patterns(
        cell=re.compile(cell + rb'(?: r="[A-Za-z]{1,4}([1-9]\d{0,7})"|[\s/>])'),
        row=re.compile(row + rb'(?: r="([1-9]\d{0,7})"|[\s/>])'),
        cell_column=re.compile(cell + rb' r="([A-Za-z]{1,4})[1-9]'),
        cell_start=b"<" + prefix + b'c r="',
    )


def _scan_tags_slowly(data: bytes, extent: SheetExtent, state: _RowState) -> None:
    """Tag by tag: a cell without r follows the previous one, a row without r likewise."""
    if len(_TAG_START.findall(data)) != len(_TAG.findall(data)):
        raise FileProblem(corrupt())  # a cell or row tag longer than any real one
    for match in _TAG.finditer(data):
        name, attributes = match.group(2), match.group(3)
        ref = _attribute(attributes, b"r")
        if name == b"c":
            extent.cells += 1
            column, row = _cell(ref)
            state.column = column or state.column + 1
            row = row or state.row or 1
            extent.rows = max(extent.rows, row)
            extent.columns = max(extent.columns, state.column)
        elif name == b"row":
            value = ref.strip()
            if value and not value.isdigit():
                raise FileProblem(corrupt())  # 25000&#48; is row 250,000 to openpyxl
            state.row = int(value) if value else state.row + 1
            state.column = 0
            extent.rows = max(extent.rows, state.row)


def _attribute(attributes: bytes, name: bytes) -> bytes:
    """The value of the attribute of exactly this name (not x:r, not text inside another
    attribute's value), as python-calamine takes it: the first; b"" when there is none."""
    for attribute in _ATTRIBUTE.finditer(attributes):
        if attribute.group(1) == name:
            value = attribute.group(2)
            return attribute.group(3) if value is None else value
    return b""


def _scan_dimensions(data: bytes, extent: SheetExtent) -> None:
    """The range the sheet declares: the farthest corner of every <dimension ref=…>. Each
    occurrence of the word is looked at (there is mostly one; a regex over the whole chunk
    would try every tag)."""
    found = data.find(b"dimension")
    while found != -1:
        start = data.rfind(b"<", 0, found)  # no prefix holds "<"
        if start != -1 and _DIMENSION_START.match(data, start):
            tag = _DIMENSION.match(data, start)
            if tag is None:
                raise FileProblem(corrupt())  # a dimension tag no scan here can read
            _declare(extent, _attribute(tag.group(2), b"ref"))
        found = data.find(b"dimension", found + 1)


def _declare(extent: SheetExtent, ref: bytes) -> None:
    """Both corners count: A1:XFD1048576 and XFD1048576:A1 declare the same range."""
    for corner in ref.split(b":"):
        column, row = _cell(corner)
        extent.declared_columns = max(extent.declared_columns, column)
        extent.declared_rows = max(extent.declared_rows, row)


def _column(letters: bytes) -> int:
    column = 0
    for letter in letters:
        column = column * 26 + letter - 64
    return column


def _cell(ref: bytes) -> tuple[int, int]:
    """(column, row), 1-based, of "XFD1048576"; 0 for a part that is missing. A reference
    of any other form is refused: python-calamine wraps a row past 2**32 round to a small
    one, and openpyxl decodes B&#90;250000 to BZ250000."""
    match = _CELL_REF.match(ref.strip())
    if not match:
        raise FileProblem(corrupt())
    return _column(match.group(1).upper()), int(match.group(2) or 0)


def _max_rows() -> int:
    return int(settings.IMPORT_MAX_ROWS)


def _max_columns() -> int:
    return int(settings.IMPORT_MAX_COLUMNS)


def _packed_too_tight(part: str, ratio: int) -> FileProblem:
    return FileProblem(
        t(
            "The workbook part %(part)s unpacks to more than %(limit)s times its packed size; "
            "real sheets never do. Open it in Excel and save it again as .xlsx.",
            part=part,
            limit=ratio,
        )
    )


def _check_extent(extent: SheetExtent) -> None:
    rows = max(extent.rows, extent.declared_rows)
    columns = max(extent.columns, extent.declared_columns)
    if rows > _max_rows() or columns > _max_columns():
        raise FileProblem(
            t(
                "A sheet reaches cell %(cell)s (row %(rows)s, column %(columns)s); the limits "
                "are %(max_rows)s rows and %(max_columns)s columns. Delete the cells beyond "
                "them (or split the sheet) and save it again.",
                cell=f"{get_column_letter(min(columns, 18278)) if columns else 'A'}{rows}",
                rows=rows,
                columns=columns,
                max_rows=_max_rows(),
                max_columns=_max_columns(),
            )
        )
