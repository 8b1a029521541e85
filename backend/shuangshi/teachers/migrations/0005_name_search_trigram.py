"""Name, staff number and major search (`?search=`) through trigram indexes on PostgreSQL.

The list's search is `ILIKE '%…%'` on these columns: a B-tree cannot serve it, a GIN trigram
index can (1.3M teachers: a scan of the table became an index lookup). SQLite (the embedded
default) has no pg_trgm: nothing to do there.
"""

from django.db import migrations

COLUMNS = ("name", "staff_no", "major")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS teachers_teacher_{column}_trgm "
            f"ON teachers_teacher USING gin (UPPER({column}) gin_trgm_ops) "
            # No pending list: searches stay fast right after bulk inserts (a fresh
            # generated country searched 100x slower until the next vacuum).
            "WITH (fastupdate = off)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS teachers_teacher_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("teachers", "0004_reject_reason_default")]

    operations = [migrations.RunPython(create, drop)]
