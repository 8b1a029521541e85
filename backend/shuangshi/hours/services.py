"""The one write path for teaching hours (API, importer, demo)."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from shuangshi.common.api import changed_values
from shuangshi.common.batch import write_rows
from shuangshi.schools.models import School

from . import selectors
from .models import TeachingHours
from .validation import hours_errors, major_category_code, whole_and_parts_errors

KEY = ("school_id", "term", "major_category")


def _check(row: TeachingHours) -> None:
    errors = hours_errors(
        {
            "term": row.term,
            "major_category": row.major_category,
            "total_hours": row.total_hours,
            "practical_hours": row.practical_hours,
        }
    )
    if errors:
        raise ValidationError(errors)
    # Stored as the code ("" = the whole school's total), whatever spelling came in.
    row.major_category = major_category_code(row.major_category) or ""
    _check_term(row)


def schools_lock(school_ids: Iterable[int]) -> None:
    """Lock these schools' rows until the transaction ends (in id order), before their
    terms' stored rows are read to check the whole-and-parts rule (hours.validation): every
    writer of teaching hours takes it (the API's write, an import's commit:
    spreadsheets.importers.TeachingHoursImporter), so that two writes of one term wait for
    each other and each checks the term as the other left it. (SQLite has no row locks:
    there this only reads, and its one database lock orders the writers.)"""
    ids = sorted({int(pk) for pk in school_ids})
    if ids:
        locked = School.objects.select_for_update().filter(pk__in=ids).order_by("pk")
        list(locked.values_list("pk"))


def _check_term(row: TeachingHours) -> None:
    """The row beside the school's other rows of its term: the whole-school row is not less
    than the category rows add up to (hours.validation). The school is locked meanwhile
    (schools_lock), so that two writes of one term at once cannot each pass on what the
    other has not stored."""
    if row.school_id is None:
        return  # refused by the database (the API always names a school)
    schools_lock([row.school_id])
    others = selectors.term_rows(row.school_id, row.term, exclude=row.pk)
    if row.major_category in others:
        return  # the same school, term and category twice: _save refuses it as that
    stored = {**others, row.major_category: (row.total_hours, row.practical_hours)}
    errors = whole_and_parts_errors(stored, at=row.major_category)
    if errors:
        raise ValidationError(errors)


def _save(row: TeachingHours) -> TeachingHours:
    _check(row)
    try:
        with transaction.atomic():
            row.save()  # audited (django-auditlog)
    except IntegrityError:
        raise ValidationError(
            {"term": [_("This school already has hours for this term and major category.")]}
        ) from None
    return row


@transaction.atomic
def teaching_hours_create(*, data: dict[str, Any]) -> TeachingHours:
    return _save(TeachingHours(**data))


@transaction.atomic
def teaching_hours_update(*, row: TeachingHours, data: dict[str, Any]) -> TeachingHours:
    if not changed_values(row, data):
        return row  # the values it has: no new version, no audit entry
    for field, value in data.items():
        setattr(row, field, value)
    row.version += 1
    return _save(row)


@transaction.atomic
def teaching_hours_delete(*, row: TeachingHours) -> None:
    row.delete()


@transaction.atomic
def teaching_hours_upsert(
    *, school_id: int, term: str, major_category: str, total_hours: int, practical_hours: int
) -> tuple[TeachingHours, bool]:
    """Keyed by (school, term, major category): the importer's write. Returns (row, created)."""
    code = major_category_code(major_category)
    if code is not None:  # else refused by _save
        major_category = code
    row = TeachingHours.objects.filter(
        school_id=school_id, term=term, major_category=major_category
    ).first()
    if row is None:
        return teaching_hours_create(
            data={
                "school_id": school_id,
                "term": term,
                "major_category": major_category,
                "total_hours": total_hours,
                "practical_hours": practical_hours,
            }
        ), True
    if (row.total_hours, row.practical_hours) == (total_hours, practical_hours):
        return row, False
    return teaching_hours_update(
        row=row, data={"total_hours": total_hours, "practical_hours": practical_hours}
    ), False


@transaction.atomic(savepoint=False)
def teaching_hours_write_batch(
    *,
    new: Sequence[dict[str, Any]],
    updated: Sequence[tuple[dict[str, Any], dict[str, Any]]],
    actor_id: int | None = None,
    audit_data: dict[str, Any] | None = None,
) -> None:
    """Teaching hours in bulk, keyed by (school, term, major category): the importer's write
    (its rows checked by hours.validation first), audited as django-auditlog audits a save.
    No savepoint: inside an import's transaction it adds no statement."""
    write_rows(
        TeachingHours,
        new=new,
        updated=updated,
        key=KEY,
        actor_id=actor_id,
        audit_data=audit_data,
    )
