"""An audit entry's actor and content type carry no database foreign key (audit 0008, issue
11): storing an import's entries looks nothing up per entry. The ORM still applies the
models' on_delete, the indexes stay, and entries are written and read as before."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from shuangshi.accounts.models import Role, User
from shuangshi.audit import selectors
from shuangshi.teachers import services as teacher_services
from shuangshi.testing import make_teacher

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's constraints"),
]


def _foreign_keys(table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT a.attname FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.contype = 'f' AND c.conrelid = %s::regclass
            """,
            [table],
        )
        return {row[0] for row in cursor.fetchall()}


def test_audit_entries_have_no_foreign_keys_but_keep_their_indexes() -> None:
    assert not _foreign_keys("auditlog_logentry") & {"actor_id", "content_type_id"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'auditlog_logentry'")
        columns = {d.split("USING btree ", 1)[-1] for (d,) in cursor.fetchall()}
    assert {"(actor_id)", "(content_type_id)"} <= columns  # the audit list filters by them
    # The keys elsewhere are untouched: a teacher still needs its school.
    assert "school_id" in _foreign_keys("teachers_teacher")


def test_an_entry_names_its_actor_and_kind_as_before(school_a, hr_a) -> None:  # type: ignore[no-untyped-def]
    teacher = make_teacher(school_a)
    from auditlog.context import set_actor

    with set_actor(hr_a):
        teacher_services.teacher_update(teacher=teacher, data={"major": "数控技术"})
    entry = selectors.teacher_history(teacher=teacher).order_by("-id").first()
    assert entry is not None
    assert entry.actor == hr_a and entry.content_type == ContentType.objects.get_for_model(teacher)
    assert entry.changes["major"][1] == "数控技术"


def test_deleting_a_user_through_the_orm_still_clears_its_entries_actor(school_a) -> None:  # type: ignore[no-untyped-def]
    """No user is deleted by the app (accounts are deactivated); should one be, through the
    ORM, django-auditlog's SET NULL still applies: no entry points at a user who is gone."""
    clerk = User.objects.create_user(username="gone", password="x-y-z-123456", role=Role.PROVINCE)
    teacher = make_teacher(school_a)
    from auditlog.context import set_actor

    with set_actor(clerk):
        teacher_services.teacher_update(teacher=teacher, data={"major": "焊接技术"})
    entry = LogEntry.objects.filter(actor=clerk).get()
    clerk.delete()
    entry.refresh_from_db()
    assert entry.actor_id is None and entry.changes["major"][1] == "焊接技术"
