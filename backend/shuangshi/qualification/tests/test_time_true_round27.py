"""Round 27: a past date is judged with the school in effect then, whoever asks (DESIGN §3
dated facts, §4), when the figure is evaluated rather than read from the stored dated
results; and a change may not take effect in the future (today's columns are today's)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from shuangshi import testing
from shuangshi.qualification import services
from shuangshi.qualification.models import IntervalHorizon
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Teacher, TeacherFact

pytestmark = pytest.mark.django_db

MOVED_ON = date(2024, 1, 1)
BEFORE = "2023-06-30"


def _qualified(school, **fields):
    teacher = testing.make_teacher(school, **fields)
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="skill_level", level="grade4", issued_on=date(2015, 1, 1)
    )
    return teacher


def _row(api, user, school, as_of):
    response = api(user).get(f"/api/v1/ratios/schools/?school={school.pk}&as_of={as_of}")
    assert response.status_code == 200
    row = response.json()["results"][0]
    return row["in_scope"], row["qualified"]


def _row_of_all(api, user, school, as_of):
    rows = api(user).get(f"/api/v1/ratios/schools/?as_of={as_of}").json()["results"]
    row = next(r for r in rows if r["school"]["id"] == school.pk)
    return row["in_scope"], row["qualified"]


def test_a_past_school_ratio_is_the_same_whoever_asks(
    api, province, city_nc, hr_a, hr_b, base_staff, school_a, school_b
):
    teacher = _qualified(school_a)
    teacher_services.teacher_update(
        teacher=teacher, data={"school": school_b}, effective_on=MOVED_ON
    )
    assert not IntervalHorizon.objects.exists()  # evaluated, not read from dated results
    # At school A before the transfer: for the province (one school or all), the city and
    # the school's HR alike; not at school B then.
    assert _row(api, hr_a, school_a, BEFORE) == (1, 1)
    assert _row(api, province, school_a, BEFORE) == (1, 1)
    assert _row_of_all(api, province, school_a, BEFORE) == (1, 1)
    assert _row(api, city_nc, school_a, BEFORE) == (1, 1)
    assert _row(api, hr_b, school_b, BEFORE) == (0, 0)
    assert _row(api, province, school_b, BEFORE) == (0, 0)
    city = api(city_nc).get(f"/api/v1/ratios/summary/?as_of={BEFORE}").json()["province"]
    assert (city["in_scope"], city["qualified"]) == (1, 1)
    # After it, at school B.
    assert _row(api, hr_a, school_a, "2024-06-30") == (0, 0)
    assert _row(api, hr_b, school_b, "2024-06-30") == (1, 1)
    assert api(base_staff).get(f"/api/v1/ratios/schools/?as_of={BEFORE}").status_code == 403


def test_before_the_stored_horizon_too(api, province, hr_a, school_a, school_b):
    teacher = _qualified(school_a)
    teacher_services.teacher_update(
        teacher=teacher, data={"school": school_b}, effective_on=date(2015, 1, 1)
    )
    services.qualifications_rebuild()
    assert IntervalHorizon.objects.get().starts_on > date(2014, 6, 30)
    assert _row(api, hr_a, school_a, "2014-06-30") == (1, 0)  # in scope, no skill yet
    assert _row_of_all(api, province, school_a, "2014-06-30") == (1, 0)
    assert _row(api, hr_a, school_a, "2016-06-30") == (0, 0)


def test_candidates_at_a_past_date_are_who_was_at_the_school(
    api, hr_a, hr_b, base_staff, school_a, school_b
):
    teacher = testing.make_teacher(school_a, name="调走")
    testing.make_certificate(teacher)  # basic only: a candidate
    teacher_services.teacher_update(
        teacher=teacher, data={"school": school_b}, effective_on=MOVED_ON
    )

    def names(user, school, as_of):
        url = f"/api/v1/ratios/candidates/?school={school.pk}&as_of={as_of}"
        response = api(user).get(url)
        assert response.status_code == 200
        return [r["teacher"]["name"] for r in response.json()["results"]]

    assert names(hr_a, school_a, BEFORE) == ["调走"]
    assert names(hr_b, school_b, BEFORE) == []
    assert names(hr_b, school_b, "2024-06-30") == ["调走"]
    assert names(hr_a, school_a, "2024-06-30") == []
    url = f"/api/v1/ratios/candidates/?school={school_a.pk}&as_of={BEFORE}"
    assert api(base_staff).get(url).status_code == 403


def test_a_later_date_reads_the_school_in_effect_then(
    api, province, hr_a, hr_b, school_a, school_b
):
    """Stored results that do not hold (the evaluated part of a date from today on) are
    picked by the school in effect on that date: here a transfer stored as dated facts
    dated after today (data written before they were refused), with the column already
    saying the later school."""
    today = timezone.localdate()
    teacher = _qualified(school_a)
    moves = today + timedelta(days=7)
    TeacherFact.objects.create(
        teacher=teacher, field="school", value=str(school_a.pk), effective_on=teacher.hired_on
    )
    TeacherFact.objects.create(
        teacher=teacher, field="school", value=str(school_b.pk), effective_on=moves
    )
    Teacher.objects.filter(pk=teacher.pk).update(school=school_b, facts_since=moves)
    services.teachers_reevaluate(teacher_ids=[teacher.pk])
    tomorrow = (today + timedelta(days=1)).isoformat()
    later = (moves + timedelta(days=1)).isoformat()
    assert _row(api, hr_a, school_a, tomorrow) == (1, 1)
    assert _row(api, province, school_a, tomorrow) == (1, 1)
    assert _row(api, hr_b, school_b, tomorrow) == (0, 0)
    assert _row(api, hr_b, school_b, later) == (1, 1)
    assert _row(api, hr_a, school_a, later) == (0, 0)


# --------------------------------------------------------------------------- effective_on


def _patch(api, user, teacher, **data):
    teacher.refresh_from_db()
    return api(user).patch(
        f"/api/v1/teachers/{teacher.pk}/", {**data, "version": teacher.version}, format="json"
    )


def test_a_change_may_not_take_effect_in_the_future(api, province, hr_a, hr_b, school_a, school_b):
    today = timezone.localdate()
    teacher = testing.make_teacher(school_a)
    tomorrow = (today + timedelta(days=1)).isoformat()
    for user in (province, hr_a):
        response = _patch(api, user, teacher, title="senior", effective_on=tomorrow)
        assert response.status_code == 400
        assert list(response.json()) == ["effective_on"]
        # 变更生效日期不能晚于今天。 once the catalogue has it (the tests run in Chinese).
        future = gettext("The date a change takes effect may not be in the future.")
        assert response.json()["effective_on"] == [future]
    teacher.refresh_from_db()
    assert teacher.title == "intermediate"  # unchanged, and no dated fact written
    assert not TeacherFact.objects.filter(teacher=teacher).exists()
    # Another school's HR does not reach the teacher at all.
    assert _patch(api, hr_b, teacher, title="senior", effective_on=tomorrow).status_code == 404
    # Today and a past date are taken; the column reads today's value.
    past = (today - timedelta(days=30)).isoformat()
    assert _patch(api, hr_a, teacher, title="senior", effective_on=past).status_code == 200
    assert (
        _patch(api, hr_a, teacher, title="junior", effective_on=today.isoformat()).status_code
        == 200
    )
    teacher.refresh_from_db()
    assert teacher.title == "junior"
