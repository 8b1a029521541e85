"""Reads for industry mentors and their appointments, always scoped to the user."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import in_school_scope
from shuangshi.common.idnumbers import normalize_id_number

from .models import AppointmentMode, Mentor, MentorAppointment
from .rules import Stint, in_force, on_part_time_track


def mentors_visible_to(user: User) -> QuerySet[Mentor]:
    """Province sees every mentor; a school or city the mentors appointed at its schools,
    and those no school appoints that its schools' HR registered (registered_by_school).

    For school HR each mentor carries `served_elsewhere`: whether another school appoints
    them too (then the record is the province's: HR read it masked and cannot edit it).
    """
    if user.role == Role.PROVINCE:
        return Mentor.objects.all()
    appointments = in_school_scope(MentorAppointment.objects.all(), user, school="school")
    unappointed = Mentor.objects.filter(
        ~Exists(MentorAppointment.objects.filter(mentor_id=OuterRef("pk")))
    )
    registered = in_school_scope(unappointed, user, school="registered_by_school")
    mentors = Mentor.objects.filter(
        Q(pk__in=appointments.values("mentor_id")) | Q(pk__in=registered.values("pk"))
    )
    if user.role == Role.SCHOOL_HR and user.school_id is not None:
        mentors = mentors.annotate(served_elsewhere=_served_elsewhere(user.school_id))
    return mentors


def _served_elsewhere(school_id: int) -> Exists:
    return Exists(
        MentorAppointment.objects.filter(mentor_id=OuterRef("pk")).exclude(school_id=school_id)
    )


def mentor_full_id_visible(user: User, mentor: Mentor) -> bool:
    """Who reads a mentor's full ID number and birth date, and edits the record: the
    province, and the HR of the only school the mentor serves (docs/security.md)."""
    if user.role == Role.PROVINCE:
        return True
    if user.role != Role.SCHOOL_HR or user.school_id is None:
        return False
    elsewhere = getattr(mentor, "served_elsewhere", None)
    if elsewhere is None:
        elsewhere = (
            MentorAppointment.objects.filter(mentor_id=mentor.pk)
            .exclude(school_id=user.school_id)
            .exists()
        )
    return not elsewhere


def appointments_visible_to(user: User) -> QuerySet[MentorAppointment]:
    return in_school_scope(MentorAppointment.objects.all(), user, school="school")


def mentor_by_id_number(id_number: str) -> Mentor | None:
    return Mentor.objects.filter(id_number=normalize_id_number(id_number)).first()


def overlapping_appointments(
    *,
    mentor_id: int,
    school_id: int,
    mode: str,
    start_on: date,
    end_on: date | None,
    exclude_pk: int | None = None,
) -> QuerySet[MentorAppointment]:
    """Appointments of the same mentor, school and mode sharing a day with [start, end]."""
    rows = MentorAppointment.objects.filter(mentor_id=mentor_id, school_id=school_id, mode=mode)
    rows = rows.filter(Q(end_on__isnull=True) | Q(end_on__gte=start_on))
    if end_on is not None:
        rows = rows.filter(start_on__lte=end_on)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    return rows


def _empty_counts() -> dict[str, Any]:
    return {
        "mentors": 0,
        "by_mode": dict.fromkeys(AppointmentMode.values, 0),
        "part_time_track": 0,
    }


def mentor_counts_by_school(
    school_ids: Iterable[int] | None, as_of: date
) -> dict[int, dict[str, Any]]:
    """Per school on `as_of`: mentors with an appointment in force (`mentors`), the same by
    mode (`by_mode`, a mentor in two modes counts in both), and those on the part-time
    track (`part_time_track`, see rules.py). Every requested school gets a row.

    One query. Mentors are never teachers: these figures stay out of the ratio's
    denominator; the ratios API shows them next to the staffing figures.
    """
    rows = MentorAppointment.objects.filter(start_on__lte=as_of)
    out: dict[int, dict[str, Any]] = {}
    if school_ids is not None:
        ids = list(school_ids)
        rows = rows.filter(school_id__in=ids)
        out = {school_id: _empty_counts() for school_id in ids}
    stints: dict[tuple[int, int], list[Stint]] = defaultdict(list)
    births: dict[int, date] = {}
    for school_id, mentor_id, mode, start_on, end_on, birth in rows.values_list(
        "school_id", "mentor_id", "mode", "start_on", "end_on", "mentor__birth_date"
    ):
        stints[(school_id, mentor_id)].append(Stint(mode, start_on, end_on))
        births[mentor_id] = birth
    for (school_id, mentor_id), mine in stints.items():
        counts = out.setdefault(school_id, _empty_counts())
        modes = {s.mode for s in mine if in_force(s, as_of)}
        if not modes:
            continue
        counts["mentors"] += 1
        for mode in modes:
            counts["by_mode"][mode] = counts["by_mode"].get(mode, 0) + 1
        if on_part_time_track(birth_date=births[mentor_id], stints=mine, on=as_of):
            counts["part_time_track"] += 1
    return out
