"""An application keeps the school that submitted it (its HR reviews it, its experts never
read it), whatever school its teacher moves to later. Applications already submitted take
the teacher's school on the day of their last submission (dated facts), else today's."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def school_at_submission(apps: Any, schema_editor: Any) -> None:
    Application = apps.get_model("recognition", "Application")
    TeacherFact = apps.get_model("teachers", "TeacherFact")
    submitted = Application.objects.filter(submitted_at__isnull=False).select_related("teacher")
    for application in submitted.iterator():
        day = application.submitted_at.date()
        fact = (
            TeacherFact.objects.filter(
                teacher_id=application.teacher_id, field="school", effective_on__lte=day
            )
            .order_by("-effective_on")
            .first()
        )
        school_id = int(fact.value) if fact and fact.value.isdigit() else None
        application.school_id = school_id or application.teacher.school_id
        application.save(update_fields=["school"])


class Migration(migrations.Migration):
    dependencies = [
        ("recognition", "0002_round_certificate_serial"),
        ("schools", "0002_cities"),
        ("teachers", "0003_field_categories_and_dated_facts"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="school",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="schools.school",
                verbose_name="school",
            ),
        ),
        migrations.RunPython(school_at_submission, migrations.RunPython.noop),
    ]
