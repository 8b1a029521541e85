"""A month whose snapshot job never ran still has its trend point (round 31).

DESIGN §4: reads are never stale, and the point for month M is the figures as of M's last
day. A month with no stored snapshot is now counted at its last day from the stored dated
results (two indexed reads for any number of schools), marked `stored: false`.

Round 40: so is a month that has a snapshot (exploratory QA found the trend keeping a
snapshot that a back-dated leaving date, or a new rule profile, had since changed, unlike
ratios/summary for the month's last day). What the job recorded goes beside the point
(`recorded`); it stands in (`stored: true`) only where the dated results do not reach.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from shuangshi.qualification import intervals, selectors, services
from shuangshi.qualification.models import RatioSnapshot

from .test_intervals import _staff

pytestmark = pytest.mark.django_db
URL = "/api/v1/ratios/trend/"


def _month(d: date) -> str:
    return d.strftime("%Y-%m")


def _fresh(on: date, school_ids=None) -> tuple[int, int]:
    counts = selectors.counts_at(on, school_ids, use_stored=False)
    return (
        sum(c.in_scope for c in counts.values()),
        sum(c.qualified for c in counts.values()),
    )


def test_months_without_a_snapshot_are_counted_at_their_last_day(
    api, province, hr_a, school_a, school_b
):
    _staff(school_a)
    _staff(school_b)
    services.qualifications_rebuild()
    today = timezone.localdate()
    this_month = today.replace(day=1)
    ends = intervals.month_ends(this_month - timedelta(days=300), this_month - timedelta(days=1))
    snapped = ends[3].replace(day=1)
    services.ratios_snapshot(month=snapped)
    start, end = _month(ends[0]), _month(today)

    points = api(province).get(f"{URL}?from={start}&to={end}").json()["points"]
    assert [p["month"] for p in points] == [*(_month(e) for e in ends), _month(today)]
    for point, last_day in zip(points, ends, strict=False):
        assert (point["in_scope"], point["qualified"]) == _fresh(last_day), point
        assert point["live"] is False
        assert point["stored"] is False
        assert (point["recorded"] is not None) is (last_day.replace(day=1) == snapped)
    assert points[-1]["live"] is True and points[-1]["stored"] is False
    assert points[-1]["recorded"] is None

    # A school's series: its own counts (the snapshot job stores every school's too).
    mine = api(hr_a).get(f"{URL}?from={start}&to={end}").json()["points"]
    assert len(mine) == len(points)
    for point, last_day in zip(mine, ends, strict=False):
        assert (point["in_scope"], point["qualified"]) == _fresh(last_day, [school_a.pk])
        assert (point["recorded"] is not None) is (last_day.replace(day=1) == snapped)


def test_a_snapshot_goes_beside_the_point_counted_from_the_dated_results(api, province, school_a):
    _staff(school_a)
    services.qualifications_rebuild()
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    services.ratios_snapshot(month=month)
    RatioSnapshot.objects.filter(scope="province", month=month).update(in_scope=99, qualified=98)
    points = api(province).get(f"{URL}?from={_month(month)}&to={_month(month)}").json()["points"]
    n, q = _fresh(intervals.month_end(month))
    assert points == [
        {
            "month": _month(month),
            "in_scope": n,
            "qualified": q,
            "ratio": round(q / n, 6),
            "live": False,
            "stored": False,
            "recorded": {"in_scope": 99, "qualified": 98, "ratio": round(98 / 99, 6)},
        }
    ]


def test_a_snapshot_stands_in_where_the_dated_results_do_not_reach(api, province, school_a):
    _staff(school_a)  # no rebuild: no stored dated results
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    services.ratios_snapshot(month=month)
    RatioSnapshot.objects.filter(scope="province", month=month).update(in_scope=99, qualified=98)
    (point,) = api(province).get(f"{URL}?from={_month(month)}&to={_month(month)}").json()["points"]
    assert (point["in_scope"], point["qualified"], point["stored"]) == (99, 98, True)
    assert point["recorded"] == {"in_scope": 99, "qualified": 98, "ratio": round(98 / 99, 6)}


def test_a_back_dated_leaving_date_moves_the_months_point_as_it_moves_the_summary(
    api, province, hr_a, school_a
):
    teachers = _staff(school_a)
    services.qualifications_rebuild()
    this_month = timezone.localdate().replace(day=1)
    month = (this_month - timedelta(days=40)).replace(day=1)  # two months back
    services.ratios_snapshot(month=month)
    url = f"{URL}?from={_month(month)}&to={_month(month)}"
    (before,) = api(province).get(url).json()["points"]
    in_scope = [t for t in teachers if t.course_type == "professional" and t.left_on is None]
    leaver = in_scope[0]
    response = api(hr_a).patch(
        f"/api/v1/teachers/{leaver.pk}/",
        {"left_on": (month + timedelta(days=5)).isoformat(), "version": leaver.version},
        format="json",
    )
    assert response.status_code == 200, response.json()
    (after,) = api(province).get(url).json()["points"]
    summary = (
        api(province)
        .get("/api/v1/ratios/summary/", {"as_of": intervals.month_end(month).isoformat()})
        .json()
    )
    assert after["in_scope"] == before["in_scope"] - 1
    assert (after["in_scope"], after["qualified"]) == (
        summary["province"]["in_scope"],
        summary["province"]["qualified"],
    )
    # What the job recorded on the 1st is still there, as it was.
    assert after["recorded"] == {k: before[k] for k in ("in_scope", "qualified", "ratio")}


def test_months_outside_the_stored_results_are_left_out_as_before(api, province, school_a):
    _staff(school_a)  # no rebuild: no stored dated results
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    points = api(province).get(f"{URL}?from={_month(month)}&to={_month(month)}").json()["points"]
    assert points == []


def test_a_share_keeps_six_decimals_so_a_percent_is_rounded_once():
    # Round 40 (exploratory QA): 28 of 33 went out as 0.8485 and showed as 84.9%, not 84.8%.
    from shuangshi.qualification.reports import _figures

    assert _figures(33, 28)["ratio"] == 0.848485
    assert f"{_figures(33, 28)['ratio'] * 100:.1f}%" == "84.8%"
    assert _figures(0, 0)["ratio"] is None
