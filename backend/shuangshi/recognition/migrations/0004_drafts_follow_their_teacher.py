"""A draft follows its teacher: an application returned to draft by a review no longer
keeps the school that submitted it (services._review clears it from now on), so the HR of
the school the teacher is at now edits and submits it."""

from typing import Any

from django.db import migrations


def drafts_follow_their_teacher(apps: Any, schema_editor: Any) -> None:
    Application = apps.get_model("recognition", "Application")
    Application.objects.filter(status="draft", school__isnull=False).update(school=None)


class Migration(migrations.Migration):
    dependencies = [("recognition", "0003_application_school")]

    operations = [migrations.RunPython(drafts_follow_their_teacher, migrations.RunPython.noop)]
