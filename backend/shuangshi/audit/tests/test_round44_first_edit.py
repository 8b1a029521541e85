"""Round 44: the first edit of a target or of the alert settings (read from the defaults
until then, with no stored row) is logged as a change from the defaults, not as a creation:
the audit log says what the value was before."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry

from shuangshi.notifications.models import AlertSettings
from shuangshi.qualification.models import Target

pytestmark = pytest.mark.django_db
LOG = "/api/v1/audit-log/"


def _entries(api, user, model):
    r = api(user).get(LOG, {"page_size": 100})
    assert r.status_code == 200
    return [e for e in r.json()["results"] if e["model"] == model]


def test_a_targets_first_edit_is_a_change_from_the_default(api, province):
    r = api(province).patch(
        "/api/v1/targets/dual_qualified_ratio/", {"value": "0.65", "version": 1}, format="json"
    )
    assert r.status_code == 200, r.content
    (entry,) = _entries(api, province, "target")
    assert entry["action"] == "update"
    assert entry["changes"]["value"] == ["0.6000", "0.6500"]
    assert entry["actor"] == province.username
    assert Target.objects.get(code="dual_qualified_ratio").value == Decimal("0.65")
    # The second edit, as before: one more change.
    r = api(province).patch(
        "/api/v1/targets/dual_qualified_ratio/", {"value": "0.7", "version": 2}, format="json"
    )
    assert r.status_code == 200, r.content
    actions = [e["action"] for e in _entries(api, province, "target")]
    assert actions == ["update", "update"]


def test_the_alert_settings_first_edit_is_a_change_from_the_defaults(api, province, hr_a):
    assert (
        api(hr_a)
        .patch("/api/v1/alert-settings/", {"level_dropping_days": 30, "version": 1})
        .status_code
        == 403
    )
    assert not AlertSettings.objects.exists()
    r = api(province).patch("/api/v1/alert-settings/", {"level_dropping_days": 30, "version": 1})
    assert r.status_code == 200, r.content
    assert r.json()["version"] == 2
    (entry,) = _entries(api, province, "alertsettings")
    assert entry["action"] == "update"
    assert [str(v) for v in entry["changes"]["level_dropping_days"]] == ["60", "30"]
    assert "certificate_expiring_days" not in entry["changes"]  # unchanged: not listed
    assert LogEntry.objects.get_for_model(AlertSettings).count() == 1


def test_an_unchanged_first_save_stores_nothing(api, province):
    r = api(province).patch("/api/v1/alert-settings/", {"level_dropping_days": 60, "version": 1})
    assert r.status_code == 200
    assert not AlertSettings.objects.exists()
    assert not LogEntry.objects.get_for_model(AlertSettings).exists()
