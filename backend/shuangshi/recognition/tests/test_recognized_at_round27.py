"""Round 27: recognized counts at a date D are of the teachers in scope at D, at the school
in effect at D (DESIGN §3 dated facts, §4 scope, §8 "in scope with an active recognition at
D"), as the ratio beside them: never today's school, employment or course type."""

from datetime import timedelta

import pytest

from shuangshi.recognition import services
from shuangshi.recognition.models import Application
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db


def _recognized_long_ago(teacher, hr_a, province, round_open, today):
    """Recognized 240 days ago (finalized then)."""
    app = services.application_create(round=round_open, teacher=teacher, level="junior", user=hr_a)
    app = services.application_submit(application=app, user=hr_a)
    services.application_school_review(application=app, user=hr_a, decision="approve")
    services.application_province_review(
        application=Application.objects.get(pk=app.pk),
        user=province,
        decision="approve",
        today=today - timedelta(days=250),
    )
    return services.application_finalize(
        application=Application.objects.get(pk=app.pk),
        user=province,
        today=today - timedelta(days=240),
    )


FIELDS = ("in_scope", "qualified", "recognized", "recognized_ratio")


def _row(api, user, school, on, *, all_schools=False):
    url = "/api/v1/ratios/schools/?as_of=" + on.isoformat()
    if not all_schools:
        url += f"&school={school.pk}"
    response = api(user).get(url)
    assert response.status_code == 200
    row = next(r for r in response.json()["results"] if r["school"]["id"] == school.pk)
    return tuple(row[f] for f in FIELDS)


def test_a_recognized_teacher_counts_at_the_school_they_were_at(
    api,
    province,
    city_nc,
    hr_a,
    hr_b,
    teacher_user,
    qualified_teacher,
    round_open,
    school_a,
    school_b,
    today,
):
    _recognized_long_ago(qualified_teacher, hr_a, province, round_open, today)
    teacher_services.teacher_update(
        teacher=qualified_teacher,
        data={"school": school_b},
        effective_on=today - timedelta(days=100),
    )
    past = today - timedelta(days=200)
    # At school A then, for whoever asks; not at school B (recognized never above in scope).
    for user in (province, hr_a, city_nc):
        assert _row(api, user, school_a, past) == (1, 1, 1, 1.0)
    assert _row(api, province, school_a, past, all_schools=True) == (1, 1, 1, 1.0)
    assert _row(api, province, school_b, past, all_schools=True) == (0, 0, 0, None)
    assert _row(api, hr_b, school_b, past) == (0, 0, 0, None)
    summary = api(province).get(f"/api/v1/ratios/summary/?as_of={past}").json()
    by_city = {c["city"]["id"]: (c["in_scope"], c["recognized"]) for c in summary["by_city"]}
    assert by_city[school_a.city_id] == (1, 1)
    assert by_city.get(school_b.city_id, (0, 0)) == (0, 0)
    by_kind = {k["kind"]: (k["in_scope"], k["recognized"]) for k in summary["by_kind"]}
    assert by_kind[school_a.kind] == (1, 1)
    assert by_kind.get(school_b.kind, (0, 0)) == (0, 0)
    assert summary["province"]["recognized"] == 1
    city = api(city_nc).get(f"/api/v1/ratios/summary/?as_of={past}").json()["province"]
    assert (city["in_scope"], city["recognized"]) == (1, 1)
    # After the transfer, at school B.
    assert _row(api, hr_b, school_b, today) == (1, 1, 1, 1.0)
    assert _row(api, hr_a, school_a, today)[2] == 0
    # A teacher reads no ratios.
    assert api(teacher_user).get(f"/api/v1/ratios/schools/?as_of={past}").status_code == 403


def test_recognized_at_a_date_reads_the_employment_and_course_type_then(
    api, province, hr_a, qualified_teacher, round_open, school_a, today
):
    _recognized_long_ago(qualified_teacher, hr_a, province, round_open, today)
    # Part-time from 50 days ago, public courses from 20 days ago (both back-dated).
    teacher_services.teacher_update(
        teacher=qualified_teacher,
        data={"employment": "part_time"},
        effective_on=today - timedelta(days=50),
    )
    teacher_services.teacher_update(
        teacher=qualified_teacher,
        data={"course_type": "public"},
        effective_on=today - timedelta(days=20),
    )
    then = today - timedelta(days=100)
    assert _row(api, hr_a, school_a, then) == (1, 1, 1, 1.0)
    assert _row(api, province, school_a, then, all_schools=True) == (1, 1, 1, 1.0)
    summary = api(province).get(f"/api/v1/ratios/summary/?as_of={then}").json()["province"]
    assert (summary["in_scope"], summary["recognized"]) == (1, 1)
    assert _row(api, hr_a, school_a, today - timedelta(days=30)) == (0, 0, 0, None)
    assert _row(api, hr_a, school_a, today) == (0, 0, 0, None)
