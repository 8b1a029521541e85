"""A round's code is one round's whatever its case (R2026 and r2026 are one code: it goes
into certificate numbers and the public verify address). Rounds whose codes differ only by
case, stored before, stop the migration with their codes named: the province renames one
(through the API) before it runs again, as renaming a round that has issued certificates
is the province's decision, not a migration's."""

from collections import defaultdict
from typing import Any

import django.db.models.functions.text
from django.db import migrations, models


def refuse_codes_differing_only_by_case(apps: Any, schema_editor: Any) -> None:
    Round = apps.get_model("recognition", "Round")
    by_code: dict[str, list[str]] = defaultdict(list)
    for code in Round.objects.values_list("code", flat=True):
        by_code[code.lower()].append(code)
    clashes = sorted(", ".join(sorted(codes)) for codes in by_code.values() if len(codes) > 1)
    if clashes:
        raise RuntimeError(
            "Recognition rounds whose codes differ only by case: "
            + "; ".join(clashes)
            + ". Rename one of each before migrating."
        )


class Migration(migrations.Migration):
    dependencies = [("recognition", "0004_drafts_follow_their_teacher")]

    operations = [
        migrations.RunPython(refuse_codes_differing_only_by_case, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="round",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("code"),
                name="recognition_round_code_any_case",
            ),
        ),
    ]
