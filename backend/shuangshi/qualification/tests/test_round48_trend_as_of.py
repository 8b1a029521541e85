"""The trend follows the dashboard's date (round 48).

QA found the province dashboard's trend ignoring the chosen date (`as_of`): the headline,
gauge and below-target list showed 2026-03-31 while the trend still ran to the current month,
with points "from the future" and a last point that disagreed with the headline. The trend
now takes `as_of`: no month after it, and the last point is the figures on that date (what
ratios/summary?as_of gives); without it (or with today) it is as before.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from shuangshi.accounts.services import user_must_change_password_clear
from shuangshi.qualification import intervals, services
from shuangshi.testing import Role, make_user

from .test_intervals import _staff

pytestmark = pytest.mark.django_db
URL = "/api/v1/ratios/trend/"
SUMMARY = "/api/v1/ratios/summary/"


def _month(d: date) -> str:
    return d.strftime("%Y-%m")


def _headline(client, on: date, **params) -> tuple[int, int]:
    query = "&".join(f"{k}={v}" for k, v in {"as_of": on.isoformat(), **params}.items())
    figures = client.get(f"{SUMMARY}?{query}").json()["province"]
    return figures["in_scope"], figures["qualified"]


@pytest.mark.parametrize("day_of_month", ["mid", "end"])
def test_the_trend_ends_at_the_chosen_date_and_agrees_with_the_headline(
    api, province, city_nc, school_a, school_b, day_of_month
):
    _staff(school_a)
    _staff(school_b)
    services.qualifications_rebuild()
    this_month = timezone.localdate().replace(day=1)
    month = (this_month - timedelta(days=70)).replace(day=1)  # two or three months back
    on = month.replace(day=14) if day_of_month == "mid" else intervals.month_end(month)

    points = api(province).get(f"{URL}?as_of={on.isoformat()}").json()["points"]
    assert points, "a past date has its months"
    assert max(p["month"] for p in points) == _month(on)  # nothing after the chosen month
    assert points[-1]["month"] == _month(on)
    assert len(points) == 12  # the twelve months up to it, as for today
    assert points[-1]["live"] is False
    last = points[-1]
    assert (last["in_scope"], last["qualified"]) == _headline(api(province), on)

    # A city's series (the city official's dashboard) alike.
    mine = api(city_nc).get(f"{URL}?as_of={on.isoformat()}").json()["points"]
    assert mine[-1]["month"] == _month(on)
    assert all(p["month"] <= _month(on) for p in mine)
    assert (mine[-1]["in_scope"], mine[-1]["qualified"]) == _headline(api(city_nc), on)

    # `to` after the chosen month goes no further than it; `from` still starts the series.
    start = _month(month - timedelta(days=40))
    bounded = api(province).get(
        f"{URL}?as_of={on.isoformat()}&from={start}&to={_month(this_month)}"
    )
    assert bounded.status_code == 200
    assert [p["month"] for p in bounded.json()["points"]][-1] == _month(on)
    assert bounded.json()["points"][0]["month"] == start


def test_today_or_no_date_is_the_trend_as_before(api, province, school_a):
    _staff(school_a)
    services.qualifications_rebuild()
    today = timezone.localdate()
    plain = api(province).get(URL).json()
    dated = api(province).get(f"{URL}?as_of={today.isoformat()}").json()
    assert dated == plain
    assert plain["points"][-1]["month"] == _month(today)
    assert plain["points"][-1]["live"] is True


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "1900-01-01"])
def test_a_bad_date_is_a_400_naming_the_field(api, province, bad):
    r = api(province).get(f"{URL}?as_of={bad}")
    assert r.status_code == 400
    assert "as_of" in r.json()


def test_who_may_read_the_dated_trend(api, province, teacher_a):
    on = (timezone.localdate().replace(day=1) - timedelta(days=1)).isoformat()
    assert api(province).get(f"{URL}?as_of={on}").status_code == 200
    teacher = make_user("wangfang", Role.TEACHER, teacher=teacher_a)
    user_must_change_password_clear(user=teacher)
    teacher.refresh_from_db()
    assert api(teacher).get(f"{URL}?as_of={on}").status_code == 403
    assert api().get(f"{URL}?as_of={on}").status_code == 401
