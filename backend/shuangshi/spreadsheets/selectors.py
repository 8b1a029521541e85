"""Reads of the spreadsheets app: import jobs of a user, rows of an export."""

from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import QuerySet

from shuangshi.accounts.models import User
from shuangshi.accounts.scope import can_see_full_id_number
from shuangshi.common.idnumbers import mask_id_number
from shuangshi.teachers.models import Teacher

from .columns import Column
from .models import ImportJob


def import_jobs_of(user: User) -> QuerySet[ImportJob]:
    """Only the owner ever reads or commits an import (others get 404)."""
    return ImportJob.objects.filter(owner=user).defer("content")


def teacher_export_rows(
    *, user: User, teachers: QuerySet[Teacher], columns: Sequence[Column]
) -> Iterator[list[Any]]:
    """Field values in column order; ID numbers masked where the user may not read them."""
    fields = [c.field for c in columns]
    queryset = teachers.select_related("school").order_by("school__code", "staff_no", "id")
    for teacher in queryset.iterator(chunk_size=2000):
        row: list[Any] = []
        for name in fields:
            if name == "school":
                row.append(teacher.school.code)
            elif name == "id_number" and not can_see_full_id_number(user, teacher.school_id):
                row.append(mask_id_number(teacher.id_number))
            else:
                row.append(getattr(teacher, name))
        yield row
