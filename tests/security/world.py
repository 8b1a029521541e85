"""Two of everything: side A (Nanchang, school A, base A) and side B (Jiujiang, school B,
base B). Every scoped user belongs to side A, so an A row is in their scope ("own") and a B
row is not ("other")."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from shuangshi import testing
from shuangshi.accounts.models import Role, User


@dataclass
class World:
    users: dict[str, User | None]
    # row key -> (own, other): the value of the URL keyword argument for each side
    rows: dict[str, tuple[Any, Any]] = field(default_factory=dict)


def _model(label: str) -> Any:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def build() -> World:
    nanchang, jiujiang = testing.city("360100"), testing.city("360400")
    school_a = testing.make_school(name="南昌职业学院", city=nanchang)
    school_b = testing.make_school(name="九江技师学院", city=jiujiang, kind="technician_college")
    base_a = testing.make_base(name="基地A", city=nanchang)
    base_b = testing.make_base(name="基地B", city=jiujiang)
    users: dict[str, User | None] = {
        "anonymous": None,
        "province": testing.make_user("m_province", Role.PROVINCE),
        "city": testing.make_user("m_city", Role.CITY, city=nanchang),
        "school_hr": testing.make_user("m_hr_a", Role.SCHOOL_HR, school=school_a),
        "base_staff": testing.make_user("m_base_a", Role.BASE_STAFF, training_base=base_a),
    }
    hr_b = testing.make_user("m_hr_b", Role.SCHOOL_HR, school=school_b)
    teacher_a = testing.make_teacher(school_a, name="王芳")
    teacher_b = testing.make_teacher(school_b, name="李强")
    world = World(users=users)
    world.rows = {
        "city": (nanchang.pk, jiujiang.pk),
        "school": (school_a.pk, school_b.pk),
        "user": (users["school_hr"].pk, hr_b.pk),  # type: ignore[union-attr]
        "teacher": (teacher_a.pk, teacher_b.pk),
        "certificate": (
            testing.make_certificate(teacher_a).pk,
            testing.make_certificate(teacher_b).pk,
        ),
        "enterprise-period": (testing.make_period(teacher_a).pk, testing.make_period(teacher_b).pk),
        "training-base": (base_a.pk, base_b.pk),
    }
    program = _model("training.TrainingProgram")
    completion = _model("training.TrainingCompletion")
    programs = [
        program.objects.create(
            base=base,
            title=f"培训{n}",
            kind="skill_training",
            hours=40,
            start_on=date(2024, 7, 1),
            end_on=date(2024, 7, 20),
        )
        for n, base in enumerate((base_a, base_b))
    ]
    world.rows["training-program"] = (programs[0].pk, programs[1].pk)
    world.rows["training-completion"] = tuple(  # type: ignore[assignment]
        completion.objects.create(program=p, teacher=t, completed_on=date(2024, 7, 20), hours=40).pk
        for p, t in zip(programs, (teacher_a, teacher_b), strict=True)
    )
    mentor = _model("mentors.Mentor")
    appointment = _model("mentors.MentorAppointment")
    mentors = [
        mentor.objects.create(
            name=name,
            id_number=testing.new_id_number(),
            gender="male",
            birth_date=date(1985, 6, 15),
            enterprise="江铃汽车",
            category="engineer",
        )
        for name in ("导师A", "导师B")
    ]
    world.rows["mentor"] = (mentors[0].pk, mentors[1].pk)
    world.rows["mentor-appointment"] = tuple(  # type: ignore[assignment]
        appointment.objects.create(
            mentor=m, school=s, mode="teaching", start_on=date(2024, 9, 1), hours=32
        ).pk
        for m, s in zip(mentors, (school_a, school_b), strict=True)
    )
    entries = [LogEntry.objects.get_for_object(t).first().pk for t in (teacher_a, teacher_b)]
    world.rows["audit-entry"] = (entries[0], entries[1])
    world.rows["import-kind"] = ("teachers", "training-completions")
    world.rows["import"] = (
        _import_job(users["school_hr"]).pk,  # type: ignore[arg-type]
        _import_job(hr_b).pk,
    )
    world.rows["job"] = (_job(users["school_hr"]), _job(hr_b))  # type: ignore[arg-type]
    world.rows["target"] = ("dual_qualified_ratio", "training_bases")
    world.rows["rule-profile"] = (_rule_profile(), _rule_profile())
    world.rows["teaching-hours"] = (_hours(school_a), _hours(school_b))
    world.rows["notification"] = (
        _notification(users["school_hr"]),  # type: ignore[arg-type]
        _notification(hr_b),
    )
    return world


def _rule_profile() -> int:
    """A stored version of the default thresholds (the qualification app owns the format)."""
    from shuangshi.qualification import selectors, services

    _version, profile = selectors.profile_current()
    row = services.rule_profile_update(
        values=profile.as_dict(), note="matrix", user=None, reevaluate=False
    )
    return row.version


def _hours(school: Any) -> int:
    from shuangshi.hours import services

    row = services.teaching_hours_create(
        data={"school": school, "term": "2026-2027-1", "total_hours": 100, "practical_hours": 60}
    )
    return row.pk


def _job(user: User) -> int:
    """A finished export job of this user, with its file."""
    from shuangshi.jobs.models import Job

    return Job.objects.create(
        owner=user,
        kind="exports.teachers",
        status="succeeded",
        result_name="教师名单.xlsx",
        result_type="application/octet-stream",
        result_content=b"PK",
    ).pk


def _notification(user: User) -> int:
    from shuangshi.notifications import services

    row = services.notification_create(
        user=user, kind="job_finished", subject="job:0", title="matrix", link="/imports"
    )
    assert row is not None
    return row.pk


def teachers_workbook(user: User) -> bytes:
    """The user's school's teachers as exported: a workbook that imports cleanly."""
    from shuangshi.accounts.scope import teachers_visible_to
    from shuangshi.spreadsheets import selectors, workbooks
    from shuangshi.spreadsheets.columns import TEACHERS

    columns = TEACHERS.template_columns(scoped=True)
    rows = selectors.teacher_export_rows(
        user=user, teachers=teachers_visible_to(user), columns=columns
    )
    return workbooks.data_workbook(TEACHERS, columns, rows)


def _import_job(user: User) -> Any:
    from shuangshi.spreadsheets import services

    return services.import_validate(
        user=user, kind="teachers", filename="教师.xlsx", content=teachers_workbook(user)
    )


def upload() -> dict[str, Any]:
    """A multipart body: a one-teacher workbook of school A (as its HR exports it)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    hr = User.objects.get(username="m_hr_a")
    return {"kind": "teachers", "file": SimpleUploadedFile("教师.xlsx", teachers_workbook(hr))}
