"""What each importable sheet holds: its columns, their headers, types and help text.

The same definitions drive the templates, the importer, the error workbook and the
exports, so a template, an export and the importer can never disagree.
"""

import dataclasses
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db.models import Model

from shuangshi.hours.validation import MAX_HOURS
from shuangshi.mentors.models import AppointmentMode, Mentor, MentorCategory
from shuangshi.teachers.categories import FieldCategory
from shuangshi.teachers.models import (
    Certificate,
    CertificateKind,
    CourseType,
    Education,
    Employment,
    EnterprisePeriod,
    Gender,
    PeriodKind,
    Teacher,
    Title,
)
from shuangshi.training.models import TrainingCompletion

from . import cells
from . import labels as L

TEXT, ID, DATE, INT, CHOICE, BOOL = "text", "id", "date", "int", "choice", "bool"


@dataclass(frozen=True)
class Column:
    field: str
    zh: str
    en: str
    type: str = TEXT
    required: bool = False
    labels: L.Labels | None = None
    max_length: int | None = None
    help: str = ""
    example: Any = ""
    width: int = 14
    english: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    maximum: int = cells.MAX_WHOLE_NUMBER  # of a whole-number column

    @property
    def headers(self) -> tuple[str, ...]:
        """Spellings accepted in a header row (Chinese, English name, English field, and
        the header an English export writes)."""
        return (self.zh, self.en, self.field, self.english_header)

    @property
    def english_header(self) -> str:
        """The header an English export writes: "ID number", "Staff no", "School code"."""
        text = self.en if " " in self.en else self.field.replace("_", " ")
        if text.startswith("id "):
            return "ID " + text[3:]
        return text[:1].upper() + text[1:]

    def english_label(self, code: str) -> str:
        """A choice's English word (its Chinese label where it has none)."""
        words = self.english.get(code)
        if words:
            return words[0]
        return L.label(self.labels, code) if self.labels is not None else code

    def lookup(self) -> dict[str, str]:
        assert self.labels is not None
        return _lookup(self)

    def dropdown(self) -> list[str]:
        return L.dropdown(self.labels) if self.labels is not None else []

    def english_dropdown(self) -> list[str]:
        if self.type == BOOL:
            return ["Yes", "No"]
        return [self.english_label(code) for code in self.labels or {}]

    def parse(self, value: Any) -> Any:
        """The clean value of a non-blank cell, or CellError."""
        if self.type == ID:
            return cells.id_number(value)
        if self.type == DATE:
            return cells.to_date(value)
        if self.type == INT:
            return cells.whole_number(value, self.maximum)
        if self.type in (CHOICE, BOOL):
            # A column holds a handful of distinct values: remember each one's code.
            seen = _SEEN.setdefault((self.field, self.zh), {})
            key = (type(value), value)
            code = seen.get(key)
            if code is None:
                code = cells.choice(value, self.lookup(), self.dropdown(), self.english_dropdown())
                if len(seen) < 1000:
                    seen[key] = code
            return code == "true" if self.type == BOOL else code
        result = cells.cell_text(value)
        if self.max_length is not None and len(result) > self.max_length:
            raise cells.CellError(
                _msg_too_long(max=self.max_length, length=len(result))  # type: ignore[arg-type]
            )
        return result

    def write(self, value: Any, *, english: bool = False) -> Any:
        """The value as a sheet shows it (labels for codes, 是/否, dates as dates); with
        ``english``, the English words (Yes/No, Full-time), which the importer reads too."""
        if value is None:
            return None
        if self.type == BOOL:
            if english:
                return "Yes" if value else "No"
            return "是" if value else "否"
        if self.type == CHOICE and self.labels is not None:
            return self.english_label(value) if english else L.label(self.labels, value)
        return value


_LOOKUPS: dict[tuple[str, str], dict[str, str]] = {}
_SEEN: dict[tuple[str, str], dict[tuple[type, Any], str]] = {}


def _lookup(column: Column) -> dict[str, str]:
    key = (column.field, column.zh)
    if key not in _LOOKUPS:
        assert column.labels is not None
        _LOOKUPS[key] = L.lookup_table(column.labels, column.english)
    return _LOOKUPS[key]


def _msg_too_long(*, max: int, length: int) -> str:
    from .messages import t

    return t("At most %(max)d characters (this has %(length)d).", max=max, length=length)


def _max(model: type[Model], name: str) -> int | None:
    return model._meta.get_field(name).max_length  # type: ignore[union-attr]


def _choices(labels: L.Labels, choices: type | None = None) -> dict[str, Any]:
    return {
        "type": CHOICE,
        "labels": labels,
        "english": L.english_labels(choices) if choices is not None else {},
    }


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    title: str  # the data sheet's name
    columns: tuple[Column, ...]
    # The fields that match a row to a stored record, named in the instructions by the
    # sheet's own headers (the scope column a scoped user's sheet leaves out: their own).
    key: tuple[str, ...]
    scope_column: str | None = None  # the column a scoped user may leave out

    def template_columns(self, *, scoped: bool) -> tuple[Column, ...]:
        """A user scoped to one school or base gets no column for it."""
        if scoped and self.scope_column:
            return tuple(c for c in self.columns if c.field != self.scope_column)
        return self.columns

    def read_columns(self, *, scoped: bool) -> tuple[Column, ...]:
        """What an upload may hold: a scoped user may leave the scope column out."""
        if scoped and self.scope_column:
            return tuple(
                replace(c, required=False) if c.field == self.scope_column else c
                for c in self.columns
            )
        return self.columns


# The most a PositiveIntegerField holds, what the API takes: a large school's term has more
# than MAX_WHOLE_NUMBER hours (1,000 teachers teach about 250,000 a term).
LARGEST_STORED = 2_147_483_647

_EXAMPLE_ID = "36010219850615001X"  # not a valid number: examples never collide with data


def _id_number(help: str) -> Column:
    """An ID number column (text: a spreadsheet would round 18 digits)."""
    return Column(
        "id_number", "身份证号", "id_number", ID, required=True, width=22, help=help,
        example=_EXAMPLE_ID,
    )  # fmt: skip


def _teacher_named(help: str) -> tuple[Column, Column]:
    """The two columns that name an already registered teacher on a record's row: the ID
    number that finds them and their name, shown only to check by eye."""
    return (
        _id_number(help),
        Column("name", "姓名", "teacher name", help="用于核对，可留空", example="王芳", width=10),
    )


SCHOOL_CODE = Column(
    "school",
    "学校代码",
    "school code",
    required=True,
    help="学校代码（省级账号导入时必填）",
    example="S00001",
)

TEACHERS = SheetSpec(
    kind="teachers",
    title="教师",
    key=("id_number",),
    scope_column="school",
    columns=(
        Column(
            "name",
            "姓名",
            "name",
            required=True,
            max_length=_max(Teacher, "name"),
            help="教师姓名",
            example="王芳",
            width=10,
        ),
        _id_number("18位居民身份证号，末位可为X；请将本列设为文本格式"),
        Column(
            "staff_no",
            "工号",
            "staff_no",
            max_length=_max(Teacher, "staff_no"),
            help="本校工号",
            example="T0001",
            width=10,
        ),
        Column(
            "gender",
            "性别",
            "gender",
            help="男/女；留空时按身份证号填写",
            example="女",
            width=8,
            **_choices(L.GENDER, Gender),
        ),
        Column(
            "birth_date",
            "出生日期",
            "birth_date",
            DATE,
            help="须与身份证号一致；留空时按身份证号填写",
            example=date(1985, 6, 15),
        ),
        Column(
            "employment",
            "用工类型",
            "employment",
            required=True,
            help="专任（全职）或兼职",
            example="专任",
            **_choices(L.EMPLOYMENT, Employment),
        ),
        Column(
            "course_type",
            "课程类型",
            "course_type",
            required=True,
            help="专业课、实习指导或公共基础课",
            example="专业课",
            **_choices(L.COURSE_TYPE, CourseType),
        ),
        Column(
            "major",
            "专业",
            "major",
            max_length=_max(Teacher, "major"),
            help="所教专业或专业群",
            example="机电一体化技术",
            width=18,
        ),
        Column(
            "education",
            "学历",
            "education",
            required=True,
            help="最高学历",
            example="本科",
            **_choices(L.EDUCATION, Education),
        ),
        Column(
            "normal_graduate",
            "职教师范毕业",
            "normal_graduate",
            BOOL,
            labels=L.BOOLEAN,
            help="是否职业技术师范专业毕业，是/否，留空为否",
            example="否",
        ),
        Column(
            "title",
            "教学职称",
            "title",
            help="教师系列职称，留空为无",
            example="讲师",
            width=18,
            **_choices(L.TITLE, Title),
        ),
        Column(
            "hired_on",
            "入职日期",
            "hired_on",
            DATE,
            required=True,
            help="入职本校日期，如 2010-09-01",
            example=date(2010, 9, 1),
        ),
        Column(
            "teaching_since",
            "任教起始日期",
            "teaching_since",
            DATE,
            required=True,
            help="开始从事教学工作的日期",
            example=date(2010, 9, 1),
        ),
        Column("left_on", "离职日期", "left_on", DATE, help="在职请留空", example=None),
        SCHOOL_CODE,
        Column(
            "major_category",
            "专业大类",
            "major category",
            help="所教专业所属的专业大类（2021年职业教育专业目录，19个大类）：填名称或代码，"
            "如 装备制造大类 或 46；留空表示未填写，技能证书将无法与专业对应",
            example="装备制造大类",
            width=16,
            **_choices(L.FIELD_CATEGORY, FieldCategory),
        ),
    ),
)

CERTIFICATES = SheetSpec(
    kind="certificates",
    title="证书",
    key=("id_number", "kind", "number"),
    columns=(
        *_teacher_named("持证教师的身份证号（教师须已登记）"),
        Column(
            "kind",
            "证书类别",
            "kind",
            required=True,
            width=18,
            help="教师资格证、职业技能等级证书、职业资格证书、1+X证书、专业技术资格",
            example="职业技能等级证书",
            **_choices(L.CERTIFICATE_KIND, CertificateKind),
        ),
        Column(
            "level",
            "等级/类型",
            "level",
            required=True,
            width=18,
            help="按证书类别填写：教师资格证填资格种类；技能证书填五级至一级；"
            "1+X证书填初级/中级/高级；专业技术资格填初级/中级/副高级/正高级",
            example="四级/中级工",
        ),
        Column(
            "cert_name",
            "证书名称",
            "certificate name",
            max_length=_max(Certificate, "name"),
            help="证书上的名称",
            example="电工",
            width=18,
        ),
        Column(
            "field",
            "专业/工种",
            "field",
            max_length=_max(Certificate, "field"),
            help="证书对应的专业或工种",
            example="电工",
            width=14,
        ),
        Column(
            "number",
            "证书编号",
            "number",
            required=True,
            max_length=_max(Certificate, "number"),
            help="证书编号（用于识别同一证书）",
            example="S000123456",
            width=18,
        ),
        Column(
            "issuer",
            "发证机关",
            "issuer",
            max_length=_max(Certificate, "issuer"),
            help="发证单位",
            example="江西省人力资源和社会保障厅",
            width=20,
        ),
        Column(
            "issued_on",
            "发证日期",
            "issued_on",
            DATE,
            required=True,
            help="如 2020-06-30",
            example=date(2020, 6, 30),
        ),
        Column("expires_on", "有效期至", "expires_on", DATE, help="长期有效请留空", example=None),
        Column(
            "field_category",
            "专业大类",
            "field category",
            help="证书所属的专业大类（2021年职业教育专业目录）：填名称或代码，"
            "如 装备制造大类 或 46；技能类证书须与教师的专业大类一致才计为证据",
            example="装备制造大类",
            width=16,
            **_choices(L.FIELD_CATEGORY, FieldCategory),
        ),
    ),
)

PERIODS = SheetSpec(
    kind="enterprise-periods",
    title="企业经历",
    key=("id_number", "kind", "enterprise", "start_on"),
    columns=(
        *_teacher_named("教师身份证号（教师须已登记）"),
        Column(
            "kind",
            "经历类型",
            "kind",
            required=True,
            help="企业工作经历（任教前或校外工作）或企业实践（任教期间）",
            example="企业实践",
            **_choices(L.PERIOD_KIND, PeriodKind),
        ),
        Column(
            "enterprise",
            "企业名称",
            "enterprise",
            required=True,
            max_length=_max(EnterprisePeriod, "enterprise"),
            help="企业全称",
            example="江铃汽车股份有限公司",
            width=24,
        ),
        Column(
            "credit_code",
            "统一社会信用代码",
            "credit_code",
            max_length=_max(EnterprisePeriod, "credit_code"),
            help="18位，可留空",
            example="",
            width=22,
        ),
        Column(
            "position",
            "岗位",
            "position",
            max_length=_max(EnterprisePeriod, "position"),
            help="所在岗位",
            example="装配工艺员",
        ),
        Column(
            "start_on",
            "开始日期",
            "start_on",
            DATE,
            required=True,
            help="如 2023-07-01",
            example=date(2023, 7, 1),
        ),
        Column(
            "end_on", "结束日期", "end_on", DATE, help="尚未结束请留空", example=date(2023, 12, 31)
        ),
    ),
)

MENTOR_APPOINTMENTS = SheetSpec(
    kind="mentor-appointments",
    title="产业导师聘任",
    key=("id_number", "school", "mode", "start_on"),
    scope_column="school",
    columns=(
        Column(
            "name",
            "导师姓名",
            "name",
            required=True,
            max_length=_max(Mentor, "name"),
            help="产业导师姓名",
            example="刘工",
            width=10,
        ),
        Column(
            "id_number",
            "导师身份证号",
            "id_number",
            ID,
            required=True,
            width=22,
            help="导师18位身份证号，请设为文本格式",
            example=_EXAMPLE_ID,
        ),
        Column(
            "enterprise",
            "所在企业",
            "enterprise",
            required=True,
            max_length=_max(Mentor, "enterprise"),
            help="导师所在企业",
            example="江西铜业集团有限公司",
            width=24,
        ),
        Column(
            "category",
            "导师类别",
            "category",
            required=True,
            help="企业工程技术人员、高技能人才、企业管理人员或能工巧匠",
            example="能工巧匠",
            width=16,
            **_choices(L.MENTOR_CATEGORY, MentorCategory),
        ),
        Column(
            "title",
            "职称/职务",
            "title",
            max_length=_max(Mentor, "title"),
            help="如 高级工程师",
            example="高级技师",
        ),
        Column(
            "skills",
            "专长",
            "skills",
            max_length=_max(Mentor, "skills"),
            help="技术专长",
            example="铜冶炼工艺",
            width=18,
        ),
        Column(
            "mode",
            "聘任方式",
            "mode",
            required=True,
            help="兼职任教、联合研究或参与项目",
            example="兼职任教",
            **_choices(L.APPOINTMENT_MODE, AppointmentMode),
        ),
        Column(
            "start_on",
            "聘任开始日期",
            "start_on",
            DATE,
            required=True,
            help="如 2024-09-01",
            example=date(2024, 9, 1),
        ),
        Column(
            "end_on", "聘任结束日期", "end_on", DATE, help="未定请留空", example=date(2025, 7, 31)
        ),
        Column(
            "hours", "学时", "hours", INT, help="聘期内承担的学时，留空为0", example=64, width=8
        ),
        SCHOOL_CODE,
    ),
)

TRAINING_COMPLETIONS = SheetSpec(
    kind="training-completions",
    title="培训结业",
    key=("program", "id_number"),
    scope_column="base",
    columns=(
        *_teacher_named("参训教师身份证号（任一学校已登记的教师）"),
        Column(
            "program",
            "培训项目",
            "program",
            required=True,
            help="本基地培训项目的名称",
            example="新能源汽车维修技术培训",
            width=24,
        ),
        Column(
            "program_start",
            "项目开始日期",
            "program start",
            DATE,
            help="有同名项目时必填",
            example=date(2024, 7, 8),
        ),
        Column(
            "completed_on",
            "结业日期",
            "completed_on",
            DATE,
            required=True,
            help="如 2024-08-02",
            example=date(2024, 8, 2),
        ),
        Column(
            "hours", "学时", "hours", INT, required=True, help="实际完成学时", example=80, width=8
        ),
        Column(
            "passed",
            "是否合格",
            "passed",
            BOOL,
            labels=L.BOOLEAN,
            help="是/否，留空为是",
            example="是",
            width=10,
        ),
        Column(
            "certificate_no",
            "结业证书编号",
            "certificate_no",
            max_length=_max(TrainingCompletion, "certificate_no"),
            help="可留空",
            example="JX-2024-0001",
            width=16,
        ),
        Column(
            "base",
            "基地代码",
            "base code",
            required=True,
            help="培训基地代码（省级账号导入时必填）",
            example="B00001",
        ),
    ),
)

TEACHING_HOURS = SheetSpec(
    kind="teaching-hours",
    title="实践教学课时",
    key=("school", "term", "major_category"),
    scope_column="school",
    columns=(
        Column(
            "term",
            "学期",
            "term",
            required=True,
            max_length=11,
            help="学年-学年-学期，如 2026-2027-1（第一学期）或 2026-2027-2",
            example="2026-2027-1",
            width=14,
        ),
        Column(
            "major_category",
            "专业大类",
            "major_category",
            help="2021年职业教育专业目录的19个专业大类之一：填名称或代码，如 装备制造大类 或 46；"
            "留空表示全校合计（有全校合计行时，各专业大类行只作分项，不再累加）",
            example="装备制造大类",
            width=16,
            **_choices(L.FIELD_CATEGORY, FieldCategory),
        ),
        Column(
            "total_hours",
            "总课时",
            "total_hours",
            INT,
            required=True,
            help="本学期总课时",
            example=12000,
            width=10,
            maximum=MAX_HOURS,  # as the form (hours.validation),
        ),
        Column(
            "practical_hours",
            "实践教学课时",
            "practical_hours",
            INT,
            required=True,
            help="不超过总课时",
            example=6600,
            width=12,
            maximum=MAX_HOURS,
        ),
        SCHOOL_CODE,
    ),
)

SPECS: dict[str, SheetSpec] = {
    spec.kind: spec
    for spec in (
        TEACHERS,
        CERTIFICATES,
        PERIODS,
        MENTOR_APPOINTMENTS,
        TRAINING_COMPLETIONS,
        TEACHING_HOURS,
    )
}
