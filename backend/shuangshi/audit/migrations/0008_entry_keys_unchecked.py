"""No database foreign keys on an audit entry's ``actor`` and ``content_type`` (issue 11).

An audit entry is a record of what happened, not a relation to keep consistent: it names
who acted and the kind of record, and must stay as written. django-auditlog's two foreign
keys made PostgreSQL look up the user and the content type for every entry, one query each:
a 10,000-row import writes 10,000 entries, and its commit, bounded by its one PostgreSQL
backend, spent about a tenth of that backend's time on those 20,000 look-ups, always of the
same user and the same kind (docs/spreadsheets.md, round 36).

What the keys guarded cannot happen here: no user is ever deleted (accounts are
deactivated), content types are Django's own, and every entry is written by
django-auditlog or common.batch with the acting user and a real content type. The models are
unchanged, so Django still applies ``on_delete`` (actor SET NULL, content type CASCADE) for
a delete made through the ORM, and the indexes on both columns stay (the audit list filters
by them). A later django-auditlog migration that alters these columns may add the keys
again: audit/tests/test_round36_entry_keys.py says so.
"""

from django.db import migrations

# (column, referenced table)
KEYS = {"actor_id": "accounts_user", "content_type_id": "django_content_type"}


def _foreign_keys(schema_editor, column):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conname FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.contype = 'f' AND c.conrelid = 'auditlog_logentry'::regclass
              AND a.attname = %s
            """,
            [column],
        )
        return [row[0] for row in cursor.fetchall()]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in KEYS:
        for name in _foreign_keys(schema_editor, column):
            schema_editor.execute(f'ALTER TABLE auditlog_logentry DROP CONSTRAINT "{name}"')


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column, table in KEYS.items():
        if _foreign_keys(schema_editor, column):
            continue
        schema_editor.execute(
            f'ALTER TABLE auditlog_logentry ADD CONSTRAINT "auditlog_logentry_{column}_fk" '
            f"FOREIGN KEY ({column}) REFERENCES {table} (id) DEFERRABLE INITIALLY DEFERRED"
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0007_drop_unused_entry_indexes")]

    operations = [migrations.RunPython(forward, backward)]
