"""Rate-limit counters (audit.throttling) in a table of their own, UNLOGGED on PostgreSQL."""

from django.db import migrations, models


def unlogged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE audit_ratecount SET UNLOGGED")


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_cache_table_always")]

    operations = [
        migrations.CreateModel(
            name="RateCount",
            fields=[
                ("ident", models.CharField(max_length=200, primary_key=True, serialize=False)),
                ("slot", models.BigIntegerField()),
                ("hits", models.PositiveIntegerField(default=0)),
                ("previous", models.PositiveIntegerField(default=0)),
                ("expires_at", models.FloatField(db_index=True)),
            ],
        ),
        migrations.RunPython(unlogged, migrations.RunPython.noop),
    ]
