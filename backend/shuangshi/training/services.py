"""Every write to training bases, programmes and completions: one function each, in one
transaction. Completion writes re-evaluate the teacher before they commit, so a school's
ratio moves the moment a base records a pass."""

from typing import Any

from django.db import transaction

from shuangshi.common.api import apply_changes
from shuangshi.qualification.services import teachers_reevaluate

from .models import TrainingBase, TrainingCompletion, TrainingProgram
from .selectors import teacher_ids_trained_at


@transaction.atomic
def base_create(*, data: dict[str, Any]) -> TrainingBase:
    return TrainingBase.objects.create(**data)


@transaction.atomic
def base_update(*, base: TrainingBase, data: dict[str, Any]) -> TrainingBase:
    old_status = base.status
    apply_changes(base, data)
    if base.status != old_status:
        # E_TRAINING counts completions at active bases only.
        teachers_reevaluate(teacher_ids=teacher_ids_trained_at(base))
    return base


@transaction.atomic
def base_delete(*, base: TrainingBase) -> None:
    """Refused (ProtectedError) while the base has programmes or accounts."""
    base.delete()


@transaction.atomic
def program_create(*, data: dict[str, Any]) -> TrainingProgram:
    return TrainingProgram.objects.create(**data)


@transaction.atomic
def program_update(*, program: TrainingProgram, data: dict[str, Any]) -> TrainingProgram:
    old_base = program.base_id
    apply_changes(program, data)
    if program.base_id != old_base:
        teachers_reevaluate(
            teacher_ids=list(program.completions.values_list("teacher_id", flat=True))
        )
    return program


@transaction.atomic
def program_delete(*, program: TrainingProgram) -> None:
    """Refused (ProtectedError) while the programme has completions."""
    program.delete()


@transaction.atomic
def completion_log(*, data: dict[str, Any]) -> TrainingCompletion:
    completion = TrainingCompletion.objects.create(**data)
    teachers_reevaluate(teacher_ids=[completion.teacher_id])
    return completion


@transaction.atomic
def completion_update(
    *, completion: TrainingCompletion, data: dict[str, Any]
) -> TrainingCompletion:
    old_teacher = completion.teacher_id
    apply_changes(completion, data)
    teachers_reevaluate(teacher_ids={old_teacher, completion.teacher_id})
    return completion


@transaction.atomic
def completion_delete(*, completion: TrainingCompletion) -> None:
    teacher_id = completion.teacher_id
    completion.delete()
    teachers_reevaluate(teacher_ids=[teacher_id])
