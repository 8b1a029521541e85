"""One trigram index over name, staff number and major instead of one per column (issue 11).

Every teacher written paid for four GIN indexes (three trigram, 0005/0006, and the short
searches' characters, 0012): about 0.25 s of PostgreSQL's 0.9 s commit of 10,000 imported
teachers. A term of three characters or more is now looked for once, in the three columns
joined by chr(1) (filters.Joined: no term holds chr(1), and pg_trgm splits words at it, so
a term is in the joined text exactly when it is in one of the columns); one index takes
the place of three. The expression must stay the one filters.Joined writes (PostgreSQL uses
an index only for the same expression). Like the others it takes a pending list of at most
1 MB, which imports merge once committed. SQLite (the embedded default): nothing to do.

The table is analyzed at the end: the planner's estimates for an indexed expression (this
one, and 0012's characters, which short_search_plan reads) come from statistics that only
ANALYZE gathers, and autovacuum analyzes a table of 1.3M teachers only after about 130,000
of them have changed.
"""

from django.db import migrations

INDEX = "teachers_teacher_search_trgm"
EXPRESSION = (
    "UPPER(COALESCE(name, '') || chr(1) || COALESCE(staff_no, '') || chr(1) || COALESCE(major, ''))"
)
COLUMNS = ("name", "staff_no", "major")  # the per-column indexes of 0005/0006


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON teachers_teacher "
        f"USING gin (({EXPRESSION}) gin_trgm_ops) "
        "WITH (fastupdate = on, gin_pending_list_limit = 1024)"
    )
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS teachers_teacher_{column}_trgm")
    analyze(schema_editor)


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS teachers_teacher_{column}_trgm "
            f"ON teachers_teacher USING gin (UPPER({column}) gin_trgm_ops) "
            "WITH (fastupdate = on, gin_pending_list_limit = 1024)"
        )
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    analyze(schema_editor)


def analyze(schema_editor):
    """The statistics of the indexed expressions, where there are teachers to gather them
    from (an empty table, as in a new install, is left as it was)."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM teachers_teacher)")
        if cursor.fetchone()[0]:
            cursor.execute("ANALYZE teachers_teacher")


class Migration(migrations.Migration):
    dependencies = [("teachers", "0012_short_search_index")]

    operations = [migrations.RunPython(create, restore)]
