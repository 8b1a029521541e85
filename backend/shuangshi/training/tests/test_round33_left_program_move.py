"""Round 33 (left): moving a programme to another base keeps every completion on a day its
base was operating (DESIGN §4: only training at a base active on the completion date counts;
training/validation.base_status_errors). The move is refused on `base`, naming the first
completion that would fall on a day the new base was not operating."""

from datetime import date
from typing import Any

import pytest

from shuangshi import testing
from shuangshi.training import services
from shuangshi.training.models import TrainingProgram

from .conftest import make_completion

pytestmark = pytest.mark.django_db
URL = "/api/v1/training-programs/"


def _move(client: Any, program: TrainingProgram, base: Any, **headers: Any) -> Any:
    return client.patch(
        f"{URL}{program.pk}/",
        {"base": base.pk, "version": program.version},
        format="json",
        **headers,
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", ["王芳", "2025-07-10", "暂停"]), ("en", ["王芳", "2025-07-10", "suspended"])],
)
def test_a_move_to_a_base_suspended_on_a_completion_day_is_refused(
    api, province, program_a, teacher_a, teacher_b, language, words
):
    make_completion(program_a, teacher_a, completed_on=date(2025, 7, 10))
    make_completion(program_a, teacher_b, completed_on=date(2025, 7, 25))
    other = testing.make_base(name="赣州基地")
    services.base_update(base=other, data={"status": "suspended"}, effective_on=date(2025, 7, 5))
    r = _move(api(province), program_a, other, HTTP_ACCEPT_LANGUAGE=language)
    assert r.status_code == 400, r.data
    assert list(r.json()) == ["base"]
    message = r.json()["base"][0]
    # The first completion (by date) that would fall on a day the new base was not operating.
    for word in words:
        assert word in message
    assert "李强" not in message
    program_a.refresh_from_db()
    assert program_a.base_id != other.pk


def test_a_move_to_a_base_approved_after_a_completion_is_refused(
    api, province, program_a, teacher_a
):
    make_completion(program_a, teacher_a, completed_on=date(2025, 7, 20))
    later = testing.make_base(name="新批基地", status="active", approved_on=date(2025, 7, 21))
    r = _move(api(province), program_a, later, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400, r.data
    assert "planned" in r.json()["base"][0] and "2025-07-20" in r.json()["base"][0]
    program_a.refresh_from_db()
    assert program_a.base_id != later.pk


def test_a_move_to_a_base_active_on_every_completion_day_goes_through(
    api, province, program_a, teacher_a
):
    make_completion(program_a, teacher_a, completed_on=date(2025, 7, 20))
    # Suspended later: the training happened while it was operating.
    other = testing.make_base(name="九江基地")
    services.base_update(base=other, data={"status": "suspended"}, effective_on=date(2025, 8, 1))
    r = _move(api(province), program_a, other)
    assert r.status_code == 200, r.data
    program_a.refresh_from_db()
    assert program_a.base_id == other.pk


def test_a_programme_without_completions_moves_to_a_planned_base(api, province, program_a):
    planned = testing.make_base(name="筹建基地", status="planned")
    r = _move(api(province), program_a, planned)
    assert r.status_code == 200, r.data


def test_base_staff_may_not_move_a_programme_to_another_base(api, base_staff, program_a, teacher_a):
    make_completion(program_a, teacher_a, completed_on=date(2025, 7, 20))
    other = testing.make_base(name="另一基地")
    r = _move(api(base_staff), program_a, other)
    assert r.status_code == 400, r.data
    assert "base" in r.json()
    program_a.refresh_from_db()
    assert program_a.base_id != other.pk


def test_the_service_refuses_the_move_too(program_a, teacher_a):
    from django.core.exceptions import ValidationError

    make_completion(program_a, teacher_a, completed_on=date(2025, 7, 20))
    planned = testing.make_base(name="筹建基地2", status="planned")
    with pytest.raises(ValidationError) as refused:
        services.program_update(program=program_a, data={"base": planned})
    assert "base" in refused.value.message_dict
