"""Indexes an import pays for on every row: only those something reads by (issue 11)."""

import pytest
from django.db import connection

from shuangshi.audit import selectors
from shuangshi.testing import make_teacher

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes"),
]


def _indexes(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        return dict(cursor.fetchall())


def test_audit_entries_keep_the_indexes_their_reads_use_and_no_others() -> None:
    found = _indexes("auditlog_logentry")
    assert (
        not {
            "auditlog_logentry_action_229afe39",
            "auditlog_logentry_cid_9f467263",
            "auditlog_logentry_object_pk_6e3219c0",
        }
        & found.keys()
    )
    columns = {d.split("USING btree ", 1)[1] for d in found.values()}
    # newest first, a record's entries, a user's entries, child records' teacher, the key
    assert {'("timestamp")', "(object_id)", "(actor_id)", "(content_type_id)", "(id)"} <= columns
    assert "audit_entry_teacher_idx" in found


def test_teachers_keep_the_unique_id_number_index_without_its_prefix_copy() -> None:
    found = _indexes("teachers_teacher")
    assert "teachers_teacher_id_number_e49ad09c_like" not in found
    assert "CREATE UNIQUE INDEX" in found["teachers_teacher_id_number_key"]


def test_the_history_still_finds_a_teachers_entries(school_a) -> None:  # type: ignore[no-untyped-def]
    teacher = make_teacher(school_a)
    entries = list(selectors.teacher_history(teacher=teacher))
    assert [e.object_id for e in entries] == [teacher.pk]
