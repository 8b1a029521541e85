"""Round 50 (QA): the trend's `from`/`to` take a month or a day of it; a day that is no day
(2026-02-29, 2026-02-99, 2026-04-31) or a value with spaces around it was taken as its month
and answered 200: now a 400 naming the parameter, as every other date parameter."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi.qualification import intervals, services

from .test_intervals import _staff

pytestmark = pytest.mark.django_db

URL = "/api/v1/ratios/trend/"


@pytest.mark.parametrize("name", ["from", "to"])
@pytest.mark.parametrize(
    "value", ["2026-02-29", "2026-02-99", "2026-04-31", " 2026-03 ", "2026-03\n"]
)
def test_a_day_that_is_no_day_is_a_400_naming_it(api, province, name, value):
    response = api(province).get(URL, {name: value})
    assert response.status_code == 400, response.content
    assert list(response.json()) == [name]


def test_a_real_day_reads_its_month_as_the_month_itself_does(api, province, school_a):
    _staff(school_a)
    services.qualifications_rebuild()
    this_month = timezone.localdate().replace(day=1)
    start = (this_month - timedelta(days=100)).replace(day=1)
    end = intervals.month_end((this_month - timedelta(days=40)).replace(day=1))
    client = api(province)
    by_month = client.get(URL, {"from": start.strftime("%Y-%m"), "to": end.strftime("%Y-%m")})
    by_day = client.get(URL, {"from": start.isoformat(), "to": end.isoformat()})
    assert by_month.status_code == by_day.status_code == 200, by_day.content
    points = by_month.json()["points"]
    assert points and points[0]["month"] == start.strftime("%Y-%m")
    assert points[-1]["month"] == end.strftime("%Y-%m")
    assert by_day.json() == by_month.json()


def test_base_staff_are_refused_whatever_the_month(api, base_staff):
    assert api(base_staff).get(URL, {"to": "2026-02-29"}).status_code == 403
