"""Mentors' ID numbers in the one stored form (NFKC, blanks stripped, X upper-case), as
teachers 0015 does for teachers: rewritten only when no mentor holds that form already."""

import unicodedata

from django.db import migrations


def to_ascii(apps, schema_editor):
    Mentor = apps.get_model("mentors", "Mentor")
    odd = list(
        Mentor.objects.exclude(id_number__regex=r"^[0-9X]{18}$")
        .order_by("id")
        .values_list("id", "id_number")
    )
    for pk, number in odd:
        fixed = unicodedata.normalize("NFKC", number).strip().upper()
        if fixed == number or Mentor.objects.filter(id_number=fixed).exists():
            continue
        Mentor.objects.filter(pk=pk).update(id_number=fixed)


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(to_ascii, migrations.RunPython.noop),
    ]
