import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import engine, forecast, selectors, services
from shuangshi.qualification.models import IntervalHorizon
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db


def qualified_until(school, expires_on):
    teacher = testing.make_teacher(school)
    testing.make_certificate(teacher, expires_on=expires_on)
    today = timezone.localdate()
    testing.make_period(teacher, start_on=today - timedelta(days=199), end_on=today)
    return teacher


@pytest.fixture
def spring(school_a):
    """School A: 2 of 3 qualified (66.7% > 60%) until the first certificate lapses."""
    today = timezone.localdate()
    first, second = today + timedelta(days=120), today + timedelta(days=150)
    qualified_until(school_a, first)
    qualified_until(school_a, second)
    testing.make_teacher(school_a)
    return first + timedelta(days=1)  # held on its expiry date, lost the day after


@pytest.mark.parametrize("stored", [False, True], ids=["evaluated", "from intervals"])
def test_a_school_whose_certificates_lapse_is_forecast_below_on_the_day_after(
    api, hr_a, school_a, spring, stored
):
    if stored:
        services.qualifications_rebuild()
    rows = api(hr_a).get("/api/v1/ratios/schools/").json()["results"]
    assert rows[0]["forecast_below_on"] == spring.isoformat()
    points = api(hr_a).get("/api/v1/ratios/forecast/").json()["points"]
    assert len(points) == 12
    for point in points:
        on = date.fromisoformat(point["date"])
        assert on == forecast.month_end(on)
        expected = 2 if on < spring else 1 if on < spring + timedelta(days=30) else 0
        assert point["qualified"] == expected
        assert point["in_scope"] == 3
        assert point["meets_target"] is (on < spring)


def test_the_province_and_the_city_see_the_forecast_and_hr_cannot_name_another_school(
    api, province, city_nc, hr_b, school_a, spring
):
    for user in (province, city_nc):
        r = api(user).get(f"/api/v1/ratios/forecast/?school={school_a.pk}&months=3")
        assert r.status_code == 200
        assert [p["qualified"] for p in r.json()["points"]][:1] == [2]
    assert api(hr_b).get(f"/api/v1/ratios/forecast/?school={school_a.pk}").status_code == 404


def test_base_staff_are_refused_and_bad_months_is_a_400(api, base_staff, province):
    assert api(base_staff).get("/api/v1/ratios/forecast/").status_code == 403
    r = api(province).get("/api/v1/ratios/forecast/?months=0")
    assert r.status_code == 400
    assert "months" in r.json()


def test_a_school_that_keeps_meeting_has_no_below_date(api, province, school_a):
    qualified_until(school_a, None)
    rows = api(province).get("/api/v1/ratios/schools/").json()["results"]
    assert rows[0]["forecast_below_on"] is None


@pytest.mark.parametrize("stored", [False, True], ids=["evaluated", "from intervals"])
def test_the_forecast_equals_a_fresh_evaluation_of_todays_teachers_at_each_month_end(
    school_a, stored
):
    rng = random.Random(13)
    today = timezone.localdate()
    for _ in range(40):
        t = testing.make_teacher(
            school_a,
            course_type=rng.choice(["professional", "practical", "public"]),
            left_on=rng.choice([None, None, today + timedelta(days=rng.randint(1, 400))]),
            title=rng.choice(["none", "intermediate", "associate_senior"]),
        )
        if rng.random() < 0.8:
            testing.make_certificate(
                t,
                expires_on=rng.choice([None, today + timedelta(days=rng.randint(0, 400))]),
            )
        if rng.random() < 0.5:
            testing.make_certificate(
                t,
                kind="professional_title",
                level="intermediate",
                expires_on=rng.choice([None, today + timedelta(days=rng.randint(0, 400))]),
            )
        if rng.random() < 0.7:
            end = today - timedelta(days=rng.randint(0, 5 * 365))
            testing.make_period(t, start_on=end - timedelta(days=rng.randint(30, 400)), end_on=end)
    if stored:  # the dated results, built as the nightly job and every write keep them
        services.qualifications_rebuild()
        assert IntervalHorizon.objects.exists()
    else:
        IntervalHorizon.objects.all().delete()
    points = forecast.forecast([school_a.pk], months=12)
    today = timezone.localdate()
    tls = forecast.timelines([school_a.pk], start=today, end=points[-1]["date"])
    # Nobody joins or leaves (DESIGN §9): the teachers in scope today, each evaluated afresh
    # at the month end whatever their leaving date.
    profile = selectors.profile_current()[1]
    ids = Teacher.objects.filter(school=school_a).values_list("pk", flat=True)
    records = [r.record for r in selectors.records_for_ids(ids)]
    staying = [r for r in records if engine.outcome(r, today, profile).in_scope]
    for point in points:
        assert tls[school_a.pk].at(point["date"]) == (point["in_scope"], point["qualified"])
        on = point["date"]
        qualified = sum(engine.outcome(r, on, profile).level != "none" for r in staying)
        assert (point["in_scope"], point["qualified"]) == (len(staying), qualified)


def test_the_schools_falling_below_within_months_soonest_first(
    api, province, city_nc, hr_a, base_staff, school_a, school_b, spring
):
    later = timezone.localdate() + timedelta(days=60)
    qualified_until(school_b, later)  # school B: 1 of 1 until its certificate lapses
    rows = api(province).get("/api/v1/ratios/forecast/schools/?months=6").json()
    assert [(r["school"]["id"], r["below_on"]) for r in rows] == [
        (school_b.pk, (later + timedelta(days=1)).isoformat()),
        (school_a.pk, spring.isoformat()),
    ]
    city = api(city_nc).get("/api/v1/ratios/forecast/schools/").json()
    assert [r["school"]["id"] for r in city] == [school_a.pk]
    short = api(province).get("/api/v1/ratios/forecast/schools/?months=1").json()
    assert short == []
    assert api(base_staff).get("/api/v1/ratios/forecast/schools/").status_code == 403
    assert api(hr_a).get("/api/v1/ratios/forecast/schools/?months=13").status_code == 400
