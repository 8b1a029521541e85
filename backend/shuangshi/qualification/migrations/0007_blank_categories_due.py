"""Round 30: the engine no longer takes a blank category ("") for a stated one (E_SKILL and
recruitment path (a): a blank on both sides had counted as a match). The results stored for
teachers with a blank category, theirs or a certificate's, may be wrong: they are made due
today, so the nightly re-evaluation (`qualification.reevaluate_due`, or
`manage.py reevaluate --due` at once) words them again; readers evaluate a due result live
until then."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone


def blank_categories_due(apps, schema_editor):
    Teacher = apps.get_model("teachers", "Teacher")
    Certificate = apps.get_model("teachers", "Certificate")
    TeacherQualification = apps.get_model("qualification", "TeacherQualification")
    today = timezone.localdate()
    affected = Q(teacher_id__in=Teacher.objects.filter(major_category="").values("id")) | Q(
        teacher_id__in=Certificate.objects.filter(field_category="").values("teacher_id")
    )
    TeacherQualification.objects.filter(affected).filter(
        Q(changes_on__isnull=True) | Q(changes_on__gt=today)
    ).update(changes_on=today)


class Migration(migrations.Migration):
    dependencies = [
        ("qualification", "0006_alter_target_code"),
        ("teachers", "0017_hired_recently_index"),
    ]

    operations = [migrations.RunPython(blank_categories_due, migrations.RunPython.noop)]
