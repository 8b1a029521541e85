"""Cell values as real workbooks hold them → Python values. No database here.

A reader hands over str, float, int, bool, date or datetime (calamine and openpyxl agree on
these); each parser returns the clean value or raises CellError with the message to show.
"""

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from shuangshi.common import dates
from shuangshi.common.text import clean_text

from .labels import normalize_key
from .messages import choices_listing, listing, t

_EXCEL_EPOCH = date(1899, 12, 30)
MAX_WHOLE_NUMBER = 100_000  # hours and counts; keeps far-off typos out of integer columns
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
# The control characters XML 1.0 forbids (what openpyxl refuses to write): Word's manual line
# break (U+000B) pasted into a cell, which Excel saves as _x000B_ and the readers decode.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class CellError(ValueError):
    """The cell cannot be read; the message says what to do."""


# What a cell shows when its formula failed (openpyxl reads them as this text).
FORMULA_ERRORS = frozenset(
    {
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
        "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
        "#PYTHON!",
    }
)  # fmt: skip


def formula_error(shown: str) -> str:
    return t(
        "The cell shows the formula error %(error)s; correct the formula or type the value.",
        error=shown,
    )


def unsaved_formula() -> str:
    return t(
        "The cell holds a formula whose result was not saved (the file was written by a "
        "program, not saved in Excel). Open the file in Excel or WPS and save it, or type "
        "the value in."
    )


def merged_cell(cells: str) -> str:
    return t(
        "This cell is part of the merged cells %(cells)s, which keep their value in the "
        "first cell only. Unmerge them and fill in the value on every row.",
        cells=cells,
    )


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """Trimmed text, full-width letters and digits made half-width, without invisible and
    control characters (they cannot be seen, nor written back to a workbook); 1001.0 → "1001"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    value = str(value)
    if not value.isprintable():  # rare: line breaks, tabs, control characters, wide spaces
        value = CONTROL.sub("", value)
    if value.isascii():
        return value.strip()
    return unicodedata.normalize("NFKC", clean_text(value)).strip()


# Excel keeps 15 significant digits of a number: a longer one (a 17-digit 教师资格证
# number typed into a General cell) reaches us with its last digits lost.
LONGEST_EXACT_NUMBER = 10**15


def cell_text(value: Any) -> str:
    """text() of a text column's cell; a number too long for Excel to have kept exactly is
    refused rather than stored with the wrong digits."""
    if value.__class__ is float and abs(value) >= LONGEST_EXACT_NUMBER:
        raise CellError(
            t(
                "This number has more than 15 digits and Excel keeps only 15, so its last "
                "digits are lost. Format the column as text and type it again."
            )
        )
    return text(value)


def id_number(value: Any) -> str:
    """An ID number must be typed as text: a number has lost its last digits in Excel."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError(
            t(
                "The ID number was stored as a number and its last digits are lost. "
                "Format the column as text and type the ID number again."
            )
        )
    return "".join(text(value).split()).upper()


def to_date(value: Any) -> date:
    """A date between 1950 and 2100 (common.dates) from a cell: Excel dates, serial numbers
    and text such as 2024-09-01, 2024/9/1, 2024.9.1, 2024年9月1日."""
    day = _to_date(value)
    if not dates.in_range(day):
        raise CellError(t("Choose a date between 1950-01-01 and 2100-12-31."))
    return day


def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Compared before float(): an integer of 400 digits (openpyxl reads one) overflows it.
        if not 1 <= value < 2958466:
            raise _not_a_date()
        return _EXCEL_EPOCH + timedelta(days=int(value))
    raw = _TIME_SUFFIX.sub("", text(value))
    match = _DATE_TEXT.match(raw) or _DATE_COMPACT.match(raw)
    if not match:
        raise _not_a_date()
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise _not_a_date() from None


def _not_a_date() -> CellError:
    # Made when a cell is no date only: not for every good date typed as text.
    return CellError(t("Not a date; write it as 2024-09-01 or format the cell as a date."))


def whole_number(value: Any, maximum: int = MAX_WHOLE_NUMBER) -> int:
    if isinstance(value, bool):
        raise CellError(t("Not a whole number."))
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(t("Not a whole number."))
        number = int(value)
    elif isinstance(value, int):
        number = value
    else:
        raw = text(value).replace(",", "")
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", raw):
            raise CellError(t("Not a whole number."))
        number = int(float(raw))
    if number < 0:
        raise CellError(t("Must be zero or more."))
    if number > maximum:
        raise CellError(t("At most %(max)d.", max=maximum))
    return number


def choice(
    value: Any, table: dict[str, str], allowed: list[str], english: list[str] | None = None
) -> str:
    """A code from its code, Chinese label or English label (as `labels.lookup_table` built).
    The error lists ``allowed`` (the Chinese labels), or ``english`` to an English reader."""
    if isinstance(value, bool):
        value = "true" if value else "false"
    found = table.get(normalize_key(text(value)))
    if found is None:
        raise CellError(
            t(
                "“%(value)s” is not one of: %(allowed)s.",
                value=text(value),
                allowed=listing(allowed) if english is None else choices_listing(allowed, english),
            )
        )
    return found
