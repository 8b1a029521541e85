"""Workbook surgery without Django (used by the fixture generator too)."""

import io
import re
import zipfile


def with_cached_values(content: bytes, values: dict[str, str]) -> bytes:
    """Give formula cells the value Excel would have saved with them (openpyxl saves none)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                xml = data.decode()
                for ref, value in values.items():
                    xml = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                        rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{value}</v>',
                        xml,
                    )
                data = xml.encode()
            target.writestr(item, data)
    return out.getvalue()


def with_text(content: bytes, values: dict[str, str]) -> bytes:
    """Overwrite cells with inline text, leaving the rest of the file byte for byte."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                xml = data.decode()
                for ref, value in values.items():
                    xml = re.sub(
                        rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)',
                        f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>',
                        xml,
                    )
                data = xml.encode()
            target.writestr(item, data)
    return out.getvalue()


def with_formula_errors(content: bytes, errors: dict[str, str]) -> bytes:
    """Turn cells into formulas whose saved value is an error, as Excel saves a failed
    VLOOKUP (t="e", <v>#N/A</v>): python-calamine reads those as blank cells."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                xml = data.decode()
                for ref, error in errors.items():
                    cell = f'<c r="{ref}" t="e"><f>VLOOKUP(A1,Sheet2!A:B,2,0)</f><v>{error}</v></c>'
                    xml, found = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell, xml)
                    assert found == 1, ref
                data = xml.encode()
            target.writestr(item, data)
    return out.getvalue()


def with_number(content: bytes, ref: str, digits: str) -> bytes:
    """Overwrite one cell with a number written as these digits (as any writer may)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                cell = f'<c r="{ref}" t="n"><v>{digits}</v></c>'
                data = re.sub(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell, data.decode()).encode()
            target.writestr(item, data)
    return out.getvalue()
