"""Deterministic fictional demo data, defined by seed/demo.json.

Each school gets a 'propensity': the share of its in-scope teachers given enough evidence
to qualify, so that some schools land above the 60% target and some below.
"""

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shuangshi.accounts.models import User
from shuangshi.accounts.services import user_create, user_must_change_password_clear
from shuangshi.common.idnumbers import make_credit_code, make_id_number
from shuangshi.hours.demo import load_hours_demo
from shuangshi.mentors.demo import load_mentor_demo
from shuangshi.qualification.services import qualifications_rebuild, ratios_snapshot
from shuangshi.recognition.demo import load_recognition_demo
from shuangshi.schools.models import City, School
from shuangshi.schools.services import cities_ensure, school_create
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher
from shuangshi.training.demo import load_training_demo
from shuangshi.training.models import TrainingBase

DEMO_FILE = settings.REPO_DIR / "seed" / "demo.json"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红文辉建国云飞鹏宇浩然思琪雨"
    "欣子涵晨阳志远海燕春梅雪松立新德胜丹丹佳怡"
)
# Majors and their field categories (专业大类, 2021 职业教育专业目录).
MAJOR_CATEGORIES = {
    "机电一体化技术": "46",
    "数控技术": "46",
    "汽车检测与维修": "50",
    "计算机应用": "51",
    "电子商务": "53",
    "会计": "53",
    "护理": "52",
    "建筑工程施工": "44",
    "陶瓷设计与工艺": "48",
    "新能源汽车技术": "46",
    "工业机器人技术": "46",
    "物流管理": "53",
}
MAJORS = list(MAJOR_CATEGORIES)
ENTERPRISES = [
    ("江铃汽车股份有限公司", None),
    ("江西铜业集团有限公司", None),
    ("晶科能源股份有限公司", None),
    ("江西洪都航空工业集团有限责任公司", None),
    ("南昌欧菲光科技有限公司", None),
    ("赣锋锂业集团股份有限公司", None),
]


@dataclass
class DemoResult:
    schools: int = 0
    teachers: int = 0
    accounts: int = 0
    skipped: bool = False


def load_spec(path: Path = DEMO_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def _credit(rng: random.Random) -> str:
    body = "9136" + "".join(rng.choice("0123456789") for _ in range(13))
    return make_credit_code(body)


class _Builder:
    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.ids: set[str] = set(Teacher.objects.values_list("id_number", flat=True))
        self.teachers: list[Teacher] = []
        self.certificates: list[Certificate] = []
        self.periods: list[EnterprisePeriod] = []

    def id_number(self, city_code: str, birth: date, gender: str) -> str:
        while True:
            value = make_id_number(city_code[:4] + "02", birth, self.rng.randrange(1000), gender)
            if value not in self.ids:
                self.ids.add(value)
                return value

    def school(self, school: School, count: int, propensity: float) -> None:
        rng, today = self.rng, self.today
        for n in range(count):
            gender = rng.choice(["male", "female"])
            birth = date(1965, 1, 1) + timedelta(days=rng.randrange(33 * 365))
            teaching_since = max(
                birth + timedelta(days=22 * 365 + rng.randrange(2000)),
                date(1988, 9, 1),
            )
            teaching_since = min(teaching_since, today - timedelta(days=200))
            hired_on = teaching_since + timedelta(days=rng.randrange(0, 900))
            hired_on = min(hired_on, today - timedelta(days=100))
            years = (today - teaching_since).days / 365
            roll = rng.random()
            course = "professional" if roll < 0.7 else "practical" if roll < 0.82 else "public"
            teacher = Teacher(
                school=school,
                staff_no=f"{school.code}-{n + 1:04d}",
                name=_name(rng),
                id_number=self.id_number(school.city.code, birth, gender),
                gender=gender,
                birth_date=birth,
                employment="full_time" if rng.random() < 0.9 else "part_time",
                course_type=course,
                major=(major := rng.choice(MAJORS)),
                major_category=MAJOR_CATEGORIES[major] if rng.random() < 0.95 else None,
                education=rng.choices(
                    ["higher_vocational", "bachelor", "master", "doctor"], [10, 60, 27, 3]
                )[0],
                normal_graduate=rng.random() < 0.15,
                title=(
                    "associate_senior"
                    if years > 15 and rng.random() < 0.5
                    else "intermediate"
                    if years > 6
                    else "junior"
                ),
                hired_on=hired_on,
                teaching_since=teaching_since,
                left_on=today - timedelta(days=rng.randrange(30, 400))
                if rng.random() < 0.03
                else None,
            )
            self.teachers.append(teacher)
            self._records(teacher, propensity)

    def _records(self, teacher: Teacher, propensity: float) -> None:
        rng, today = self.rng, self.today
        if rng.random() < 0.93:
            self.certificates.append(
                Certificate(
                    teacher=teacher,
                    kind="teacher_qualification",
                    level="higher_education"
                    if teacher.school.kind == "higher_vocational"
                    else "secondary_vocational",
                    name="教师资格证",
                    number=f"TQ{rng.randrange(10**9):09d}",
                    issuer="江西省教育厅",
                    issued_on=teacher.teaching_since - timedelta(days=60),
                )
            )
        if rng.random() < propensity:
            self._evidence(teacher)
        elif rng.random() < 0.5:
            # Nearly there: some practice, not yet 180 days in the window.
            start = today - timedelta(days=rng.randrange(200, 1200))
            self._period(teacher, "practice", start, start + timedelta(days=rng.randrange(30, 150)))

    def _evidence(self, teacher: Teacher) -> None:
        rng, today = self.rng, self.today
        choice = rng.random()
        if choice < 0.45:
            issued = today - timedelta(days=rng.randrange(100, 3000))
            expiring = rng.random() < 0.12
            self.certificates.append(
                Certificate(
                    teacher=teacher,
                    kind=rng.choice(["skill_level", "vocational_qualification"]),
                    level=rng.choice(["grade4", "grade3", "grade2"]),
                    name="职业技能等级证书",
                    field=teacher.major,
                    # Mostly in the teacher's field; a few in another one (they do not count).
                    field_category=MAJOR_CATEGORIES[teacher.major]
                    if rng.random() < 0.9
                    else rng.choice(sorted(set(MAJOR_CATEGORIES.values()))),
                    number=f"SK{rng.randrange(10**9):09d}",
                    issuer="江西省人力资源和社会保障厅",
                    issued_on=issued,
                    # A few expire soon, so the expiry marks have something to show.
                    expires_on=today + timedelta(days=rng.randrange(5, 85)) if expiring else None,
                )
            )
        elif choice < 0.8:
            start = today - timedelta(days=rng.randrange(200, 1500))
            self._period(
                teacher, "practice", start, start + timedelta(days=rng.randrange(185, 240))
            )
        else:
            self.certificates.append(
                Certificate(
                    teacher=teacher,
                    kind="professional_title",
                    level=rng.choice(["intermediate", "associate_senior"]),
                    name="工程师",
                    number=f"PT{rng.randrange(10**9):09d}",
                    issuer="江西省人力资源和社会保障厅",
                    # A year or more into teaching, and never after today (the API refuses a
                    # future issue date): a recent starter's title is a month old.
                    issued_on=min(
                        teacher.teaching_since + timedelta(days=rng.randrange(365, 2000)),
                        today - timedelta(days=30),
                    ),
                )
            )

    def _period(self, teacher: Teacher, kind: str, start: date, end: date) -> None:
        name, code = self.rng.choice(ENTERPRISES)
        self.periods.append(
            EnterprisePeriod(
                teacher=teacher,
                kind=kind,
                enterprise=name,
                credit_code=code or _credit(self.rng),
                position="技术员",
                start_on=start,
                end_on=min(end, self.today),
            )
        )

    def save(self) -> None:
        """Through the records' batch services (one write path): audited, dated facts."""
        now = timezone.now()
        rows = [_row(t, created_at=now, updated_at=now) for t in self.teachers]
        teacher_services.teachers_write_batch(new=rows, updated=[], reevaluate=False)
        ids = dict(
            Teacher.objects.filter(id_number__in=[t.id_number for t in self.teachers]).values_list(
                "id_number", "id"
            )
        )
        for teacher in self.teachers:
            teacher.pk = teacher.id = ids[teacher.id_number]
        certificates = [_row(c, teacher_id=c.teacher.pk) for c in self.certificates]
        periods = [_row(p, teacher_id=p.teacher.pk) for p in self.periods]
        teacher_services.certificates_write_batch(new=certificates, updated=[], reevaluate=False)
        teacher_services.periods_write_batch(new=periods, updated=[], reevaluate=False)


def _row(obj: Any, **values: Any) -> dict[str, Any]:
    """An unsaved instance as a bulk row: every column but the id."""
    row = {
        f.attname: getattr(obj, f.attname)
        for f in type(obj)._meta.concrete_fields
        if f.attname != "id"
    }
    row.update(values)
    return row


@transaction.atomic
def load_demo(*, spec: dict[str, Any] | None = None, today: date | None = None) -> DemoResult:
    """Load the demo data once. Running it again changes nothing (keyed by school codes)."""
    spec = spec or load_spec()
    today = today or date.today()
    rng = random.Random(2023)
    result = DemoResult()
    accounts_before = User.objects.count()
    cities = cities_ensure()
    existing = set(School.objects.values_list("code", flat=True))
    builder = _Builder(rng, today)
    for entry in spec["schools"]:
        if entry["code"] in existing:
            result.skipped = True
            continue
        school = school_create(
            data={
                "code": entry["code"],
                "name": entry["name"],
                "city": cities[entry["city"]],
                "kind": entry["kind"],
                "student_count": entry["student_count"],
            }
        )
        builder.school(school, entry["teachers"], entry["propensity"])
        result.schools += 1
    builder.save()
    result.teachers = len(builder.teachers)
    _load_other_demos(rng)
    load_hours_demo(rng=rng, today=today)
    _accounts(spec, cities)
    if builder.teachers:
        # Everyone, and the dated results the trend and the list's dated levels read.
        qualifications_rebuild()
        _backfill_trend(today)
    load_recognition_demo(password=spec["password"], today=today)
    # Every account the demo made, the recognition demo's teacher and expert included.
    result.accounts = User.objects.count() - accounts_before
    return result


def _backfill_trend(today: date, months: int = 12) -> None:
    """Monthly snapshots for the past year, so the trend charts have a history."""
    first = today.replace(day=1)
    for back in range(months, 0, -1):
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        ratios_snapshot(month=date(year, month + 1, 1))


def _load_other_demos(rng: random.Random) -> None:
    """Training bases, programmes, completions and mentors (their apps define them)."""
    load_training_demo(rng=rng)
    load_mentor_demo(rng=rng)


def _accounts(spec: dict[str, Any], cities: dict[str, City]) -> int:
    created = 0
    for entry in spec["accounts"]:
        if User.objects.filter(username=entry["username"]).exists():
            continue
        user = user_create(
            username=entry["username"],
            password=spec["password"],
            role=entry["role"],
            first_name=entry.get("first_name", ""),
            city=cities.get(entry.get("city", "")),
            school=School.objects.filter(code=entry.get("school", "")).first(),
            training_base=TrainingBase.objects.filter(code=entry.get("training_base", "")).first(),
        )
        user_must_change_password_clear(user=user)  # the demo's accounts: ready to use
        created += 1
    return created
