"""Index the teacher of child-record entries, which a teacher's history looks up.

The history matches `serialized_data #> '{fields,teacher}'`; without this index PostgreSQL
scans every certificate, period and completion entry of the province for each history read.
"""

from django.db import migrations

INDEX = "audit_entry_teacher_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON auditlog_logentry "
            "((serialized_data #> '{fields,teacher}'))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_cache_table"), ("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(create, drop)]
