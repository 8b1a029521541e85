"""One write path (issue 10): the API, an import and an admin save on the same teacher leave
the stored results and school totals equal to a fresh evaluation, and nothing but the
record types' services writes the teacher-side tables."""

import inspect
import re
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest
from django.db.models.signals import pre_delete, pre_save
from django.utils import timezone
from shuangshi import testing
from shuangshi.mentors.models import Mentor, MentorAppointment
from shuangshi.qualification import engine, selectors, services
from shuangshi.qualification.models import SchoolStats, TeacherQualification
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher, TeacherFact
from shuangshi.training.models import BaseStatusChange, TrainingBase, TrainingCompletion

from .books import teacher_row, teachers_book

GUARDED = [
    Teacher,
    Certificate,
    EnterprisePeriod,
    TeacherFact,
    TrainingCompletion,
    TrainingBase,
    BaseStatusChange,
    Mentor,
    MentorAppointment,
]
BACKEND = Path(__file__).resolve().parents[2] / "backend" / "shuangshi"


@pytest.fixture
def only_services_write():
    """Fail any save or delete of a guarded model not made from inside a services module."""

    def check(sender, **kwargs):
        for frame in inspect.stack()[2:]:
            if "/shuangshi/" in frame.filename and frame.filename.endswith("/services.py"):
                return
        raise AssertionError(f"{sender.__name__} written outside its service")

    for model in GUARDED:
        pre_save.connect(check, sender=model, weak=False, dispatch_uid=f"guard-{model}")
        pre_delete.connect(check, sender=model, weak=False, dispatch_uid=f"guard-d-{model}")
    yield
    for model in GUARDED:
        pre_save.disconnect(sender=model, dispatch_uid=f"guard-{model}")
        pre_delete.disconnect(sender=model, dispatch_uid=f"guard-d-{model}")


def _fresh_equals_stored(teacher: Teacher, school) -> None:
    today = timezone.localdate()
    stored = TeacherQualification.objects.get(teacher=teacher)
    _version, profile = selectors.profile_current()
    item = selectors.records_for_ids([teacher.pk])[0]
    fresh = engine.evaluate(item.record, today, profile)
    assert (stored.level, stored.in_scope, stored.valid_until) == (
        fresh.level,
        fresh.in_scope,
        fresh.valid_until,
    )
    assert stored.reasons == engine.pack_reasons(fresh) or stored.reasons == [
        *engine.pack_reasons(fresh)
    ]
    counted = selectors.counts_at(today, use_stored=False)
    stats = SchoolStats.objects.get(school=school)
    assert (stats.in_scope, stats.qualified) == (
        counted[school.pk].in_scope,
        counted[school.pk].qualified,
    )
    looked_up = selectors.counts_from_intervals(today)
    assert looked_up is not None
    assert asdict(looked_up[school.pk]) == asdict(counted[school.pk])


def _admin_form(teacher: Teacher, **changes) -> dict:
    values = {
        "school": teacher.school_id,
        "staff_no": teacher.staff_no,
        "name": teacher.name,
        "id_number": teacher.id_number,
        "gender": teacher.gender,
        "birth_date": teacher.birth_date.isoformat(),
        "employment": teacher.employment,
        "course_type": teacher.course_type,
        "major": teacher.major,
        "major_category": teacher.major_category or "",
        "education": teacher.education,
        "title": teacher.title,
        "hired_on": teacher.hired_on.isoformat(),
        "teaching_since": teacher.teaching_since.isoformat(),
        "left_on": "",
    }
    values.update(changes)
    return values


def test_api_import_and_admin_on_one_teacher_agree_with_a_fresh_evaluation(
    api, hr_a, admin_client, school_a, upload, only_services_write
):
    services.qualifications_rebuild()  # the dated intervals exist: writes must move them
    teacher = testing.make_teacher(school_a, gender="female", birth_date=date(1980, 3, 1))
    client = api(hr_a)
    for body in (
        {"kind": "teacher_qualification", "level": "secondary_vocational"},
        {"kind": "skill_level", "level": "grade3", "field_category": "46"},
    ):
        response = client.post(
            "/api/v1/certificates/",
            {"teacher": teacher.pk, "issued_on": "2015-06-01", "number": body["kind"], **body},
            format="json",
        )
        assert response.status_code == 201, response.data
    _fresh_equals_stored(teacher, school_a)
    assert TeacherQualification.objects.get(teacher=teacher).level == "junior"

    # An import moves the teacher to another field: the skill certificate stops counting.
    row = teacher_row(
        姓名=teacher.name,
        身份证号=teacher.id_number,
        出生日期=teacher.birth_date,
        专业大类="旅游大类",
    )
    body = upload(client, "teachers", teachers_book([row], headers=[*_headers(), "专业大类"]))
    body = body.json()
    assert body["status"] == "valid", body["errors"]
    assert client.post(f"/api/v1/imports/{body['id']}/commit/").json()["status"] == "committed"
    teacher.refresh_from_db()
    assert teacher.major_category == "54"
    _fresh_equals_stored(teacher, school_a)
    assert TeacherQualification.objects.get(teacher=teacher).level == "none"

    # The admin puts the field back (through the teacher service).
    response = admin_client.post(
        f"/admin/teachers/teacher/{teacher.pk}/change/", _admin_form(teacher, major_category="46")
    )
    assert response.status_code == 302, response.content[:2000]
    teacher.refresh_from_db()
    assert teacher.major_category == "46"
    _fresh_equals_stored(teacher, school_a)
    assert TeacherQualification.objects.get(teacher=teacher).level == "junior"
    history = TeacherFact.objects.filter(teacher=teacher, field="major_category")
    assert [f.value for f in history.order_by("effective_on", "recorded_at")][-1] == "46"


def _headers():
    from .books import TEACHER_HEADERS

    return TEACHER_HEADERS


# --------------------------------------------------------------------------- source guard

NAMES = "|".join(m.__name__ for m in GUARDED)
WRITES = [
    re.compile(
        rf"\b({NAMES})\.objects\.(create|bulk_create|bulk_update|update_or_create|get_or_create)\("
    ),
    re.compile(rf"\b({NAMES})\.objects\.[^\n]*\.(update|delete)\("),
    re.compile(rf"\bbulk\.(insert|update)\(\s*({NAMES})\b"),
    re.compile(r"\bwrite_rows\("),
]
# Modules allowed to write these tables, and why.
ALLOWED = {
    "teachers/services.py": "the teacher-side services",
    "training/services.py": "the training services",
    "mentors/services.py": "the mentor services",
    "common/batch.py": "the bulk mechanism the batch services call",
    "qualification/generate.py": "the synthetic country of the benchmarks (COPY, not a user write)",
    "hours/services.py": "the teaching-hours services",
}


def test_no_other_code_writes_the_teacher_side_tables():
    offenders = []
    for path in BACKEND.rglob("*.py"):
        rel = path.relative_to(BACKEND).as_posix()
        if "/migrations/" in rel or "/tests/" in rel or rel in ALLOWED:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in WRITES:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{rel}:{line}: {match.group(0)}")
    assert offenders == []


def test_importers_write_the_guarded_models_only_through_their_batch_services():
    text = (BACKEND / "spreadsheets" / "importers.py").read_text(encoding="utf-8")
    for pattern in WRITES[:3]:
        assert not pattern.search(text)
    # every record type an importer writes has its batch service: none calls write_rows
    assert "write_rows(" not in text
