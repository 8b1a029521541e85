"""Round 41: the dated results exist without anyone running `reevaluate`.

Exploratory QA: on the demo (and on any new installation) no dated results were ever built:
only a rule-profile change or the `reevaluate` command built them. The trend then showed the
snapshot recorded on the 1st, which a back-dated change had since made wrong (a course type
changed from March: ratios/schools said 29 in scope for June, the trend still 30), and left
out months ratios/summary answers. The nightly due re-evaluation now builds them when they
are missing or were built under another rule profile, and the demo builds them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi.common.demo import load_demo
from shuangshi.qualification import intervals, selectors, services
from shuangshi.qualification.models import IntervalHorizon

from .test_intervals import _staff

pytestmark = pytest.mark.django_db
TREND = "/api/v1/ratios/trend/"


def _last_month():
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


def test_the_nightly_run_builds_missing_dated_results(api, province, hr_a, school_a):
    teachers = _staff(school_a)
    month = _last_month()
    services.ratios_snapshot(month=month)
    assert intervals.horizon() is None
    services.qualifications_refresh_due()
    h = intervals.horizon()
    assert h is not None and h.profile_version == selectors.profile_version_current()
    assert h.starts_on <= month
    # A back-dated change now moves last month's point, as it moves the summary.
    leaver = next(t for t in teachers if t.course_type == "professional" and t.left_on is None)
    response = api(hr_a).patch(
        f"/api/v1/teachers/{leaver.pk}/",
        {"left_on": (month + timedelta(days=3)).isoformat(), "version": leaver.version},
        format="json",
    )
    assert response.status_code == 200, response.json()
    key = month.strftime("%Y-%m")
    (point,) = api(province).get(TREND, {"from": key, "to": key}).json()["points"]
    summary = api(province).get(
        "/api/v1/ratios/summary/", {"as_of": intervals.month_end(month).isoformat()}
    )
    assert point["stored"] is False
    assert point["in_scope"] == summary.json()["province"]["in_scope"]
    assert point["recorded"]["in_scope"] == point["in_scope"] + 1


def test_the_nightly_run_rebuilds_results_of_an_older_profile(school_a):
    _staff(school_a)
    services.qualifications_rebuild()
    old = intervals.horizon().profile_version
    row = services.rule_profile_update(values={"practice_min_days": 200}, reevaluate=False)
    assert row.version != old
    services.qualifications_refresh_due()
    assert intervals.horizon().profile_version == row.version


def test_the_demo_builds_the_dated_results(api, province):
    load_demo()
    h = IntervalHorizon.objects.get()
    assert h.profile_version == selectors.profile_version_current()
    key = _last_month().strftime("%Y-%m")
    (point,) = api(province).get(TREND, {"from": key, "to": key}).json()["points"]
    assert point["stored"] is False
    assert point["in_scope"] > 0
