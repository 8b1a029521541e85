"""The bulk helpers behind the batch services (COPY and drawn ids on PostgreSQL)."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from shuangshi import testing
from shuangshi.common import bulk
from shuangshi.schools.models import School
from shuangshi.teachers.models import Teacher, TeacherFact

pytestmark = pytest.mark.django_db


def test_elsewhere_no_ids_are_drawn() -> None:
    if connection.vendor == "postgresql":
        assert bulk.next_ids(Teacher, 0) is None
    else:
        assert bulk.next_ids(Teacher, 5) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ids drawn on PostgreSQL")
def test_drawn_ids_are_new_distinct_and_taken_from_the_tables_sequence(school_a: School) -> None:
    before = testing.make_teacher(school_a)
    drawn = bulk.next_ids(Teacher, 2500)
    assert drawn is not None and len(drawn) == 2500 == len(set(drawn))
    assert min(drawn) > before.pk
    again = bulk.next_ids(Teacher, 3)
    assert again is not None and min(again) > max(drawn)
    # The sequence moved past them: a teacher the service creates next takes none of them.
    after = testing.make_teacher(school_a)
    assert after.pk > max(again)


# --------------------------------------------------------------------------- overlapped

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY's answer is read late on PostgreSQL only"
)


def fact(teacher_id: int, day: int) -> dict:
    return {
        "teacher_id": teacher_id,
        "field": "title",
        "value": "senior",
        "effective_on": date(2020, 1, day),
        "recorded_by_id": None,
        "recorded_at": timezone.now(),
    }


@postgres_only
def test_overlapped_copy_is_answered_before_the_next_statement(school_a: School) -> None:
    teacher = testing.make_teacher(school_a)
    with transaction.atomic(), bulk.overlapped():
        bulk.insert(TeacherFact, [fact(teacher.pk, 1), fact(teacher.pk, 2)])
        assert bulk._overlap.pending is not None  # sent; its answer not read yet
        # The next statement reads it first, and sees the rows.
        assert TeacherFact.objects.filter(teacher=teacher, value="senior").count() == 2
        assert bulk._overlap.pending is None
        bulk.insert(TeacherFact, [fact(teacher.pk, 3)])
        bulk.insert(TeacherFact, [fact(teacher.pk, 4)])  # a COPY reads the last one's too
    # Leaving read the last answer: the connection is free for the transaction's end.
    assert bulk._overlap.pending is None and not bulk._overlap.active
    assert TeacherFact.objects.filter(teacher=teacher, value="senior").count() == 4


@postgres_only
def test_a_failed_overlapped_copy_raises_at_the_next_statement_and_nothing_stays(
    school_a: School,
) -> None:
    teacher = testing.make_teacher(school_a)
    with pytest.raises(IntegrityError), transaction.atomic(), bulk.overlapped():
        bulk.insert(TeacherFact, [fact(teacher.pk, 1)])
        bulk.insert(TeacherFact, [fact(teacher.pk + 1000, 1)])  # no such teacher
        # The foreign key is checked as the COPY ends, not at COMMIT: the next statement
        # raises Django's IntegrityError, inside the transaction.
        Teacher.objects.filter(pk=teacher.pk).update(staff_no="X")
        pytest.fail("the statement after a failed COPY ran")
    assert not TeacherFact.objects.filter(teacher=teacher).exists()
    assert Teacher.objects.get(pk=teacher.pk).staff_no != "X"
    assert bulk._overlap.pending is None and not bulk._overlap.active


@postgres_only
def test_a_failed_last_copy_raises_on_the_way_out(school_a: School) -> None:
    teacher = testing.make_teacher(school_a)
    with pytest.raises(IntegrityError), transaction.atomic(), bulk.overlapped():
        bulk.insert(TeacherFact, [fact(teacher.pk, 1), fact(teacher.pk, 1)])  # twice a day
    assert not TeacherFact.objects.filter(teacher=teacher).exists()


@postgres_only
def test_leaving_on_another_error_reads_the_answer_and_keeps_that_error(
    school_a: School,
) -> None:
    teacher = testing.make_teacher(school_a)
    with pytest.raises(KeyError), transaction.atomic(), bulk.overlapped():
        bulk.insert(TeacherFact, [fact(teacher.pk + 1000, 1)])  # fails too, unread
        raise KeyError("the caller's own error")
    # The rollback went through and the connection serves the next statement.
    assert bulk._overlap.pending is None
    assert Teacher.objects.filter(pk=teacher.pk).exists()


@postgres_only
def test_foreign_keys_are_deferred_again_after_the_block(school_a: School) -> None:
    teacher = testing.make_teacher(school_a)
    with transaction.atomic():
        with bulk.overlapped():
            bulk.insert(TeacherFact, [fact(teacher.pk, 1)])
        # Django's default again: a missing parent is found at COMMIT (here, when the
        # checks are asked for), not at the insert.
        bulk.insert(TeacherFact, [fact(teacher.pk + 1000, 1)])
        with pytest.raises(IntegrityError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        TeacherFact.objects.filter(teacher_id=teacher.pk + 1000).delete()


def test_elsewhere_overlapped_changes_nothing(school_a: School) -> None:
    teacher = testing.make_teacher(school_a)
    with bulk.overlapped():
        if connection.vendor != "postgresql":
            assert not bulk._overlap.active
        bulk.insert(TeacherFact, [fact(teacher.pk, 1)])
        assert TeacherFact.objects.filter(teacher=teacher, value="senior").count() == 1


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_overlapped_changes_nothing(school_a: School) -> None:
    teacher = testing.make_teacher(school_a)
    with bulk.overlapped():
        assert not bulk._overlap.active  # each statement commits on its own: nothing late
        bulk.insert(TeacherFact, [fact(teacher.pk, 1)])
        assert bulk._overlap.pending is None
    assert TeacherFact.objects.filter(teacher=teacher, value="senior").count() == 1


@postgres_only
def test_ids_drawn_ahead_are_taken_without_a_statement_and_only_inside(school_a: School) -> None:
    from django.test.utils import CaptureQueriesContext

    bulk.draw_ahead(Teacher, 5)  # outside overlapped(): nothing drawn
    assert not bulk._overlap.pools
    with transaction.atomic(), bulk.overlapped():
        bulk.draw_ahead(Teacher, 5)
        with CaptureQueriesContext(connection) as captured:
            first = bulk.next_ids(Teacher, 2)
            second = bulk.next_ids(Teacher, 3)
        assert captured.captured_queries == []  # taken from those drawn
        assert first is not None and second is not None
        assert len(set(first + second)) == 5 and max(first) < min(second)
        more = bulk.next_ids(Teacher, 2)  # beyond them: drawn now, after them
        assert more is not None and min(more) > max(second)
    assert not bulk._overlap.pools  # none left for a later block
    after = testing.make_teacher(school_a)
    assert after.pk > max(more)


@postgres_only
def test_first_in_block_is_true_once_per_overlapped_block() -> None:
    assert bulk.first_in_block("k") and bulk.first_in_block("k")  # outside: every time
    for _ in range(2):  # a new block asks afresh
        with transaction.atomic(), bulk.overlapped():
            assert bulk.first_in_block("k")
            assert not bulk.first_in_block("k")
            assert bulk.first_in_block("other")
    assert not bulk._overlap.seen


@postgres_only
def test_inside_an_import_each_search_index_is_merged_once_after_the_commit(
    django_capture_on_commit_callbacks,
) -> None:
    from shuangshi.teachers import services as teacher_services

    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        transaction.atomic(),
        bulk.overlapped(),
    ):
        teacher_services._search_indexes_merge([{"gender": "male"}])  # no searched column
        teacher_services._search_indexes_merge([{"name": "甲"}])
        teacher_services._search_indexes_merge([{"name": "乙"}])  # already queued
        teacher_services._search_indexes_merge([{"name": "丙", "staff_no": "T1"}])
    assert [c.args[0] for c in callbacks] == [
        ["teachers_teacher_search_trgm", "teachers_teacher_search_chars"],
    ]


@postgres_only
def test_inside_an_import_a_later_batchs_other_search_index_is_queued_too(
    django_capture_on_commit_callbacks, monkeypatch
) -> None:
    from shuangshi.teachers import services as teacher_services

    monkeypatch.setattr(
        teacher_services, "SEARCH_INDEXES", {"by_name": ("name",), "by_staff_no": ("staff_no",)}
    )
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        transaction.atomic(),
        bulk.overlapped(),
    ):
        teacher_services._search_indexes_merge([{"name": "甲"}])
        teacher_services._search_indexes_merge([{"name": "丙", "staff_no": "T1"}])
    assert [c.args[0] for c in callbacks] == [["by_name"], ["by_staff_no"]]


def test_json_columns_keep_each_rows_value_when_one_is_shared(school_a: School) -> None:
    """An audit entry's rows share one import-data dict but each has its own changes; the
    COPY converts the shared value once and must still write every row's own values."""
    shared = {"import": 7, "kind": "teachers"}
    content_type = ContentType.objects.get_for_model(Teacher)
    rows = [
        {
            "content_type_id": content_type.pk,
            "object_pk": str(n),
            "object_id": n,
            "object_repr": f"教师{n}",
            "serialized_data": {"fields": {"teacher": n}} if n % 2 else None,
            "action": 0,
            "changes_text": "",
            "changes": {"name": ["None", f"教师{n}\t\\"]},
            "actor_id": None,
            "timestamp": timezone.now(),
            "additional_data": shared if n < 4 else {"import": 8, "kind": "teachers"},
        }
        for n in range(1, 6)
    ]
    with transaction.atomic():
        bulk.insert(LogEntry, rows)
    stored = {
        e.object_id: e
        for e in LogEntry.objects.filter(content_type=content_type, object_id__in=range(1, 6))
    }
    assert sorted(stored) == [1, 2, 3, 4, 5]
    for n, entry in stored.items():
        assert entry.changes == {"name": ["None", f"教师{n}\t\\"]}
        assert entry.serialized_data == ({"fields": {"teacher": n}} if n % 2 else None)
        assert entry.additional_data == {"import": 7 if n < 4 else 8, "kind": "teachers"}
