"""Round 43 (QA on the demo data), deleting a teacher:

- their evidence files stayed on disk (var/media/evidence/...): the rows went with the
  teacher (CASCADE), but only recognition's evidence delete removed a stored file. The
  teacher's files are now removed once the delete commits, by the same function, and kept
  when the delete is refused;
- school HR deleting a teacher silently deleted the training bases' completion records of
  them (CASCADE): the delete is refused, saying why, as for a teacher with recognition
  records, and nothing of it is half done.
"""

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts import services as account_services
from shuangshi.accounts.models import Role
from shuangshi.recognition import services as recognition
from shuangshi.recognition.models import EvidenceFile
from shuangshi.teachers.models import Teacher
from shuangshi.training import services as training
from shuangshi.training.models import TrainingCompletion

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def evidence_of(teacher: Teacher, user: Any, name: str = "证书.pdf") -> Path:
    evidence = recognition.evidence_upload(
        teacher=teacher,
        kind="certificate",
        description="电工证",
        upload=SimpleUploadedFile(name, PDF),
        user=user,
    )
    path = Path(evidence.file.path)
    assert path.exists()
    return path


def test_a_deleted_teachers_evidence_files_are_removed_from_disk(
    api, hr_a, school_a, django_capture_on_commit_callbacks
):
    teacher = testing.make_teacher(school_a, name="赵磊")
    other = testing.make_teacher(school_a, name="钱敏")
    files = [evidence_of(teacher, hr_a), evidence_of(teacher, hr_a, "照片.pdf")]
    kept = evidence_of(other, hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = api(hr_a).delete(f"/api/v1/teachers/{teacher.pk}/")
    assert response.status_code == 204
    assert not Teacher.objects.filter(pk=teacher.pk).exists()
    assert not EvidenceFile.objects.filter(teacher_id=teacher.pk).exists()
    assert [path.exists() for path in files] == [False, False]
    assert kept.exists()  # another teacher's file stays
    assert EvidenceFile.objects.filter(teacher=other).count() == 1


def test_a_refused_delete_keeps_the_files(
    api, hr_a, province, school_a, django_capture_on_commit_callbacks
):
    teacher = testing.make_teacher(school_a, name="孙丽")
    path = evidence_of(teacher, hr_a)
    today = timezone.localdate()
    round = recognition.round_create(
        data={
            "code": "JX2026R43",
            "name": "2026年第二批",
            "opens_on": today - timedelta(days=5),
            "closes_on": today + timedelta(days=5),
            "publicity_days": 0,
        }
    )
    recognition.application_create(round=round, teacher=teacher, level="junior", user=province)
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/v1/teachers/{teacher.pk}/")
    assert response.status_code == 400
    assert "recognition applications" in response.json()["non_field_errors"][0]
    assert path.exists()  # the file's delete was undone with the teacher's
    assert EvidenceFile.objects.filter(teacher=teacher).count() == 1


@pytest.fixture
def trained(school_a: Any, base_a: Any) -> Teacher:
    teacher = testing.make_teacher(school_a, name="周强")
    program = training.program_create(
        data={
            "base": base_a,
            "title": "新能源汽车维修师资培训",
            "kind": "skill_training",
            "hours": 80,
            "start_on": date(2025, 7, 1),
            "end_on": date(2025, 7, 31),
        }
    )
    training.completion_log(
        data={
            "program": program,
            "teacher": teacher,
            "completed_on": date(2025, 7, 31),
            "hours": 80,
            "passed": True,
            "certificate_no": "",
        }
    )
    return teacher


@pytest.mark.parametrize("voided", [False, True])
def test_a_teacher_with_training_completions_is_not_deleted_and_the_answer_says_why(
    api, hr_a, base_a, trained, voided, django_capture_on_commit_callbacks
):
    if voided:  # a voided completion is the base's record still
        training.base_void_completions(base=base_a, reason="培训材料不实")
    path = evidence_of(trained, hr_a)
    account = account_services.user_create(
        username="zhouqiang43", password="Initial-pass-43", role=Role.TEACHER, teacher=trained
    )
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.delete(f"/api/v1/teachers/{trained.pk}/")
    assert response.status_code == 400
    (message,) = response.json()["non_field_errors"]
    assert "training completions" in message and "leaving date" in message
    assert Teacher.objects.filter(pk=trained.pk).exists()
    assert TrainingCompletion.objects.filter(teacher=trained).count() == 1
    account.refresh_from_db()
    assert account.is_active
    assert path.exists()


def test_the_province_cannot_delete_a_trained_teacher_either(api, province, trained):
    response = api(province).delete(f"/api/v1/teachers/{trained.pk}/")
    assert response.status_code == 400
    assert Teacher.objects.filter(pk=trained.pk).exists()


def test_a_teacher_with_only_their_own_records_is_still_deleted(api, hr_a, school_a):
    teacher = testing.make_teacher(school_a, name="吴刚")
    testing.make_certificate(teacher)
    testing.make_period(teacher)
    response = api(hr_a).delete(f"/api/v1/teachers/{teacher.pk}/")
    assert response.status_code == 204
    assert not Teacher.objects.filter(pk=teacher.pk).exists()


@pytest.fixture
def admin_client(client: Any) -> Any:
    from shuangshi.accounts.models import User

    user = User.objects.create_superuser("root43", password="pw-root-43", role=Role.PROVINCE)
    client.force_login(user)
    return client


def test_the_admin_shows_a_refused_delete_as_a_message_and_deletes_nothing(
    admin_client, school_a, monkeypatch
):
    from django.core.exceptions import ValidationError

    from shuangshi.teachers.admin import TeacherAdmin

    def refuse(**kwargs: Any) -> None:
        raise ValidationError("Refused by the service for this test.")

    monkeypatch.setattr(TeacherAdmin, "delete", refuse)
    one, other = testing.make_teacher(school_a, name="王芳"), testing.make_teacher(school_a)
    page = f"/admin/teachers/teacher/{one.pk}/delete/"
    response = admin_client.post(page, {"post": "yes"}, follow=True)
    assert response.status_code == 200  # not a server error
    shown = [str(m) for m in response.context["messages"]]
    assert "Refused by the service for this test." in shown
    # The bulk action: all or nothing, the refusal shown, no "successfully deleted".
    response = admin_client.post(
        "/admin/teachers/teacher/",
        {"action": "delete_selected", "_selected_action": [other.pk, one.pk], "post": "yes"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert "Refused by the service for this test." in shown
    assert not any("Successfully deleted" in m for m in shown)
    assert Teacher.objects.filter(pk__in=[one.pk, other.pk]).count() == 2


def test_the_admin_does_not_delete_a_trained_teacher(admin_client, trained):
    page = f"/admin/teachers/teacher/{trained.pk}/delete/"
    assert admin_client.post(page, {"post": "yes"}).status_code == 403  # the base's records
    assert Teacher.objects.filter(pk=trained.pk).exists()
