"""Every write to training bases, programmes and completions: one function each, in one
transaction. Completion writes re-evaluate the teacher before they commit, so a school's
ratio moves the moment a base records a pass.

A base's status is a dated fact (DESIGN §3): every change is a BaseStatusChange row from
its ``effective_on`` (default today), and ``approved_on`` is the first day it was active.
E_TRAINING asks which status held on a completion's date, so a later suspension takes
nothing back; the province voids a base's completions (with a reason) when it must.

The status column is the history's status today: a change may not take effect in the
future, nor before the base's latest change (it would be overridden by that change at once
and the column would say what the history does not).

A voided completion is the province's decision: only the province may change or delete it
(base staff deleting it and logging it again would undo the void).
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from shuangshi.accounts.models import Role, User
from shuangshi.common.api import apply_changes, changed_values
from shuangshi.common.batch import write_rows
from shuangshi.qualification.services import teachers_reevaluate
from shuangshi.schools.codes import check_code_free
from shuangshi.teachers.validation import refuse_teacher_gone

from .models import BaseStatus, BaseStatusChange, TrainingBase, TrainingCompletion, TrainingProgram
from .selectors import status_histories, status_in, teacher_ids_trained_at
from .validation import base_history_errors, base_move_errors


def _record_status(
    base: TrainingBase, status: str, on: date, user: User | None, reason: str = ""
) -> None:
    """The base has ``status`` from ``on``: one row a day (a second change that day wins)."""
    BaseStatusChange.objects.update_or_create(
        base=base,
        effective_on=on,
        defaults={"status": status, "recorded_by": user, "reason": reason},
    )


def _not_in_future(on: date | None, field: str) -> None:
    """The status column is today's status: a change dated after today is refused."""
    if on is None or on <= timezone.localdate():
        return
    if field == "approved_on":
        message = _("A base is active from its approval date, which may not be in the future.")
    else:
        message = _("The date a change takes effect may not be in the future.")
    raise ValidationError({field: [message]})


def _not_before_a_later_change(base: TrainingBase, on: date, field: str) -> None:
    """A change from ``on`` while a later one is on record would be overridden by it at
    once (the column would then contradict the history): refused, naming that day."""
    later = base.statuses.filter(effective_on__gt=on).order_by("effective_on").first()
    if later is None:
        return
    raise ValidationError(
        {
            field: [
                _(
                    "This base's status changed on %(date)s; a new change cannot take effect "
                    "before that day."
                )
                % {"date": later.effective_on.isoformat()}
            ]
        }
    )


def _code_taken(code: str) -> ValidationError:
    return ValidationError(
        {
            "code": [
                _(
                    "A training base with the code “%(code)s” already exists (codes are "
                    "compared ignoring case and full- or half-width characters)."
                )
                % {"code": code}
            ]
        }
    )


def _check_code_free(code: Any, *, base: TrainingBase | None = None) -> None:
    """One base per code as an import reads it (schools.codes.code_clash)."""
    check_code_free(
        TrainingBase.objects.all(), code, exclude=base.pk if base else None, taken=_code_taken
    )


@transaction.atomic
def base_create(
    *, data: dict[str, Any], user: User | None = None, effective_on: date | None = None
) -> TrainingBase:
    data = dict(data)
    status = data.get("status", BaseStatus.PLANNED)
    _not_in_future(effective_on, "effective_on")
    on = effective_on or timezone.localdate()
    asked = data.get("approved_on")
    if status == BaseStatus.ACTIVE:
        _not_in_future(asked, "approved_on")
        # Active from its approval: a date given for either is the other's too.
        on = effective_on or asked or on
    data["approved_on"] = on if status == BaseStatus.ACTIVE else None
    _approval_as_history_says(asked, data["approved_on"])
    _check_code_free(data.get("code"))
    try:
        with transaction.atomic():
            base = TrainingBase.objects.create(**data)
    except IntegrityError:  # the same code, in any case, stored meanwhile
        raise _code_taken(str(data.get("code"))) from None
    _record_status(base, status, on, user)
    return base


def _first_active_on(base: TrainingBase) -> date | None:
    """The day the base first became active by its history (None: never active)."""
    return (
        base.statuses.filter(status=BaseStatus.ACTIVE)
        .order_by("effective_on")
        .values_list("effective_on", flat=True)
        .first()
    )


def _approval_as_history_says(asked: date | None, first_active: date | None) -> None:
    """``approved_on`` is the day the base first became active (DESIGN §3): a date asked
    for that is not that day is refused on ``approved_on``, naming the day it must be (or
    saying a base never active has none)."""
    if asked is None or asked == first_active:
        return
    if first_active is None:
        message = _(
            "A base that has never been active has no approval date; it is approved on the "
            "day it becomes active."
        )
    else:
        message = _(
            "The base first became active on %(date)s; its approval date must be that day."
        ) % {"date": first_active.isoformat()}
    raise ValidationError({"approved_on": [message]})


@transaction.atomic
def base_update(
    *,
    base: TrainingBase,
    data: dict[str, Any],
    user: User | None = None,
    effective_on: date | None = None,
) -> TrainingBase:
    old_status, old_approved = base.status, base.approved_on
    data = dict(data)
    new_status = data.get("status", old_status)
    _not_in_future(effective_on, "effective_on")
    if not changed_values(base, data):
        return base  # the values it has: no new version, status history or re-evaluation
    if "code" in data and data["code"] != base.code:
        # A pair stored before the rule keeps its codes while they are sent back as they are.
        _check_code_free(data["code"], base=base)
    # The status history as it was, which a move of the status or the approval date reads
    # (the first activation, the days the base operated): read only for such a move.
    moves = new_status != old_status or data.get("approved_on", old_approved) != old_approved
    first_active = (
        base.statuses.filter(status=BaseStatus.ACTIVE).order_by("effective_on").first()
        if moves
        else None
    )
    history = status_histories([base.pk]).get(base.pk, []) if moves else []
    refused_on = "approved_on"  # the field a refusal names (_refuse_days_off_operation)
    if new_status != old_status:
        refused_on = "effective_on" if effective_on is not None else "status"
        on = effective_on or timezone.localdate()
        field = "effective_on"
        if new_status == BaseStatus.ACTIVE and first_active is None:
            # The first activation: approved_on is the day it became active (DESIGN §3), so
            # a date given for either is the other's too.
            if effective_on is None:
                field = refused_on = "approved_on"
            on = effective_on or data.get("approved_on") or base.approved_on or on
            _not_in_future(on, field)
            # "Planned" recorded after that day (the day the base was entered) only ever
            # said it was not active yet: from the approval it was.
            base.statuses.filter(status=BaseStatus.PLANNED, effective_on__gt=on).delete()
        # The column is the history's status today: nothing may follow the new change.
        _not_before_a_later_change(base, on, field)
        _record_status(base, new_status, on, user)
    elif first_active and data.get("approved_on", old_approved) != old_approved:
        _move_approval(base, first_active, data["approved_on"])
    if moves:
        # The approval date follows the history (DESIGN §3). A date sent back unchanged
        # (a full PUT, the admin form) asks for nothing: it is brought in line.
        approved = _first_active_on(base)
        asked = data.get("approved_on", old_approved)
        _approval_as_history_says(None if asked == old_approved else asked, approved)
        data["approved_on"] = approved
    apply_changes(base, data)
    if base.status != old_status or base.approved_on != old_approved:
        _refuse_days_off_operation(base, history, refused_on)
        # E_TRAINING reads the status in force on each completion's date.
        teachers_reevaluate(teacher_ids=teacher_ids_trained_at(base))
    return base


def _refuse_days_off_operation(
    base: TrainingBase, before: Sequence[tuple[date, str]], field: str
) -> None:
    """A base's history, once changed, still has it operating (active) on every day a
    completion it logged was active before (DESIGN §4: a completion at a planned or
    suspended base never counts, and none is logged there: validation.base_status_errors).
    Refused on ``field``, naming how many and the first by date; voided completions never
    count and are left out. Completions already off operating days (before that rule) do
    not hold a change up."""
    after = status_histories([base.pk]).get(base.pk, [])
    days = (
        TrainingCompletion.objects.filter(program__base=base, voided=False)
        .values_list("completed_on")
        .annotate(n=Count("id"))
        .order_by("completed_on")
    )
    lost = [
        (on, n)
        for on, n in days
        if status_in(before, on) == BaseStatus.ACTIVE and status_in(after, on) != BaseStatus.ACTIVE
    ]
    if not lost:
        return
    first = (
        TrainingCompletion.objects.filter(program__base=base, voided=False, completed_on=lost[0][0])
        .select_related("teacher", "program")
        .order_by("id")
        .first()
    )
    assert first is not None
    raise ValidationError(
        base_history_errors(
            field,
            count=sum(n for _on, n in lost),
            teacher=first.teacher.name,
            program=first.program.title,
            on=first.completed_on,
        )
    )


def _move_approval(base: TrainingBase, first_active: BaseStatusChange, on: date | None) -> None:
    """An active base's approval date edited: the day it first became active moves with it,
    as long as the history keeps its order (no other change on or between the two days)."""
    if on is None:
        raise ValidationError({"approved_on": [_("An active base needs its approval date.")]})
    _not_in_future(on, "approved_on")
    low, high = sorted((on, first_active.effective_on))
    between = base.statuses.exclude(pk=first_active.pk).filter(
        effective_on__gte=low, effective_on__lte=high
    )
    if between.exists():
        raise ValidationError(
            {
                "approved_on": [
                    _(
                        "The approval date cannot move past another status change of the "
                        "base; change the status history instead."
                    )
                ]
            }
        )
    first_active.effective_on = on
    first_active.save(update_fields=["effective_on"])


@transaction.atomic
def base_void_completions(*, base: TrainingBase, reason: str, user: User | None = None) -> int:
    """Void every completion the base recorded (they never count again), saying why.
    Returns how many were voided. Each completion's change is audited."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the completions are voided.")]})
    completions = list(
        # With their teacher and programme: each entry names them (TrainingCompletion.__str__).
        TrainingCompletion.objects.select_for_update(of=("self",))
        .select_related("teacher", "program")
        .filter(program__base=base, voided=False)
    )
    for completion in completions:
        apply_changes(completion, {"voided": True, "void_reason": reason})
    teachers_reevaluate(teacher_ids={c.teacher_id for c in completions})
    return len(completions)


@transaction.atomic
def base_delete(*, base: TrainingBase) -> None:
    """Refused (ProtectedError) while the base has programmes or accounts."""
    base.delete()


@transaction.atomic
def program_create(*, data: dict[str, Any]) -> TrainingProgram:
    return TrainingProgram.objects.create(**data)


def _refuse_move_off_operating_days(program: TrainingProgram, base: TrainingBase) -> None:
    """Every completion stays on a day its (new) base was active (validation.base_move_errors)."""
    history = status_histories([base.pk]).get(base.pk, [])
    completions = program.completions.values_list("completed_on", "teacher__name")
    errors = base_move_errors(completions, lambda on: status_in(history, on))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def program_update(*, program: TrainingProgram, data: dict[str, Any]) -> TrainingProgram:
    if not changed_values(program, data):
        return program  # the values it has: the version stays
    old_base = program.base_id
    new_base = data.get("base")
    if new_base is not None and new_base.pk != old_base:
        _refuse_move_off_operating_days(program, new_base)
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


@contextmanager
def _once_per_programme() -> Iterator[None]:
    """The database's completion_once refusal as the serializer's 400 on `teacher`: two
    requests logging the same completion at once both pass its check, and the second insert
    was answered only "This record conflicts with an existing one"."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        text = str(exc)
        if "completion_once" not in text and "trainingcompletion.teacher_id" not in text:
            raise
        raise ValidationError(
            {"teacher": [_("This teacher already has a completion of this programme.")]}
        ) from None


@transaction.atomic
def completion_log(*, data: dict[str, Any]) -> TrainingCompletion:
    refuse_teacher_gone(data.get("teacher", data.get("teacher_id")))
    with _once_per_programme():
        completion = TrainingCompletion.objects.create(**data)
    teachers_reevaluate(teacher_ids=[completion.teacher_id])
    return completion


def _voided_stays(completion: TrainingCompletion, user: User | None) -> None:
    """Only the province changes or deletes a completion it voided (DESIGN §4: voided ones
    never count; base staff deleting one and logging it again would make it count)."""
    if user is not None and user.role == Role.PROVINCE:
        return
    # Read under a lock: a void committed since the request read the row still holds.
    voided = TrainingCompletion.objects.select_for_update().filter(pk=completion.pk, voided=True)
    if voided.exists():
        raise PermissionDenied(
            _("The province voided this completion; only the province can change or delete it.")
        )


@transaction.atomic
def completion_update(
    *, completion: TrainingCompletion, data: dict[str, Any], user: User | None = None
) -> TrainingCompletion:
    _voided_stays(completion, user)
    if not changed_values(completion, data):
        return completion  # the values it has: no new version nor re-evaluation
    old_teacher = completion.teacher_id
    refuse_teacher_gone(data.get("teacher"))
    with _once_per_programme():
        apply_changes(completion, data)
    teachers_reevaluate(teacher_ids={old_teacher, completion.teacher_id})
    return completion


@transaction.atomic
def completion_delete(*, completion: TrainingCompletion, user: User | None = None) -> None:
    _voided_stays(completion, user)
    teacher_id = completion.teacher_id
    completion.delete()
    teachers_reevaluate(teacher_ids=[teacher_id])


@transaction.atomic
def completions_write_batch(
    *,
    new: Sequence[dict[str, Any]],
    updated: Sequence[tuple[dict[str, Any], dict[str, Any]]],
    actor_id: int | None = None,
    audit_data: dict[str, Any] | None = None,
    reevaluate: bool = True,
) -> set[int]:
    """Completions in bulk (keyed by programme and teacher), audited; one re-evaluation
    of their teachers (none with ``reevaluate=False``: the caller does it once)."""
    updated = write_rows(  # the pairs that change something: their teachers are re-evaluated
        TrainingCompletion,
        new=[{"voided": False, "void_reason": "", **row} for row in new],
        updated=updated,
        key=("program_id", "teacher_id"),
        actor_id=actor_id,
        audit_data=audit_data,
    )
    teachers = {int(r["teacher_id"]) for r in new}
    teachers |= {int(b["teacher_id"]) for b, _a in updated if b.get("teacher_id")}
    if reevaluate:
        teachers_reevaluate(teacher_ids=teachers)
    return teachers
