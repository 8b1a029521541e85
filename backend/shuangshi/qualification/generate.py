"""A synthetic country for benchmarks: schools, teachers, certificates, periods, completions.

Rows are built as plain tuples and written with COPY on PostgreSQL (bulk_create elsewhere).
Proportions are rough but plausible: most full-time professional teachers hold a teacher
qualification, about half a skill certificate, most have some enterprise practice.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from shuangshi.common import bulk
from shuangshi.common.idnumbers import id_check_char
from shuangshi.schools.models import City, School
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher, TeacherFact
from shuangshi.training.models import (
    BaseStatusChange,
    TrainingBase,
    TrainingCompletion,
    TrainingProgram,
)

KINDS = [
    ("higher_vocational", 0.10),
    ("secondary_vocational", 0.55),
    ("technician_college", 0.10),
    ("senior_technical_school", 0.10),
    ("technical_school", 0.15),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅文斌辉建国志伟"
# Majors and their field categories (2021 职业教育专业目录).
MAJOR_CATEGORIES = {
    "机电一体化": "46",
    "数控技术": "46",
    "汽车检测与维修": "50",
    "电子商务": "53",
    "护理": "52",
    "会计": "53",
    "软件技术": "51",
    "烹饪": "54",
}
MAJORS = list(MAJOR_CATEGORIES)
CATEGORIES = sorted(set(MAJOR_CATEGORIES.values()))
TITLES = ["none", "junior", "intermediate", "associate_senior", "senior"]
TITLE_WEIGHTS = [0.10, 0.30, 0.35, 0.20, 0.05]
EDUCATIONS = ["secondary", "higher_vocational", "bachelor", "master", "doctor"]
EDU_WEIGHTS = [0.03, 0.12, 0.65, 0.18, 0.02]
GRADES = ["grade5", "grade4", "grade3", "grade2", "grade1"]

Progress = Callable[[str, int, int], None]


def _columns(model: type[models.Model], cols: Sequence[str]) -> list[str]:
    """``cols`` in row order, checked: fails loudly if the model needs a column we omit."""
    known = {f.column: f for f in model._meta.concrete_fields}
    unknown = [c for c in cols if c not in known]
    if unknown:
        raise RuntimeError(f"{model.__name__} has no column(s) {unknown}")
    for column, f in known.items():
        if column in cols:
            continue
        if not f.null and not f.has_default() and not getattr(f, "auto_now", False):
            raise RuntimeError(f"{model.__name__}.{f.name} needs a value in the generator")
    return list(cols)


def _write(
    model: type[models.Model],
    cols: Sequence[str],
    rows: Iterator[tuple[Any, ...]],
) -> int:
    table = model._meta.db_table
    n = 0
    if connection.vendor == "postgresql":
        with bulk.copy_in(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        return n
    batch: list[tuple[Any, ...]] = []
    marks = ", ".join(["%s"] * len(cols))
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})"
    with connection.cursor() as cur:
        for row in rows:
            batch.append(row)
            if len(batch) >= 5000:
                cur.executemany(sql, batch)
                n += len(batch)
                batch = []
        if batch:
            cur.executemany(sql, batch)
            n += len(batch)
    return n


def _next_id(model: type[models.Model]) -> int:
    last = model._default_manager.aggregate(m=models.Max("id"))["m"]
    return (last or 0) + 1


def _reset_sequence(model: type[models.Model]) -> None:
    if connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )


def generate_country(
    *,
    schools: int,
    teachers: int,
    seed: int = 20231,
    today: date | None = None,
    progress: Progress | None = None,
    chunk: int = 50000,
) -> dict[str, int]:
    rnd = random.Random(seed)
    today = today or timezone.localdate()
    now = timezone.now()
    counts: dict[str, int] = {}
    report = progress or (lambda stage, done, total: None)
    cities = list(City.objects.values_list("id", flat=True))
    if not cities:
        raise RuntimeError("No cities: run migrations first.")

    with transaction.atomic():
        first_school = _next_id(School)
        school_ids = list(range(first_school, first_school + schools))
        kinds = [k for k, _w in KINDS]
        weights = [w for _k, w in KINDS]

        def school_rows() -> Iterator[tuple[Any, ...]]:
            for sid in school_ids:
                kind = rnd.choices(kinds, weights)[0]
                yield (
                    sid,
                    f"G{sid:07d}",
                    f"合成学校{sid}",
                    rnd.choice(cities),
                    kind,
                    rnd.randint(300, 12000),
                    1,
                )

        counts["schools"] = _write(School, _columns(School, SCHOOL_COLS), school_rows())
        _reset_sequence(School)
        if not school_ids:  # add teachers to the schools already there
            school_ids = list(School.objects.values_list("id", flat=True))
            if not school_ids:
                raise RuntimeError("No schools to put teachers in: ask for some.")
        report("schools", schools, schools)

        base_ids, program_rows = _bases_and_programs(rnd, cities, today)
        programs = [(pid, hours) for pid, hours, _end in program_rows]

    first_teacher = _next_id(Teacher)
    first_cert = _next_id(Certificate)
    first_period = _next_id(EnterprisePeriod)
    first_completion = _next_id(TrainingCompletion)
    teacher_cols = _columns(Teacher, TEACHER_COLS)
    cert_cols = _columns(Certificate, CERT_COLS)
    period_cols = _columns(EnterprisePeriod, PERIOD_COLS)
    comp_cols = _columns(TrainingCompletion, COMPLETION_COLS)
    fact_cols = _columns(TeacherFact, FACT_COLS)
    ids = {
        "cert": first_cert,
        "period": first_period,
        "comp": first_completion,
        "fact": _next_id(TeacherFact),
    }
    done = 0
    for start in range(0, teachers, chunk):
        size = min(chunk, teachers - start)
        t_rows: list[tuple[Any, ...]] = []
        c_rows: list[tuple[Any, ...]] = []
        p_rows: list[tuple[Any, ...]] = []
        k_rows: list[tuple[Any, ...]] = []
        f_rows: list[tuple[Any, ...]] = []
        for i in range(start, start + size):
            tid = first_teacher + i
            school = school_ids[rnd.randrange(len(school_ids))]
            _teacher(rnd, tid, i, school, today, now, t_rows, c_rows, p_rows, k_rows, ids, programs)
            _facts(rnd, t_rows, f_rows, ids, today, now)
        with transaction.atomic():
            _write(Teacher, teacher_cols, iter(t_rows))
            _write(Certificate, cert_cols, iter(c_rows))
            _write(EnterprisePeriod, period_cols, iter(p_rows))
            _write(TrainingCompletion, comp_cols, iter(k_rows))
            _write(TeacherFact, fact_cols, iter(f_rows))
        for key, rows in (
            ("teachers", t_rows),
            ("certificates", c_rows),
            ("periods", p_rows),
            ("completions", k_rows),
            ("facts", f_rows),
        ):
            counts[key] = counts.get(key, 0) + len(rows)
        done += size
        report("teachers", done, teachers)
    for model in (Teacher, Certificate, EnterprisePeriod, TrainingCompletion, TeacherFact):
        _reset_sequence(model)
    # 26 loading statements appended a count row per school each: summed, table rewritten.
    from shuangshi.teachers.services import teacher_counts_tidy

    teacher_counts_tidy()
    counts["bases"] = len(base_ids)
    return counts


def _bases_and_programs(
    rnd: random.Random, cities: list[int], today: date
) -> tuple[list[int], list[tuple[int, int, date]]]:
    base_ids = []
    start_n = TrainingBase.objects.count()
    for n in range(start_n, start_n + 24):
        base = TrainingBase.objects.create(
            code=f"GB{n:04d}",
            name=f"合成培训基地{n}",
            host_name="合成企业",
            host_kind=rnd.choice(["enterprise", "school"]),
            city_id=rnd.choice(cities),
            designation=rnd.choice(["dual_qualified", "integrated"]),
            status="active" if n % 6 else "suspended",
            approved_on=(approved := today - timedelta(days=rnd.randint(400, 2500))),
        )
        # Dated statuses: active since approval; every sixth base suspended a year ago
        # (what it certified before then still counts).
        BaseStatusChange.objects.create(base=base, status="active", effective_on=approved)
        if base.status == "suspended":
            BaseStatusChange.objects.create(
                base=base, status="suspended", effective_on=today - timedelta(days=365)
            )
        base_ids.append(base.pk)
    programs = []
    for n in range(200):
        end = today - timedelta(days=rnd.randint(0, 2500))
        hours = rnd.choice([24, 32, 40, 48, 80, 120])
        p = TrainingProgram.objects.create(
            base_id=rnd.choice(base_ids),
            title=f"合成培训项目{n}",
            kind=rnd.choice(["enterprise_practice", "skill_training", "pedagogy"]),
            hours=hours,
            start_on=end - timedelta(days=20),
            end_on=end,
        )
        programs.append((p.pk, hours, end))
    return base_ids, programs


TEACHER_COLS = (
    "id",
    "school_id",
    "staff_no",
    "name",
    "id_number",
    "gender",
    "birth_date",
    "employment",
    "course_type",
    "major",
    "education",
    "normal_graduate",
    "title",
    "hired_on",
    "teaching_since",
    "left_on",
    "version",
    "created_at",
    "updated_at",
    "major_category",
    "facts_since",
)
FACT_COLS = ("id", "teacher_id", "field", "value", "effective_on", "recorded_at")
CERT_COLS = (
    "id",
    "teacher_id",
    "kind",
    "level",
    "name",
    "field",
    "number",
    "issuer",
    "issued_on",
    "expires_on",
    "version",
    "field_category",
    "status",
    "reject_reason",
)
PERIOD_COLS = (
    "id",
    "teacher_id",
    "kind",
    "enterprise",
    "credit_code",
    "position",
    "start_on",
    "end_on",
    "version",
    "status",
    "reject_reason",
)
COMPLETION_COLS = (
    "id",
    "program_id",
    "teacher_id",
    "completed_on",
    "hours",
    "passed",
    "certificate_no",
    "version",
    "voided",
    "void_reason",
)
SCHOOL_COLS = ("id", "code", "name", "city_id", "kind", "student_count", "version")


_BIRTH0 = date(1965, 1, 1).toordinal()


def _teacher(
    rnd: random.Random,
    tid: int,
    i: int,
    school: int,
    today: date,
    now: datetime,
    t_rows: list,
    c_rows: list,
    p_rows: list,
    k_rows: list,
    ids: dict[str, int],
    programs: list[tuple[int, int]],
) -> None:
    r = rnd.random
    # Unique, valid ID numbers: the birth date and the sequence come from the row id, so
    # a second run that appends to the country does not collide with the first.
    i = tid
    birth = date.fromordinal(_BIRTH0 + (i // 500) % 12000)
    seq = (i % 500) * 2 + (1 if r() < 0.5 else 0)
    region = 360102 + (i // 6_000_000)
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    id_number = body + id_check_char(body)
    gender = "male" if seq % 2 else "female"
    employment = "full_time" if r() < 0.87 else "part_time"
    roll = r()
    course = "professional" if roll < 0.6 else ("practical" if roll < 0.75 else "public")
    hired = today - timedelta(days=rnd.randint(30, 30 * 365))
    hired = max(hired, birth + timedelta(days=22 * 365))
    teaching_since = hired
    left = today - timedelta(days=rnd.randint(1, 700)) if r() < 0.03 else None
    if left is not None and left < hired:
        left = None
    title = rnd.choices(TITLES, TITLE_WEIGHTS)[0]
    education = rnd.choices(EDUCATIONS, EDU_WEIGHTS)[0]
    major = rnd.choice(MAJORS)
    category: str | None = MAJOR_CATEGORIES[major] if r() < 0.95 else None
    t_rows.append(
        (
            tid,
            school,
            f"T{tid:08d}",
            rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if r() < 0.6 else ""),
            id_number,
            gender,
            birth,
            employment,
            course,
            major,
            education,
            r() < 0.12,
            title,
            hired,
            teaching_since,
            left,
            1,
            now,
            now,
            category,
            hired,
        )
    )

    def cert(kind: str, level: str, issued: date, expires: date | None) -> None:
        cid = ids["cert"]
        ids["cert"] = cid + 1
        field = None
        if kind != "teacher_qualification":
            # Mostly in the teacher's own field; some in another, a few not stated.
            roll = r()
            field = category if roll < 0.8 else (rnd.choice(CATEGORIES) if roll < 0.95 else None)
        c_rows.append(
            (
                cid,
                tid,
                kind,
                level,
                "",
                "",
                f"C{cid:09d}",
                "",
                issued,
                expires,
                1,
                field,
                "confirmed",
                "",
            )
        )

    if r() < 0.9:
        cert("teacher_qualification", "secondary_vocational", hired - timedelta(days=60), None)
    if r() < 0.5:
        issued = today - timedelta(days=rnd.randint(0, 4000))
        expires = issued + timedelta(days=5 * 365) if r() < 0.3 else None
        cert(
            rnd.choice(["skill_level", "vocational_qualification"]),
            rnd.choice(GRADES),
            issued,
            expires,
        )
    if r() < 0.15:
        level = rnd.choice(["junior", "intermediate", "senior"])
        issued = today - timedelta(days=rnd.randint(0, 2000))
        cert("one_plus_x", level, issued, issued + timedelta(days=3 * 365))
    if r() < 0.15:
        level = rnd.choice(["junior", "intermediate", "associate_senior"])
        cert("professional_title", level, today - timedelta(days=rnd.randint(0, 6000)), None)

    def period(kind: str, start: date, end: date | None) -> None:
        pid = ids["period"]
        ids["period"] = pid + 1
        p_rows.append((pid, tid, kind, "合成企业有限公司", "", "", start, end, 1, "confirmed", ""))

    if r() < 0.65:
        starts: set[date] = set()
        for _ in range(1 + (r() < 0.3)):
            start = today - timedelta(days=rnd.randint(0, 5 * 365))
            while start in starts:  # one period per enterprise and start (teachers 0018)
                start -= timedelta(days=1)
            starts.add(start)
            length = rnd.randint(20, 260)
            end = start + timedelta(days=length)
            period("practice", start, None if end > today and r() < 0.5 else end)
    if r() < 0.3:
        end = hired - timedelta(days=rnd.randint(1, 400))
        period("employment", end - timedelta(days=rnd.randint(200, 3000)), end)
    if r() < 0.2 and programs:
        program, hours = programs[rnd.randrange(len(programs))]
        kid = ids["comp"]
        ids["comp"] = kid + 1
        completed = today - timedelta(days=rnd.randint(0, 2400))
        k_rows.append((kid, program, tid, completed, hours, r() < 0.92, "", 1, False, ""))


def _facts(
    rnd: random.Random,
    t_rows: list,
    f_rows: list,
    ids: dict[str, int],
    today: date,
    now: datetime,
) -> None:
    """The last teacher's dated facts, as the write path stores them: none for a field that
    never changed (its column holds from hired_on); one in twenty was promoted (title) on a
    date in the last three years: the old title from hired_on, the new one from that date."""
    t = t_rows[-1]
    tid, title, hired = t[0], t[12], t[13]
    fid = ids["fact"]
    rank = TITLES.index(title)
    if rank > 0 and rnd.random() < 0.05:
        promoted = today - timedelta(days=rnd.randint(30, 3 * 365))
        if promoted > hired:
            f_rows.append((fid, tid, "title", TITLES[rank - 1], hired, now))
            f_rows.append((fid + 1, tid, "title", title, promoted, now))
            fid += 2
            t_rows[-1] = (*t[:20], promoted)
    ids["fact"] = fid
