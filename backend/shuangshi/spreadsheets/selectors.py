"""Reads of the spreadsheets app: import jobs of a user, rows of an export."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from shuangshi.accounts.models import User
from shuangshi.accounts.scope import can_see_full_id_number
from shuangshi.common.idnumbers import mask_id_number
from shuangshi.teachers.models import Teacher

from .columns import TEXT, Column
from .models import ImportJob


def import_jobs_of(user: User) -> QuerySet[ImportJob]:
    """Only the owner ever reads or commits an import (others get 404)."""
    return ImportJob.objects.filter(owner=user).defer("content", "parsed", "errors_book")


def import_settled(import_id: int) -> ImportJob | None:
    """An upload as its last transaction left it, for a job whose worker is gone: a commit
    still in flight on its row (the dead worker's connection not yet closed by the server)
    is waited for, so `committing` is not read while `committed` is on its way."""
    with transaction.atomic():
        return (
            ImportJob.objects.select_for_update()
            .defer("content", "parsed", "errors", "errors_book")
            .filter(pk=import_id)
            .first()
        )


@dataclass
class Tally:
    """What an export carried: rows, and rows with a full ID number."""

    rows: int = 0
    full_ids: int = 0


def teacher_export_columns(*, user: User, columns: Sequence[Column]) -> tuple[Column, ...]:
    """The export's columns for this reader: where the ID numbers read masked (every row of a
    city reader's export) the birth date column holds the year only, and says so in its
    header (出生年份 / Birth year), not under a date's."""
    if can_see_full_id_number(user, user.school_id):
        return tuple(columns)
    return tuple(
        replace(
            c,
            zh="出生年份",
            en="Birth year",
            type=TEXT,
            help="身份证号已脱敏，仅显示出生年份",
            example="1985",
        )
        if c.field == "birth_date"
        else c
        for c in columns
    )


def teacher_export_rows(
    *,
    user: User,
    teachers: QuerySet[Teacher],
    columns: Sequence[Column],
    tally: Tally | None = None,
) -> Iterator[list[Any]]:
    """Field values in column order. Where the user may not read the full ID number it is
    masked and the birth date is its year only (docs/security.md). `tally` counts the rows
    and those with a full ID number (for the export's audit entry)."""
    fields = [c.field for c in columns]
    queryset = teachers.select_related("school").order_by("school__code", "staff_no", "id")
    tally = tally if tally is not None else Tally()
    for teacher in queryset.iterator(chunk_size=2000):
        full = can_see_full_id_number(user, teacher.school_id)
        tally.rows += 1
        tally.full_ids += full
        row: list[Any] = []
        for name in fields:
            if name == "school":
                row.append(teacher.school.code)
            elif name == "id_number" and not full:
                row.append(mask_id_number(teacher.id_number))
            elif name == "birth_date" and not full:
                row.append(str(teacher.birth_date.year))
            else:
                row.append(getattr(teacher, name))
        yield row
