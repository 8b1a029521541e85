"""Round 48: a certificate, enterprise period or training completion added for a teacher
deleted at the same moment was answered "This record conflicts with an existing one" (the
foreign key refused at commit, worded as every IntegrityError): a clerk looked for a
duplicate that was not there. Now it is a 400 on `teacher` saying the teacher is gone; a
reference refused at commit that the answer cannot name is worded as a gone record, never
as a duplicate. The teacher is deleted between the request's validation and its insert."""

import os
from datetime import date
from typing import Any

import pytest
from django.db import IntegrityError
from shuangshi import testing
from shuangshi.common import exceptions
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher
from shuangshi.training import services as training_services
from shuangshi.training.models import TrainingCompletion

pytestmark = pytest.mark.django_db(transaction=True)  # the foreign key is checked at commit

POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
GONE_ZH = "该教师已被删除或不存在。"
GONE_EN = "This teacher has been deleted or does not exist."
REFERENCE_GONE_ZH = "引用的记录已不存在（可能刚被删除），请刷新后重试。"
DUPLICATE_ZH = "该记录与已有记录冲突。"


def _certificate(teacher: Teacher) -> dict[str, Any]:
    return {
        "teacher": teacher.pk,
        "kind": "teacher_qualification",
        "level": "secondary_vocational",
        "name": "中等职业学校教师资格证",
        "number": "C20100701",
        "issued_on": "2010-07-01",
    }


def _period(teacher: Teacher) -> dict[str, Any]:
    return {
        "teacher": teacher.pk,
        "kind": "practice",
        "enterprise": "江铃汽车股份有限公司",
        "start_on": "2024-01-01",
        "end_on": "2024-06-30",
    }


CASES = [
    ("certificate_create", "/api/v1/certificates/", _certificate, Certificate),
    ("period_create", "/api/v1/enterprise-periods/", _period, EnterprisePeriod),
]


def _deleted_first(monkeypatch: Any, module: Any, name: str, teacher: Teacher) -> None:
    """The teacher is deleted (committed) after the request's validation, before its insert."""
    write = getattr(module, name)

    def racing(**kwargs: Any) -> Any:
        Teacher.objects.filter(pk=teacher.pk).delete()
        return write(**kwargs)

    monkeypatch.setattr(module, name, racing)


@pytest.mark.parametrize(("service", "url", "body", "model"), CASES)
def test_a_record_for_a_teacher_deleted_meanwhile_is_a_400_on_teacher(
    api, hr_a, school_a, monkeypatch, service, url, body, model
):
    teacher = testing.make_teacher(school_a, name="王芳")
    data = body(teacher)
    _deleted_first(monkeypatch, teacher_services, service, teacher)
    response = api(hr_a).post(url, data, format="json")
    assert response.status_code == 400, response.content
    assert response.json() == {"teacher": [GONE_ZH]}
    assert not model.objects.exists()


def test_the_message_follows_the_language(api, hr_a, school_a, monkeypatch):
    teacher = testing.make_teacher(school_a, name="王芳")
    data = _certificate(teacher)
    _deleted_first(monkeypatch, teacher_services, "certificate_create", teacher)
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    assert client.post("/api/v1/certificates/", data, format="json").json() == {
        "teacher": [GONE_EN]
    }


def test_a_completion_for_a_teacher_deleted_meanwhile_too(
    api, base_staff, base_a, school_a, monkeypatch
):
    teacher = testing.make_teacher(school_a, name="王芳")
    program = training_services.program_create(
        data={
            "base": base_a,
            "title": "新能源汽车维修师资培训",
            "kind": "skill_training",
            "hours": 80,
            "start_on": date(2025, 7, 1),
            "end_on": date(2025, 7, 31),
        }
    )
    body = {
        "program": program.pk,
        "teacher_id_number": teacher.id_number,
        "completed_on": "2025-07-31",
        "hours": 40,
        "passed": True,
    }
    _deleted_first(monkeypatch, training_services, "completion_log", teacher)
    response = api(base_staff).post("/api/v1/training-completions/", body, format="json")
    assert response.status_code == 400, response.content
    assert response.json() == {"teacher": [GONE_ZH]}
    assert not TrainingCompletion.objects.exists()


def test_an_evidence_file_for_a_teacher_deleted_meanwhile_too(api, hr_a, school_a, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from shuangshi.recognition import services as recognition_services
    from shuangshi.recognition.models import EvidenceFile

    teacher = testing.make_teacher(school_a, name="王芳")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    upload = {
        "teacher": teacher.pk,
        "kind": "certificate",
        "file": SimpleUploadedFile("证书.pdf", pdf),
    }
    _deleted_first(monkeypatch, recognition_services, "evidence_upload", teacher)
    response = api(hr_a).post("/api/v1/evidence-files/", upload, format="multipart")
    assert response.status_code == 400, response.content
    assert response.json() == {"teacher": [GONE_ZH]}
    assert not EvidenceFile.objects.exists()


def test_a_reference_refused_at_commit_is_not_called_a_duplicate(api, hr_a, school_a, monkeypatch):
    """Past the service's own check (the teacher deleted after it, before the commit): the
    database's refusal. PostgreSQL names the column, so the answer names the field; SQLite
    names nothing, so the answer says a referenced record is gone."""
    teacher = testing.make_teacher(school_a, name="王芳")
    data = _certificate(teacher)
    monkeypatch.setattr(teacher_services, "refuse_teacher_gone", lambda teacher: None)
    _deleted_first(monkeypatch, teacher_services, "certificate_create", teacher)
    response = api(hr_a).post("/api/v1/certificates/", data, format="json")
    assert response.status_code == 400, response.content
    if POSTGRES:
        assert response.json() == {"teacher": [GONE_ZH]}
    else:
        assert response.json() == {"non_field_errors": [REFERENCE_GONE_ZH]}
    assert not Certificate.objects.exists()


def test_a_unique_clash_keeps_the_duplicate_wording():
    response = exceptions.exception_handler(
        IntegrityError("UNIQUE constraint failed: teachers_teacher.id_number"), {}
    )
    assert response is not None
    assert (response.status_code, response.data) == (400, {"non_field_errors": [DUPLICATE_ZH]})
    response = exceptions.exception_handler(IntegrityError("FOREIGN KEY constraint failed"), {})
    assert response is not None
    assert (response.status_code, response.data) == (400, {"non_field_errors": [REFERENCE_GONE_ZH]})
