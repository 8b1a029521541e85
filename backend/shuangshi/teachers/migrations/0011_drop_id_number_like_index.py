"""One fewer index entry per teacher insert (issue 11).

Django adds a ``varchar_pattern_ops`` copy of every unique text column's index, for
``LIKE 'prefix%'`` searches. Nothing here searches ID numbers by prefix (the list searches
name, staff number and major by trigram; ID numbers are matched whole, by the unique
index, which stays). Django drops this index with IF EXISTS when it alters the column.
"""

from django.db import migrations

INDEX = "teachers_teacher_id_number_e49ad09c_like"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON teachers_teacher (id_number varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("teachers", "0010_province_teacher_count")]

    operations = [migrations.RunPython(forward, backward)]
