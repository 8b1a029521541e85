"""Teachers per school kept by PostgreSQL triggers (issue 11): the teacher list's total.

Statement-level triggers see every inserted or deleted row (COPY, bulk and ORM writes) in
a transition table and append one row per school and statement; a row trigger appends -1/+1
when a teacher moves to another school; TRUNCATE empties the counts. Existing teachers are
counted once here. SQLite keeps no counts (its lists count rows).
"""

from django.db import migrations, models

T = "teachers_teacher"
C = "teachers_schoolteachercount"

CREATE = f"""
CREATE FUNCTION {C}_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {C} (school_id, teachers)
    SELECT school_id, count(*) FROM new_rows GROUP BY school_id;
    RETURN NULL;
END $$;
CREATE FUNCTION {C}_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {C} (school_id, teachers)
    SELECT school_id, -count(*) FROM old_rows GROUP BY school_id;
    RETURN NULL;
END $$;
CREATE FUNCTION {C}_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {C} (school_id, teachers) VALUES (OLD.school_id, -1), (NEW.school_id, 1);
    RETURN NULL;
END $$;
CREATE FUNCTION {C}_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {C};
    RETURN NULL;
END $$;
CREATE TRIGGER {C}_added AFTER INSERT ON {T}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {C}_added();
CREATE TRIGGER {C}_removed AFTER DELETE ON {T}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {C}_removed();
CREATE TRIGGER {C}_moved AFTER UPDATE OF school_id ON {T}
    FOR EACH ROW WHEN (OLD.school_id IS DISTINCT FROM NEW.school_id)
    EXECUTE FUNCTION {C}_moved();
CREATE TRIGGER {C}_emptied AFTER TRUNCATE ON {T}
    FOR EACH STATEMENT EXECUTE FUNCTION {C}_emptied();
INSERT INTO {C} (school_id, teachers) SELECT school_id, count(*) FROM {T} GROUP BY school_id;
"""

DROP = f"""
DROP TRIGGER IF EXISTS {C}_added ON {T};
DROP TRIGGER IF EXISTS {C}_removed ON {T};
DROP TRIGGER IF EXISTS {C}_moved ON {T};
DROP TRIGGER IF EXISTS {C}_emptied ON {T};
DROP FUNCTION IF EXISTS {C}_added();
DROP FUNCTION IF EXISTS {C}_removed();
DROP FUNCTION IF EXISTS {C}_moved();
DROP FUNCTION IF EXISTS {C}_emptied();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("teachers", "0006_write_speed")]

    operations = [
        migrations.CreateModel(
            name="SchoolTeacherCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("school_id", models.BigIntegerField(db_index=True)),
                ("teachers", models.IntegerField()),
            ],
        ),
        migrations.RunPython(create, drop),
    ]
