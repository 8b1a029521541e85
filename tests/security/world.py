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
    # A teacher's own account (side A) and an expert from school B, assigned to round A.
    users["teacher"] = testing.make_user("m_teacher", Role.TEACHER, teacher=teacher_a)
    users["expert"] = testing.make_user("m_expert", Role.EXPERT, school=school_b)
    User.objects.filter(username__in=["m_teacher", "m_expert"]).update(must_change_password=False)
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
    _recognition(world, teacher_a, teacher_b)
    return world


def _recognition(world: World, *teachers: Any) -> None:
    """Round A (expert assigned) with an application of each side in province review;
    round B with a recognition of each side; an evidence file of each side."""
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone
    from shuangshi.recognition.models import Application, EvidenceFile, Recognition, Round

    today = timezone.localdate()
    province = world.users["province"]
    rounds = [
        Round.objects.create(
            code=f"M{n}",
            name=f"第{n}批",
            opens_on=today - timedelta(days=5),
            closes_on=today + timedelta(days=5),
            levels=["junior", "intermediate", "senior"],
            rule_version=0,
        )
        for n in (1, 2)
    ]
    rounds[0].experts.add(world.users["expert"])
    world.rows["recognition-round"] = (rounds[0].pk, rounds[1].pk)
    reviewing = [
        Application.objects.create(
            round=rounds[0],
            teacher=t,
            level="junior",
            status="school_approved",
            submitted_at=timezone.now(),
            created_by=province,
        )
        for t in teachers
    ]
    world.rows["recognition-application"] = (reviewing[0].pk, reviewing[1].pk)
    recognitions = [
        Recognition.objects.create(
            teacher=t,
            level="junior",
            round=rounds[1],
            application=Application.objects.create(
                round=rounds[1], teacher=t, level="junior", status="recognized", created_by=province
            ),
            certificate_no=f"M2-{n:05d}",
            recognized_on=today,
            valid_until=today + timedelta(days=5 * 365),
        )
        for n, t in enumerate(teachers, start=1)
    ]
    world.rows["recognition"] = (recognitions[0].pk, recognitions[1].pk)
    world.rows["public-verify"] = (recognitions[0].certificate_no, recognitions[1].certificate_no)
    pdf = b"%PDF-1.4 %%EOF"
    files = [
        EvidenceFile.objects.create(
            teacher=t,
            kind="certificate",
            file=ContentFile(pdf, name="evidence.pdf"),
            filename="evidence.pdf",
            size=len(pdf),
            sha256="0" * 64,
            content_type="application/pdf",
            uploaded_by=province,
        )
        for t in teachers
    ]
    world.rows["evidence-file"] = (files[0].pk, files[1].pk)


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
