"""A full rebuild by forked worker processes stores exactly what one process stores
(PostgreSQL only: the workers read and write on their own connections)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import intervals, selectors, services, swap
from shuangshi.qualification.models import (
    STAT_FIELDS,
    SchoolCountDelta,
    SchoolCountMonth,
    SchoolStats,
    TeacherLevelInterval,
    TeacherQualification,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="forked workers: PostgreSQL"),
]


def _staff(school):
    today = timezone.localdate()
    for k in range(4):
        t = testing.make_teacher(school, left_on=today + timedelta(days=90 * k) if k else None)
        testing.make_certificate(t, expires_on=today + timedelta(days=40 + 200 * k))
        testing.make_period(
            t, start_on=today - timedelta(days=700 + k), end_on=today - timedelta(days=400)
        )
    skilled = testing.make_teacher(
        school, hired_on=date(2024, 9, 1), teaching_since=date(2024, 9, 1)
    )
    testing.make_certificate(skilled, issued_on=date(2022, 1, 1))
    testing.make_certificate(
        skilled, kind="skill_level", level="grade3", issued_on=date(2023, 3, 1)
    )
    testing.make_teacher(school, course_type="public")
    testing.make_teacher(school, employment="part_time")


def _stored():
    return {
        "results": list(
            TeacherQualification.objects.order_by("teacher_id").values_list(*services.COLUMNS)
        ),
        "intervals": list(
            TeacherLevelInterval.objects.order_by("teacher_id", "valid_from").values_list(
                *intervals.INTERVAL_COLUMNS
            )
        ),
        "deltas": list(
            SchoolCountDelta.objects.order_by("school_id", "on").values_list(
                "school_id", "on", *STAT_FIELDS
            )
        ),
        "months": list(
            SchoolCountMonth.objects.order_by("school_id", "month_end").values_list(
                "school_id", "month_end", *STAT_FIELDS
            )
        ),
        "stats": list(
            SchoolStats.objects.order_by("school_id").values_list("school_id", *STAT_FIELDS)
        ),
    }


def test_forked_workers_store_what_one_process_stores(school_a, school_b):
    _staff(school_a)
    _staff(school_b)
    n = services.qualifications_rebuild(parallel=False, batch_size=3)
    serial = _stored()
    assert n == 14 and len(serial["results"]) == 14 and serial["intervals"]
    TeacherQualification.objects.update(level="senior")  # stale: must be rewritten
    written: list[int] = []
    n = services.qualifications_rebuild(workers=2, batch_size=3, rewrite_all=True, written=written)
    assert (n, written) == (14, [14])
    assert _stored() == serial


def test_a_failing_worker_fails_the_rebuild(school_a, monkeypatch):
    _staff(school_a)

    def broken(*args, **kwargs):
        raise ValueError("broken batch")

    monkeypatch.setattr(services, "evaluate_rows", broken)
    with pytest.raises(RuntimeError, match="broken batch"):
        services.qualifications_rebuild(workers=2, batch_size=3, rewrite_all=True)
    assert _schema()[3] == []  # the build's copies are dropped


def _schema():
    """Index definitions, identity sequences and table oids of the swapped tables."""
    tables = [
        m._meta.db_table
        for m in (TeacherQualification, TeacherLevelInterval, SchoolCountDelta, SchoolCountMonth)
    ]
    with connection.cursor() as cur:
        cur.execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes"
            " WHERE tablename = ANY(%s) ORDER BY 1, 2",
            [tables],
        )
        indexes = cur.fetchall()
        cur.execute(
            "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid)"
            " FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s) ORDER BY 1, 2",
            [tables],
        )
        indexes += cur.fetchall()
        cur.execute(
            "SELECT pg_get_serial_sequence(%s, 'id'), to_regclass(%s)::oid, to_regclass(%s)::oid",
            [tables[1], tables[0], tables[1]],
        )
        sequence, *oids = cur.fetchone()
        cur.execute("SELECT to_regclass(%s)::oid, to_regclass(%s)::oid", [tables[2], tables[3]])
        oids += cur.fetchone()
        cur.execute("SELECT relname FROM pg_class WHERE relname LIKE %s", ["%\\_build%"])
        leftovers = [r[0] for r in cur.fetchall()]
    return indexes, sequence, oids, leftovers


def test_a_parallel_build_swaps_in_tables_with_the_migrated_schema(school_a):
    _staff(school_a)
    indexes, sequence, oids, leftovers = _schema()
    assert len(indexes) == 13 + 7 and sequence and not leftovers
    services.qualifications_rebuild(workers=2, batch_size=3, rewrite_all=True)
    after_indexes, after_sequence, after_oids, after_leftovers = _schema()
    # Both tables are new ones (swapped in), with the same indexes under the same names.
    assert all(a != b for a, b in zip(oids, after_oids, strict=True))
    assert (after_indexes, after_sequence, after_leftovers) == (indexes, sequence, [])
    assert TeacherQualification.objects.count() == 7
    # The intervals' identity goes on from the copy's rows.
    row = TeacherLevelInterval.objects.order_by("-id").first()
    TeacherLevelInterval.objects.create(
        teacher_id=row.teacher_id,
        school_id=row.school_id,
        valid_from=row.valid_from,
        level="none",
        in_scope=True,
        full_time=True,
        part_time=False,
    )
    assert TeacherLevelInterval.objects.order_by("-id").first().id == row.id + 1


def test_teachers_written_or_deleted_while_a_parallel_build_runs(school_a, school_b):
    from shuangshi.teachers.models import Teacher
    from shuangshi.teachers.services import teacher_delete

    _staff(school_a)
    _staff(school_b)
    services.qualifications_rebuild(parallel=False)
    first = list(Teacher.objects.order_by("pk")[:3])
    doomed, renewed = first[0], first[1]
    doomed_id = doomed.pk
    today = timezone.localdate()
    read, done = selectors.records_for_id_range, []

    def read_then_write(lo, hi, school_ids=None):
        batch = read(lo, hi, school_ids)
        if lo <= doomed_id < hi and not done:  # both written after the build read them
            teacher_delete(teacher=doomed)
            testing.make_certificate(renewed, issued_on=today)
            done.append(True)
        return batch

    selectors.records_for_id_range = read_then_write
    try:
        services.qualifications_rebuild(workers=1, batch_size=3, rewrite_all=True)
    finally:
        selectors.records_for_id_range = read
    assert done
    built = _stored()
    assert not TeacherQualification.objects.filter(teacher_id=doomed_id).exists()
    assert not TeacherLevelInterval.objects.filter(teacher_id=doomed_id).exists()
    services.qualifications_rebuild(parallel=False)  # a fresh evaluation of what is stored
    assert built == _stored()


def test_the_swap_waits_for_readers_and_gives_up_after_its_attempts(school_a):
    _staff(school_a)
    table = TeacherQualification._meta.db_table
    swap.begin(table)
    renames = swap.index(table)
    reader = connection.copy()
    try:
        with reader.cursor() as cur:
            cur.execute("BEGIN")
            cur.execute(f"SELECT count(*) FROM {table}")  # holds its lock until it ends
            with pytest.raises(OperationalError, match="lock timeout"):
                swap.finish(table, renames, lock_timeout_ms=50, attempts=2)
            cur.execute("ROLLBACK")
    finally:
        reader.close()
    swap.finish(table, renames)  # the reader has gone: the (empty) copy is in place
    assert TeacherQualification.objects.count() == 0
    assert _schema()[3] == []


def test_a_build_that_swaps_its_tables_in_leaves_them_vacuumed(school_a):
    """The swapped-in tables are vacuumed as well as analyzed: their first readers do not
    pay for the hint bits, and index-only scans find a visibility map."""
    _staff(school_a)
    services.qualifications_rebuild(parallel=True, batch_size=3, rewrite_all=True, workers=2)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE relname = ANY(%s) "
            "AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL",
            [[TeacherQualification._meta.db_table, TeacherLevelInterval._meta.db_table]],
        )
        vacuumed = {row[0] for row in cur.fetchall()}
    assert vacuumed == {TeacherQualification._meta.db_table, TeacherLevelInterval._meta.db_table}
