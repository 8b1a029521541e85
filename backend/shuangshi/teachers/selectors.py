"""Reads of teacher records that are more than a scoped queryset."""

import random
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from typing import Any, NamedTuple

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.options import Options
from django.utils import timezone

from shuangshi.common import prepared
from shuangshi.qualification.models import TeacherQualification
from shuangshi.qualification.reports import VERDICT_COLUMNS, StoredVerdict
from shuangshi.qualification.selectors import level_after_sql, profile_version_sql
from shuangshi.recognition.models import LEVELS as RECOGNITION_LEVELS
from shuangshi.recognition.models import Recognition
from shuangshi.recognition.selectors import recognitions_in_force
from shuangshi.schools.models import School

from .models import (
    FACT_ATTRS,
    Certificate,
    EnterprisePeriod,
    RecordStatus,
    SchoolTeacherCount,
    Teacher,
    TeacherFact,
)
from .services import teacher_counts_compact

# A school's count rows are summed into one when there are more than this many per school
# (looked at in one read in COMPACT_CHANCE).
COMPACT_ROWS_PER_SCHOOL = 4
COMPACT_CHANCE = 0.02


class TeacherRow(NamedTuple):
    """A row of the teacher list (teachers.api.TeacherListSerializer): its columns read as
    values. Three model instances a row (teacher, school, stored result), built and then
    read once, cost more than the rest of a page of 1.3M teachers (issue 11)."""

    id: int
    school_id: int
    school_name: str
    staff_no: str
    name: str
    id_number: str
    gender: str
    birth_date: date
    employment: str
    course_type: str
    major: str
    education: str
    normal_graduate: bool
    title: str
    hired_on: date
    teaching_since: date
    left_on: date | None
    major_category: str | None
    version: int
    verdict: StoredVerdict | None  # the stored result's verdict; None before the first
    # The level from the verdict's valid_until on, as read with the row (qualification
    # selectors.level_after_sql); None when not read so (then levels_after is asked).
    level_after: str | None = None
    # The rule profile in force, read with the page's rows (qualification selectors.
    # profile_version_sql); None when not read so (then it is asked on its own).
    profile_version: int | None = None
    # The official recognition in force today (DESIGN §8, beside the computed verdict): the
    # highest level held, the latest to end among equals; None when none is.
    recognized_level: str | None = None
    recognized_valid_until: date | None = None

    @property
    def pk(self) -> int:
        return self.id


# TeacherRow's columns as the teacher query names them (those before the verdict's).
_ROW_COLUMNS = tuple(
    "school__name" if name == "school_name" else name
    for name in TeacherRow._fields[: TeacherRow._fields.index("verdict")]
)


def _level_rank(level: str) -> str:
    """SQL ranking a recognition's level (``level``: its column), higher for a higher one."""
    whens = " ".join(f"WHEN '{name}' THEN {n}" for n, name in enumerate(RECOGNITION_LEVELS, 1))
    return f"CASE {level} {whens} ELSE 0 END"


@cache
def _rows_sql_parts() -> tuple[str, str]:
    """_ROW_COLUMNS and VERDICT_COLUMNS of teachers by id, in SQL written once from the
    models (the ORM's three-table query cost more to build and compile than to run): the
    text before and after the query of the ids, which goes between them. One parameter
    comes before the ids' own: today, for the recognition in force (recognitions_in_force,
    a LATERAL join by the recognition's teacher index, for the page's rows only)."""
    qn = connection.ops.quote_name
    teacher, school = Teacher._meta, School._meta
    result = TeacherQualification._meta
    tables: dict[str, tuple[str, Options[Any]]] = {
        "": ("t", teacher),
        "school": ("s", school),
        "qualification": ("q", result),
    }
    columns = []
    for name in (*_ROW_COLUMNS, *VERDICT_COLUMNS):
        table, _, field = name.rpartition("__")
        alias, meta = tables[table]
        columns.append(f"{alias}.{qn(meta.get_field(field).column)}")  # type: ignore[union-attr,arg-type]
    owner, school_id = result.get_field("teacher").column, teacher.get_field("school").column
    horizon, level_after = level_after_sql(
        teacher_id=f"t.{qn(teacher.pk.column)}",
        day=f"q.{qn(result.get_field('valid_until').column)}",  # type: ignore[union-attr]
    )
    # recognitions_in_force in SQL: in force on the day (active_on), the one that counts first.
    recognition = Recognition._meta
    r = {f: f"r.{qn(recognition.get_field(f).column)}" for f in _RECOGNITION_FIELDS}  # type: ignore[union-attr,arg-type]
    held = (
        f"LEFT JOIN LATERAL (SELECT {r['level']} AS level, {r['valid_until']} AS valid_until "
        f"FROM {qn(recognition.db_table)} r, recognition_day d "
        f"WHERE {r['teacher']} = t.{qn(teacher.pk.column)} AND {r['recognized_on']} <= d.day "
        f"AND {r['valid_until']} >= d.day AND ({r['revoked_on']} IS NULL OR "
        f"{r['revoked_on']} > d.day) ORDER BY {_level_rank(r['level'])} DESC, "
        f"{r['valid_until']} DESC, {r['id']} DESC LIMIT 1) recognized ON true"
    )
    # ARRAY(query) keeps the query's order; WITH ORDINALITY numbers it for the ORDER BY.
    return (
        f"WITH {horizon}, recognition_day AS (SELECT %s::date AS day) "
        f"SELECT {', '.join(columns)}, level_after.level, "
        f"{profile_version_sql()}, recognized.level, recognized.valid_until "
        f"FROM unnest(ARRAY(",
        f")) WITH ORDINALITY AS p(id, n) "
        f"JOIN {qn(teacher.db_table)} t ON t.{qn(teacher.pk.column)} = p.id "
        f"JOIN {qn(school.db_table)} s ON s.{qn(school.pk.column)} = t.{qn(school_id)} "
        f"LEFT JOIN {qn(result.db_table)} q ON q.{qn(owner)} = t.{qn(teacher.pk.column)} "
        f"{level_after} {held} ORDER BY p.n",
    )


_RECOGNITION_FIELDS = ("id", "teacher", "level", "recognized_on", "valid_until", "revoked_on")


def _page_rows_sql(ids_sql: str) -> str:
    before, after = _rows_sql_parts()
    return before + ids_sql + after


def teacher_list_rows(ids: QuerySet[Any]) -> list[TeacherRow]:
    """The list rows of the teachers a query of ids finds (a list page's), in its order, in
    one query: on PostgreSQL in SQL written once (a list page asks for it every time), the
    ids' query inside it; elsewhere through the ORM. With each row the recognition in
    force today (recognitions_in_force)."""
    today = timezone.localdate()
    if connection.vendor == "postgresql":
        try:
            ids_sql, ids_params = prepared.sql_of(ids)
        except EmptyResultSet:  # a filter that can match nothing (the ORM asks no query)
            return []
        sql, params = _page_rows_sql(ids_sql), [today, *ids_params]
        # A page of the whole list (no filter, no search: only the day as a parameter) is
        # one statement per page number: prepared (the day's value does not change its
        # plan). One with the ids' parameters is planned for their values (a search term's
        # plan depends on it: shuangshi.common.prepared).
        with prepared.cursor() if not ids_params else connection.cursor() as cursor:
            cursor.execute(sql, params)
            found: Iterable[Sequence[Any]] = cursor.fetchall()
        tail = 2  # level_after, profile_version: read on PostgreSQL
    else:
        wanted = list(ids)
        position = {pk: n for n, pk in enumerate(wanted)}
        held = recognitions_in_force(today).filter(teacher=OuterRef("pk"))
        found = sorted(
            Teacher.objects.filter(pk__in=wanted)
            .annotate(
                recognized_level=Subquery(held.values("level")[:1]),
                recognized_valid_until=Subquery(held.values("valid_until")[:1]),
            )
            .values_list(
                *_ROW_COLUMNS, *VERDICT_COLUMNS, "recognized_level", "recognized_valid_until"
            ),
            key=lambda values: position[values[0]],
        )
        tail = 0
    n, m = len(_ROW_COLUMNS), len(_ROW_COLUMNS) + len(VERDICT_COLUMNS)
    rows = []
    for values in found:
        verdict = None if values[n] is None else StoredVerdict._make(values[n:m])
        after = (*values[m : m + tail], *[None] * (2 - tail), *values[m + tail :])
        rows.append(TeacherRow._make((*values[:n], verdict, *after)))
    return rows


def teacher_facts(*, teacher: Teacher) -> list[TeacherFact]:
    """A teacher's dated facts (DESIGN §3), by field then date; who recorded each.

    A field that never changed has no row (teachers.services): it is shown as its column's
    value from hired_on, recorded when the teacher was."""
    rows = list(
        TeacherFact.objects.filter(teacher=teacher)
        .select_related("recorded_by")
        .order_by("field", "effective_on", "id")
    )
    stored = {row.field for row in rows}
    for field, attr in FACT_ATTRS.items():
        if field not in stored:
            value = getattr(teacher, attr)
            rows.append(
                TeacherFact(
                    teacher=teacher,
                    field=field,
                    value="" if value is None else str(value),
                    effective_on=teacher.hired_on,
                    recorded_at=teacher.created_at,
                )
            )
    rows.sort(key=lambda row: (row.field, row.effective_on))  # stable: ids stay in order
    return rows


_TOTAL = f"""
SELECT COALESCE(SUM(teachers), 0), COUNT(*) FROM {SchoolTeacherCount._meta.db_table}
WHERE school_id {{where}}
"""
_SCHOOLS = f"""
SELECT array_agg(DISTINCT school_id) FROM {SchoolTeacherCount._meta.db_table}
WHERE school_id {{where}}
"""


def teacher_total(*, schools: QuerySet[School] | None = None) -> int | None:
    """How many teachers the schools have (every school when None), exact and without
    counting teacher rows: from SchoolTeacherCount, kept by triggers on PostgreSQL. None
    where no counts are kept (SQLite). In SQL written here: it runs on every list page."""
    if connection.vendor != "postgresql":
        return None
    if schools is None:  # the province's own rows, not one per school
        where, params = "= %s", [SchoolTeacherCount.PROVINCE_ROW]
    else:
        sql, ids_params = schools.order_by().values("pk").query.sql_with_params()
        where, params = f"IN ({sql})", list(ids_params)
    with prepared.cursor() as cursor:  # by school ids: its plan holds for any of them
        cursor.execute(_TOTAL.format(where=where), params)
        total, seen = cursor.fetchone()
        # Whether to compact is asked now and then only: finding the schools costs more
        # than summing their rows.
        if seen > 1 and random.random() < COMPACT_CHANCE:
            cursor.execute(_SCHOOLS.format(where=where), params)
            school_ids = cursor.fetchone()[0] or []
            if seen > COMPACT_ROWS_PER_SCHOOL * len(school_ids):
                teacher_counts_compact(school_ids=school_ids)
    return int(total)


def records_compared(
    model: type[Certificate] | type[EnterprisePeriod],
    *,
    teacher_id: int,
    exclude: int | None = None,
) -> list[dict[str, Any]]:
    """A teacher's certificates or periods that a new or changed one may not repeat
    (validation.certificate_duplicate_errors, period_duplicate_errors): all but the record
    itself (``exclude``) and rejected proposals, which count nowhere."""
    fields = ("kind", "number") if model is Certificate else ("kind", "enterprise", "start_on")
    rows = model.objects.filter(teacher_id=teacher_id).exclude(status=RecordStatus.REJECTED)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return list(rows.values(*fields))
