"""Fictional demo industry mentors and their appointments (called by seed_demo).

Idempotent: mentors are keyed by ID numbers derived from their position in the list, so
a second run finds them and adds nothing. Appointments are made only for new mentors.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from shuangshi.common.idnumbers import make_id_number
from shuangshi.schools.models import School

from . import services
from .models import Mentor, MentorAppointment

MENTOR_COUNT = 40
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田"
GIVEN = [
    "建国",
    "志强",
    "国平",
    "卫东",
    "海涛",
    "立新",
    "红梅",
    "秀英",
    "德胜",
    "春生",
    "振华",
    "玉兰",
]
# enterprise, category, title, skills
PROFILES = [
    ("江铃汽车股份有限公司", "engineer", "高级工程师", "整车装配工艺"),
    ("江西铜业集团有限公司", "engineer", "工程师", "湿法冶金"),
    ("晶科能源股份有限公司", "manager", "生产总监", "光伏组件制造管理"),
    ("江西洪都航空工业集团有限责任公司", "high_skill", "特级技师", "航空钣金"),
    ("赣锋锂业集团股份有限公司", "engineer", "高级工程师", "锂电池材料"),
    ("景德镇陶瓷厂", "craftsman", "工艺美术大师", "青花绘制"),
    ("南昌欧菲光科技有限公司", "high_skill", "高级技师", "精密光学装调"),
    ("江西建工集团有限责任公司", "manager", "项目经理", "建筑施工组织"),
    ("江西中医药大学附属医院", "high_skill", "主任护师", "临床护理"),
    ("婺源徽派建筑营造社", "craftsman", "非遗传承人", "徽派木雕"),
]
SPAN_DAYS = 3 * 365


@dataclass
class MentorDemoResult:
    mentors: int = 0
    appointments: int = 0


def _id_number(n: int) -> tuple[str, date, str]:
    gender = "male" if n % 3 else "female"
    # A few are over 70, so the part-time track has someone to leave out.
    birth = date(1952, 5, 1) if n % 13 == 0 else date(1966 + n % 25, 1 + n % 12, 1 + n % 27)
    return make_id_number("360111", birth, 2 * n + (gender == "male"), gender), birth, gender


@transaction.atomic
def load_mentor_demo(*, rng: random.Random, today: date | None = None) -> MentorDemoResult:
    today = today or timezone.localdate()
    result = MentorDemoResult()
    schools = list(School.objects.filter(code__startswith="JX").order_by("code"))
    appointments: list[MentorAppointment] = []
    for n in range(MENTOR_COUNT):
        id_number, birth, gender = _id_number(n)
        if Mentor.objects.filter(id_number=id_number).exists():
            continue
        enterprise, category, title, skills = PROFILES[n % len(PROFILES)]
        mentor = services.mentor_create(
            data={
                "name": SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)],
                "id_number": id_number,
                "gender": gender,
                "birth_date": birth,
                "enterprise": enterprise,
                "category": category,
                "title": title,
                "skills": skills,
            }
        )
        result.mentors += 1
        if schools:
            appointments.extend(_appointments(mentor, schools, rng, today))
    rows = [
        {f.attname: getattr(a, f.attname) for f in a._meta.concrete_fields if f.attname != "id"}
        for a in appointments
    ]
    services.appointments_write_batch(new=rows, updated=[])  # audited
    result.appointments = len(appointments)
    return result


def _appointments(
    mentor: Mentor, schools: list[School], rng: random.Random, today: date
) -> list[MentorAppointment]:
    out = []
    for school in rng.sample(schools, 1 if rng.random() < 0.75 else 2):
        modes = ["teaching"] + (["project"] if rng.random() < 0.3 else [])
        if rng.random() < 0.2:
            modes = ["research"]
        for mode in modes:
            start = today - timedelta(days=rng.randrange(60, SPAN_DAYS))
            # Some appointments have ended; most run on.
            end = start + timedelta(days=rng.randrange(120, 400)) if rng.random() < 0.2 else None
            if end is not None and end >= today:
                end = None
            out.append(
                MentorAppointment(
                    mentor=mentor,
                    school=school,
                    mode=mode,
                    start_on=start,
                    end_on=end,
                    hours=rng.choice([32, 48, 64, 96, 128]),
                )
            )
    return out
