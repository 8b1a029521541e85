"""Build test workbooks in code, the way clerks' files look."""

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook, load_workbook
from shuangshi import testing

TEACHER_HEADERS = [
    "姓名", "身份证号", "工号", "性别", "出生日期", "用工类型", "课程类型", "专业", "学历",
    "职教师范毕业", "教学职称", "入职日期", "任教起始日期", "离职日期",
]  # fmt: skip


def teacher_row(**overrides: Any) -> list[Any]:
    """One valid teacher row in TEACHER_HEADERS order (a fresh ID number each call)."""
    birth = overrides.pop("birth", date(1985, 6, 15))
    values = {
        "姓名": "王芳",
        "身份证号": testing.new_id_number(birth=birth, gender="female"),
        "工号": "T001",
        "性别": "女",
        "出生日期": birth,
        "用工类型": "专任",
        "课程类型": "专业课",
        "专业": "机电一体化技术",
        "学历": "本科",
        "职教师范毕业": "否",
        "教学职称": "讲师",
        "入职日期": date(2010, 9, 1),
        "任教起始日期": date(2010, 9, 1),
        "离职日期": None,
    }
    values.update(overrides)
    return [values[h] for h in TEACHER_HEADERS] + [
        v for k, v in values.items() if k not in TEACHER_HEADERS
    ]


def book(rows: Sequence[Sequence[Any]], *, title: str = "教师", id_as_text: bool = True) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    if id_as_text:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.number_format = "@"
    return save(wb)


def save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def teachers_book(rows: Sequence[Sequence[Any]], headers: Sequence[str] = TEACHER_HEADERS) -> bytes:
    return book([list(headers), *rows])


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


def read_back(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))
