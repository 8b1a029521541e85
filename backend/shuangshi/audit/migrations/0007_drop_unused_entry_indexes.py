"""Three fewer index entries per audit entry (issue 11: an import writes one entry per
teacher; its commit is as busy in PostgreSQL as in Python, so both must get cheaper).

django-auditlog indexes ``action``, ``cid`` and ``object_pk``; nothing here reads by them:

- ``object_pk`` is the text copy of the id; every record here has an integer id, which
  django-auditlog and the history (audit.selectors) look up by ``object_id`` (indexed);
- ``cid`` (the correlation id) is set only by django-auditlog's middleware, which this app
  does not install: every entry's is NULL;
- ``action`` has four values: the audit list's action filter reads entries newest first,
  by the ``timestamp`` index, and keeps those of the action.

Dropping them cut the PostgreSQL CPU of storing 10,000 import entries by about a tenth
(docs/spreadsheets.md, round 19). Django drops indexes with IF EXISTS when it alters a column,
so a later django-auditlog migration on these columns still applies.
"""

from django.db import migrations

INDEXES = {
    "auditlog_logentry_action_229afe39": "action",
    "auditlog_logentry_cid_9f467263": "cid",
    "auditlog_logentry_object_pk_6e3219c0": "object_pk",
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON auditlog_logentry ({column})")


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_entry_indexes_for_bulk_writes")]

    operations = [migrations.RunPython(forward, backward)]
