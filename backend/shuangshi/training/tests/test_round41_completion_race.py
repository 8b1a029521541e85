"""Round 41: two requests logging the same completion at once both passed the serializer's
check; the database refused the second (completion_once), answered only "This record
conflicts with an existing one". The service now answers as the check does, on `teacher`."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from shuangshi import testing
from shuangshi.training import services
from shuangshi.training.models import TrainingCompletion

from .conftest import make_completion, make_program

pytestmark = pytest.mark.django_db
MESSAGE = "This teacher already has a completion of this programme."


def test_a_second_completion_that_got_past_the_check_is_refused_on_teacher(teacher_a):
    base = testing.make_base()
    program = make_program(base)
    make_completion(program, teacher_a)
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        make_completion(program, teacher_a)  # what the second request reaches in a race
    assert refused.value.message_dict == {"teacher": [MESSAGE]}
    assert TrainingCompletion.objects.filter(program=program, teacher=teacher_a).count() == 1


def test_a_completion_moved_onto_another_of_the_same_teacher_is_refused_on_teacher(
    teacher_a,
):
    base = testing.make_base()
    first, second = make_program(base), make_program(base, title="工业机器人师资培训")
    make_completion(first, teacher_a)
    other = make_completion(second, teacher_a)
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        services.completion_update(completion=other, data={"program": first})
    assert refused.value.message_dict == {"teacher": [MESSAGE]}
    other.refresh_from_db()
    assert other.program_id == second.pk


def test_the_api_answers_the_race_as_a_400_on_teacher(api, province, teacher_a, monkeypatch):
    base = testing.make_base()
    program = make_program(base)
    make_completion(program, teacher_a)
    # The second request's check ran before the first one's insert: it saw no completion.
    real_filter = TrainingCompletion.objects.filter
    monkeypatch.setattr(
        TrainingCompletion.objects,
        "filter",
        lambda *a, **kw: real_filter(pk=-1) if "program" in kw else real_filter(*a, **kw),
    )
    response = api(province).post(
        "/api/v1/training-completions/",
        {
            "program": program.pk,
            "teacher": teacher_a.pk,
            "completed_on": program.end_on.isoformat(),
            "hours": program.hours,
            "passed": True,
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json() == {"teacher": [MESSAGE]}
