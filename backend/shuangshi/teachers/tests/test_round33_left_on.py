"""Round 33: a teacher's leaving date cannot be set before a training completion on file.

A completion dated after the teacher left is refused when it is logged (training/validation:
employed through `left_on`, DESIGN §4), but `PATCH teachers/{id}/ {left_on: 2026-01-01}`
went through while a completion of 2026-10-28 was on file: the record then held training
after leaving. The leaving date is now refused at `left_on`, naming the latest such
completion and its date; what logging does not refuse (a voided completion, certificates,
enterprise periods) does not refuse a leaving date either.
"""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from shuangshi import testing
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Teacher
from shuangshi.training import services as training_services

pytestmark = pytest.mark.django_db

URL = "/api/v1/teachers/"
ZH = "该教师 2026-10-28 还有培训结业记录（新能源汽车维修师资培训），离职日期不能早于此日。"
EN = (
    "This teacher has a training completion dated 2026-10-28 (新能源汽车维修师资培训); "
    "the leaving date cannot be before that day."
)


def _program(base: Any, title: str, start: date, end: date) -> Any:
    return training_services.program_create(
        data={
            "base": base,
            "title": title,
            "kind": "skill_training",
            "hours": 40,
            "start_on": start,
            "end_on": end,
        }
    )


def _complete(program: Any, teacher: Any, on: date) -> Any:
    return training_services.completion_log(
        data={
            "program": program,
            "teacher": teacher,
            "completed_on": on,
            "hours": 40,
            "passed": True,
            "certificate_no": "",
        }
    )


@pytest.fixture
def trained(base_a: Any, teacher_a: Any) -> Teacher:
    """teacher_a completed two programmes, the later on 2026-10-28."""
    early = _program(base_a, "电工安全培训", date(2026, 3, 1), date(2026, 3, 31))
    late = _program(base_a, "新能源汽车维修师资培训", date(2026, 10, 1), date(2026, 10, 31))
    _complete(early, teacher_a, date(2026, 3, 20))
    _complete(late, teacher_a, date(2026, 10, 28))
    teacher_a.refresh_from_db()
    return teacher_a


def _leave(api: Any, user: Any, teacher: Teacher, left_on: str | None, **extra: Any) -> Any:
    return api(user).patch(
        f"{URL}{teacher.pk}/",
        {"left_on": left_on, "version": teacher.version, **extra},
        format="json",
    )


@pytest.mark.parametrize("left_on", ["2026-01-01", "2026-10-27", "2026-03-20"])
def test_a_leaving_date_before_a_completion_is_refused_naming_the_latest(
    api, hr_a, trained, left_on
):
    response = _leave(api, hr_a, trained, left_on)
    assert response.status_code == 400, response.json()
    assert response.json() == {"left_on": [ZH]}
    trained.refresh_from_db()
    assert trained.left_on is None and trained.version == 1


def test_the_message_is_english_with_accept_language_en(api, province, trained):
    response = api(province).patch(
        f"{URL}{trained.pk}/",
        {"left_on": "2026-01-01", "version": trained.version},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {"left_on": [EN]}


@pytest.mark.parametrize("left_on", ["2026-10-28", "2026-11-30", None])
def test_leaving_on_or_after_the_last_completion_is_recorded(api, hr_a, trained, left_on):
    # Employed through left_on: a completion on the leaving day itself counts (DESIGN §4).
    response = _leave(api, hr_a, trained, left_on)
    assert response.status_code == 200, response.json()
    trained.refresh_from_db()
    assert trained.left_on == (date.fromisoformat(left_on) if left_on else None)


def test_a_voided_completion_does_not_hold_the_leaving_date(api, hr_a, province, base_a, trained):
    # The province voided the base's completions: they never count, and logging checks the
    # leaving date only for a completion being logged.
    training_services.base_void_completions(base=base_a, reason="资质不符", user=province)
    response = _leave(api, hr_a, trained, "2026-01-01")
    assert response.status_code == 200, response.json()


def test_certificates_and_enterprise_periods_after_the_date_do_not_hold_it(api, hr_a, teacher_a):
    # Recording them is not refused after leaving either (consistent with creation).
    testing.make_certificate(teacher_a, issued_on=date(2026, 6, 1))
    testing.make_period(teacher_a, start_on=date(2026, 5, 1), end_on=date(2026, 9, 30))
    response = _leave(api, hr_a, teacher_a, "2026-01-01")
    assert response.status_code == 200, response.json()


def test_an_unchanged_leaving_date_does_not_block_other_edits(api, hr_a, trained):
    # Records written before this rule may already disagree: editing the teacher's other
    # fields (the form sends left_on back as it is) still works.
    Teacher.objects.filter(pk=trained.pk).update(left_on=date(2026, 1, 1))
    trained.refresh_from_db()
    response = _leave(api, hr_a, trained, "2026-01-01", major="汽车检测与维修技术")
    assert response.status_code == 200, response.json()
    # Moving it, still before the completion, is refused.
    trained.refresh_from_db()
    moved = _leave(api, hr_a, trained, "2026-02-01")
    assert moved.status_code == 400 and moved.json() == {"left_on": [ZH]}


def test_another_schools_hr_and_the_city_cannot_set_it(api, hr_b, city_nc, trained):
    assert _leave(api, hr_b, trained, "2026-01-01").status_code == 404
    assert _leave(api, city_nc, trained, "2026-01-01").status_code == 403
    trained.refresh_from_db()
    assert trained.left_on is None


def test_the_service_refuses_it_for_every_caller(trained):
    with pytest.raises(ValidationError) as raised:
        teacher_services.teacher_update(teacher=trained, data={"left_on": date(2026, 1, 1)})
    assert raised.value.message_dict == {"left_on": [ZH]}
    trained.refresh_from_db()
    assert trained.left_on is None
