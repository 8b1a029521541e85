"""Round 33: a record's id in a request body is a whole number, everywhere.

DRF's PrimaryKeyRelatedField hands what it is given to the ORM, which int()s it: `POST
teachers/ {school: 1.7}` registered the teacher at school 1, `true` named record 1 and
"2.0" record 2. Every id field the API reads (ModelSerializer's own and the hand-written
scoped ones, single or in a list) now refuses anything but a whole number, or ASCII digits
from a form, with a 400 naming the field.
"""

from datetime import date
from typing import Any

import pytest
from rest_framework import fields as drf_fields

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.common.relations import WholeIdField
from shuangshi.mentors.models import MentorAppointment
from shuangshi.mentors.services import mentor_create
from shuangshi.recognition.models import Round
from shuangshi.schools.models import School
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher
from shuangshi.training import services as training_services
from shuangshi.training.models import TrainingCompletion, TrainingProgram

pytestmark = pytest.mark.django_db

TEACHERS = "/api/v1/teachers/"
INVALID_ZH = "请填写合法的整数值。"
INVALID_EN = "A valid integer is required."


def _json(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in values.items()}


def teacher_body(school: Any, **fields: Any) -> dict[str, Any]:
    data = testing.teacher_data(school, **fields)
    data["school"] = school.pk
    return _json(data)


def _not_whole(pk: int) -> list[Any]:
    return [pk + 0.5, pk + 0.7, float(pk) + 0.0, True, f"{pk}.0", f"{pk}e0", f" {pk}.5"]


# ------------------------------------------------------------------ the teacher's school


@pytest.mark.parametrize("index", range(7))
def test_a_teachers_school_that_is_not_a_whole_number_is_refused(api, province, school_a, index):
    bad = _not_whole(school_a.pk)[index]
    response = api(province).post(
        TEACHERS, {**teacher_body(school_a), "school": bad}, format="json"
    )
    assert response.status_code == 400, response.json()
    assert response.json() == {"school": [INVALID_ZH]}
    assert not Teacher.objects.exists()


@pytest.mark.parametrize("bad", [-1, 0, "abc", "", "²", [1], {"id": 1}])
def test_other_ids_that_name_no_record_are_refused_at_the_field(api, province, school_a, bad):
    response = api(province).post(
        TEACHERS, {**teacher_body(school_a), "school": bad}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["school"]
    assert not Teacher.objects.exists()


def test_a_huge_id_is_a_400_not_a_500(api, province, school_a):
    for bad in (2**63, 10**30, "9" * 30):
        response = api(province).post(
            TEACHERS, {**teacher_body(school_a), "school": bad}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()) == ["school"]


def test_the_message_is_english_with_accept_language_en(api, province, school_a):
    response = api(province).post(
        TEACHERS,
        {**teacher_body(school_a), "school": school_a.pk + 0.5},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.json() == {"school": [INVALID_EN]}
    assert str(drf_fields.IntegerField.default_error_messages["invalid"]) == INVALID_EN


def test_a_whole_number_and_ascii_digits_from_a_form_still_work(api, province, school_a):
    client = api(province)
    as_json = client.post(TEACHERS, teacher_body(school_a), format="json")
    assert as_json.status_code == 201, as_json.json()
    as_text = client.post(
        TEACHERS, {**teacher_body(school_a), "school": str(school_a.pk)}, format="json"
    )
    assert as_text.status_code == 201, as_text.json()
    form = client.post(TEACHERS, teacher_body(school_a))  # multipart: every value a string
    assert form.status_code == 201, form.json()
    assert set(Teacher.objects.values_list("school_id", flat=True)) == {school_a.pk}


def test_a_role_that_may_not_write_is_refused_before_the_id_is_read(api, city_nc, school_a):
    response = api(city_nc).post(
        TEACHERS, {**teacher_body(school_a), "school": school_a.pk + 0.5}, format="json"
    )
    assert response.status_code == 403
    assert not Teacher.objects.exists()


def test_a_patch_moving_a_teacher_by_a_fractional_id_changes_nothing(
    api, province, teacher_a, school_b
):
    response = api(province).patch(
        f"{TEACHERS}{teacher_a.pk}/", {"school": school_b.pk + 0.5, "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert "school" in response.json()
    teacher_a.refresh_from_db()
    assert teacher_a.school_id == teacher_a.school.pk and teacher_a.version == 1


# ------------------------------------------------------------------ every id field of the API


@pytest.fixture
def program(base_a: Any) -> TrainingProgram:
    return training_services.program_create(
        data={
            "base": base_a,
            "title": "新能源汽车维修师资培训",
            "kind": "skill_training",
            "hours": 80,
            "start_on": date(2025, 7, 1),
            "end_on": date(2025, 7, 31),
        }
    )


@pytest.fixture
def mentor(db: Any) -> Any:
    from shuangshi.common.idnumbers import make_id_number

    return mentor_create(
        data={
            "name": "刘工",
            "id_number": make_id_number("360103", date(1975, 4, 2), 3, "male"),
            "gender": "male",
            "birth_date": date(1975, 4, 2),
            "enterprise": "江铃汽车股份有限公司",
            "category": "engineer",
            "title": "高级工程师",
            "skills": "整车装配工艺",
        }
    )


@pytest.fixture
def expert(school_b: Any) -> Any:
    return testing.make_user("expert_b", Role.EXPERT, school=school_b)


# (who, list URL, body, id field, the id's record, the model that must stay empty)
def _cases(request: Any) -> dict[str, tuple[Any, str, dict[str, Any], str, int, Any]]:
    get = request.getfixturevalue
    school_a, teacher_a = get("school_a"), get("teacher_a")
    hr_a, province, base_staff = get("hr_a"), get("province"), get("base_staff")
    program, mentor, expert = get("program"), get("mentor"), get("expert")
    city = testing.city("360100")
    return {
        # A field ModelSerializer builds (serializer_related_field).
        "school.city": (
            province,
            "/api/v1/schools/",
            {"code": "S99999", "name": "新学校", "kind": "secondary_vocational",
             "student_count": 100},
            "city",
            city.pk,
            School.objects.filter(code="S99999"),
        ),
        "certificate.teacher": (
            hr_a,
            "/api/v1/certificates/",
            {"kind": "skill_level", "level": "grade4", "name": "电工", "number": "SK-1",
             "issued_on": "2020-01-01", "expires_on": None},
            "teacher",
            teacher_a.pk,
            Certificate.objects.all(),
        ),
        "period.teacher": (
            hr_a,
            "/api/v1/enterprise-periods/",
            {"kind": "practice", "enterprise": "江铃汽车股份有限公司",
             "start_on": "2024-01-01", "end_on": "2024-06-30"},
            "teacher",
            teacher_a.pk,
            EnterprisePeriod.objects.all(),
        ),
        "appointment.school": (
            province,
            "/api/v1/mentor-appointments/",
            {"mentor": mentor.pk, "mode": "teaching", "start_on": "2024-09-01",
             "end_on": "2025-07-15", "hours": 72},
            "school",
            school_a.pk,
            MentorAppointment.objects.all(),
        ),
        "appointment.mentor": (
            province,  # a mentor it sees (HR sees those appointed at its school)
            "/api/v1/mentor-appointments/",
            {"school": school_a.pk, "mode": "teaching", "start_on": "2024-09-01",
             "end_on": "2025-07-15", "hours": 72},
            "mentor",
            mentor.pk,
            MentorAppointment.objects.all(),
        ),
        "programme.base": (
            province,
            "/api/v1/training-programs/",
            {"title": "新项目", "kind": "skill_training", "hours": 40,
             "start_on": "2025-09-01", "end_on": "2025-09-30"},
            "base",
            program.base_id,
            TrainingProgram.objects.filter(title="新项目"),
        ),
        "completion.program": (
            base_staff,
            "/api/v1/training-completions/",
            {"teacher_id_number": teacher_a.id_number, "completed_on": "2025-07-31",
             "hours": 80, "passed": True},
            "program",
            program.pk,
            TrainingCompletion.objects.all(),
        ),
        "hours.school": (
            province,
            "/api/v1/teaching-hours/",
            {"term": "2026-2027-1", "total_hours": 1000, "practical_hours": 480},
            "school",
            school_a.pk,
            None,
        ),
        "round.experts": (
            province,
            "/api/v1/recognition-rounds/",
            {"code": "JX2099A", "name": "第一批", "opens_on": "2026-03-01",
             "closes_on": "2026-03-31", "publicity_days": 5},
            "experts",
            expert.pk,
            Round.objects.all(),
        ),
    }  # fmt: skip


CASES = [
    "school.city",
    "certificate.teacher",
    "period.teacher",
    "appointment.school",
    "appointment.mentor",
    "programme.base",
    "completion.program",
    "hours.school",
    "round.experts",
]


def _with(field: str, value: Any) -> Any:
    return [value] if field == "experts" else value


@pytest.mark.parametrize("case", CASES)
def test_every_id_field_takes_its_record_by_a_whole_number(api, request, case):
    user, url, body, field, pk, _records = _cases(request)[case]
    response = api(user).post(url, {**body, field: _with(field, pk)}, format="json")
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("bad", ["half", "point_zero", "true"])
@pytest.mark.parametrize("case", CASES)
def test_every_id_field_refuses_an_id_that_is_not_a_whole_number(api, request, case, bad):
    user, url, body, field, pk, records = _cases(request)[case]
    value = {"half": pk + 0.5, "point_zero": f"{pk}.0", "true": True}[bad]
    response = api(user).post(url, {**body, field: _with(field, value)}, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()[field] == [INVALID_ZH], response.json()
    if records is not None:
        assert not records.exists()


def test_evidence_ids_sent_as_a_form_are_read_as_whole_numbers(api, hr_a, teacher_a):
    certificate = testing.make_certificate(teacher_a)
    upload = {
        "teacher": str(teacher_a.pk),
        "kind": "certificate",
        "certificate": f"{certificate.pk}.0",
        "file": _pdf(),
    }
    response = api(hr_a).post("/api/v1/evidence-files/", upload, format="multipart")
    assert response.status_code == 400, response.json()
    assert response.json()["certificate"] == [INVALID_ZH]


def _pdf() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("c.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def test_the_api_builds_and_declares_the_common_field(school_a):
    from shuangshi.accounts.api import UserSerializer
    from shuangshi.hours.api import TeachingHoursSerializer
    from shuangshi.mentors.api import MentorAppointmentSerializer
    from shuangshi.recognition.api import (
        ApplicationSerializer,
        EvidenceFileSerializer,
        RoundSerializer,
    )
    from shuangshi.schools.api import SchoolSerializer
    from shuangshi.teachers.api import TeacherSerializer
    from shuangshi.training.api import TrainingCompletionSerializer, TrainingProgramSerializer

    def field(serializer: Any, name: str) -> Any:
        found = serializer().fields[name]
        return getattr(found, "child_relation", found)

    for serializer, name in [
        (SchoolSerializer, "city"),
        (UserSerializer, "school"),
        (UserSerializer, "teacher"),
        (TeacherSerializer, "school"),
        (TeachingHoursSerializer, "school"),
        (MentorAppointmentSerializer, "mentor"),
        (MentorAppointmentSerializer, "school"),
        (TrainingProgramSerializer, "base"),
        (TrainingCompletionSerializer, "program"),
        (TrainingCompletionSerializer, "teacher"),
        (EvidenceFileSerializer, "certificate"),
        (EvidenceFileSerializer, "enterprise_period"),
        (ApplicationSerializer, "evidence"),
        (ApplicationSerializer, "round"),
        (RoundSerializer, "experts"),
    ]:
        assert isinstance(field(serializer, name), WholeIdField), (serializer, name)
