"""The trend's live month and the targets' progress are never stale (DESIGN §4): a result
that expired after the nightly run is counted at today, as the ratio views count it."""

from datetime import date

import pytest

from shuangshi.qualification import selectors
from shuangshi.testing import set_today

pytestmark = pytest.mark.django_db


def live_point(client, query=""):
    point = client.get(f"/api/v1/ratios/trend/{query}").json()["points"][-1]
    assert (point["month"], point["live"]) == ("2026-03", True)
    return point["in_scope"], point["qualified"], point["ratio"]


def dual_ratio(client):
    return client.get("/api/v1/targets/dual_qualified_ratio/").json()["current"]


def test_trend_and_targets_count_a_result_expired_since_the_nightly_run(
    api, monkeypatch, province, city_nc, hr_a, lapsing, school_a, school_b
):
    set_today(monkeypatch, date(2026, 3, 20))
    assert not selectors.results_current(date(2026, 3, 20))
    client = api(province)
    summary = client.get("/api/v1/ratios/summary/").json()["province"]
    assert (summary["in_scope"], summary["qualified"]) == (2, 1)
    # The live point and the progress agree with the ratios summary, not the stale 2 of 2.
    assert live_point(client) == (2, 1, 0.5)
    assert dual_ratio(client) == 0.5
    # Each scope: the lapsed school and its city, and the school whose result still holds.
    assert live_point(client, f"?school={school_a.pk}") == (1, 0, 0.0)
    assert live_point(client, f"?school={school_b.pk}") == (1, 1, 1.0)
    assert live_point(api(city_nc)) == (1, 0, 0.0)
    assert live_point(api(hr_a)) == (1, 0, 0.0)


def test_current_results_are_read_from_the_stored_aggregates(
    api, monkeypatch, province, hr_a, lapsing
):
    set_today(monkeypatch, date(2026, 3, 10))  # before the expiry: the stored results hold
    assert selectors.results_current(date(2026, 3, 10))

    def not_on_the_fast_path(*args, **kwargs):
        raise AssertionError("counted although the stored results hold")

    monkeypatch.setattr(selectors, "counts_at", not_on_the_fast_path)
    assert live_point(api(province)) == (2, 2, 1.0)
    assert live_point(api(hr_a)) == (1, 1, 1.0)
    assert dual_ratio(api(province)) == 1.0
