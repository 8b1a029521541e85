"""Round 44: the demo's certificates and enterprise periods keep the record rules the API
applies (round 43): none issued in the future (a professional title dated a year or more
into teaching was, for a teacher who started lately), none before its teacher's birth, no
period before the age of 16 or in the future, and none stored twice."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from shuangshi.teachers.models import Certificate, EnterprisePeriod
from shuangshi.teachers.validation import certificate_errors, period_errors

pytestmark = pytest.mark.django_db


def test_the_demo_records_keep_the_record_rules():
    call_command("seed_demo")
    today = timezone.localdate()
    certificates = list(Certificate.objects.select_related("teacher"))
    assert len(certificates) > 1000
    broken = [
        (c.pk, c.kind, c.issued_on, errors)
        for c in certificates
        if (
            errors := certificate_errors(
                {"kind": c.kind, "level": c.level, "issued_on": c.issued_on,
                 "expires_on": c.expires_on},
                birth_date=c.teacher.birth_date,
                today=today,
            )
        )
    ]  # fmt: skip
    assert broken == []
    periods = list(EnterprisePeriod.objects.select_related("teacher"))
    broken = [
        (p.pk, errors)
        for p in periods
        if (
            errors := period_errors(
                {"start_on": p.start_on, "end_on": p.end_on, "credit_code": p.credit_code},
                birth_date=p.teacher.birth_date,
                today=today,
            )
        )
    ]
    assert broken == []
    twice = Counter((c.teacher_id, c.kind, c.number) for c in certificates if c.number)
    assert max(twice.values()) == 1
    twice = Counter((p.teacher_id, p.kind, p.enterprise, p.start_on) for p in periods)
    assert max(twice.values()) == 1
