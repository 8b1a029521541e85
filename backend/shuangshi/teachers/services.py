"""Every write to teachers and their records: one function each, in one transaction,
re-evaluating the teacher's qualification before it commits.

Dated facts (DESIGN §3): school, employment, course type, title and major category keep
their history in TeacherFact. A new teacher's values hold from ``hired_on``; a change holds
from ``effective_on`` (default today, may be in the past), the old value before it.

A field is stored only once it changes: a new teacher has no TeacherFact rows (five rows
that say what its own columns say cost an import about a third of its database time), and
the first change of a field writes its old value at ``hired_on`` beside the new one. A field
without rows held its column's value throughout; ``selectors.teacher_facts`` shows it so.
"""

import functools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from django.db.models import Max, Min, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from shuangshi.accounts.models import User
from shuangshi.accounts.services import teacher_accounts_deactivate, teacher_tokens_revoke
from shuangshi.common import bulk
from shuangshi.common.api import apply_changes, changed_values
from shuangshi.common.batch import write_rows
from shuangshi.qualification.services import (
    evaluation_ready,
    teachers_evaluate_created,
    teachers_reevaluate,
)
from shuangshi.schools.models import School
from shuangshi.training.models import TrainingCompletion

from .models import (
    FACT_ATTRS,
    Certificate,
    EnterprisePeriod,
    Folded,
    RecordStatus,
    SchoolTeacherCount,
    Teacher,
    TeacherFact,
    has_left,
)
from .validation import (
    MIN_TEACHING_AGE,
    Errors,
    birth_date_errors,
    certificate_duplicate_errors,
    certificate_taken,
    leaving_errors,
    period_duplicate_errors,
    period_taken,
    refuse_teacher_gone,
    staff_no_key,
    staff_no_taken,
    staff_no_to_check,
)

Proposed = Certificate | EnterprisePeriod


def _fact_value(teacher: Teacher | dict[str, Any], attr: str) -> str:
    value = teacher.get(attr) if isinstance(teacher, dict) else getattr(teacher, attr)
    return "" if value is None else str(value)


def facts_record(
    *,
    teacher: Teacher,
    before: dict[str, str],
    effective_on: date | None = None,
    user: User | None = None,
) -> None:
    """Record the dated facts that changed (``before``: attr → old text value).

    The change holds from ``effective_on``; a date on or before the first recorded value
    replaces that value (it then holds from the start). When a later change is already on
    record, the teacher's column keeps that later value (it is still today's)."""
    on = effective_on or timezone.localdate()
    for field, attr in FACT_ATTRS.items():
        new = _fact_value(teacher, attr)
        if attr not in before or before[attr] == new:
            continue
        rows = TeacherFact.objects.filter(teacher=teacher, field=field)
        first = rows.order_by("effective_on").first()
        if first is None:
            TeacherFact.objects.create(
                teacher=teacher, field=field, value=before[attr], effective_on=teacher.hired_on
            )
            first = rows.order_by("effective_on").first()
        assert first is not None
        if on <= first.effective_on:
            first.value, first.recorded_by = new, user
            first.save(update_fields=["value", "recorded_by"])
        else:
            TeacherFact.objects.update_or_create(
                teacher=teacher,
                field=field,
                effective_on=on,
                defaults={"value": new, "recorded_by": user},
            )
        latest = rows.order_by("-effective_on").first()
        if latest is not None and latest.value != new:
            Teacher.objects.filter(pk=teacher.pk).update(**{attr: _parsed(attr, latest.value)})
            setattr(teacher, attr, _parsed(attr, latest.value))
    since = TeacherFact.objects.filter(teacher=teacher).aggregate(m=Max("effective_on"))["m"]
    Teacher.objects.filter(pk=teacher.pk).update(facts_since=since)
    teacher.facts_since = since


def _parsed(attr: str, text: str) -> Any:
    if attr == "school_id":
        return int(text)
    if attr == "major_category":
        return text or None
    return text


def _fact_snapshot(teacher: Teacher) -> dict[str, str]:
    return {attr: _fact_value(teacher, attr) for attr in FACT_ATTRS.values()}


def staff_no_holders(wanted: Iterable[tuple[int, str]]) -> dict[tuple[int, str], list[str]]:
    """For (school id, validation.staff_no_key) pairs: the ID numbers of the current
    teachers (no leaving date, or one after today) of that school holding that number,
    of the pairs some teacher holds. PostgreSQL compares in the query (NFKC, trimmed,
    lower case); SQLite, which cannot normalize, reads the schools' numbers and compares
    them here."""
    pairs = {(school_id, key) for school_id, key in wanted if key}
    if not pairs:
        return {}
    today = timezone.localdate()
    rows = Teacher.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today),
        school_id__in={school_id for school_id, _key in pairs},
    ).exclude(staff_no="")
    if connection.vendor == "postgresql":
        rows = rows.alias(staff_key=Lower(Folded("staff_no"))).filter(
            staff_key__in={key for _school, key in pairs}
        )
    found: dict[tuple[int, str], list[str]] = {}
    for school_id, staff_no, id_number in rows.values_list("school_id", "staff_no", "id_number"):
        pair = (school_id, staff_no_key(staff_no))
        if pair in pairs:
            found.setdefault(pair, []).append(id_number)
    return found


def _refuse_staff_no_taken(
    after: dict[str, Any], before: dict[str, Any] | None, id_number: str | None
) -> None:
    """A current teacher's staff number is no other current teacher's of their school
    (validation.staff_no_to_check). The school is locked first, so that two writers
    cannot both give one number (an import checks its whole file, not under this lock)."""
    key = staff_no_to_check(after, before, today=timezone.localdate())
    school_id = after.get("school_id")
    if not key or school_id is None:
        return
    # NO KEY: teachers being inserted meanwhile (their key share on the school) go on.
    School.objects.select_for_update(no_key=True).filter(pk=school_id).first()
    holders = staff_no_holders([(school_id, key)]).get((school_id, key), [])
    if any(number != id_number for number in holders):
        raise ValidationError({"staff_no": [staff_no_taken()]})


def _staff_values(data: Mapping[str, Any], teacher: Teacher | None = None) -> dict[str, Any]:
    """The teacher's staff number, school id and leaving date once ``data`` is written."""
    if "school" in data:
        school_id = getattr(data["school"], "pk", data["school"])
    else:
        school_id = data.get("school_id", getattr(teacher, "school_id", None))
    return {
        "staff_no": data.get("staff_no", getattr(teacher, "staff_no", "")),
        "school_id": school_id,
        "left_on": data.get("left_on", getattr(teacher, "left_on", None)),
    }


@transaction.atomic
def teacher_create(*, data: dict[str, Any], user: User | None = None) -> Teacher:
    _refuse_staff_no_taken(_staff_values(data), None, None)
    # No fact rows yet: every dated value holds from hired_on (see the module's docstring).
    teacher = Teacher.objects.create(**{**data, "facts_since": data.get("hired_on")})
    teachers_reevaluate(teacher_ids=[teacher.pk])
    return teacher


def completions_after_leaving(leaving: Mapping[int, date]) -> dict[int, tuple[date, str]]:
    """For teacher ids and the leaving date each is to get: the latest completion on file
    dated after it (its date and programme's title), of the teachers that have one. Voided
    completions never count and are left out (validation.leaving_errors)."""
    if not leaving:
        return {}
    rows = (
        TrainingCompletion.objects.filter(
            teacher_id__in=list(leaving), voided=False, completed_on__gt=min(leaving.values())
        )
        .order_by("teacher_id", "-completed_on", "-id")
        .values_list("teacher_id", "completed_on", "program__title")
    )
    found: dict[int, tuple[date, str]] = {}
    for teacher_id, completed_on, title in rows:
        if teacher_id not in found and completed_on > leaving[teacher_id]:
            found[teacher_id] = (completed_on, title)
    return found


def _refuse_leaving_before_completions(teacher: Teacher, left_on: Any) -> None:
    """A changed leaving date is not before a completion on file (validation.leaving_errors);
    an unchanged one is left alone (records from before the rule may disagree with it)."""
    if not isinstance(left_on, date) or left_on == teacher.left_on:
        return
    last = completions_after_leaving({teacher.pk: left_on}).get(teacher.pk)
    errors = leaving_errors(left_on, last)
    if errors:
        raise ValidationError(errors)


Records = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def records_birth_checks(births: Mapping[int, date]) -> dict[int, Records]:
    """For teacher ids and the birth date each is to get: the stored certificates (kind,
    number, issue date) and enterprise periods (enterprise, start) that a birth date may
    have to come before (validation.birth_date_errors checks them), of the teachers that
    have any. Rejected proposals count nowhere and are left out."""
    if not births:
        return {}
    latest = max(births.values())
    adult = date(latest.year + MIN_TEACHING_AGE + 1, 1, 1)  # after every one's 16th birthday
    found: dict[int, Records] = {}
    for cert in (
        Certificate.objects.filter(teacher_id__in=list(births), issued_on__lte=latest)
        .exclude(status=RecordStatus.REJECTED)
        .values("teacher_id", "kind", "number", "issued_on")
    ):
        found.setdefault(cert["teacher_id"], ([], []))[0].append(dict(cert))
    for period in (
        EnterprisePeriod.objects.filter(teacher_id__in=list(births), start_on__lt=adult)
        .exclude(status=RecordStatus.REJECTED)
        .values("teacher_id", "enterprise", "start_on")
    ):
        found.setdefault(period["teacher_id"], ([], []))[1].append(dict(period))
    return found


def _refuse_birth_after_records(teacher: Teacher, birth_date: Any) -> None:
    """A changed birth date keeps the teacher's stored records to the record rules."""
    if not isinstance(birth_date, date) or birth_date == teacher.birth_date:
        return
    records = records_birth_checks({teacher.pk: birth_date}).get(teacher.pk)
    errors = birth_date_errors(birth_date, *records) if records else None
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def teacher_update(
    *,
    teacher: Teacher,
    data: dict[str, Any],
    effective_on: date | None = None,
    user: User | None = None,
) -> Teacher:
    """Change a teacher; dated fields change from ``effective_on`` (default today; may be
    in the past, not in the future: the teacher's columns are today's values, DESIGN §3)."""
    if effective_on is not None and effective_on > timezone.localdate():
        raise ValidationError(
            {"effective_on": [_("The date a change takes effect may not be in the future.")]}
        )
    earlier = _held_otherwise(teacher, data, effective_on)
    if not changed_values(teacher, data) and not earlier:
        return teacher  # the values it has: no new version, history or re-evaluation
    if "left_on" in data:
        _refuse_leaving_before_completions(teacher, data["left_on"])
    if "birth_date" in data:
        _refuse_birth_after_records(teacher, data["birth_date"])
    if data.keys() & {"staff_no", "school", "school_id", "left_on"}:
        stored = _staff_values({}, teacher)
        _refuse_staff_no_taken(_staff_values(data, teacher), stored, teacher.id_number)
    before = {**_fact_snapshot(teacher), **earlier}
    apply_changes(teacher, data, touched=bool(earlier))  # a new history: a new version
    facts_record(teacher=teacher, before=before, effective_on=effective_on, user=user)
    teachers_reevaluate(teacher_ids=[teacher.pk])
    if "left_on" in data:
        teacher_tokens_revoke(teacher_ids=_left_by_today([(teacher.pk, teacher.left_on)]))
    return teacher


def _held_otherwise(
    teacher: Teacher, data: dict[str, Any], effective_on: date | None
) -> dict[str, str]:
    """The dated facts ``data`` sets to today's value from an earlier ``effective_on`` while
    the history holds another value on that day (attr → that value): a back-dated change
    that a later one already reflects (DESIGN §3: the new value holds from the date named).
    It is recorded, not skipped as a write of today's values; the columns stay."""
    if effective_on is None or effective_on >= timezone.localdate():
        return {}
    held: dict[str, str] = {}
    for field, attr in FACT_ATTRS.items():
        name = "school" if attr == "school_id" else attr
        if name not in data or changed_values(teacher, {name: data[name]}):
            continue  # not sent, or a change of today's value (recorded as any change)
        rows = TeacherFact.objects.filter(teacher=teacher, field=field)
        on_the_day = (
            rows.filter(effective_on__lte=effective_on).order_by("-effective_on").first()
            or rows.order_by("effective_on").first()  # before the first row: its value
        )
        if on_the_day is not None and on_the_day.value != _fact_value(teacher, attr):
            held[attr] = on_the_day.value
    return held


def _left_by_today(leaving: Sequence[tuple[int, Any]]) -> list[int]:
    """The teachers who have left by today (models.has_left): their account signs in no more
    (accounts.models.User.teacher_has_left), and its tokens end when the date is recorded."""
    today = timezone.localdate()
    return [
        pk
        for pk, left_on in leaving
        if isinstance(left_on, date) and has_left(left_on, today=today)
    ]


def training_completions_held() -> str:
    return _(
        "This teacher has training completions, which are the training bases' records of "
        "their training and are kept. Record the teacher's leaving date instead."
    )


@transaction.atomic
def teacher_delete(*, teacher: Teacher) -> None:
    """Delete a teacher with their own records: certificates, periods, dated facts and
    evidence files (the stored files too, once the delete commits). Other parties' records
    keep the teacher, and the delete is refused: training completions (the bases', voided
    ones too) here, recognition applications and recognitions by their PROTECT
    (api.perform_destroy says why); the school records the leaving date instead."""
    # Imported here: recognition.services reads teachers.selectors, which imports this module.
    from shuangshi.recognition.services import teacher_evidence_delete

    teacher_id = teacher.pk
    if TrainingCompletion.objects.filter(teacher_id=teacher_id).exists():
        raise ValidationError({"non_field_errors": [training_completions_held()]})
    teacher_accounts_deactivate(teacher_ids=[teacher_id])  # no account left without its teacher
    teacher_evidence_delete(teacher_id=teacher_id)
    teacher.delete()
    teachers_reevaluate(teacher_ids=[teacher_id])


# A record stored twice (validation.certificate_duplicate_errors, period_duplicate_errors):
# refused here, for every writer (API, admin), and by the database's constraints behind it
# (models: teachers_certificate_once, teachers_period_once) when two writes of the same
# record meet; their clash is refused as the rule refuses it.
_ONCE: dict[type[Proposed], tuple[str, tuple[str, ...], Any, Any]] = {
    Certificate: (
        "teachers_certificate_once",
        ("teacher", "kind", "number", "status"),
        certificate_duplicate_errors,
        lambda: {"number": [certificate_taken()]},
    ),
    EnterprisePeriod: (
        "teachers_period_once",
        ("teacher", "kind", "enterprise", "start_on", "status"),
        period_duplicate_errors,
        lambda: {"start_on": [period_taken()]},
    ),
}


def stored_twice_errors(
    model: type[Proposed], data: dict[str, Any], record: Proposed | None = None
) -> Errors:
    """Why the new or changed record is one its teacher already has, or nothing (a rejected
    proposal is none, and stands in nobody's way). A change that leaves the record's identity
    alone is not compared (a pair stored before the rule keeps its records). The API asks
    it too when it refuses the record's dates, so that one answer names every field."""
    from .selectors import records_compared  # selectors imports this module

    _constraint, fields, duplicate_errors, _taken = _ONCE[model]
    values = {f: getattr(record, f) for f in fields} if record is not None else {}
    values.update({f: data[f] for f in fields if f in data})
    if "teacher" not in values and "teacher_id" in data:
        values["teacher"] = data["teacher_id"]
    if record is not None and all(values[f] == getattr(record, f) for f in fields):
        return {}
    if values.get("status") == RecordStatus.REJECTED or values.get("teacher") is None:
        return {}
    teacher = values["teacher"]
    stored = records_compared(
        model,
        teacher_id=getattr(teacher, "pk", teacher),
        exclude=record.pk if record is not None else None,
    )
    errors: Errors = duplicate_errors(values, stored)
    return errors


def _refuse_stored_twice(
    model: type[Proposed], data: dict[str, Any], record: Proposed | None = None
) -> None:
    """The new or changed record is not one its teacher already has (stored_twice_errors)."""
    errors = stored_twice_errors(model, data, record)
    if errors:
        raise ValidationError(errors)


def _saved_once(model: type[Proposed], save: Any) -> Any:
    """``save()`` in a savepoint; a clash with the record's constraint (the same record
    written at the same moment) is refused as the rule refuses it, at its field."""
    constraint, _fields, _duplicate_errors, taken = _ONCE[model]
    try:
        with transaction.atomic():
            return save()
    except IntegrityError as exc:
        if constraint in str(exc):
            raise ValidationError(taken()) from None
        raise


@transaction.atomic
def certificate_create(*, data: dict[str, Any]) -> Certificate:
    refuse_teacher_gone(data.get("teacher", data.get("teacher_id")))
    _refuse_stored_twice(Certificate, data)
    certificate: Certificate = _saved_once(Certificate, lambda: Certificate.objects.create(**data))
    teachers_reevaluate(teacher_ids=[certificate.teacher_id])
    return certificate


def _keeps_its_teacher_with_evidence(
    record: Certificate | EnterprisePeriod, data: dict[str, Any]
) -> None:
    """A record with evidence files stays with its teacher: a file is its teacher's (its
    upload refuses another teacher's record), and moving the record would show it to
    another school's HR, who could neither open it nor the teacher find the record again."""
    teacher = data.get("teacher")
    moved = teacher is not None and getattr(teacher, "pk", teacher) != record.teacher_id
    if moved and record.evidence_files.exists():  # type: ignore[union-attr]
        raise ValidationError(
            {
                "teacher": [
                    _(
                        "This record has evidence files of its teacher and cannot move to "
                        "another teacher. Register the record for the other teacher instead."
                    )
                ]
            }
        )


@transaction.atomic
def certificate_update(*, certificate: Certificate, data: dict[str, Any]) -> Certificate:
    if not changed_values(certificate, data):
        return certificate  # the values it has: no new version nor re-evaluation
    _keeps_its_teacher_with_evidence(certificate, data)
    refuse_teacher_gone(data.get("teacher"))
    _refuse_stored_twice(Certificate, data, certificate)
    old_teacher = certificate.teacher_id
    _saved_once(Certificate, lambda: apply_changes(certificate, data))
    teachers_reevaluate(teacher_ids={old_teacher, certificate.teacher_id})
    return certificate


@transaction.atomic
def certificate_delete(*, certificate: Certificate) -> None:
    teacher_id = certificate.teacher_id
    certificate.delete()
    teachers_reevaluate(teacher_ids=[teacher_id])


@transaction.atomic
def period_create(*, data: dict[str, Any]) -> EnterprisePeriod:
    refuse_teacher_gone(data.get("teacher", data.get("teacher_id")))
    _refuse_stored_twice(EnterprisePeriod, data)
    period: EnterprisePeriod = _saved_once(
        EnterprisePeriod, lambda: EnterprisePeriod.objects.create(**data)
    )
    teachers_reevaluate(teacher_ids=[period.teacher_id])
    return period


@transaction.atomic
def period_update(*, period: EnterprisePeriod, data: dict[str, Any]) -> EnterprisePeriod:
    if not changed_values(period, data):
        return period  # the values it has: no new version nor re-evaluation
    _keeps_its_teacher_with_evidence(period, data)
    refuse_teacher_gone(data.get("teacher"))
    _refuse_stored_twice(EnterprisePeriod, data, period)
    old_teacher = period.teacher_id
    _saved_once(EnterprisePeriod, lambda: apply_changes(period, data))
    teachers_reevaluate(teacher_ids={old_teacher, period.teacher_id})
    return period


@transaction.atomic
def period_delete(*, period: EnterprisePeriod) -> None:
    teacher_id = period.teacher_id
    period.delete()
    teachers_reevaluate(teacher_ids=[teacher_id])


def _check_pending(record: Proposed) -> None:
    if record.status != RecordStatus.PENDING:
        raise ValidationError(
            {"status": [_("Only a pending record can be confirmed or rejected.")]}
        )


@transaction.atomic
def record_confirm(*, record: Proposed) -> Proposed:
    """School HR confirms what a teacher proposed: from now on it counts in the rules."""
    _check_pending(record)
    apply_changes(record, {"status": RecordStatus.CONFIRMED, "reject_reason": ""})
    teachers_reevaluate(teacher_ids=[record.teacher_id])
    return record


@transaction.atomic
def record_reject(*, record: Proposed, reason: str) -> Proposed:
    """School HR rejects a proposed record, saying why; it never counts."""
    _check_pending(record)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the record is rejected.")]})
    apply_changes(record, {"status": RecordStatus.REJECTED, "reject_reason": reason.strip()})
    teachers_reevaluate(teacher_ids=[record.teacher_id])
    return record


# --------------------------------------------------------------------------- batches
#
# The batch forms of the writes above, for importers: bulk (COPY on PostgreSQL), audited
# in bulk, dated facts recorded, and one re-evaluation for the whole batch (or none, when
# the caller re-evaluates once for a whole import: ``reevaluate=False``).

Pair = tuple[dict[str, Any], dict[str, Any]]


def _column(model: Any, name: str) -> str:
    return str(connection.ops.quote_name(str(model._meta.get_field(name).column)))


def facts_compact(*, batch: int = 50_000) -> int:
    """Delete the dated-fact rows that only repeat a teacher's columns: the row of each
    field dated hired_on, holding the column's value, of a teacher with no history past
    hired_on (rows every new teacher got before fields were stored only once they change).
    Nothing reads them (the loader skips such teachers; the history shows the columns), so
    evaluations and the history are the same after. One transaction per ``batch`` teacher
    ids; returns how many rows were deleted."""
    table = connection.ops.quote_name(TeacherFact._meta.db_table)
    teachers = connection.ops.quote_name(Teacher._meta.db_table)
    values = " ".join(
        f"WHEN '{field}' THEN COALESCE(CAST(t.{_column(Teacher, attr)} AS TEXT), '')"
        for field, attr in FACT_ATTRS.items()
    )
    pk, hired_on, since = (_column(Teacher, n) for n in ("id", "hired_on", "facts_since"))
    sql = (
        f"DELETE FROM {table} WHERE id IN (SELECT f.id FROM {table} f "
        f"JOIN {teachers} t ON t.{pk} = f.teacher_id "
        f"WHERE t.{pk} >= %s AND t.{pk} < %s "
        f"AND (t.{since} IS NULL OR t.{since} <= t.{hired_on}) "
        f"AND f.effective_on = t.{hired_on} AND f.value = CASE f.field {values} END)"
    )
    bounds = Teacher.objects.aggregate(lo=Min("id"), hi=Max("id"))
    if bounds["lo"] is None:
        return 0
    deleted = 0
    for start in range(bounds["lo"], bounds["hi"] + 1, batch):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [start, start + batch])
            deleted += cursor.rowcount
    return deleted


# The search indexes with a pending list and the columns each indexes: the trigram index
# over the three columns joined (migration 0013) and the short searches' characters (0012).
SEARCH_INDEXES = {
    "teachers_teacher_search_trgm": ("name", "staff_no", "major"),
    "teachers_teacher_search_chars": ("name", "staff_no", "major"),
}


def _search_indexes_merge(rows: Sequence[dict[str, Any]]) -> None:
    """PostgreSQL: merge the search indexes' pending lists after a batch wrote searched
    columns (in bulk, much cheaper than one index update per row; searches right after the
    import scan no pending list). A user who does not own the indexes cannot: the lists
    are then merged by the next vacuum or when they reach their limit.

    Inside an import's commit (bulk.overlapping) the merge waits for the commit: a statement
    after each batch would hold the worker until the server had stored the batch, and the
    lists (each at most gin_pending_list_limit, merged by the inserts themselves beyond it)
    are merged once the rows are committed, before the import's job ends."""
    if connection.vendor != "postgresql" or not rows:
        return
    written = rows[0].keys()
    indexes = [index for index, columns in SEARCH_INDEXES.items() if written & set(columns)]
    if not indexes:
        return
    if bulk.overlapping():
        # Once per index and commit (a later batch may write an index the first did not).
        fresh = [index for index in indexes if bulk.first_in_block(f"merge {index}")]
        if fresh:
            transaction.on_commit(functools.partial(_search_indexes_clean, fresh))
        return
    _search_indexes_clean(indexes)


def _search_indexes_clean(indexes: list[str]) -> None:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT gin_clean_pending_list(i::regclass) FROM unnest(%s::text[]) AS i",
                [indexes],
            )
    except DatabaseError:
        pass  # not the owner (or no such index): the list waits for the vacuum


@bulk.batch_atomic
def teachers_write_batch(
    *,
    new: Sequence[dict[str, Any]],
    updated: Sequence[Pair],
    actor_id: int | None = None,
    audit_data: dict[str, Any] | None = None,
    reevaluate: bool = True,
) -> list[int]:
    """Create ``new`` teachers (rows with every column) and apply ``updated`` (before,
    after) pairs; returns the ids of the teachers written (a pair that changes nothing is
    left out: common.batch.write_rows). Dated facts: a new teacher's values hold
    from hired_on; a changed school, employment, course type, title or major category
    holds from today (or from hired_on for a teacher not yet hired)."""
    drawn = bulk.next_ids(Teacher, len(new))  # PostgreSQL: inserted with their ids
    # Read before the writes, so that evaluating the new teachers after them needs no
    # statement: inside an import (bulk.overlapped) it runs while the server still stores
    # the audit entries.
    ready = evaluation_ready() if reevaluate and new else None
    if drawn is not None:
        new = [
            {"id": tid, **row, "facts_since": row["hired_on"]}
            for tid, row in zip(drawn, new, strict=True)
        ]
    else:
        new = [{**row, "facts_since": row["hired_on"]} for row in new]
    # Only the pairs that change something: the follow-ups below (dated facts, re-evaluation,
    # search indexes, tokens) leave the others alone too.
    updated = write_rows(
        Teacher,
        new=new,
        updated=updated,
        key=("id_number",),
        actor_id=actor_id,
        audit_data=audit_data,
    )
    today = timezone.localdate()
    ids: list[int] = []
    created_rows: Sequence[dict[str, Any]] = new  # with their ids
    if drawn is not None:
        ids.extend(drawn)
    elif new:
        created = dict(
            Teacher.objects.filter(id_number__in=[r["id_number"] for r in new]).values_list(
                "id_number", "id"
            )
        )
        created_rows = [{**row, "id": created[row["id_number"]]} for row in new]
        ids.extend(row["id"] for row in created_rows)
    # New teachers: no fact rows (their columns hold from hired_on).
    changes: list[TeacherFact] = []
    moved: dict[date, list[int]] = {}
    for before, after in updated:
        ids.append(after["id"])
        on = max(today, after.get("hired_on") or before.get("hired_on") or today)
        for field, attr in FACT_ATTRS.items():
            if attr in after and _fact_value(after, attr) != _fact_value(before, attr):
                changes.append(
                    TeacherFact(
                        teacher_id=after["id"],
                        field=field,
                        value=_fact_value(after, attr),
                        effective_on=on,
                        recorded_by_id=actor_id,
                    )
                )
                moved.setdefault(on, []).append(after["id"])
    if changes:
        _facts_first_values(changes, {after["id"]: (before, after) for before, after in updated})
        TeacherFact.objects.bulk_create(
            changes,
            update_conflicts=True,
            unique_fields=["teacher", "field", "effective_on"],
            update_fields=["value", "recorded_by", "recorded_at"],
            batch_size=2000,
        )
        for on, moved_ids in moved.items():
            Teacher.objects.filter(pk__in=moved_ids).update(facts_since=on)
    if reevaluate:
        # New teachers have nothing stored yet: evaluated from their rows, without reads.
        teachers_evaluate_created(teachers=created_rows, ready=ready)
        teachers_reevaluate(teacher_ids=ids[len(created_rows) :])
    _search_indexes_merge([*new, *(after for _before, after in updated)])
    teacher_tokens_revoke(
        teacher_ids=_left_by_today([(a["id"], a["left_on"]) for _b, a in updated if "left_on" in a])
    )
    return ids


def _facts_first_values(changes: Sequence[TeacherFact], pairs: dict[int, Pair]) -> None:
    """Before a field's first stored change: its old value, held from hired_on (recorded
    by nobody: it is what the teacher row said). A change dated hired_on then replaces it
    (the bulk upsert that follows)."""
    wanted = {(c.teacher_id, c.field) for c in changes}
    stored = set(
        TeacherFact.objects.filter(
            teacher_id__in={t for t, _f in wanted}, field__in={f for _t, f in wanted}
        )
        .values_list("teacher_id", "field")
        .distinct()
    )
    first: list[TeacherFact] = []
    for teacher_id, field in sorted(wanted - stored):
        before, after = pairs[teacher_id]
        hired_on = before.get("hired_on") or after.get("hired_on") or timezone.localdate()
        first.append(
            TeacherFact(
                teacher_id=teacher_id,
                field=field,
                value=_fact_value(before, FACT_ATTRS[field]),
                effective_on=hired_on,
                recorded_by=None,
            )
        )
    # A concurrent write that stored the same first value meanwhile wins (same row).
    TeacherFact.objects.bulk_create(first, batch_size=2000, ignore_conflicts=True)


def _records_batch(
    model: type[Certificate] | type[EnterprisePeriod],
    key: tuple[str, ...],
    new: Sequence[dict[str, Any]],
    updated: Sequence[Pair],
    actor_id: int | None,
    audit_data: dict[str, Any] | None,
    reevaluate: bool,
) -> set[int]:
    updated = write_rows(
        model, new=new, updated=updated, key=key, actor_id=actor_id, audit_data=audit_data
    )  # the pairs that change something: their teachers alone are re-evaluated
    teachers = {int(r["teacher_id"]) for r in new}
    teachers |= {int(b["teacher_id"]) for b, _a in updated if b.get("teacher_id")}
    if reevaluate:
        teachers_reevaluate(teacher_ids=teachers)
    return teachers


@transaction.atomic
def certificates_write_batch(
    *,
    new: Sequence[dict[str, Any]],
    updated: Sequence[Pair],
    actor_id: int | None = None,
    audit_data: dict[str, Any] | None = None,
    reevaluate: bool = True,
) -> set[int]:
    """Certificates in bulk (keyed by teacher, kind and number); returns their teachers."""
    key = ("teacher_id", "kind", "number")
    return _records_batch(Certificate, key, new, updated, actor_id, audit_data, reevaluate)


def teachers_touch(*, teacher_ids: Sequence[int]) -> None:
    """Mark these teachers written now (``updated_at``) and change nothing else: called by
    the qualification re-evaluation of a write made while a full re-evaluation runs, which
    takes the marked teachers up again at its end (qualification.services._rebuild)."""
    Teacher.objects.filter(pk__in=teacher_ids).update(updated_at=timezone.now())


@transaction.atomic
def periods_write_batch(
    *,
    new: Sequence[dict[str, Any]],
    updated: Sequence[Pair],
    actor_id: int | None = None,
    audit_data: dict[str, Any] | None = None,
    reevaluate: bool = True,
) -> set[int]:
    """Enterprise periods in bulk (keyed by teacher, kind, enterprise and start)."""
    key = ("teacher_id", "kind", "enterprise", "start_on")
    return _records_batch(EnterprisePeriod, key, new, updated, actor_id, audit_data, reevaluate)


_COMPACT = f"""
WITH gone AS (
    DELETE FROM {SchoolTeacherCount._meta.db_table} WHERE school_id = ANY(%s)
    RETURNING school_id, teachers
)
INSERT INTO {SchoolTeacherCount._meta.db_table} (school_id, teachers)
SELECT school_id, sum(teachers) FROM gone GROUP BY school_id
"""


def teacher_counts_compact(*, school_ids: list[int]) -> None:
    """Each school's count rows summed into one. Concurrent writers append rows the
    statement does not see, and a concurrent compaction waits for this one: sums stay exact."""
    with connection.cursor() as cursor:
        cursor.execute(_COMPACT, [sorted(set(school_ids))])


TIDY_LOCK_TIMEOUT = "1s"


def teacher_counts_tidy() -> int:
    """Every school's count rows summed into one, and the table rewritten to that size
    (PostgreSQL; nightly, and after a bulk load). Returns the rows left.

    Each statement that adds or removes teachers appends a row per school it touched, and
    summing deletes them: after loading the country in 26 statements the table held 11,000
    live rows in 15 MB of dead ones, and every page of the province's teacher list read all
    of it for the total (4 ms of PostgreSQL a request; 0.9 ms once rewritten)."""
    if connection.vendor != "postgresql":
        return 0
    table = SchoolTeacherCount._meta.db_table
    school_ids = list(SchoolTeacherCount.objects.values_list("school_id", flat=True).distinct())
    teacher_counts_compact(school_ids=school_ids)
    if not connection.in_atomic_block:
        with connection.cursor() as cursor:
            # A brief exclusive lock on a small table. Not waited for: behind a long import
            # (its triggers hold the table until it commits) the waiting rewrite would hold
            # up every list's total; the next night rewrites it instead.
            cursor.execute(f"SET lock_timeout = '{TIDY_LOCK_TIMEOUT}'")
            try:
                cursor.execute(f"VACUUM (FULL, ANALYZE) {connection.ops.quote_name(table)}")
            except OperationalError:
                pass  # the table is busy: summed already, rewritten another night
            finally:
                cursor.execute("RESET lock_timeout")
    return SchoolTeacherCount.objects.count()
