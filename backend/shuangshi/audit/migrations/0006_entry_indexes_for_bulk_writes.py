"""Fewer index entries per audit entry (issue 11: an import writes one entry per teacher).

- The teacher index of child-record entries (0002) becomes partial: the entries of teachers
  themselves (and of every other record without a teacher) have no serialized data and were
  indexed as NULLs nobody looks up. The history's match on ``serialized_data #> …`` implies
  the data is not null, so PostgreSQL still uses the index.
- django-auditlog's ``varchar_pattern_ops`` copies of the ``object_pk`` and ``cid`` indexes
  serve only ``LIKE 'prefix%'`` searches, which nothing here makes (the plain B-tree indexes
  on both stay). Django drops such indexes with IF EXISTS when it alters a column.
"""

from django.db import migrations

TEACHER_INDEX = "audit_entry_teacher_idx"
LIKE_INDEXES = {
    "auditlog_logentry_object_pk_6e3219c0_like": "object_pk",
    "auditlog_logentry_cid_9f467263_like": "cid",
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TEACHER_INDEX}")
    schema_editor.execute(
        f"CREATE INDEX {TEACHER_INDEX} ON auditlog_logentry "
        "((serialized_data #> '{fields,teacher}')) WHERE serialized_data IS NOT NULL"
    )
    for name in LIKE_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {TEACHER_INDEX}")
    schema_editor.execute(
        f"CREATE INDEX {TEACHER_INDEX} ON auditlog_logentry "
        "((serialized_data #> '{fields,teacher}'))"
    )
    for name, column in LIKE_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON auditlog_logentry ({column} varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_rate_counts")]

    operations = [migrations.RunPython(forward, backward)]
