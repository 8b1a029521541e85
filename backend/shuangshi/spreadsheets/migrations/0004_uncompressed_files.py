"""The upload and the rows its dry run kept are stored as they are (PostgreSQL).

Both are compressed already (an .xlsx is a zip, the kept rows are zlib frames), so
PostgreSQL's own compression of large values only spent CPU failing to shrink them:
about 9 ms of a 10,000-row upload's request (690 KB), and again when the dry run stores
its rows. ``STORAGE EXTERNAL``: stored out of line, never compressed (issue 11).
"""

from django.db import migrations

COLUMNS = ("content", "parsed")


def storage(mode: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        changes = ", ".join(f"ALTER COLUMN {c} SET STORAGE {mode}" for c in COLUMNS)
        schema_editor.execute(f"ALTER TABLE spreadsheets_importjob {changes}")

    return run


class Migration(migrations.Migration):
    dependencies = [("spreadsheets", "0003_importjob_parsed")]

    operations = [migrations.RunPython(storage("EXTERNAL"), storage("EXTENDED"))]
