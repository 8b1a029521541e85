"""A school's code is one school's whatever its case (an import reads QA01 and qa01 as one
code and put both's teachers under one school). Schools whose codes differ only by case,
stored before, stop the migration with their codes named: the province renames one
(through the API) before it runs again, as which school keeps the code is its decision."""

from collections import defaultdict
from typing import Any

import django.db.models.functions.text
from django.db import migrations, models


def refuse_codes_differing_only_by_case(apps: Any, schema_editor: Any) -> None:
    School = apps.get_model("schools", "School")
    by_code: dict[str, list[str]] = defaultdict(list)
    for code in School.objects.values_list("code", flat=True):
        by_code[code.upper()].append(code)
    clashes = sorted(", ".join(sorted(codes)) for codes in by_code.values() if len(codes) > 1)
    if clashes:
        raise RuntimeError(
            "Schools whose codes differ only by case: "
            + "; ".join(clashes)
            + ". Rename one of each before migrating."
        )


class Migration(migrations.Migration):
    dependencies = [("schools", "0002_cities")]

    operations = [
        migrations.RunPython(refuse_codes_differing_only_by_case, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="school",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Upper("code"),
                name="schools_school_code_any_case",
                violation_error_message=(
                    "A school with this code already exists (codes are compared ignoring "
                    "case and full- or half-width characters)."
                ),
            ),
        ),
    ]
