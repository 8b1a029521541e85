"""Writes of the audit app: the deliberate, logged reading of a full ID number."""

from auditlog.models import LogEntry
from django.db import transaction

from shuangshi.accounts.models import User
from shuangshi.accounts.scope import can_see_full_id_number
from shuangshi.teachers.models import Teacher


class RevealRefused(PermissionError):
    """The user may not read this teacher's full ID number."""


@transaction.atomic
def id_number_reveal(*, user: User, teacher: Teacher, reason: str = "") -> str:
    """Return the full ID number and write an `access` entry saying who read it and why."""
    if not can_see_full_id_number(user, teacher.school_id):
        raise RevealRefused
    LogEntry.objects.log_create(
        teacher,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes={},
        actor=user,
        additional_data={"revealed": "id_number", "reason": reason},
    )
    return teacher.id_number
