"""Teachers' ID numbers in the one stored form (common.idnumbers.normalize_id_number: NFKC,
blanks stripped, X upper-case). Before round 27 the API stored a number typed with full-width
digits (３６０１…) as typed, so the same person's number in ASCII was taken for another one.

A number is rewritten only when no teacher already holds its normal form: two such records
are one person registered twice, which only the school can merge; both stay readable, and
the next write to the full-width one is refused as a duplicate. The normal form is frozen
here so that later edits to the app cannot change what this migration did.
"""

import unicodedata

from django.db import migrations


def normal(value):
    return unicodedata.normalize("NFKC", value).strip().upper()


def to_ascii(apps, schema_editor):
    Model = apps.get_model("teachers", "Teacher")
    # Only numbers with something other than ASCII digits and X (one scan; a handful).
    odd = list(
        Model.objects.exclude(id_number__regex=r"^[0-9X]{18}$")
        .order_by("id")
        .values_list("id", "id_number")
    )
    for pk, number in odd:
        fixed = normal(number)
        if fixed == number or Model.objects.filter(id_number=fixed).exists():
            continue
        Model.objects.filter(pk=pk).update(id_number=fixed)


class Migration(migrations.Migration):
    dependencies = [
        ("teachers", "0014_fact_effective_on_index"),
    ]

    operations = [
        migrations.RunPython(to_ascii, migrations.RunPython.noop),
    ]
