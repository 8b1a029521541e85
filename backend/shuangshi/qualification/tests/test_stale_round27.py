"""The trend's live month and the targets' progress are never stale (DESIGN §4): a result
that expired after the nightly run is counted at today, as the ratio views count it."""

from datetime import date

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import selectors

pytestmark = pytest.mark.django_db


def set_today(monkeypatch, day):
    monkeypatch.setattr(timezone, "localdate", lambda *a: day)


@pytest.fixture
def lapsing(monkeypatch, school_a, school_b):
    """On 2026-02-15 one junior teacher in each school; school A's skill certificate expires
    on 2026-03-15, school B's does not. No nightly run after the 15th of February."""
    set_today(monkeypatch, date(2026, 2, 15))
    lapses = testing.make_teacher(school_a, name="王芳")
    stays = testing.make_teacher(school_b, name="李强")
    for teacher, expires_on in ((lapses, date(2026, 3, 15)), (stays, None)):
        testing.make_certificate(teacher)
        testing.make_certificate(
            teacher,
            kind="skill_level",
            level="grade4",
            issued_on=date(2015, 1, 1),
            expires_on=expires_on,
        )
    return lapses, stays


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
