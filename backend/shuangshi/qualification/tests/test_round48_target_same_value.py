"""Round 48: a PATCH of a target with the values it has ("0.6" against the stored 0.6000)
saves nothing: the version stays and no audit entry is written (common.api.apply_changes's
rule, as for the alert settings in round 42). A real change still makes a new version."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from shuangshi.qualification.models import Target

pytestmark = pytest.mark.django_db
URL = "/api/v1/targets/dual_qualified_ratio/"


def _entries() -> int:
    return LogEntry.objects.get_for_model(Target).count()


def test_the_same_value_again_keeps_the_version_and_logs_nothing(api, province):
    first = api(province).patch(URL, {"value": "0.65", "version": 1}, format="json")
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 2
    assert _entries() == 1

    for same in ("0.65", "0.6500", 0.65):
        r = api(province).patch(URL, {"value": same, "version": 2}, format="json")
        assert r.status_code == 200, r.content
        assert r.json()["version"] == 2
        assert r.json()["value"] == "0.6500"
    stored = Target.objects.get(code="dual_qualified_ratio")
    assert (stored.version, stored.value) == (2, Decimal("0.6500"))
    assert _entries() == 1

    # The deadline it has, too.
    deadline = first.json()["deadline"]
    r = api(province).patch(URL, {"deadline": deadline, "version": 2}, format="json")
    assert (r.status_code, r.json()["version"]) == (200, 2)
    assert _entries() == 1

    # A real change: a new version and one more entry.
    r = api(province).patch(URL, {"value": "0.7", "version": 2}, format="json")
    assert (r.status_code, r.json()["version"], r.json()["value"]) == (200, 3, "0.7000")
    assert _entries() == 2


def test_the_default_value_sent_back_stores_nothing(api, province):
    r = api(province).patch(URL, {"value": "0.6", "version": 1}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["version"] == 1
    assert r.json()["updated_by"] is None
    assert not Target.objects.exists()
    assert _entries() == 0


def test_only_the_province_edits_a_target(api, hr_a):
    r = api(hr_a).patch(URL, {"value": "0.6", "version": 1}, format="json")
    assert r.status_code == 403
    assert not Target.objects.exists()
