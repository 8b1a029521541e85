"""Round 34 (b): one rule for every record written through common.api.apply_changes. A PATCH
whose values equal the stored ones keeps the version (the reader's next edit still goes
through), writes no audit entry nor dated history, and re-evaluates nobody; a real change
is a new version, as before."""

from datetime import date
from typing import Any

import pytest
from auditlog.models import LogEntry

from shuangshi import testing
from shuangshi.accounts.models import User
from shuangshi.mentors import services as mentor_services
from shuangshi.recognition import services as recognition_services
from shuangshi.recognition.models import Round
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Certificate, Teacher, TeacherFact
from shuangshi.training import services as training_services
from shuangshi.training.models import BaseStatusChange, TrainingBase

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluations(monkeypatch: Any) -> list[Any]:
    """The teacher ids each service asked to re-evaluate."""
    calls: list[Any] = []

    def spy(*, teacher_ids: Any) -> None:
        calls.append(set(teacher_ids))

    for module in (teacher_services, training_services):
        monkeypatch.setattr(module, "teachers_reevaluate", spy)
    return calls


def _entries(record: Any) -> int:
    return LogEntry.objects.get_for_object(record).count()


def _patch(api: Any, user: User, url: str, body: dict[str, Any]) -> Any:
    response = api(user).patch(url, body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def test_a_teacher_patched_with_its_own_values_keeps_its_version(
    api: Any, hr_a: User, school_a: Any, evaluations: list[Any]
) -> None:
    teacher = testing.make_teacher(school_a)
    evaluations.clear()  # those of the setup
    url = f"/api/v1/teachers/{teacher.pk}/"
    before = _entries(teacher)
    same = {"name": teacher.name, "title": teacher.title, "school": school_a.pk}
    row = _patch(api, hr_a, url, {**same, "version": teacher.version})
    assert row["version"] == teacher.version
    assert Teacher.objects.get(pk=teacher.pk).version == teacher.version
    assert _entries(teacher) == before
    assert not TeacherFact.objects.filter(teacher=teacher).exists()
    assert evaluations == []
    # The version the reader holds still writes; a real change is a new version.
    row = _patch(api, hr_a, url, {"title": "senior", "version": teacher.version})
    assert row["version"] == teacher.version + 1
    assert _entries(teacher) == before + 1
    assert evaluations == [{teacher.pk}]


def test_a_certificate_patched_with_its_own_values_keeps_its_version(
    api: Any, hr_a: User, school_a: Any, evaluations: list[Any]
) -> None:
    teacher = testing.make_teacher(school_a)
    certificate = testing.make_certificate(teacher)
    evaluations.clear()  # those of the setup
    url = f"/api/v1/certificates/{certificate.pk}/"
    before = _entries(certificate)
    body = {
        "teacher": teacher.pk,
        "name": certificate.name,
        "issued_on": certificate.issued_on.isoformat(),
        "version": certificate.version,
    }
    assert _patch(api, hr_a, url, body)["version"] == certificate.version
    assert Certificate.objects.get(pk=certificate.pk).version == certificate.version
    assert _entries(certificate) == before
    assert evaluations == []
    body = {"issuer": "江西省教育厅（新）", "version": certificate.version}
    assert _patch(api, hr_a, url, body)["version"] == certificate.version + 1
    assert evaluations == [{teacher.pk}]


def test_a_school_patched_with_its_own_values_keeps_its_version(
    api: Any, province: User, school_a: Any
) -> None:
    url = f"/api/v1/schools/{school_a.pk}/"
    before = _entries(school_a)
    body = {"name": school_a.name, "city": school_a.city_id, "version": school_a.version}
    assert _patch(api, province, url, body)["version"] == school_a.version
    assert _entries(school_a) == before
    body = {"student_count": school_a.student_count + 1, "version": school_a.version}
    assert _patch(api, province, url, body)["version"] == school_a.version + 1


def test_a_training_base_patched_with_its_own_values_keeps_its_version(
    api: Any, province: User, base_a: TrainingBase, evaluations: list[Any]
) -> None:
    url = f"/api/v1/training-bases/{base_a.pk}/"
    before, history = _entries(base_a), BaseStatusChange.objects.filter(base=base_a).count()
    body = {
        "name": base_a.name,
        "status": base_a.status,
        "approved_on": base_a.approved_on.isoformat(),  # type: ignore[union-attr]
        "city": base_a.city_id,
        "version": base_a.version,
    }
    assert _patch(api, province, url, body)["version"] == base_a.version
    assert TrainingBase.objects.get(pk=base_a.pk).version == base_a.version
    assert _entries(base_a) == before
    assert BaseStatusChange.objects.filter(base=base_a).count() == history
    assert evaluations == []
    body = {"name": "改名后的基地", "version": base_a.version}
    assert _patch(api, province, url, body)["version"] == base_a.version + 1


def test_a_refused_role_changes_no_base_even_with_its_own_values(
    api: Any, hr_a: User, base_a: TrainingBase
) -> None:
    body = {"name": base_a.name, "version": base_a.version}
    response = api(hr_a).patch(f"/api/v1/training-bases/{base_a.pk}/", body, format="json")
    assert response.status_code == 403


def test_an_appointment_patched_with_its_own_values_keeps_its_version(
    api: Any, hr_a: User, school_a: Any
) -> None:
    mentor = mentor_services.mentor_create(
        data={
            "name": "刘工",
            "id_number": testing.new_id_number(birth=date(1975, 4, 2)),
            "gender": "male",
            "birth_date": date(1975, 4, 2),
            "enterprise": "江铃汽车股份有限公司",
            "category": "engineer",
            "title": "高级工程师",
            "skills": "整车装配工艺",
        }
    )
    appointment = mentor_services.appointment_create(
        data={
            "mentor": mentor,
            "school": school_a,
            "mode": "teaching",
            "start_on": date(2023, 9, 1),
            "end_on": None,
            "hours": 64,
        }
    )
    url = f"/api/v1/mentor-appointments/{appointment.pk}/"
    body = {"hours": 64, "mode": "teaching", "version": appointment.version}
    assert _patch(api, hr_a, url, body)["version"] == appointment.version
    body = {"hours": 80, "version": appointment.version}
    row = _patch(api, hr_a, url, body)
    assert (row["hours"], row["version"]) == (80, appointment.version + 1)


def test_a_rounds_experts_alone_changed_are_a_new_version(
    api: Any, province: User, school_b: Any
) -> None:
    expert = testing.make_user("expert_34b", testing.Role.EXPERT, school=school_b)
    round = recognition_services.round_create(
        data={
            "code": "JX34B",
            "name": "第三十四批",
            "opens_on": date(2026, 1, 1),
            "closes_on": date(2026, 1, 31),
        }
    )
    url = f"/api/v1/recognition-rounds/{round.pk}/"
    row = _patch(api, province, url, {"experts": [expert.pk], "version": round.version})
    assert row["version"] == round.version + 1
    assert list(Round.objects.get(pk=round.pk).experts.all()) == [expert]
