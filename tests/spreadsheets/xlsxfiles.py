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
