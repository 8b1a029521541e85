"""A teacher's certificate (kind and number) and enterprise period (kind, enterprise and
start) are stored once (round 44): the services refused a second one since round 43, these
constraints stand behind two writes at the same moment. Text is compared as the rule
compares it (NFKC, trimmed; models.Folded), rejected proposals not at all.

Records stored twice before the rule stop the migration with their ids named: the school
deletes (or corrects) one of each before it runs again, as which one stays is its decision.
"""

import unicodedata
from collections import defaultdict
from typing import Any

from django.db import migrations, models

import shuangshi.teachers.models


def _folded(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def _clashes(rows: Any, key: Any) -> list[str]:
    by_key: dict[Any, list[int]] = defaultdict(list)
    for row in rows.iterator(chunk_size=20_000):
        k = key(row)
        if k is not None:
            by_key[k].append(row["id"])
    return [
        f"teacher {k[0]} {k[1]} {k[2]!r}{' from ' + str(k[3]) if len(k) > 3 else ''}: "
        f"ids {', '.join(str(i) for i in sorted(ids))}"
        for k, ids in sorted(by_key.items(), key=lambda item: min(item[1]))
        if len(ids) > 1
    ]


def refuse_records_stored_twice(apps: Any, schema_editor: Any) -> None:
    Certificate = apps.get_model("teachers", "Certificate")
    EnterprisePeriod = apps.get_model("teachers", "EnterprisePeriod")
    certificates = _clashes(
        Certificate.objects.exclude(status="rejected")
        .exclude(number="")
        .values("id", "teacher_id", "kind", "number"),
        lambda r: (r["teacher_id"], r["kind"], _folded(r["number"]))
        if _folded(r["number"])
        else None,
    )
    periods = _clashes(
        EnterprisePeriod.objects.exclude(status="rejected").values(
            "id", "teacher_id", "kind", "enterprise", "start_on"
        ),
        lambda r: (r["teacher_id"], r["kind"], _folded(r["enterprise"]), r["start_on"]),
    )
    problems = []
    if certificates:
        problems.append("Certificates stored twice: " + "; ".join(certificates) + ".")
    if periods:
        problems.append("Enterprise periods stored twice: " + "; ".join(periods) + ".")
    if problems:
        raise RuntimeError(
            " ".join(problems) + " Delete (or correct) all but one of each before migrating."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("teachers", "0017_hired_recently_index"),
    ]

    operations = [
        migrations.RunPython(refuse_records_stored_twice, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                models.F("teacher"),
                models.F("kind"),
                shuangshi.teachers.models.Folded("number"),
                condition=models.Q(
                    models.Q(("status", "rejected"), _negated=True),
                    models.Q(("number", ""), _negated=True),
                ),
                name="teachers_certificate_once",
                violation_error_message=(
                    "This teacher already has a certificate of this kind with this number."
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="enterpriseperiod",
            constraint=models.UniqueConstraint(
                models.F("teacher"),
                models.F("kind"),
                shuangshi.teachers.models.Folded("enterprise"),
                models.F("start_on"),
                condition=models.Q(("status", "rejected"), _negated=True),
                name="teachers_period_once",
                violation_error_message=(
                    "This teacher already has an enterprise period of this kind at this "
                    "enterprise starting on this day."
                ),
            ),
        ),
    ]
