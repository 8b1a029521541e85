"""Searches of one or two characters through an index (teachers.filters.TeacherSearchFilter).

A trigram index cannot serve a term shorter than three characters, so at national size a
rare one read the whole table. This GIN index holds every character of the name, the staff
number and the major, upper-cased (the expression must stay the one filters.SearchChars
writes: PostgreSQL uses an index only for the same expression). Like the trigram indexes
(0006) it takes a pending list of at most 1 MB, which imports merge once committed.
SQLite (the embedded default) reads its few rows: nothing to do there.
"""

from django.db import migrations

INDEX = "teachers_teacher_search_chars"
EXPRESSION = (
    "string_to_array(UPPER(COALESCE(name, '') || ' ' || COALESCE(staff_no, '') || ' ' || "
    "COALESCE(major, '')), NULL)"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON teachers_teacher USING gin ({EXPRESSION}) "
            "WITH (fastupdate = on, gin_pending_list_limit = 1024)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("teachers", "0011_drop_id_number_like_index")]

    operations = [migrations.RunPython(create, drop)]
