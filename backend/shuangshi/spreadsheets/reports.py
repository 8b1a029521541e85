"""The province and school workbooks: plain data in, an .xlsx out.

What each workbook holds is defined here as data (sheets, columns, formats), so the
builders stay generic and can be tested with hand-made rows. `report_data.py` fills these
structures from the qualification and training selectors.
"""

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from shuangshi.schools.models import TECHNICAL_KINDS

from . import labels as L
from .workbooks import as_written, text_cell

RED = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
GREY = PatternFill("solid", start_color="EDEDED", end_color="EDEDED")
HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
PERCENT, DATE, INTEGER = "0.0%", "yyyy-mm-dd", "#,##0"
TOTAL = "全省合计"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Share:
    """Dual-qualified teachers among those in scope (DESIGN §4)."""

    in_scope: int
    qualified: int
    ratio: float | None  # None: nobody in scope
    gap: int | None
    meets_target: bool
    junior: int = 0
    intermediate: int = 0
    senior: int = 0
    recruitment_checked: int = 0
    recruitment_failed: int = 0
    # Recognized through rounds (DESIGN §8), beside the computed figures above.
    recognized: int = 0
    recognized_ratio: float | None = None
    recognized_gap: int | None = None
    recognized_meets_target: bool = False


@dataclass(frozen=True)
class GroupRow:
    label: str
    schools: int
    share: Share


@dataclass(frozen=True)
class SchoolRow:
    code: str
    name: str
    city: str
    kind: str
    share: Share
    student_count: int = 0
    full_time: int = 0
    part_time: int = 0
    mentors: int = 0
    students_per_teacher: float | None = None
    students_per_teacher_ok: bool | None = None
    # The city's code: schools are listed in the official order of cities (the ratios
    # API's by-city order), not in the order of the characters of their names.
    city_code: str = ""


@dataclass(frozen=True)
class BaseRow:
    code: str
    name: str
    city: str
    designation: str
    host_kind: str
    status: str
    approved_on: date | None
    programmes: int
    completions: int
    teachers_trained: int
    passed: int


@dataclass(frozen=True)
class RecruitmentRow:
    school_code: str
    school_name: str
    city: str
    name: str
    staff_no: str
    id_number: str
    hired_on: date
    education: str
    normal_graduate: bool


@dataclass(frozen=True)
class ProvinceReport:
    as_of: date
    target_ratio: float
    ratio_deadline: date
    bases_target: int
    bases_deadline: date
    province: Share
    by_city: Sequence[GroupRow]
    by_kind: Sequence[GroupRow]
    schools: Sequence[SchoolRow]
    bases: Sequence[BaseRow]
    bases_active: int
    recruitment: Sequence[RecruitmentRow] = field(default=())
    full_ids: int = 0  # rows whose ID number is shown unmasked (the export's audit entry)


@dataclass(frozen=True)
class TeacherRow:
    staff_no: str
    name: str
    id_number: str
    employment: str
    course_type: str
    title: str
    in_scope: bool
    level: str
    valid_until: date | None
    lacks: str  # what the teacher lacks for the next level, in words
    distance: int | None  # rough days of effort to the next level (sorting)
    recruitment: bool | None
    recognized: str = "none"  # the level of a recognition in force (DESIGN §8), or none


@dataclass(frozen=True)
class SchoolReport:
    as_of: date
    school: SchoolRow
    target_ratio: float
    teachers: Sequence[TeacherRow]
    full_ids: int = 0  # rows whose ID number is shown unmasked (the export's audit entry)


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Col:
    header: str
    value: Callable[[Any], Any]
    width: int = 12
    number_format: str | None = None


def _share_cols(get: Callable[[Any], Share]) -> list[Col]:
    return [
        Col("专任专业课教师数", lambda r: get(r).in_scope, 14, INTEGER),
        Col("双师型教师数", lambda r: get(r).qualified, 12, INTEGER),
        Col("双师型占比", lambda r: get(r).ratio, 11, PERCENT),
        Col("距目标缺口（人）", lambda r: get(r).gap, 14, INTEGER),
        Col("是否达标", lambda r: _yes_no(get(r).meets_target, get(r).in_scope), 9),
        Col("初级", lambda r: get(r).junior, 8, INTEGER),
        Col("中级", lambda r: get(r).intermediate, 8, INTEGER),
        Col("高级", lambda r: get(r).senior, 8, INTEGER),
        Col("新进教师招聘核查数", lambda r: get(r).recruitment_checked, 16, INTEGER),
        Col("招聘条件不符人数", lambda r: get(r).recruitment_failed, 16, INTEGER),
        Col("已认定人数", lambda r: get(r).recognized, 11, INTEGER),
        Col("已认定占比", lambda r: get(r).recognized_ratio, 11, PERCENT),
    ]


def _yes_no(meets: bool, in_scope: int) -> str:
    if in_scope == 0:
        return "无在范围教师"
    return "达标" if meets else "未达标"


GROUP_COLS = [Col("学校数", lambda r: r.schools, 8, INTEGER), *_share_cols(lambda r: r.share)]
SCHOOL_COLS = [
    Col("学校代码", lambda r: r.code, 12),
    Col("学校名称", lambda r: r.name, 28),
    Col("设区市", lambda r: r.city, 10),
    Col("学校类型", lambda r: L.label(L.SCHOOL_KIND, r.kind), 12),
    *_share_cols(lambda r: r.share),
    Col("在校生数", lambda r: r.student_count, 10, INTEGER),
    Col("专任教师", lambda r: r.full_time, 9, INTEGER),
    Col("兼职教师", lambda r: r.part_time, 9, INTEGER),
    Col("产业导师", lambda r: r.mentors, 9, INTEGER),
    Col("生师比", lambda r: r.students_per_teacher, 8, "0.0"),
]
BASE_COLS = [
    Col("基地代码", lambda r: r.code, 12),
    Col("基地名称", lambda r: r.name, 30),
    Col("设区市", lambda r: r.city, 10),
    Col("类型", lambda r: L.label(L.DESIGNATION, r.designation), 8),
    Col("依托单位类型", lambda r: L.label(L.HOST_KIND, r.host_kind), 12),
    Col("状态", lambda r: L.label(L.BASE_STATUS, r.status), 8),
    Col("认定日期", lambda r: r.approved_on, 12, DATE),
    Col("培训项目数", lambda r: r.programmes, 10, INTEGER),
    Col("结业人次", lambda r: r.completions, 10, INTEGER),
    Col("培训教师数", lambda r: r.teachers_trained, 10, INTEGER),
    Col("合格人次", lambda r: r.passed, 10, INTEGER),
]
RECRUITMENT_COLS = [
    Col("学校代码", lambda r: r.school_code, 12),
    Col("学校名称", lambda r: r.school_name, 28),
    Col("设区市", lambda r: r.city, 10),
    Col("姓名", lambda r: r.name, 10),
    Col("工号", lambda r: r.staff_no, 10),
    Col("身份证号", lambda r: r.id_number, 22),
    Col("入职日期", lambda r: r.hired_on, 12, DATE),
    Col("学历", lambda r: L.label(L.EDUCATION, r.education), 12),
    Col("职教师范毕业", lambda r: "是" if r.normal_graduate else "否", 12),
]


def teacher_word(kind: str) -> str:
    """What a school's dual-qualified teachers are called (DESIGN §3): 一体化 in a 技工院校
    (the web app's ratioTechnical: "integrated teachers"), 双师型 elsewhere."""
    return "一体化" if kind in TECHNICAL_KINDS else "双师型"


def _last_day_held(row: Any) -> date | None:
    if row.valid_until is None or row.level == "none":
        return None
    return row.valid_until - timedelta(days=1)


def teacher_cols(word: str = "双师型") -> list[Col]:
    """The school workbook's teacher sheets, worded for the school (teacher_word): the
    computed level, and beside it the level of a recognition in force (DESIGN §8)."""
    return [
        Col("工号", lambda r: r.staff_no, 10),
        Col("姓名", lambda r: r.name, 10),
        Col("身份证号", lambda r: r.id_number, 22),
        Col("用工类型", lambda r: L.label(L.EMPLOYMENT, r.employment), 9),
        Col("课程类型", lambda r: L.label(L.COURSE_TYPE, r.course_type), 11),
        Col("教学职称", lambda r: L.label(L.TITLE, r.title), 16),
        Col("计入比例", lambda r: "是" if r.in_scope else "否", 9),
        Col(f"{word}等级", lambda r: L.label(L.COMPUTED_LEVEL, r.level), 10),
        Col("已认定等级", lambda r: L.label(L.QUALIFICATION_LEVEL, r.recognized), 10),
        # valid_until is the first day the level no longer holds (DESIGN §4): the last day
        # it holds, and only for a level held (nothing is valid for 不符合条件), as on the web.
        Col("等级保持至", _last_day_held, 12, DATE),
        Col("距下一等级还缺", lambda r: r.lacks, 60),
        Col(
            "招聘条件",
            lambda r: {None: "不适用", True: "符合", False: "不符合"}[r.recruitment],
            10,
        ),
    ]


# --------------------------------------------------------------------------- writing


def _table(
    ws: WriteOnlyWorksheet,
    cols: Sequence[Col],
    rows: Iterable[Any],
    *,
    freeze: str = "A2",
    total: Any = None,
) -> int:
    """Header and rows, then ``total`` (a row in bold) if given; returns the last row written.

    A write-only sheet writes its view (the frozen panes) and its column widths before the
    first row: both are set here first, or the sheet opens without them.
    """
    for i, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    ws.freeze_panes = freeze
    header = []
    for col in cols:
        cell = WriteOnlyCell(ws, value=col.header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        header.append(cell)
    ws.append(header)
    last = 1
    for row in chain(rows, [total] if total is not None else []):
        cells = []
        for col in cols:
            value = col.value(row)
            if col.number_format and value is not None:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = col.number_format
            else:
                cell = as_written(ws, value)
            if row is total:
                if not isinstance(cell, Cell):
                    cell = WriteOnlyCell(ws, value=cell)
                cell.font = BOLD
            cells.append(cell)
        ws.append(cells)
        last += 1
    return last


def _colour_ratio(
    ws: WriteOnlyWorksheet, cols: Sequence[Col], first: int, last: int, target: float
) -> None:
    """Red at or below the target, green above it, grey where there is no ratio."""
    if last <= first:
        return
    index = next(i for i, c in enumerate(cols, start=1) if c.header == "双师型占比")
    letter = get_column_letter(index)
    cells = f"{letter}{first + 1}:{letter}{last}"
    ws.conditional_formatting.add(
        cells, FormulaRule(formula=[f"ISBLANK({letter}{first + 1})"], fill=GREY, stopIfTrue=True)
    )
    ws.conditional_formatting.add(
        cells, CellIsRule(operator="greaterThan", formula=[repr(target)], fill=GREEN)
    )
    ws.conditional_formatting.add(
        cells, CellIsRule(operator="lessThanOrEqual", formula=[repr(target)], fill=RED)
    )


def _title(ws: WriteOnlyWorksheet, text: str) -> None:
    cell = text_cell(ws, text)  # a school's name may start like a formula
    cell.font = TITLE
    ws.append([cell])


def _date_cell(ws: WriteOnlyWorksheet, value: date) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = DATE
    return cell


def _percent(ws: WriteOnlyWorksheet, value: float | None) -> Any:
    """A ratio as a percentage; none (nobody in scope) is an empty cell: a number column
    holds numbers or nothing, so sums and filters in Excel keep working."""
    if value is None:
        return None
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = PERCENT
    return cell


NO_SCOPE = "无在范围教师，不计算占比（留空）"
NO_GAP = "目标比例无法超过，不计算缺口（留空）"


def _why_blank(share: Share, value: Any, otherwise: str | None = None) -> str | None:
    """The note beside a ratio or gap left empty, saying why it is empty."""
    if value is not None:
        return otherwise
    return NO_SCOPE if share.in_scope == 0 else NO_GAP


def _dated_title(text: str, as_of: date) -> str:
    return f"{text}（截至 {as_of.isoformat()}）"


def _deadline_note(as_of: date, deadline: date) -> str:
    return "已过期限" if as_of > deadline else f"剩余 {(deadline - as_of).days} 天"


def _summary(book: Workbook, report: ProvinceReport) -> None:
    ws = book.create_sheet("总览")
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 40
    p = report.province
    schools_with = [s for s in report.schools if s.share.in_scope > 0]
    meeting = sum(1 for s in schools_with if s.share.meets_target)
    _title(ws, _dated_title("江西省职业院校“双师型”“一体化”教师队伍建设情况", report.as_of))
    ws.append(["统计日期", _date_cell(ws, report.as_of)])
    ws.append([])
    ws.append([WriteOnlyCell(ws, value="指标"), "数值", "说明"])
    ws.append(
        [
            "目标：双师型教师占专业课教师比例",
            f"超过 {report.target_ratio:.0%}",
            "赣府发〔2023〕措施4：超过60%（严格大于）",
        ]
    )
    ws.append(
        [
            "目标期限",
            _date_cell(ws, report.ratio_deadline),
            _deadline_note(report.as_of, report.ratio_deadline),
        ]
    )
    ws.append(["全省专任专业课教师（计入比例）", p.in_scope])
    ws.append(["其中双师型教师", p.qualified])
    met = "已达标" if p.meets_target else "未达标"
    ws.append(["全省双师型占比", _percent(ws, p.ratio), _why_blank(p, p.ratio, met)])
    ws.append(["距目标缺口（人）", p.gap, _why_blank(p, p.gap)])
    ws.append(["其中已认定（官方口径）", p.recognized])
    ws.append(
        [
            "全省已认定占比",
            _percent(ws, p.recognized_ratio),
            _why_blank(p, p.recognized_ratio),
        ]
    )
    ws.append(["学校总数", len(report.schools)])
    ws.append(["达标学校数", meeting])
    ws.append(["未达标学校数", len(schools_with) - meeting, "见“未达标学校”工作表"])
    ws.append(["无在范围教师的学校数", len(report.schools) - len(schools_with)])
    ws.append([])
    ws.append(["目标：培养培训基地（个）", report.bases_target])
    ws.append(
        [
            "运行中的基地",
            report.bases_active,
            "已完成"
            if report.bases_active >= report.bases_target
            else f"还差 {report.bases_target - report.bases_active} 个",
        ]
    )
    ws.append(
        [
            "基地建设期限",
            _date_cell(ws, report.bases_deadline),
            _deadline_note(report.as_of, report.bases_deadline),
        ]
    )
    ws.append([])
    ws.append(["2023年8月1日后新进教师（招聘核查）", p.recruitment_checked])
    ws.append(["不符合招聘条件", p.recruitment_failed, "见“招聘条件不符”工作表"])
    ws.append([])
    ws.append(
        [
            "说明：新进专业课教师原则上须具备相关职业技能等级证书、职教师范毕业，或3年以上企业"
            "工作经历且具有高职以上学历（按国发〔2019〕4号“高职以上学历”口径）。"
        ]
    )


# The workbooks' sheets, in their order: a job reports one step per sheet written.
PROVINCE_SHEETS = (
    "总览", "按设区市", "按学校类型", "各校明细", "未达标学校", "培养培训基地", "招聘条件不符",
)  # fmt: skip
SCHOOL_SHEETS = ("概况", "教师", "最接近符合条件")


def _nothing() -> None:
    pass


def province_workbook(report: ProvinceReport, sheet_done: Callable[[], None] = _nothing) -> bytes:
    """The province workbook (PROVINCE_SHEETS); ``sheet_done`` is called as each sheet is
    written."""
    book = Workbook(write_only=True)
    _summary(book, report)
    sheet_done()
    target = report.target_ratio

    # The province's own figures close each grouping: its rows add up to them (the gap
    # and the ratio are the province's, not sums).
    total = GroupRow(TOTAL, len(report.schools), report.province)
    for title, groups in (("按设区市", report.by_city), ("按学校类型", report.by_kind)):
        ws = book.create_sheet(title)
        cols = [Col(title[1:], lambda r: r.label, 16), *GROUP_COLS]
        last = _table(ws, cols, groups, freeze="B2", total=total)
        _colour_ratio(ws, cols, 1, last, target)
        sheet_done()

    ws = book.create_sheet("各校明细")
    ordered = sorted(report.schools, key=lambda s: (s.city_code, s.code))
    last = _table(ws, SCHOOL_COLS, ordered, freeze="C2")
    _colour_ratio(ws, SCHOOL_COLS, 1, last, target)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(SCHOOL_COLS))}{last}"
    sheet_done()

    ws = book.create_sheet("未达标学校")
    below = sorted(
        (s for s in report.schools if s.share.in_scope > 0 and not s.share.meets_target),
        key=lambda s: (-(s.share.gap or 0), s.code),
    )
    last = _table(ws, SCHOOL_COLS, below, freeze="C2")
    _colour_ratio(ws, SCHOOL_COLS, 1, last, target)
    sheet_done()

    ws = book.create_sheet("培养培训基地")
    last = _table(ws, BASE_COLS, report.bases, freeze="C2")
    ws.auto_filter.ref = f"A1:{get_column_letter(len(BASE_COLS))}{last}"
    sheet_done()

    ws = book.create_sheet("招聘条件不符")
    last = _table(ws, RECRUITMENT_COLS, report.recruitment, freeze="E2")
    ws.auto_filter.ref = f"A1:{get_column_letter(len(RECRUITMENT_COLS))}{last}"
    sheet_done()
    return _save(book)


def school_workbook(report: SchoolReport, sheet_done: Callable[[], None] = _nothing) -> bytes:
    """A school's workbook (SCHOOL_SHEETS); ``sheet_done`` is called as each sheet is
    written."""
    book = Workbook(write_only=True)
    s = report.school
    share = s.share
    word = teacher_word(s.kind)
    ws = book.create_sheet("概况")
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 34
    _title(ws, _dated_title(f"{s.name} {word}教师情况", report.as_of))
    ws.append(["统计日期", _date_cell(ws, report.as_of)])
    ws.append(["学校代码", as_written(ws, s.code)])
    ws.append(["学校类型", L.label(L.SCHOOL_KIND, s.kind)])
    ws.append(["专任专业课教师（计入比例）", share.in_scope])
    ws.append([f"{word}教师", share.qualified])
    ws.append([f"{word}占比", _percent(ws, share.ratio), _why_blank(share, share.ratio)])
    ws.append(["目标", f"超过 {report.target_ratio:.0%}"])
    ws.append(["距目标缺口（人）", share.gap, _why_blank(share, share.gap)])
    ws.append(["是否达标", _yes_no(share.meets_target, share.in_scope)])
    # The official count (recognized through rounds, DESIGN §8) beside the computed one, as
    # the ratios API gives it for the date.
    ws.append(["其中已认定（官方口径）", share.recognized])
    ws.append(
        [
            "已认定占比",
            _percent(ws, share.recognized_ratio),
            _why_blank(share, share.recognized_ratio),
        ]
    )
    ws.append(
        ["已认定距目标缺口（人）", share.recognized_gap, _why_blank(share, share.recognized_gap)]
    )
    ws.append(["已认定是否达标", _yes_no(share.recognized_meets_target, share.in_scope)])
    sheet_done()

    cols = teacher_cols(word)
    ws = book.create_sheet("教师")
    last = _table(ws, cols, report.teachers, freeze="C2")
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{last}"
    sheet_done()

    ws = book.create_sheet("最接近符合条件")
    closest = sorted(
        (t for t in report.teachers if t.in_scope and t.level == "none"),
        key=lambda t: (t.distance is None, t.distance or 0, t.staff_no),
    )
    _table(ws, cols, closest, freeze="C2")
    sheet_done()
    return _save(book)


def province_filename(as_of: date) -> str:
    return f"江西省双师型教师统计-{as_of.isoformat()}.xlsx"


def school_filename(school_name: str, as_of: date, kind: str = "") -> str:
    return f"{school_name}-{teacher_word(kind)}教师-{as_of.isoformat()}.xlsx"


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- words

_MISSING_ZH = {
    "qualification.missing.basic": "有效的教师资格证",
    "qualification.missing.e_skill": "四级/中级工及以上技能证书或中级及以上1+X证书",
    "qualification.missing.e_title": "中级及以上专业技术资格",
    "qualification.missing.e_practice": "近5年企业实践还差{days}天",
    "qualification.missing.e_enterprise": "企业工作经历还差{days}天",
    "qualification.missing.e_training": "在运行中的基地完成{hours}学时以上培训并合格",
    "qualification.missing.teaching_years": "教龄还差{years}年",
    "qualification.missing.title": "教学职称达到{title_zh}",
}


def describe_missing(items: Iterable[Any]) -> str:
    """The engine's `Missing` items for the next level, as one Chinese sentence."""
    required: list[str] = []
    options: list[str] = []
    needed = 0
    for item in items:
        params = dict(item.params)
        if "title" in params:
            params["title_zh"] = L.label(L.TITLE, str(params["title"]))
        template = _MISSING_ZH.get(item.message, item.message)
        try:
            text = template.format(**params)
        except (KeyError, IndexError):
            text = template
        if item.one_of:
            options.append(text)
            needed = item.needed
        else:
            required.append(text)
    parts = list(required)
    if options:
        parts.append(f"以下任选{needed}项：" + "／".join(options))
    return "；".join(parts)
