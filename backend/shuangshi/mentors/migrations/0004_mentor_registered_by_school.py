import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0003_appointment_school_protect"),
        ("schools", "0002_cities"),
    ]

    operations = [
        migrations.AddField(
            model_name="mentor",
            name="registered_by_school",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="schools.school",
                verbose_name="registered by school",
            ),
        ),
    ]
