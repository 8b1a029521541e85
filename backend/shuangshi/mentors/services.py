"""Every write to industry mentors and their appointments: one function each, in one
transaction. Overlapping appointments are refused here, under a lock on the mentor, so
two clerks cannot both slip one in."""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shuangshi.accounts.models import Role, User
from shuangshi.common.api import apply_changes, changed_values
from shuangshi.common.batch import write_rows

from . import rules
from .models import Mentor, MentorAppointment
from .selectors import mentor_full_id_visible, overlapping_appointments

T = TypeVar("T")


def id_number_taken_message() -> str:
    return _("A mentor with this ID number is already registered; look them up to appoint.")


def _id_number_once(save: Callable[[], T]) -> T:
    """``save()`` in a savepoint (the caller's transaction stays usable): the same ID number
    registered by another request since the serializer's check is refused as that check
    refuses it, at id_number, not as "conflicts with an existing one"."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError as exc:
        if "id_number" not in str(exc):
            raise
        raise ValidationError({"id_number": [id_number_taken_message()]}) from None


@transaction.atomic
def mentor_create(*, data: dict[str, Any], user: User | None = None) -> Mentor:
    """`user`: who registers the mentor; a school's HR keep seeing the mentor until some
    school appoints them (Mentor.registered_by_school)."""
    data = dict(data)
    if user is not None and user.role == Role.SCHOOL_HR and user.school_id is not None:
        data["registered_by_school_id"] = user.school_id
    return _id_number_once(lambda: Mentor.objects.create(**data))


@transaction.atomic
def mentor_update(*, mentor: Mentor, data: dict[str, Any]) -> Mentor:
    _id_number_once(lambda: apply_changes(mentor, data))
    return mentor


@transaction.atomic
def mentor_delete(*, mentor: Mentor) -> None:
    """Refused (ProtectedError) while the mentor has appointments."""
    mentor.delete()


def _refuse_overlap(appointment: MentorAppointment, reader: User | None) -> None:
    # Lock the mentor so concurrent writers check against each other's rows.
    Mentor.objects.select_for_update().filter(pk=appointment.mentor_id).first()
    errors = appointment_errors(appointment, reader=reader)
    if errors:
        raise ValidationError(errors)


def too_young_message(birth_date: Any) -> str:
    return _(
        "The appointment starts before the mentor turned %(age)d (born on %(birth)s): "
        "check the start date."
    ) % {"age": rules.MIN_WORKING_AGE, "birth": birth_date}


def too_young_by_year_message(birth_year: int) -> str:
    """too_young_message for a reader of the masked mentor: the birth year only."""
    return _(
        "The appointment must start after the year the mentor turned %(age)d (born in "
        "%(year)d): check the start date."
    ) % {"age": rules.MIN_WORKING_AGE, "year": birth_year}


def hours_over_span_message(days: int) -> str:
    return ngettext(
        "An appointment of %(days)d day has at most %(max)d hours (24 hours a day).",
        "An appointment of %(days)d days has at most %(max)d hours (24 hours a day).",
        days,
    ) % {"days": days, "max": rules.HOURS_A_DAY * days}


def appointment_errors(
    appointment: MentorAppointment, *, reader: User | None = None
) -> dict[str, list[str]]:
    """The end before the start, more hours than 24 a day of the appointment, a start
    before the mentor could work, or an overlap with another appointment of the mentor at
    the same school in the same mode (the services refuse it; the admin's form shows it).

    ``reader``: the API user writing it. One who reads the mentor masked (DESIGN §5:
    selectors.mentor_full_id_visible) sees only the birth year, in the message and in the
    rule (rules.starts_too_young_by_year: no start date tried tells the day). None: the
    admin's staff, who read every record whole."""
    if appointment.end_on is not None and appointment.end_on < appointment.start_on:
        return {"end_on": [_("The end date cannot be before the start date.")]}
    days = rules.hours_over_span(appointment.hours, appointment.start_on, appointment.end_on)
    if days is not None:
        return {"hours": [hours_over_span_message(days)]}
    birth = appointment.mentor.birth_date if appointment.mentor_id else None
    if birth is not None:
        if reader is None or mentor_full_id_visible(reader, appointment.mentor):
            if rules.starts_too_young(birth, appointment.start_on):
                return {"start_on": [too_young_message(birth)]}
        elif rules.starts_too_young_by_year(birth.year, appointment.start_on):
            return {"start_on": [too_young_by_year_message(birth.year)]}
    clash = overlapping_appointments(
        mentor_id=appointment.mentor_id,
        school_id=appointment.school_id,
        mode=appointment.mode,
        start_on=appointment.start_on,
        end_on=appointment.end_on,
        exclude_pk=appointment.pk,
    ).first()
    if clash is None:
        return {}
    end = clash.end_on.isoformat() if clash.end_on else _("open-ended")
    return {
        "start_on": [
            _(
                "This mentor already has a %(mode)s appointment at this school "
                "from %(start)s to %(end)s that overlaps these dates."
            )
            % {"mode": clash.get_mode_display(), "start": clash.start_on, "end": end}
        ]
    }


@transaction.atomic
def appointment_create(*, data: dict[str, Any], user: User | None = None) -> MentorAppointment:
    """``user``: the API's writer (appointment_errors: what a masked reader is told)."""
    appointment = MentorAppointment(**data)
    _refuse_overlap(appointment, user)
    appointment.save()
    return appointment


@transaction.atomic
def appointment_create_with_mentor(
    *, mentor_data: dict[str, Any], data: dict[str, Any], user: User | None = None
) -> MentorAppointment:
    """Register a mentor and appoint them, in one transaction: an appointment refused
    (ValidationError) registers no mentor, so nothing is left half written."""
    mentor = mentor_create(data=mentor_data, user=user)
    return appointment_create(data={**data, "mentor": mentor}, user=user)


@transaction.atomic
def appointment_update(
    *, appointment: MentorAppointment, data: dict[str, Any], user: User | None = None
) -> MentorAppointment:
    if not changed_values(appointment, data):
        return appointment  # the same values: nothing to check, the version stays
    for field, value in data.items():
        setattr(appointment, field, value)
    _refuse_overlap(appointment, user)
    return apply_changes(appointment, {}, touched=True)  # type: ignore[return-value]


@transaction.atomic
def appointment_delete(*, appointment: MentorAppointment) -> None:
    appointment.delete()


Pair = tuple[dict[str, Any], dict[str, Any]]


@transaction.atomic
def mentors_write_batch(
    *,
    new: Sequence[dict[str, Any]],
    updated: Sequence[Pair],
    actor_id: int | None = None,
    audit_data: dict[str, Any] | None = None,
    reevaluate: bool = True,
) -> None:
    """Mentors in bulk (keyed by ID number), audited. Mentors move no teacher's result."""
    write_rows(
        Mentor,
        new=new,
        updated=updated,
        key=("id_number",),
        actor_id=actor_id,
        audit_data=audit_data,
    )


@transaction.atomic
def appointments_write_batch(
    *,
    new: Sequence[dict[str, Any]],
    updated: Sequence[Pair],
    actor_id: int | None = None,
    audit_data: dict[str, Any] | None = None,
    reevaluate: bool = True,
) -> None:
    """Appointments in bulk (keyed by mentor, school, mode and start), audited. The
    caller has refused overlaps (the importer checks the whole sheet against the table)."""
    write_rows(
        MentorAppointment,
        new=new,
        updated=updated,
        key=("mentor_id", "school_id", "mode", "start_on"),
        actor_id=actor_id,
        audit_data=audit_data,
    )
