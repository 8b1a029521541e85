"""The province's teacher total kept beside the schools' (issue 11): the statement triggers
also append one row for school_id 0 (PROVINCE_ROW), so the province's unfiltered list reads
its few rows by index instead of summing a row per school (11,000 at national size: about
0.9 ms of PostgreSQL on every page). Appended like the others: no lock between writers."""

from django.db import migrations

T = "teachers_teacher"
C = "teachers_schoolteachercount"

FUNCTIONS = """
CREATE OR REPLACE FUNCTION {c}_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {c} (school_id, teachers)
    SELECT school_id, count(*) FROM new_rows GROUP BY school_id{province_added};
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION {c}_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {c} (school_id, teachers)
    SELECT school_id, -count(*) FROM old_rows GROUP BY school_id{province_removed};
    RETURN NULL;
END $$;
"""

WITH_PROVINCE = (
    FUNCTIONS.format(
        c=C,
        province_added="\n    UNION ALL SELECT 0, count(*) FROM new_rows HAVING count(*) > 0",
        province_removed="\n    UNION ALL SELECT 0, -count(*) FROM old_rows HAVING count(*) > 0",
    )
    + f"INSERT INTO {C} (school_id, teachers) SELECT 0, count(*) FROM {T};"
)

WITHOUT_PROVINCE = (
    FUNCTIONS.format(c=C, province_added="", province_removed="")
    + f"DELETE FROM {C} WHERE school_id = 0;"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(WITH_PROVINCE)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(WITHOUT_PROVINCE)


class Migration(migrations.Migration):
    dependencies = [("teachers", "0009_teacher_list_order_index")]

    operations = [migrations.RunPython(forward, backward)]
