"""Chinese labels of every enumeration that appears in a sheet: one mapping per enumeration.

The first label of each value is what templates, dropdowns and exports write; the others
are spellings the importer also accepts (together with the code and the English label).
"""

import functools
from collections.abc import Mapping

from django.utils import translation

from shuangshi.common.text import normalize_key
from shuangshi.mentors.models import AppointmentMode, MentorCategory
from shuangshi.schools.models import SchoolKind
from shuangshi.teachers.categories import CATEGORY_NAMES, SECONDARY_OFFSET, FieldCategory
from shuangshi.teachers.models import (
    CERTIFICATE_LEVELS,
    CertificateKind,
    CourseType,
    Education,
    Employment,
    Gender,
    PeriodKind,
    Title,
    certificate_level_label,
)
from shuangshi.training.models import BaseStatus, Designation, HostKind

Labels = Mapping[str, tuple[str, ...]]

# 专业大类 (2021 职业教育专业目录): written as "装备制造大类"; the code (46), the 中职 code (66)
# and the name without 大类 are accepted too.
FIELD_CATEGORY: Labels = {
    code: (f"{name}大类", name, str(int(code) + SECONDARY_OFFSET))
    for code, name in CATEGORY_NAMES.items()
}
GENDER: Labels = {Gender.MALE: ("男",), Gender.FEMALE: ("女",)}
EMPLOYMENT: Labels = {
    Employment.FULL_TIME: ("专任", "全职", "专职"),
    Employment.PART_TIME: ("兼职", "校外兼职"),
}
COURSE_TYPE: Labels = {
    CourseType.PROFESSIONAL: ("专业课", "专业课教师"),
    CourseType.PRACTICAL: ("实习指导", "实习指导教师"),
    CourseType.PUBLIC: ("公共基础课", "公共课", "文化课"),
}
EDUCATION: Labels = {
    Education.SECONDARY: ("中专及以下", "中专", "高中", "中职"),
    Education.HIGHER_VOCATIONAL: ("高职(专科)", "高职", "专科", "大专", "高职专科"),
    Education.BACHELOR: ("本科", "大学本科", "学士"),
    Education.MASTER: ("硕士研究生", "硕士", "研究生"),
    Education.DOCTOR: ("博士研究生", "博士"),
}
TITLE: Labels = {
    Title.NONE: ("无", "未定级"),
    Title.JUNIOR: ("助理讲师/助教", "助理讲师", "助教", "初级"),
    Title.INTERMEDIATE: ("讲师", "中级"),
    Title.ASSOCIATE_SENIOR: ("高级讲师/副教授", "高级讲师", "副教授", "副高级"),
    Title.SENIOR: ("正高级讲师/教授", "正高级讲师", "教授", "正高级"),
}
BOOLEAN: Labels = {
    "true": ("是", "Y", "YES", "TRUE", "1", "√", "对"),
    "false": ("否", "N", "NO", "FALSE", "0", "×", "无"),
}
CERTIFICATE_KIND: Labels = {
    CertificateKind.TEACHER_QUALIFICATION: ("教师资格证", "教师资格证书", "教师资格"),
    CertificateKind.SKILL_LEVEL: ("职业技能等级证书", "技能等级证书"),
    CertificateKind.VOCATIONAL_QUALIFICATION: ("职业资格证书", "职业资格证"),
    CertificateKind.ONE_PLUS_X: ("1+X证书", "1+X职业技能等级证书", "1+X"),
    CertificateKind.PROFESSIONAL_TITLE: ("专业技术资格", "专业技术职称", "职称证书"),
}
_GRADES: Labels = {
    "grade5": ("五级/初级工", "五级", "初级工"),
    "grade4": ("四级/中级工", "四级", "中级工"),
    "grade3": ("三级/高级工", "三级", "高级工"),
    "grade2": ("二级/技师", "二级", "技师"),
    "grade1": ("一级/高级技师", "一级", "高级技师"),
}
# A certificate's level is read against the levels of its kind.
CERTIFICATE_LEVEL: Mapping[str, Labels] = {
    CertificateKind.TEACHER_QUALIFICATION: {
        "secondary_vocational": ("中职教师资格", "中等职业学校教师资格"),
        "secondary_vocational_practical": (
            "中职实习指导教师资格",
            "中等职业学校实习指导教师资格",
        ),
        "higher_education": ("高校教师资格", "高等学校教师资格"),
        "other": ("其他教师资格", "其他"),
    },
    CertificateKind.SKILL_LEVEL: _GRADES,
    CertificateKind.VOCATIONAL_QUALIFICATION: _GRADES,
    CertificateKind.ONE_PLUS_X: {
        "junior": ("初级",),
        "intermediate": ("中级",),
        "senior": ("高级",),
    },
    CertificateKind.PROFESSIONAL_TITLE: {
        "junior": ("初级",),
        "intermediate": ("中级",),
        "associate_senior": ("副高级",),
        "senior": ("正高级",),
    },
}
PERIOD_KIND: Labels = {
    PeriodKind.EMPLOYMENT: ("企业工作经历", "企业工作", "工作经历"),
    PeriodKind.PRACTICE: ("企业实践", "顶岗实践"),
}
MENTOR_CATEGORY: Labels = {
    MentorCategory.ENGINEER: ("企业工程技术人员", "工程技术人员", "工程师"),
    MentorCategory.HIGH_SKILL: ("高技能人才",),
    MentorCategory.MANAGER: ("企业管理人员", "管理人员"),
    MentorCategory.CRAFTSMAN: ("能工巧匠",),
}
# Written as the screens word them (the model's labels in Chinese); the workbooks' earlier
# words (兼职授课, 联合研发, 项目合作) are still read.
APPOINTMENT_MODE: Labels = {
    AppointmentMode.TEACHING: ("兼职任教", "兼职授课", "授课"),
    AppointmentMode.RESEARCH: ("联合研究", "联合研发", "研发", "科研"),
    AppointmentMode.PROJECT: ("参与项目", "项目合作", "项目"),
}
SCHOOL_KIND: Labels = {
    SchoolKind.HIGHER_VOCATIONAL: ("高职",),
    SchoolKind.SECONDARY_VOCATIONAL: ("中职",),
    SchoolKind.TECHNICIAN_COLLEGE: ("技师学院",),
    SchoolKind.SENIOR_TECHNICAL_SCHOOL: ("高级技工学校",),
    SchoolKind.TECHNICAL_SCHOOL: ("技工学校",),
}
BASE_STATUS: Labels = {
    BaseStatus.PLANNED: ("筹建",),
    BaseStatus.ACTIVE: ("运行",),
    BaseStatus.SUSPENDED: ("暂停",),
}
DESIGNATION: Labels = {
    Designation.DUAL_QUALIFIED: ("双师型",),
    Designation.INTEGRATED: ("一体化",),
}
HOST_KIND: Labels = {HostKind.ENTERPRISE: ("企业",), HostKind.SCHOOL: ("学校",)}
QUALIFICATION_LEVEL: Labels = {
    "none": ("未认定",),
    "junior": ("初级",),
    "intermediate": ("中级",),
    "senior": ("高级",),
}
# The computed level's words (the web's 测算等级): its `none` is not a recognition's absence
# (认定 is the official one, DESIGN §8) but conditions not met.
COMPUTED_LEVEL: Labels = {**QUALIFICATION_LEVEL, "none": ("不符合条件",)}

_ENGLISH: dict[int, Mapping[str, str]] = {}


def label(labels: Labels, code: str) -> str:
    """The Chinese label written for a code (the code itself when it has none)."""
    names = labels.get(code)
    return names[0] if names else code


def dropdown(labels: Labels) -> list[str]:
    return [names[0] for names in labels.values()]


def lookup_table(
    labels: Labels, english: Mapping[str, tuple[str, ...]] | None = None
) -> dict[str, str]:
    """Every accepted spelling (normalized) → code."""
    table: dict[str, str] = {}
    for code, names in labels.items():
        table[normalize_key(str(code))] = str(code)
        for name in names:
            table.setdefault(normalize_key(name), str(code))
    for code, texts in (english or {}).items():
        for text in texts:
            table.setdefault(normalize_key(text), code)
    return table


# The English screens' word for a choice where it differs from the model's English label
# (frontend/src/locales/en.json "enums"): a sheet typed from an English screen names the
# choice so. tests/spreadsheets/test_english_labels_round29.py checks that every word of the
# screens is taken.
SCREEN_ENGLISH: dict[type, dict[str, str]] = {
    CourseType: {"professional": "Professional", "public": "Public foundation"},
    Education: {"doctor": "Doctorate"},
    Title: {
        "junior": "Assistant lecturer",
        "intermediate": "Lecturer",
        "associate_senior": "Senior lecturer / associate professor",
        "senior": "Full senior lecturer / professor",
    },
    CertificateKind: {
        "teacher_qualification": "Teacher qualification",
        "skill_level": "Vocational skill level",
        "one_plus_x": '"1+X" skill level',
        "professional_title": "Professional title",
    },
    PeriodKind: {"employment": "Employment"},
    MentorCategory: {"engineer": "Engineer", "craftsman": "Craftsman"},
    AppointmentMode: {"teaching": "Teaching"},
}


def english_labels(choices: type) -> dict[str, tuple[str, ...]]:
    """code → the English words of a TextChoices enumeration's choice: the model's label
    (lazy: worded in English here, whatever language is active when the columns are built
    at start-up) and the English screens' word where it differs."""
    screens = SCREEN_ENGLISH.get(choices, {})
    with translation.override("en"):
        return {
            str(value): tuple(dict.fromkeys((str(text), screens.get(str(value), str(text)))))
            for value, text in choices.choices  # type: ignore[attr-defined]
        }


@functools.cache
def certificate_level_lookup(kind: str) -> dict[str, str]:
    """Every accepted spelling (normalized) of a certificate level of this kind → code: its
    Chinese labels, its code and its English words (the kind's own, as a professional
    title's Full senior, and the screens' word for the level: Senior)."""
    levels = CERTIFICATE_LEVEL[kind]
    with translation.override("en"):
        english = {
            str(code): tuple(
                dict.fromkeys(
                    (
                        certificate_level_label(kind, str(code)),
                        certificate_level_label("", str(code)),
                    )
                )
            )
            for code in levels
        }
    return lookup_table(levels, english)


@functools.cache
def certificate_level_english(kind: str) -> list[str]:
    """The English words for each level of this kind, lowest first: what the English
    template offers and an English reader's error lists (certificate_level_lookup reads
    them back)."""
    with translation.override("en"):
        return [certificate_level_label(kind, str(code)) for code in CERTIFICATE_LEVEL[kind]]


def _check_complete() -> None:
    """Every value of every enumeration has a label (caught at import, not in a clerk's sheet)."""
    pairs: list[tuple[type, Labels]] = [
        (Gender, GENDER),
        (FieldCategory, FIELD_CATEGORY),
        (Employment, EMPLOYMENT),
        (CourseType, COURSE_TYPE),
        (Education, EDUCATION),
        (Title, TITLE),
        (CertificateKind, CERTIFICATE_KIND),
        (PeriodKind, PERIOD_KIND),
        (MentorCategory, MENTOR_CATEGORY),
        (AppointmentMode, APPOINTMENT_MODE),
        (SchoolKind, SCHOOL_KIND),
        (BaseStatus, BASE_STATUS),
        (Designation, DESIGNATION),
        (HostKind, HOST_KIND),
    ]
    for choices, labels in pairs:
        missing = set(choices.values) - set(labels)  # type: ignore[attr-defined]
        assert not missing, f"{choices.__name__} lacks Chinese labels for {missing}"
    for kind, levels in CERTIFICATE_LEVELS.items():
        assert list(CERTIFICATE_LEVEL[kind]) == levels, f"levels of {kind} differ"


_check_complete()
