"""The teacher alerts' scope (DESIGN §9). `level_dropping` is about the level a teacher's page
shows, whatever the ratio's scope: a part-time professional teacher whose level drops is told
so (only `certificate_expiring` told them). `practice_lapsing` is about the practice duty and
has the duty list's scope (duty.selectors.owing): nobody is told their practice lapses whom
practice-duty/ does not list. Leavers are treated as before."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.notifications import services
from shuangshi.notifications.models import Kind, Notification
from shuangshi.qualification.engine import add_years
from shuangshi.qualification.models import TeacherQualification
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def lapsing_practice(teacher, *, in_days=40):
    """200 days of practice of which 180 are still inside the 5-year window for ``in_days``."""
    start = add_years(TODAY() + timedelta(days=in_days), -5) - timedelta(days=20)
    testing.make_period(teacher, start_on=start, end_on=start + timedelta(days=199))


def intermediate_dropping_to_junior(school, **fields):
    """An intermediate teacher (title, 16 years' teaching, practice, a professional-title
    certificate) whose practice leaves the window in 40 days: junior after that."""
    teacher = testing.make_teacher(school, **fields)
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="professional_title", level="intermediate", name="工程师"
    )
    lapsing_practice(teacher)
    return teacher


def alerts(kind, **filters):
    return list(Notification.objects.filter(kind=kind, **filters))


def verdict(api, user, teacher):
    response = api(user).get(f"/api/v1/teachers/{teacher.pk}/")
    assert response.status_code == 200, response.content
    return response.json()["qualification"]


def test_a_part_time_teacher_whose_level_drops_is_told_so(api, school_a, hr_a, hr_b):
    teacher = intermediate_dropping_to_junior(school_a, employment="part_time")
    own = testing.make_user("t_part", Role.TEACHER, teacher=teacher)
    shown = verdict(api, hr_a, teacher)
    assert shown["in_scope"] is False
    assert (shown["level"], shown["level_after"]) == ("intermediate", "junior")

    services.alerts_daily()
    due = TODAY() + timedelta(days=41)  # the first day the practice is short
    assert shown["valid_until"] == due.isoformat()
    for user in (hr_a, own):
        [drop] = alerts(Kind.LEVEL_DROPPING, user=user)
        assert (drop.subject, drop.due_on) == (f"level:{teacher.pk}", due)
        # The level the page shows after the date, not "none" (they were never in scope).
        assert (drop.params["before"], drop.params["after"]) == ("intermediate", "junior")
    assert not alerts(Kind.LEVEL_DROPPING, user=hr_b)


def test_a_part_time_teacher_dropping_to_none_is_told_with_the_certificate(school_a, hr_a):
    teacher = testing.make_teacher_whose_certificate_expires(
        school_a, expires_on=TODAY() + timedelta(days=30), employment="part_time"
    )
    services.alerts_daily()
    kinds = {n.kind for n in Notification.objects.filter(user=hr_a, teacher_id=teacher.pk)}
    assert kinds == {Kind.CERTIFICATE_EXPIRING, Kind.LEVEL_DROPPING}
    [drop] = alerts(Kind.LEVEL_DROPPING, user=hr_a)
    assert drop.due_on == TODAY() + timedelta(days=31)
    assert (drop.params["before"], drop.params["after"]) == ("junior", "none")


def test_a_full_time_teacher_dropping_a_level_is_told_as_before(school_a, hr_a):
    teacher = intermediate_dropping_to_junior(school_a)
    services.alerts_daily()
    [drop] = alerts(Kind.LEVEL_DROPPING, user=hr_a, teacher_id=teacher.pk)
    assert (drop.params["before"], drop.params["after"]) == ("intermediate", "junior")
    [lapse] = alerts(Kind.PRACTICE_LAPSING, user=hr_a, teacher_id=teacher.pk)
    assert lapse.due_on == drop.due_on


def test_a_teacher_leaving_scope_before_the_drop_is_told_the_level_goes_to_none(school_a, hr_a):
    """In scope today, gone when the level drops: the old wording stands (none after)."""
    teacher = intermediate_dropping_to_junior(school_a, left_on=TODAY() + timedelta(days=10))
    services.alerts_daily()
    [drop] = alerts(Kind.LEVEL_DROPPING, user=hr_a, teacher_id=teacher.pk)
    assert (drop.params["before"], drop.params["after"]) == ("intermediate", "none")


def test_a_part_time_teacher_leaving_before_the_drop_is_told_the_level_they_keep(school_a, hr_a):
    teacher = intermediate_dropping_to_junior(
        school_a, employment="part_time", left_on=TODAY() + timedelta(days=10)
    )
    services.alerts_daily()
    [drop] = alerts(Kind.LEVEL_DROPPING, user=hr_a, teacher_id=teacher.pk)
    assert (drop.params["before"], drop.params["after"]) == ("intermediate", "junior")


@pytest.mark.parametrize("employment", ["full_time", "part_time"])
def test_a_teacher_who_has_left_is_not_told_their_level_drops(school_a, hr_a, employment):
    teacher = intermediate_dropping_to_junior(school_a, employment=employment)
    teacher_services.teacher_update(teacher=teacher, data={"left_on": TODAY() - timedelta(days=1)})
    services.alerts_daily()
    assert not Notification.objects.filter(teacher_id=teacher.pk).exists()


def test_leaving_with_a_level_that_never_changes_raises_nothing(school_a, hr_a):
    teacher = testing.make_teacher(school_a, left_on=TODAY() + timedelta(days=10))
    testing.make_certificate(teacher)
    testing.make_period(teacher, start_on=TODAY() - timedelta(days=400), end_on=None)
    services.alerts_daily()
    assert not Notification.objects.filter(teacher_id=teacher.pk).exists()


# --------------------------------------------------------------------------- practice


@pytest.mark.parametrize(
    "fields",
    [
        {"employment": "part_time"},
        {"course_type": "public"},
        {"hired_on": TODAY() + timedelta(days=5)},  # not hired yet
        {"left_on": TODAY() - timedelta(days=1)},
    ],
    ids=["part_time", "public_course", "not_hired_yet", "left"],
)
def test_practice_lapses_only_for_teachers_the_duty_list_shows(api, school_a, hr_a, fields):
    listed = testing.make_teacher(school_a, name="全职")
    other = testing.make_teacher(school_a, name="其他", **fields)
    for teacher in (listed, other):
        testing.make_certificate(teacher)
        lapsing_practice(teacher)

    services.alerts_daily()
    duty = api(hr_a).get("/api/v1/practice-duty/", {"page_size": 200})
    assert duty.status_code == 200
    shown = {row["teacher"]["id"] for row in duty.json()["results"]}
    lapsing = {n.teacher_id for n in alerts(Kind.PRACTICE_LAPSING, user=hr_a)}
    assert shown == lapsing == {listed.pk}


def test_the_practice_alert_and_the_duty_list_agree_on_the_date(api, school_a, hr_a):
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)
    lapsing_practice(teacher)
    services.alerts_daily()
    [row] = api(hr_a).get("/api/v1/practice-duty/").json()["results"]
    [lapse] = alerts(Kind.PRACTICE_LAPSING, user=hr_a)
    assert row["lapses_on"] == lapse.due_on.isoformat()


def test_a_teacher_leaving_before_their_level_rises_is_not_told_it_drops(school_a, hr_a):
    """Junior today, intermediate on the fifth anniversary of teaching (in 30 days); gone
    from the school in 10: the level does not drop, so nothing is said (the old finder,
    seeing the teacher out of scope then, said "to none")."""
    rises_on = TODAY() + timedelta(days=30)
    teacher = testing.make_teacher(
        school_a, teaching_since=add_years(rises_on, -5), left_on=TODAY() + timedelta(days=10)
    )
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="professional_title", level="intermediate", name="工程师"
    )
    testing.make_period(teacher, start_on=TODAY() - timedelta(days=400), end_on=None)
    qualification = TeacherQualification.objects.get(teacher_id=teacher.pk)
    assert (qualification.level, qualification.valid_until) == ("junior", rises_on)
    services.alerts_daily()
    assert not alerts(Kind.LEVEL_DROPPING, teacher_id=teacher.pk)
