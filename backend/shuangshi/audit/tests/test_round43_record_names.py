"""Round 43: a target, the alert settings and a training base's dated status are named in
words in the audit log, in the reader's language, not by their English or coded __str__
("dual_qualified_ratio=0.6500", "alert settings", "24:suspended@2026-12-07")."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.notifications import services as notifications
from shuangshi.qualification import services as qualification
from shuangshi.training import services as training

pytestmark = pytest.mark.django_db
LOG = "/api/v1/audit-log/"


def _names(api: Any, user: Any, language: str, model: str) -> set[str]:
    client = api(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    response = client.get(LOG, {"page_size": 100})
    assert response.status_code == 200
    return {r["object_name"] for r in response.json()["results"] if r["model"] == model}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Target: Dual-qualified share (strictly more than)"),
        ("zh-hans", "双师型"),
    ],
)
def test_a_target_is_named_by_what_it_measures(api, province, language, expected):
    qualification.target_update(
        code="dual_qualified_ratio", data={"value": Decimal("0.65")}, user=province
    )
    (name,) = _names(api, province, language, "target")
    assert expected in name
    assert "dual_qualified_ratio" not in name and "0.65" not in name


def test_the_alert_settings_are_named_in_words(api, province):
    notifications.alert_settings_update(data={"certificate_expiring_days": 30}, user=province)
    assert _names(api, province, "en", "alertsettings") == {"Alert settings"}
    assert _names(api, province, "zh-hans", "alertsettings") != {"alert settings"}


@pytest.mark.parametrize(("language", "status"), [("en", "Suspended"), ("zh-hans", "暂停")])
def test_a_base_status_change_names_its_base_status_and_day(api, province, language, status):
    base = testing.make_base(name="江铃培训基地")
    on = timezone.localdate() - timedelta(days=1)
    training.base_update(base=base, data={"status": "suspended"}, effective_on=on, user=province)
    names = _names(api, province, language, "basestatuschange")
    wanted = [n for n in names if status in n]
    assert len(wanted) == 1, names
    assert "江铃培训基地" in wanted[0] and on.isoformat() in wanted[0]
    assert f"{base.pk}:" not in wanted[0] and "@" not in wanted[0]
    if language == "en":
        assert wanted[0] == f"Base status change: 江铃培训基地 → Suspended ({on.isoformat()})"


def test_a_deleted_bases_status_change_keeps_a_readable_name(api, province):
    base = testing.make_base(name="江铃培训基地", status="planned")
    pk, today = base.pk, timezone.localdate().isoformat()
    training.base_delete(base=base)
    names = _names(api, province, "en", "basestatuschange")
    assert names == {f"Base status change: #{pk} (deleted) → Planned ({today})"}
