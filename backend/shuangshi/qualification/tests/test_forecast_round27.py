"""Round 27: the forecast holds the scope at today's (DESIGN §9: "if nothing changes (nobody
joins or leaves, nothing new is earned)"). A teacher hired later or leaving later does not
move it; what lapses by itself still does. Both ways of computing it: evaluating the
records, and the stored dated results (intervals and per-school counts)."""

import io
import random
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from shuangshi import testing
from shuangshi.notifications.models import Kind, Notification
from shuangshi.qualification import engine, forecast, selectors, services
from shuangshi.qualification.models import IntervalHorizon
from shuangshi.teachers.models import Teacher, TeacherFact

pytestmark = pytest.mark.django_db

STORED = pytest.mark.parametrize("stored", [False, True], ids=["evaluated", "from intervals"])


def qualified(school: Any, expires_on: date | None, **fields: Any) -> Teacher:
    """A junior teacher (certificate and 200 days of practice up to today) until
    ``expires_on``, the certificate's last day."""
    teacher = testing.make_teacher(school, **fields)
    testing.make_certificate(teacher, expires_on=expires_on)
    today = timezone.localdate()
    testing.make_period(teacher, start_on=today - timedelta(days=199), end_on=today)
    return teacher


def use(stored: bool) -> None:
    """Read from the stored dated results (built as the nightly job builds them) or not."""
    if stored:
        services.qualifications_rebuild()
        assert IntervalHorizon.objects.exists()
    else:
        IntervalHorizon.objects.all().delete()


def points_of(api: Any, user: Any, school: Any, months: int) -> list[tuple[int, int, bool]]:
    r = api(user).get(f"/api/v1/ratios/forecast/?school={school.pk}&months={months}")
    assert r.status_code == 200
    return [(p["in_scope"], p["qualified"], p["meets_target"]) for p in r.json()["points"]]


def below_on(api: Any, user: Any, school: Any) -> str | None:
    rows = api(user).get("/api/v1/ratios/schools/").json()["results"]
    return {row["school"]["id"]: row["forecast_below_on"] for row in rows}[school.pk]


def falling(api: Any, user: Any) -> list[tuple[int, str]]:
    rows = api(user).get("/api/v1/ratios/forecast/schools/?months=12").json()
    return [(r["school"]["id"], r["below_on"]) for r in rows]


@STORED
def test_a_teacher_hired_later_does_not_join_the_forecast(
    api, province, base_staff, school_a, stored
):
    today = timezone.localdate()
    far = today + timedelta(days=2000)
    qualified(school_a, far)
    qualified(school_a, far)
    testing.make_teacher(school_a)  # 2 of 3 (66.7% > 60%)
    hired = today + timedelta(days=40)  # not qualified: 3 → 4 would fall to 50%
    testing.make_teacher(school_a, hired_on=hired, teaching_since=hired)
    use(stored)
    assert points_of(api, province, school_a, 4) == [(3, 2, True)] * 4
    assert below_on(api, province, school_a) is None
    assert falling(api, province) == []
    assert forecast.schools_falling_below(days=365) == {}
    r = api(base_staff).get(f"/api/v1/ratios/forecast/?school={school_a.pk}")
    assert r.status_code == 403


@STORED
def test_a_teacher_leaving_later_stays_in_the_forecast(api, province, base_staff, school_a, stored):
    today = timezone.localdate()
    far = today + timedelta(days=2000)
    qualified(school_a, far)
    qualified(school_a, far, left_on=today + timedelta(days=40))
    testing.make_teacher(school_a)  # 2 of 3; without the leaver 1 of 2 (50%)
    use(stored)
    assert points_of(api, province, school_a, 4) == [(3, 2, True)] * 4
    assert below_on(api, province, school_a) is None
    assert falling(api, province) == []
    assert api(base_staff).get("/api/v1/ratios/schools/").status_code == 403


@STORED
def test_what_lapses_by_itself_still_moves_the_forecast_even_after_a_leaving_date(
    api, province, school_a, stored
):
    today = timezone.localdate()
    first = today + timedelta(days=100)
    qualified(school_a, first)  # lapses after 100 days
    # Leaves after 30 days, but stays in the forecast; its certificate lapses after 200.
    later = today + timedelta(days=200)
    qualified(school_a, later, left_on=today + timedelta(days=30))
    qualified(school_a, None)
    testing.make_teacher(school_a)  # 3 of 4 (75%)
    hired = today + timedelta(days=40)  # qualified from the day hired: does not join either
    qualified(school_a, None, hired_on=hired, teaching_since=today - timedelta(days=3000))
    use(stored)
    lapse, lapse2 = first + timedelta(days=1), later + timedelta(days=1)
    expected = []
    for on in forecast.month_ends(today, 12):
        q = 3 if on < lapse else 2 if on < lapse2 else 1
        expected.append((4, q, q / 4 > 0.6))
    assert points_of(api, province, school_a, 12) == expected
    assert below_on(api, province, school_a) == lapse.isoformat()
    assert falling(api, province) == [(school_a.pk, lapse.isoformat())]
    tl = forecast.timelines([school_a.pk], start=today, end=today + timedelta(days=365))
    assert tl[school_a.pk].steps() == [(lapse, 4, 2), (lapse2, 4, 1)]


def test_evaluating_and_the_stored_results_agree_with_a_fresh_evaluation_of_todays_teachers(
    school_a, school_b
):
    rng = random.Random(27)
    today = timezone.localdate()
    schools = [school_a, school_b]
    for _ in range(60):
        hired = rng.choice([date(2012, 9, 1), today + timedelta(days=rng.randint(1, 300))])
        t = testing.make_teacher(
            rng.choice(schools),
            employment=rng.choice(["full_time", "full_time", "part_time"]),
            course_type=rng.choice(["professional", "practical", "public"]),
            hired_on=hired,
            teaching_since=min(hired, today),
            left_on=rng.choice([None, None, today + timedelta(days=rng.randint(0, 400))]),
            title=rng.choice(["none", "intermediate", "associate_senior"]),
        )
        if rng.random() < 0.8:
            expires = rng.choice([None, today + timedelta(days=rng.randint(0, 400))])
            testing.make_certificate(t, expires_on=expires)
        if rng.random() < 0.7:
            end = today - timedelta(days=rng.randint(0, 5 * 365))
            testing.make_period(t, start_on=end - timedelta(days=rng.randint(30, 400)), end_on=end)
    profile = selectors.profile_current()[1]
    records = selectors.records_for_ids(Teacher.objects.values_list("pk", flat=True))
    staying = [r for r in records if engine.outcome(r.record, today, profile).in_scope]
    dates = forecast.month_ends(today, 12)
    end = dates[-1]
    seen = []
    for stored in (False, True):
        use(stored)
        whole = forecast.timelines(None, start=today, end=end)
        one = forecast.timelines([school_b.pk], start=today, end=end)
        assert forecast.forecast(None, months=12) == forecast.points(
            forecast.combined(whole.values()), dates, selectors.ratio_target()
        )
        for school in schools:
            mine = [r for r in staying if r.school_id == school.pk]
            for on in dates:
                q = sum(engine.outcome(r.record, on, profile).level != "none" for r in mine)
                assert whole[school.pk].at(on) == (len(mine), q)
                if school is school_b:
                    assert one[school.pk].at(on) == (len(mine), q)
            points = forecast.forecast([school.pk], months=12)
            assert [(p["in_scope"], p["qualified"]) for p in points] == [
                whole[school.pk].at(on) for on in dates
            ]
        seen.append({sid: tl.steps() for sid, tl in whole.items() if tl.in_scope})
    assert seen[0] == seen[1]
    assert any(r.facts.hired_on > today for r in records)  # the data has both kinds
    assert any(r.facts.left_on and r.facts.left_on < end for r in staying)


@STORED
def test_a_later_dated_school_keeps_the_teacher_at_todays_school(
    api, province, school_a, school_b, stored
):
    """Data written before dated facts had to be today or earlier: a school change taking
    effect later (the school column already says the new school)."""
    today = timezone.localdate()
    qualified(school_a, None)
    testing.make_teacher(school_a)  # 1 of 2 at A
    qualified(school_b, None)  # 1 of 1 at B
    moving = qualified(school_a, None)  # at A today, at B from +40: 2 of 3 at A
    move = today + timedelta(days=40)
    TeacherFact.objects.bulk_create(
        [
            TeacherFact(
                teacher=moving, field="school", value=str(school_a.pk), effective_on=moving.hired_on
            ),
            TeacherFact(teacher=moving, field="school", value=str(school_b.pk), effective_on=move),
        ]
    )
    Teacher.objects.filter(pk=moving.pk).update(school=school_b, facts_since=move)
    services.teachers_reevaluate(teacher_ids=[moving.pk])
    use(stored)
    for school, held in ((school_a, (3, 2, True)), (school_b, (1, 1, True))):
        assert points_of(api, province, school, 4) == [held] * 4
        tls = forecast.timelines([school.pk], start=today, end=today + timedelta(days=365))
        assert tls[school.pk].steps() == []
        assert below_on(api, province, school) is None


@STORED
def test_the_daily_alert_job_forecasts_from_the_day_it_runs_for(hr_a, school_a, stored):
    today = timezone.localdate()
    lapse = today + timedelta(days=300)
    qualified(school_a, lapse)  # 1 of 1 until then: beyond the 180 days from today
    use(stored)
    on = today + timedelta(days=150)
    assert forecast.schools_falling_below(days=180) == {}
    below = lapse + timedelta(days=1)
    assert forecast.schools_falling_below(days=180, on=on) == {school_a.pk: below}
    call_command("alerts_daily", "--on", on.isoformat(), stdout=io.StringIO())
    alerts = Notification.objects.filter(user=hr_a, kind=Kind.SCHOOL_FALLING_BELOW)
    assert list(alerts.values_list("subject", "due_on")) == [(f"school:{school_a.pk}", below)]
