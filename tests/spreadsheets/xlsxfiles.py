"""Workbook surgery without Django (used by the fixture generator too)."""

import io
import re
import zipfile
from collections.abc import Callable


def _edit_sheets(content: bytes, edit: Callable[[str], str]) -> bytes:
    """The workbook with each worksheet's XML passed through ``edit``, the rest of the file
    byte for byte."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = edit(data.decode()).encode()
            target.writestr(item, data)
    return out.getvalue()


def _cell(ref: str) -> str:
    """A pattern for the whole cell at ``ref`` (empty or with content)."""
    return rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)'


def with_cells(content: bytes, cells: dict[str, str]) -> bytes:
    """Replace cells with the XML given (a cell a writer other than openpyxl would write);
    each must be in the sheet."""

    def edit(xml: str) -> str:
        for ref, cell in cells.items():
            xml, found = re.subn(_cell(ref), cell, xml)
            assert found == 1, ref
        return xml

    return _edit_sheets(content, edit)


def with_cached_values(content: bytes, values: dict[str, str]) -> bytes:
    """Give formula cells the value Excel would have saved with them (openpyxl saves none)."""

    def edit(xml: str) -> str:
        for ref, value in values.items():
            xml = re.sub(
                rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{value}</v>',
                xml,
            )
        return xml

    return _edit_sheets(content, edit)


def with_text(content: bytes, values: dict[str, str]) -> bytes:
    """Overwrite cells with inline text, leaving the rest of the file byte for byte."""

    def edit(xml: str) -> str:
        for ref, value in values.items():
            xml = re.sub(_cell(ref), f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>', xml)
        return xml

    return _edit_sheets(content, edit)


def with_formula_errors(content: bytes, errors: dict[str, str]) -> bytes:
    """Turn cells into formulas whose saved value is an error, as Excel saves a failed
    VLOOKUP (t="e", <v>#N/A</v>): python-calamine reads those as blank cells."""
    return with_cells(
        content,
        {
            ref: f'<c r="{ref}" t="e"><f>VLOOKUP(A1,Sheet2!A:B,2,0)</f><v>{error}</v></c>'
            for ref, error in errors.items()
        },
    )


def with_number(content: bytes, ref: str, digits: str) -> bytes:
    """Overwrite one cell with a number written as these digits (as any writer may)."""
    return _edit_sheets(
        content, lambda xml: re.sub(_cell(ref), f'<c r="{ref}" t="n"><v>{digits}</v></c>', xml)
    )
