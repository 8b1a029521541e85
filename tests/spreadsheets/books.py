"""Build test workbooks in code, the way clerks' files look."""

import io
import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from openpyxl import Workbook, load_workbook
from shuangshi.common.idnumbers import make_id_number

from .xlsxfiles import with_cached_values

__all__ = ["with_cached_values"]

TEACHER_HEADERS = [
    "姓名", "身份证号", "工号", "性别", "出生日期", "用工类型", "课程类型", "专业", "学历",
    "职教师范毕业", "教学职称", "入职日期", "任教起始日期", "离职日期",
]  # fmt: skip


_ids = itertools.count(1)
_staff_nos = itertools.count(10_001)  # clear of the T001, T002… tests type


def unique_id_number(*, gender: str = "female") -> tuple[str, date]:
    """An ID number never handed out before in this process, and the birth date it encodes."""
    n = next(_ids)
    birth = date(1980, 1, 1) + timedelta(days=n // 400)
    sequence = (n % 400) * 2 + (1 if gender == "male" else 0)
    return make_id_number("360102", birth, sequence, gender), birth


def teacher_row(**overrides: Any) -> list[Any]:
    """One valid teacher row in TEACHER_HEADERS order (a fresh ID number and staff number
    each call: a staff number is one current teacher's in their school, round 45)."""
    number, birth = unique_id_number()
    values = {
        "姓名": "王芳",
        "身份证号": number,
        "工号": f"T{next(_staff_nos):05d}",
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


def read_back(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))
