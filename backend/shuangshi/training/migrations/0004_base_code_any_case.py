"""A training base's code is one base's whatever its case (an import reads QB1 and qb1 as
one code). Bases whose codes differ only by case, stored before, stop the migration with
their codes named: the province renames one (through the API) before it runs again."""

from collections import defaultdict
from typing import Any

import django.db.models.functions.text
from django.db import migrations, models


def refuse_codes_differing_only_by_case(apps: Any, schema_editor: Any) -> None:
    TrainingBase = apps.get_model("training", "TrainingBase")
    by_code: dict[str, list[str]] = defaultdict(list)
    for code in TrainingBase.objects.values_list("code", flat=True):
        by_code[code.upper()].append(code)
    clashes = sorted(", ".join(sorted(codes)) for codes in by_code.values() if len(codes) > 1)
    if clashes:
        raise RuntimeError(
            "Training bases whose codes differ only by case: "
            + "; ".join(clashes)
            + ". Rename one of each before migrating."
        )


class Migration(migrations.Migration):
    dependencies = [("training", "0003_completion_list_order")]

    operations = [
        migrations.RunPython(refuse_codes_differing_only_by_case, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="trainingbase",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Upper("code"),
                name="training_base_code_any_case",
                violation_error_message=(
                    "A training base with this code already exists (codes are compared "
                    "ignoring case and full- or half-width characters)."
                ),
            ),
        ),
    ]
