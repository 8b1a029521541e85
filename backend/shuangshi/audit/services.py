"""Writes of the audit app: the deliberate, logged reading of a full ID number, the
per-user budget of ID-number lookups, the record of bulk reads (exports), and the defaults
of a setting stored before its first edit."""

from datetime import datetime, time, timedelta
from typing import Any, TypeVar

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import can_see_full_id_number
from shuangshi.common.exceptions import LookupBudgetExceeded
from shuangshi.common.idnumbers import mask_id_text
from shuangshi.mentors.models import Mentor
from shuangshi.mentors.selectors import mentor_full_id_visible
from shuangshi.teachers.models import Teacher

from .models import IdLookupCount

M = TypeVar("M", bound=Model)


class RevealRefused(PermissionError):
    """The user may not read this teacher's full ID number."""


@transaction.atomic
def id_number_reveal(*, user: User, teacher: Teacher, reason: str = "") -> str:
    """Return the full ID number and write an `access` entry saying who read it and why.

    The reason is free text that city users read in the history: an ID number typed into it
    is stored masked."""
    if not can_see_full_id_number(user, teacher.school_id):
        raise RevealRefused
    _access_entry(
        obj=teacher, user=user, data={"revealed": "id_number", "reason": mask_id_text(reason)}
    )
    return teacher.id_number


@transaction.atomic
def mentor_id_number_reveal(*, user: User, mentor: Mentor, reason: str = "") -> str:
    """The same for a mentor: the province, or the HR of the only school the mentor serves."""
    if not mentor_full_id_visible(user, mentor):
        raise RevealRefused
    _access_entry(
        obj=mentor, user=user, data={"revealed": "id_number", "reason": mask_id_text(reason)}
    )
    return mentor.id_number


def _seconds_to_midnight() -> int:
    now = timezone.localtime()
    midnight = timezone.make_aware(datetime.combine(now.date() + timedelta(days=1), time.min))
    return max(int((midnight - now).total_seconds()), 1)


def _access_entry(*, obj: Model, user: User, data: dict[str, Any]) -> None:
    LogEntry.objects.log_create(
        obj,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes={},
        actor=user,
        additional_data=data,
    )


@transaction.atomic
def id_lookups_charge(*, user: User, count: int, what: str) -> int:
    """Count `count` ID-number lookups (one request, or the rows of one import) against the
    user's daily budget (settings.ID_LOOKUPS_PER_DAY) and write one access entry for them.

    Raises LookupBudgetExceeded, charging nothing, when they do not all fit. The province
    reads every record anyway and is not counted. Returns the user's count for today.
    Call it outside any transaction that may roll back (validation runs outside one), so
    that a request which then fails has still used its lookups.
    """
    if count <= 0 or user.role == Role.PROVINCE:
        return 0
    limit = settings.ID_LOOKUPS_PER_DAY
    day = timezone.localdate()
    try:
        with transaction.atomic():
            IdLookupCount.objects.get_or_create(user=user, day=day)
    except IntegrityError:
        pass  # another process created today's row first
    row = IdLookupCount.objects.select_for_update().get(user=user, day=day)
    if row.count + count > limit:
        raise LookupBudgetExceeded(limit=limit, retry_after=_seconds_to_midnight())
    row.count += count
    row.save(update_fields=["count"])
    _access_entry(
        obj=user,
        user=user,
        data={"event": "id_lookup", "what": what, "count": count, "today": row.count},
    )
    return row.count


@transaction.atomic
def export_record(*, user: User, what: str, scope: str, count: int, full_ids: int) -> None:
    """One access entry per export: who, what, its scope, how many rows and how many of
    them carry a full ID number."""
    _access_entry(
        obj=user,
        user=user,
        data={
            "event": "export",
            "what": what,
            "scope": scope,
            "count": count,
            "full_id_numbers": full_ids,
        },
    )


@transaction.atomic
def defaults_stored(row: M, **lookup: Any) -> M:
    """``row`` is unsaved and holds the defaults its readers see before any edit (a target,
    the alert settings): store it as it is, with no audit entry, so that the edit its
    service then saves is logged as a change from the defaults, not as a creation. Returns
    the stored row (found by ``lookup``), locked: another request's, if one stored it
    meanwhile."""
    try:
        with transaction.atomic(), disable_auditlog():
            row.save(force_insert=True)
    except IntegrityError:
        pass  # stored meanwhile
    return type(row)._default_manager.select_for_update().get(**lookup)
