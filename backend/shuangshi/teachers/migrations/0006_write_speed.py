"""Cheaper teacher inserts (issue 11): two indexes that longer ones already start with go,
and the trigram search indexes take a pending list again.

With ``fastupdate = off`` every inserted name, staff number and major went into each GIN
trigram index at once: 10,000 imported teachers cost about 1.2 s of index upkeep against
0.3 s with a pending list merged in bulk. teachers_write_batch merges the pending list at
the end of each batch (``gin_clean_pending_list``), so searches right after an import find
an empty list; other writes leave at most ``gin_pending_list_limit`` (1 MB) of entries for a
search to scan before the merge (the 100x slower searches 0005 saw came from a fresh
country's 4 MB lists, the default limit).
"""

import django.db.models.deletion
from django.db import migrations, models

TRIGRAM_INDEXES = ("name", "staff_no", "major")


def pending_list_on(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"ALTER INDEX IF EXISTS teachers_teacher_{column}_trgm "
            "SET (fastupdate = on, gin_pending_list_limit = 1024)"
        )


def pending_list_off(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in TRIGRAM_INDEXES:
        index = f"teachers_teacher_{column}_trgm"
        schema_editor.execute(f"ALTER INDEX IF EXISTS {index} SET (fastupdate = off)")
        schema_editor.execute(f"ALTER INDEX IF EXISTS {index} RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0002_cities"),
        ("teachers", "0005_name_search_trigram"),
    ]

    operations = [
        migrations.AlterField(
            model_name="teacher",
            name="school",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="teachers",
                to="schools.school",
            ),
        ),
        migrations.AlterField(
            model_name="teacherfact",
            name="teacher",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="facts",
                to="teachers.teacher",
            ),
        ),
        migrations.RunPython(pending_list_on, pending_list_off),
    ]
