"""A counter of certificate numbers on each round (its next number no longer comes from the
text order of the numbers issued, which a changed round code broke). Existing rounds start
from the largest serial among their numbers, whatever code those carry."""

from typing import Any

from django.db import migrations, models


def serial_of(certificate_no: str) -> int:
    tail = certificate_no.rsplit("-", 1)[-1]
    return int(tail) if tail.isascii() and tail.isdigit() else 0


def count_issued(apps: Any, schema_editor: Any) -> None:
    Round = apps.get_model("recognition", "Round")
    Recognition = apps.get_model("recognition", "Recognition")
    last: dict[int, int] = {}
    for round_id, number in Recognition.objects.values_list("round_id", "certificate_no"):
        last[round_id] = max(last.get(round_id, 0), serial_of(number))
    for round_id, serial in last.items():
        Round.objects.filter(pk=round_id).update(certificate_serial=serial)


class Migration(migrations.Migration):
    dependencies = [
        ("recognition", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="round",
            name="certificate_serial",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_issued, migrations.RunPython.noop),
    ]
