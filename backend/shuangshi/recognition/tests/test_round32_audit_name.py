"""The audit log names an application by whose it is and in which round ("王小明 · JX2026A"),
not by ids ("1/47"), on every step it records (round 32: the province's new log page)."""

import pytest
from auditlog.models import LogEntry

from shuangshi.recognition import services
from shuangshi.recognition.models import Application

pytestmark = pytest.mark.django_db


def test_every_logged_step_names_the_teacher_and_the_round(round_open, qualified_teacher, hr_a):
    app = services.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = services.application_submit(application=app, user=hr_a)
    services.application_school_review(application=app, user=hr_a, decision="approve")
    entries = LogEntry.objects.get_for_object(Application.objects.get(pk=app.pk))
    assert entries.count() >= 3
    assert set(entries.values_list("object_repr", flat=True)) == {"王小明 · JX2026A"}
