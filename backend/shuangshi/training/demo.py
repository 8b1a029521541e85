"""Fictional demo bases, programmes and completions (called by the seed_demo command).

Idempotent: bases are keyed by code and programmes by (base, title); completions are
only added to programmes created in this run. Dates are relative to today so the demo
stays fresh: programmes ended in the last two years.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from shuangshi.schools.models import City
from shuangshi.teachers.models import Teacher

from . import services
from .models import TrainingBase, TrainingCompletion, TrainingProgram

# code, name, host, host kind, city code, designation, approved on, status
# fmt: off
BASES = [
    ("TB01", "江铃汽车双师型教师培养培训基地", "江铃汽车股份有限公司", "enterprise", "360100", "dual_qualified", date(2023, 12, 1), "active"),  # noqa: E501
    ("TB02", "江西铜业双师型教师企业实践基地", "江西铜业集团有限公司", "enterprise", "360600", "dual_qualified", date(2024, 3, 15), "active"),  # noqa: E501
    ("TB03", "晶科能源双师型教师培养培训基地", "晶科能源股份有限公司", "enterprise", "361100", "dual_qualified", date(2024, 5, 20), "active"),  # noqa: E501
    ("TB04", "洪都航空一体化教师培养培训基地", "江西洪都航空工业集团有限责任公司", "enterprise", "360100", "integrated", date(2024, 1, 10), "active"),  # noqa: E501
    ("TB05", "赣锋锂业双师型教师培养培训基地", "赣锋锂业集团股份有限公司", "enterprise", "360500", "dual_qualified", date(2024, 6, 1), "active"),  # noqa: E501
    ("TB06", "赣南职教双师型教师培养培训基地", "赣州应用技术职业学院", "school", "360700", "dual_qualified", date(2024, 4, 1), "active"),  # noqa: E501
    ("TB07", "交通职教双师型教师培养培训基地", "江西交通职业技术学院", "school", "360100", "dual_qualified", date(2023, 11, 20), "active"),  # noqa: E501
    ("TB08", "省技师学院一体化教师培养培训基地", "江西省技师学院", "school", "360100", "integrated", date(2023, 12, 15), "active"),  # noqa: E501
    ("TB09", "陶瓷工艺双师型教师培养培训基地", "景德镇陶瓷职业技术学院", "school", "360200", "dual_qualified", date(2024, 9, 1), "active"),  # noqa: E501
    ("TB10", "欧菲光电子信息双师型教师培养培训基地", "南昌欧菲光科技有限公司", "enterprise", "360100", "dual_qualified", date(2024, 10, 10), "active"),  # noqa: E501
    ("TB11", "九江石化双师型教师企业实践基地", "九江石化工业有限公司", "enterprise", "360400", "dual_qualified", date(2025, 3, 1), "active"),  # noqa: E501
    ("TB12", "萍乡技师学院一体化教师培养培训基地", "萍乡技师学院", "school", "360300", "integrated", date(2025, 1, 15), "active"),  # noqa: E501
    ("TB13", "井冈山职教双师型教师培养培训基地", "吉安职业技术学院", "school", "360800", "dual_qualified", date(2025, 4, 20), "active"),  # noqa: E501
    ("TB14", "电机制造一体化教师培养培训基地", "宜春江特电机有限公司", "enterprise", "360900", "integrated", date(2025, 6, 30), "active"),  # noqa: E501
    ("TB15", "九江职教双师型教师培养培训基地", "九江职业技术学院", "school", "360400", "dual_qualified", date(2024, 8, 1), "active"),  # noqa: E501
    ("TB16", "抚州职教双师型教师培养培训基地", "抚州职业技术学院", "school", "361000", "dual_qualified", None, "planned"),  # noqa: E501
    ("TB17", "赣江新区智能制造双师型教师培养培训基地", "赣江新区智能装备产业园有限公司", "enterprise", "361200", "dual_qualified", None, "planned"),  # noqa: E501
    ("TB18", "上饶新能源汽车双师型教师企业实践基地", "上饶新能源客车有限公司", "enterprise", "361100", "dual_qualified", None, "planned"),  # noqa: E501
    ("TB19", "鹰潭技师学院一体化教师培养培训基地", "鹰潭技师学院", "school", "360600", "integrated", None, "planned"),  # noqa: E501
    ("TB20", "稀土材料双师型教师企业实践基地", "赣州稀土新材料有限公司", "enterprise", "360700", "dual_qualified", date(2024, 2, 1), "suspended"),  # noqa: E501
]
# fmt: on

# A suspended demo base was suspended this many days ago (its programmes ended 30+ days ago).
SUSPENDED_DAYS = 20

# title suffix, kind, hours, days
PROGRAMS = [
    ("企业实践研修", "enterprise_practice", 120, 30),
    ("岗位技能提升培训", "skill_training", 80, 14),
    ("一体化课程教学能力培训", "pedagogy", 40, 5),
    ("新技术新工艺专题培训", "skill_training", 48, 6),
]


@dataclass
class TrainingDemoResult:
    bases: int = 0
    programs: int = 0
    completions: int = 0


@transaction.atomic
def load_training_demo(*, rng: random.Random, today: date | None = None) -> TrainingDemoResult:
    today = today or timezone.localdate()
    result = TrainingDemoResult()
    cities = {c.code: c for c in City.objects.all()}
    teachers = list(
        Teacher.objects.filter(
            employment="full_time", course_type__in=["professional", "practical"]
        )
        .order_by("id")
        .values_list("id", flat=True)
    )
    completions: list[TrainingCompletion] = []
    for code, name, host, host_kind, city, designation, approved, status in BASES:
        base = TrainingBase.objects.filter(code=code).first()
        created = base is None
        if base is None:
            # A suspended base ran first: active from its approval, suspended since
            # SUSPENDED_DAYS ago (after its programmes ended: DESIGN §4 counts training at
            # a base active on the completion date, and the API logs no other).
            base = services.base_create(
                data={
                    "code": code,
                    "name": name,
                    "host_name": host,
                    "host_kind": host_kind,
                    "city": cities[city],
                    "designation": designation,
                    "approved_on": approved,
                    "status": "active" if status == "suspended" else status,
                },
                effective_on=approved,
            )
            if status == "suspended":
                base = services.base_update(
                    base=base,
                    data={"status": status},
                    effective_on=today - timedelta(days=SUSPENDED_DAYS),
                )
        result.bases += created
        if base.status == "planned" or base.approved_on is None:
            continue
        for n, (suffix, kind, hours, days) in enumerate(PROGRAMS[: 2 + (int(code[2:]) % 3)]):
            title = f"{base.host_name}{suffix}"
            if TrainingProgram.objects.filter(base=base, title=title).exists():
                continue
            end = today - timedelta(days=30 + 120 * n + rng.randrange(60))
            if end - timedelta(days=days - 1) < base.approved_on:
                continue  # no training before the base was approved
            program = services.program_create(
                data={
                    "base": base,
                    "title": title,
                    "kind": kind,
                    "hours": hours,
                    "start_on": end - timedelta(days=days - 1),
                    "end_on": end,
                }
            )
            result.programs += 1
            completions.extend(_completions(program, teachers, rng))
    rows = [
        {f.attname: getattr(c, f.attname) for f in c._meta.concrete_fields if f.attname != "id"}
        for c in completions
    ]
    services.completions_write_batch(new=rows, updated=[])  # audited, one re-evaluation
    result.completions = len(completions)
    return result


def _completions(
    program: TrainingProgram, teachers: list[int], rng: random.Random
) -> list[TrainingCompletion]:
    if not teachers:
        return []
    out = []
    for teacher_id in rng.sample(teachers, min(len(teachers), rng.randrange(6, 14))):
        passed = rng.random() < 0.85
        hours = program.hours if passed else rng.randrange(program.hours // 2, program.hours + 1)
        out.append(
            TrainingCompletion(
                program=program,
                teacher_id=teacher_id,
                completed_on=program.end_on,
                hours=hours,
                passed=passed,
                certificate_no=f"{program.base.code}-{program.pk:04d}-{teacher_id:05d}"
                if passed
                else "",
            )
        )
    return out
