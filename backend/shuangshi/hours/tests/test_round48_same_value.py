"""Round 48: a PATCH of a school's teaching hours with the values they have saves nothing
(the version stays, no audit entry: common.api.apply_changes's rule); a change still does."""

import pytest
from auditlog.models import LogEntry

from shuangshi.hours.models import TeachingHours

pytestmark = pytest.mark.django_db
URL = "/api/v1/teaching-hours/"


def test_the_same_values_keep_the_version(api, hr_a):
    r = api(hr_a).post(URL, {"term": "2026-2027-1", "total_hours": 1000, "practical_hours": 480})
    assert r.status_code == 201, r.content
    row = r.json()
    entries = LogEntry.objects.get_for_model(TeachingHours).count()

    same = {"total_hours": 1000, "practical_hours": 480, "term": "2026-2027-1", "version": 1}
    r = api(hr_a).patch(f"{URL}{row['id']}/", same, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["version"] == 1
    assert TeachingHours.objects.get(pk=row["id"]).version == 1
    assert LogEntry.objects.get_for_model(TeachingHours).count() == entries

    r = api(hr_a).patch(f"{URL}{row['id']}/", {"practical_hours": 500, "version": 1})
    assert (r.status_code, r.json()["version"]) == (200, 2)
    assert LogEntry.objects.get_for_model(TeachingHours).count() == entries + 1
