"""Fill the report structures (reports.py) from the qualification and training selectors.

A report is for a date (default today), read as the ratios API reads that date (its
`as_of`): today from the stored results and aggregates while they hold, else counted and
evaluated at the date (DESIGN §4: never stale, and true for any date). The teachers, their
school and the facts shown are those in effect on the date (DESIGN §3 dated facts), the
bases in the status their history gives on it.
"""

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import can_see_full_id_number
from shuangshi.common.idnumbers import mask_id_number
from shuangshi.qualification import engine, recognized
from shuangshi.qualification import reports as qualification_reports
from shuangshi.qualification import selectors as qualification
from shuangshi.qualification.models import TargetCode, TeacherQualification
from shuangshi.recognition.models import Recognition
from shuangshi.recognition.selectors import active_on
from shuangshi.schools.models import City, School
from shuangshi.teachers.models import Teacher
from shuangshi.training.models import BaseStatus, TrainingBase
from shuangshi.training.selectors import bases_target, status_histories, status_in

from . import labels as L
from .reports import (
    BaseRow,
    GroupRow,
    ProvinceReport,
    RecruitmentRow,
    SchoolReport,
    SchoolRow,
    Share,
    TeacherRow,
    describe_missing,
)


def _share(data: dict[str, Any]) -> Share:
    levels = data.get("levels", {})
    recruitment = data.get("recruitment", {})
    return Share(
        in_scope=data["in_scope"],
        qualified=data["qualified"],
        ratio=data["ratio"],
        gap=data["gap"],
        meets_target=data["meets_target"],
        junior=levels.get("junior", 0),
        intermediate=levels.get("intermediate", 0),
        senior=levels.get("senior", 0),
        recruitment_checked=recruitment.get("checked", 0),
        recruitment_failed=recruitment.get("failed", 0),
        recognized=data.get("recognized", 0),
        recognized_ratio=data.get("recognized_ratio"),
        recognized_gap=data.get("recognized_gap"),
        recognized_meets_target=data.get("recognized_meets_target", False),
    )


def _school_row(data: dict[str, Any], city_codes: dict[int, str]) -> SchoolRow:
    school, staffing = data["school"], data["staffing"]
    return SchoolRow(
        code=school["code"],
        name=school["name"],
        city=school["city_name"],
        city_code=city_codes.get(school["city"], ""),
        kind=school["kind"],
        share=_share(data),
        student_count=staffing["student_count"],
        full_time=staffing["full_time"],
        part_time=staffing["part_time"],
        mentors=staffing["mentors"],
        students_per_teacher=staffing["students_per_teacher"],
        students_per_teacher_ok=staffing["students_per_teacher_ok"],
    )


def _schools_of(
    schools: list[School], *, user: User, on: date, current: bool, school: int | None = None
) -> list[SchoolRow]:
    """The schools' rows for today (``current``: ``on`` is today and the stored results
    hold, see selectors.results_current); otherwise the rows of ``user``'s schools (or
    ``school``) counted at ``on``, as the ratio views do for their ``as_of``."""
    if current:
        rows = qualification_reports.school_rows_today(schools, on=on)
    else:
        rows = list(
            qualification_reports.school_rows_at(
                user,
                on=on,
                city=None,
                kind=None,
                below_target=None,
                ordering="code",
                school=school,
            )
        )
    recognized.attach_to_rows(rows, on=on)
    city_codes = dict(City.objects.values_list("id", "code"))
    return [_school_row(row, city_codes) for row in rows]


def _recruitment_failures(*, on: date, current: bool) -> list[RecruitmentRow]:
    """The teachers the overview's 不符合招聘条件 counts, at ``on`` (stored results while they
    hold, the others evaluated), each at the school they were at on ``on``. Fetched by id
    in chunks and sorted here: PostgreSQL plans the sorted join badly."""
    ids = qualification.recruitment_failed_ids(on, stored_hold=current)
    # Today's school is the school on ``on`` unless a dated fact says otherwise.
    school_on = (
        {}
        if on == timezone.localdate()
        else {tid: f.school_id for tid, f in qualification.facts_on(ids, on).items()}
    )
    fields = ["name", "staff_no", "id_number", "hired_on", "education", "normal_graduate",
              "id", "school_id"]  # fmt: skip
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), 5000):
        chunk = Teacher.objects.filter(pk__in=ids[start : start + 5000]).values_list(*fields)
        found.extend(chunk)
    schools = {
        s["id"]: s
        for s in School.objects.filter(pk__in={school_on.get(r[6], r[7]) for r in found}).values(
            "id", "code", "name", "city__name"
        )
    }
    rows = []
    for r in found:
        s = schools[school_on.get(r[6], r[7])]
        rows.append((s["code"], s["name"], s["city__name"], *r[:6], r[6]))
    rows.sort(key=lambda r: (r[0], r[4], r[9]))
    return [RecruitmentRow(*r[:9]) for r in rows]


def _bases(on: date) -> list[BaseRow]:
    """Per base as on ``on``: its status then (its dated history, DESIGN §3), the
    programmes started and the completions logged up to then (one aggregate query).

    The training app's base_stats also counts teachers qualified only thanks to each base;
    that re-evaluates every trained teacher (about 45 s and 600 MB at national size), so the
    workbook leaves it to the training-base pages.
    """
    # A voided completion never counts (DESIGN §4), as in the training app's base_stats.
    done = Q(programs__completions__completed_on__lte=on, programs__completions__voided=False)
    bases = TrainingBase.objects.select_related("city").annotate(
        programme_count=Count("programs", filter=Q(programs__start_on__lte=on), distinct=True),
        completion_count=Count("programs__completions", filter=done),
        trained=Count("programs__completions__teacher", filter=done, distinct=True),
        passes=Count("programs__completions", filter=done & Q(programs__completions__passed=True)),
    )
    found = list(bases.order_by("code"))
    histories = status_histories(b.pk for b in found)
    return [
        BaseRow(
            code=base.code,
            name=base.name,
            city=base.city.name,
            designation=base.designation,
            host_kind=base.host_kind,
            status=status_in(histories.get(base.pk, []), on),
            # Approved after the date: not yet then.
            approved_on=base.approved_on
            if base.approved_on is not None and base.approved_on <= on
            else None,
            programmes=base.programme_count,  # type: ignore[attr-defined]
            completions=base.completion_count,  # type: ignore[attr-defined]
            teachers_trained=base.trained,  # type: ignore[attr-defined]
            passed=base.passes,  # type: ignore[attr-defined]
        )
        for base in found
    ]


def _current(on: date, school_ids: list[int] | None = None) -> bool:
    """Whether ``on`` reads the stored results, as the ratio views decide for ``as_of``."""
    return qualification.is_today(on) and qualification.results_current(on, school_ids)


def province_report(on: date | None = None) -> ProvinceReport:
    """The whole province on ``on`` (default today): today from the stored per-school
    aggregates while the stored results hold, else counted at the date."""
    province_user = User(role=Role.PROVINCE)  # the province's scope: every school
    on = on or timezone.localdate()
    current = _current(on)
    summary = recognized.attach_to_summary(
        qualification_reports.summary_today(province_user)
        if current
        else qualification_reports.summary_at(province_user, on=on),
        user=province_user,
        on=on,
    )
    schools = list(School.objects.select_related("city", "stats").order_by("code"))
    ratio_target = qualification.target_get(TargetCode.DUAL_QUALIFIED_RATIO)
    bases = bases_target()
    city_schools: dict[str, int] = {}
    kind_schools: dict[str, int] = {}
    for school in schools:
        city_schools[school.city.code] = city_schools.get(school.city.code, 0) + 1
        kind_schools[school.kind] = kind_schools.get(school.kind, 0) + 1
    bases_rows = _bases(on)
    # The province reads every ID number in full (docs/security.md): each row listed is one.
    recruitment = _recruitment_failures(on=on, current=current)
    return ProvinceReport(
        as_of=on,
        target_ratio=float(ratio_target.value),
        ratio_deadline=ratio_target.deadline or bases.deadline,
        bases_target=bases.count,
        bases_deadline=bases.deadline,
        province=_share(summary["province"]),
        by_city=[
            GroupRow(r["city"]["name"], city_schools.get(r["city"]["code"], 0), _share(r))
            for r in summary["by_city"]
        ],
        by_kind=[
            GroupRow(L.label(L.SCHOOL_KIND, r["kind"]), kind_schools.get(r["kind"], 0), _share(r))
            for r in summary["by_kind"]
        ],
        schools=_schools_of(schools, user=province_user, on=on, current=current),
        bases=bases_rows,
        bases_active=sum(1 for b in bases_rows if b.status == BaseStatus.ACTIVE),
        recruitment=recruitment,
        full_ids=len(recruitment),
    )


def _recognized_levels(teacher_ids: list[int], on: date) -> dict[int, str]:
    """{teacher id: the level of their recognition in force on ``on``} (DESIGN §8; the
    latest if several), in scope or not: the sheet says who is counted (计入比例)."""
    levels: dict[int, str] = {}
    for start in range(0, len(teacher_ids), 5000):
        found = (
            Recognition.objects.filter(
                active_on(on), teacher_id__in=teacher_ids[start : start + 5000]
            )
            .order_by("recognized_on", "id")
            .values_list("teacher_id", "level")
        )
        levels.update(found)
    return levels


def _listed(hired_on: date | None, on: date) -> bool:
    """Listed on ``on``: hired by then (a leaver stays listed, out of scope)."""
    return hired_on is None or hired_on <= on


def school_report(*, school: School, user: User, on: date | None = None) -> SchoolReport:
    """One school's teachers on ``on`` (default today), their level and what each lacks for
    the next one: those at the school that day (DESIGN §3 dated facts, not today's staff),
    with the employment, course type and title they had then."""
    school = School.objects.select_related("city").get(pk=school.pk)
    on = on or timezone.localdate()
    current = _current(on, [school.pk])
    # Per teacher: the facts shown (school, employment, course type, title) and the result.
    found: dict[int, tuple[Any, engine.Evaluation | None]] = {}
    if current:  # today, and every stored result holds: today's columns and stored results
        stored = {
            tq.teacher_id: qualification_reports.stored_evaluation(tq)
            for tq in TeacherQualification.objects.filter(school_id=school.pk)
        }
        for t in Teacher.objects.filter(school=school):
            if _listed(t.hired_on, on):
                found[t.pk] = (t, stored.get(t.pk))
    else:  # another date, or a stored result has expired since the nightly run
        _version, profile = qualification.profile_current()
        day = on.toordinal()
        for batch in qualification.iter_records(school_ids=[school.pk]):
            for item in batch:
                facts = item.facts
                if item.history:
                    facts = engine.facts_at(facts, item.history, day)[0]
                if facts.school_id == school.pk and _listed(facts.hired_on, on):
                    found[item.teacher_id] = (facts, engine.evaluate(item.record, on, profile))
    people = Teacher.objects.in_bulk(list(found))
    held = _recognized_levels(list(found), on)
    teachers = []
    full_ids = 0
    for tid in sorted(found, key=lambda i: (people[i].staff_no, i)):
        facts, evaluation = found[tid]
        t = people[tid]
        # Unmasked by the school the teacher is at now, not the workbook's: on a past date
        # the sheet lists those who have moved on since, whom this school's HR no longer owns.
        full = can_see_full_id_number(user, t.school_id)
        full_ids += full
        teachers.append(
            TeacherRow(
                staff_no=t.staff_no,
                name=t.name,
                id_number=t.id_number if full else mask_id_number(t.id_number),
                employment=facts.employment,
                course_type=facts.course_type,
                title=facts.title,
                in_scope=bool(evaluation and evaluation.in_scope),
                level=evaluation.level if evaluation else "none",
                valid_until=evaluation.valid_until if evaluation else None,
                lacks=describe_missing(evaluation.missing) if evaluation else "",
                distance=evaluation.distance if evaluation else None,
                recruitment=evaluation.recruitment_compliant if evaluation else None,
                recognized=held.get(tid, "none"),
            )
        )
    return SchoolReport(
        as_of=on,
        school=_schools_of([school], user=user, on=on, current=current, school=school.pk)[0],
        target_ratio=float(qualification.ratio_target()),
        teachers=teachers,
        full_ids=full_ids,
    )
