"""Fill the report structures (reports.py) from the qualification and training selectors.

These reports are for today, read as the ratios API reads today: from the stored results
and aggregates while they hold, else counted and evaluated at today (DESIGN §4: never
stale, even when no nightly run has brought them up to date).
"""

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
from shuangshi.schools.models import School
from shuangshi.teachers.models import Teacher
from shuangshi.training.models import TrainingBase
from shuangshi.training.selectors import bases_target

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
    )


def _school_row(data: dict[str, Any]) -> SchoolRow:
    school, staffing = data["school"], data["staffing"]
    return SchoolRow(
        code=school["code"],
        name=school["name"],
        city=school["city_name"],
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
    schools: list[School], *, user: User, current: bool, school: int | None = None
) -> list[SchoolRow]:
    """The schools' rows for today (``current``: the stored results hold today, see
    selectors.results_current); otherwise the rows of ``user``'s schools (or ``school``)
    counted at today, as the ratio views do."""
    today = timezone.localdate()
    if current:
        rows = qualification_reports.school_rows_today(schools, on=today)
    else:
        rows = list(
            qualification_reports.school_rows_at(
                user,
                on=today,
                city=None,
                kind=None,
                below_target=None,
                ordering="code",
                school=school,
            )
        )
    recognized.attach_to_rows(rows, on=today)
    return [_school_row(row) for row in rows]


def _recruitment_failures(*, current: bool) -> list[RecruitmentRow]:
    """The teachers the overview's 不符合招聘条件 counts, at today (stored results while they
    hold, the others evaluated). Fetched by id in chunks and sorted here: PostgreSQL plans
    the sorted join badly."""
    ids = qualification.recruitment_failed_ids(timezone.localdate(), stored_hold=current)
    fields = ["school__code", "school__name", "school__city__name", "name", "staff_no",
              "id_number", "hired_on", "education", "normal_graduate", "id"]  # fmt: skip
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), 5000):
        chunk = Teacher.objects.filter(pk__in=ids[start : start + 5000]).values_list(*fields)
        rows.extend(chunk)
    rows.sort(key=lambda r: (r[0], r[4], r[9]))
    return [RecruitmentRow(*r[:9]) for r in rows]


def _bases() -> list[BaseRow]:
    """Per base: programmes, completions, teachers trained, passes (one aggregate query).

    The training app's base_stats also counts teachers qualified only thanks to each base;
    that re-evaluates every trained teacher (about 45 s and 600 MB at national size), so the
    workbook leaves it to the training-base pages.
    """
    today = timezone.localdate()
    done = Q(programs__completions__completed_on__lte=today)
    bases = TrainingBase.objects.select_related("city").annotate(
        programme_count=Count("programs", distinct=True),
        completion_count=Count("programs__completions", filter=done),
        trained=Count("programs__completions__teacher", filter=done, distinct=True),
        passes=Count(
            "programs__completions",
            # A voided pass is no pass (DESIGN §4), as in the training app's base_stats.
            filter=done
            & Q(programs__completions__passed=True, programs__completions__voided=False),
        ),
    )
    return [
        BaseRow(
            code=base.code,
            name=base.name,
            city=base.city.name,
            designation=base.designation,
            host_kind=base.host_kind,
            status=base.status,
            approved_on=base.approved_on,
            programmes=base.programme_count,  # type: ignore[attr-defined]
            completions=base.completion_count,  # type: ignore[attr-defined]
            teachers_trained=base.trained,  # type: ignore[attr-defined]
            passed=base.passes,  # type: ignore[attr-defined]
        )
        for base in bases.order_by("code")
    ]


def province_report() -> ProvinceReport:
    """The whole province, today: from the stored per-school aggregates while the stored
    results hold, else counted at today."""
    province_user = User(role=Role.PROVINCE)  # the province's scope: every school
    today = timezone.localdate()
    current = qualification.results_current(today)
    summary = recognized.attach_to_summary(
        qualification_reports.summary_today(province_user)
        if current
        else qualification_reports.summary_at(province_user, on=today),
        user=province_user,
        on=today,
    )
    schools = list(School.objects.select_related("city", "stats").order_by("code"))
    ratio_target = qualification.target_get(TargetCode.DUAL_QUALIFIED_RATIO)
    bases = bases_target()
    city_schools: dict[str, int] = {}
    kind_schools: dict[str, int] = {}
    for school in schools:
        city_schools[school.city.code] = city_schools.get(school.city.code, 0) + 1
        kind_schools[school.kind] = kind_schools.get(school.kind, 0) + 1
    return ProvinceReport(
        as_of=today,
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
        schools=_schools_of(schools, user=province_user, current=current),
        bases=_bases(),
        bases_active=qualification.active_bases_count(),
        recruitment=_recruitment_failures(current=current),
    )


def school_report(*, school: School, user: User) -> SchoolReport:
    """One school's teachers, their level and what each lacks for the next one."""
    school = School.objects.select_related("city").get(pk=school.pk)
    full_ids = can_see_full_id_number(user, school.pk)
    today = timezone.localdate()
    current = qualification.results_current(today, [school.pk])
    evaluations: dict[int, engine.Evaluation] = {}
    if current:
        for tq in TeacherQualification.objects.filter(school_id=school.pk):
            evaluations[tq.teacher_id] = qualification_reports.stored_evaluation(tq)
    else:  # a stored result has expired since the nightly run: evaluate at today
        _version, profile = qualification.profile_current()
        for batch in qualification.iter_records(school_ids=[school.pk]):
            for item in batch:
                evaluations[item.teacher_id] = engine.evaluate(item.record, today, profile)
    teachers = []
    for t in Teacher.objects.filter(school=school).order_by("staff_no", "id"):
        evaluation = evaluations.get(t.pk)
        teachers.append(
            TeacherRow(
                staff_no=t.staff_no,
                name=t.name,
                id_number=t.id_number if full_ids else mask_id_number(t.id_number),
                employment=t.employment,
                course_type=t.course_type,
                title=t.title,
                in_scope=bool(evaluation and evaluation.in_scope),
                level=evaluation.level if evaluation else "none",
                valid_until=evaluation.valid_until if evaluation else None,
                lacks=describe_missing(evaluation.missing) if evaluation else "",
                distance=evaluation.distance if evaluation else None,
                recruitment=evaluation.recruitment_compliant if evaluation else None,
            )
        )
    return SchoolReport(
        as_of=today,
        school=_schools_of([school], user=user, current=current, school=school.pk)[0],
        target_ratio=float(qualification.ratio_target()),
        teachers=teachers,
    )
