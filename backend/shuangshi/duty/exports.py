"""The practice-duty export (DESIGN §9): a plain listing in the user's language."""

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from shuangshi.spreadsheets.messages import english
from shuangshi.spreadsheets.workbooks import DATE_FORMAT, ListColumn, listing_workbook

DAYS = "#,##0"
COLUMNS = [
    ListColumn("学校", "School", 28),
    ListColumn("工号", "Staff no", 14),
    ListColumn("姓名", "Name", 10),
    ListColumn("窗口内天数", "Days in window", 11, DAYS),
    ListColumn("应有天数", "Days required", 10, DAYS),
    ListColumn("尚缺天数", "Days short", 10, DAYS),
    ListColumn("窗口起", "Window start", 12, DATE_FORMAT),
    ListColumn("窗口止", "Window end", 12, DATE_FORMAT),
    ListColumn("失效日期", "Lapses on", 12, DATE_FORMAT),
]


def _cells(rows: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    for r in rows:
        t = r["teacher"]
        yield [
            t["school"]["name"],
            t["staff_no"],
            t["name"],
            r["days_in_window"],
            r["required"],
            r["short_by"],
            r["window_start"],
            r["window_end"],
            r["lapses_on"],
        ]


def duty_workbook(rows: Iterable[dict[str, Any]]) -> bytes:
    """The standings (selectors.standings rows), in the active language (the request's,
    or the job's as recorded when it was started)."""
    en = english()
    return listing_workbook(
        sheet="Enterprise practice" if en else "企业实践",
        columns=COLUMNS,
        rows=_cells(rows),
        english=en,
        freeze="D2",  # school, staff number and name stay in view
    )


def duty_filename(on: date) -> str:
    return f"{'practice-duty' if english() else '企业实践'}-{on.isoformat()}.xlsx"
