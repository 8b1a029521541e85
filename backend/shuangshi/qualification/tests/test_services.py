from datetime import date, timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import selectors, services
from shuangshi.qualification.models import SchoolStats, TeacherQualification
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db


def make_qualified(school, **kw):
    """A teacher with a teacher-qualification certificate and 200 recent practice days."""
    teacher = testing.make_teacher(school, **kw)
    testing.make_certificate(teacher)
    today = timezone.localdate()
    testing.make_period(teacher, start_on=today - timedelta(days=199), end_on=today)
    return teacher


def stats(school) -> dict:
    row = SchoolStats.objects.filter(school=school).values().first() or {}
    return {k: row.get(k, 0) for k in ("in_scope", "qualified", "full_time", "part_time")}


def test_every_teacher_write_stores_the_result_in_the_same_transaction(school_a):
    teacher = testing.make_teacher(school_a)
    result = TeacherQualification.objects.get(teacher=teacher)
    assert (result.level, result.in_scope, result.qualified) == ("none", True, False)
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="skill_level", level="grade4", issued_on=date(2015, 1, 1)
    )
    result.refresh_from_db()
    assert result.level == "junior"
    assert stats(school_a) == {"in_scope": 1, "qualified": 1, "full_time": 1, "part_time": 0}


def test_school_aggregates_follow_updates_and_deletes(school_a, school_b):
    t1 = make_qualified(school_a)
    make_qualified(school_a)
    testing.make_teacher(school_a, employment="part_time")
    testing.make_teacher(school_a, course_type="public")
    assert stats(school_a) == {"in_scope": 2, "qualified": 2, "full_time": 3, "part_time": 1}
    teacher_services.teacher_update(teacher=t1, data={"school": school_b})
    assert stats(school_a) == {"in_scope": 1, "qualified": 1, "full_time": 2, "part_time": 1}
    assert stats(school_b) == {"in_scope": 1, "qualified": 1, "full_time": 1, "part_time": 0}
    teacher_services.teacher_delete(teacher=t1)
    assert stats(school_b) == {"in_scope": 0, "qualified": 0, "full_time": 0, "part_time": 0}
    assert not TeacherQualification.objects.filter(teacher_id=t1.pk).exists()


def test_full_rebuild_agrees_with_incremental_updates(school_a, school_b):
    make_qualified(school_a)
    testing.make_teacher(school_a)
    make_qualified(school_b, hired_on=date(2024, 1, 1))
    before = {s: stats(s) for s in (school_a, school_b)}
    recruitment = SchoolStats.objects.get(school=school_b).recruitment_failed
    SchoolStats.objects.all().delete()
    TeacherQualification.objects.all().delete()
    assert services.qualifications_rebuild(batch_size=2) == 3
    assert {s: stats(s) for s in (school_a, school_b)} == before
    assert SchoolStats.objects.get(school=school_b).recruitment_failed == recruitment == 1


def test_a_new_profile_version_re_evaluates_everyone(school_a, province):
    make_qualified(school_a)
    assert stats(school_a)["qualified"] == 1
    row = services.rule_profile_update(
        values={"practice_min_days": 365}, note="stricter", user=province
    )
    assert row.version == 1
    assert row.values["practice_min_days"] == 365
    assert stats(school_a)["qualified"] == 0
    assert TeacherQualification.objects.get().profile_version == 1


def test_invalid_profile_values_are_refused(school_a):
    with pytest.raises(services.ProfileInvalid) as exc:
        services.rule_profile_update(values={"practice_min_days": -3, "nope": 1})
    assert set(exc.value.errors) == {"nope"}
    with pytest.raises(services.ProfileInvalid) as exc:
        services.rule_profile_update(values={"skill_min_grade": "grade9"})
    assert set(exc.value.errors) == {"skill_min_grade"}


def test_counts_at_another_date_are_evaluated_not_read(school_a):
    teacher = make_qualified(school_a)
    today = timezone.localdate()
    in_a_decade = today + timedelta(days=3700)
    counts = selectors.counts_at(in_a_decade, [school_a.pk])
    assert (counts[school_a.pk].in_scope, counts[school_a.pk].qualified) == (1, 0)
    before_hire = teacher.hired_on - timedelta(days=1)
    assert selectors.counts_at(before_hire, [school_a.pk])[school_a.pk].in_scope == 0


def test_refresh_due_re_evaluates_expired_results(school_a):
    teacher = make_qualified(school_a)
    result = TeacherQualification.objects.get(teacher=teacher)
    later = result.valid_until
    assert later is not None
    assert services.qualifications_refresh_due(on=later) == 1
    result.refresh_from_db()
    assert result.qualified is False
    assert stats(school_a)["qualified"] == 0


def test_monthly_snapshots_for_school_city_and_province(school_a, school_b):
    make_qualified(school_a)
    testing.make_teacher(school_b)
    assert services.ratios_snapshot() == 2 + 2 + 1
    past = services.ratios_snapshot(month=date(2020, 1, 1))
    assert past == 5


def test_the_job_on_the_first_records_the_month_just_ended_as_on_its_last_day(monkeypatch):
    # DESIGN §4: the point for month M is the figures as of M's last day; the job on the
    # 1st records the month just ended. A skill certificate expiring on 03-15 makes March's
    # point 0 qualified, though the teacher was qualified on 03-01 when March began.
    from shuangshi.qualification.models import RatioSnapshot

    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2026, 2, 15))
    school = testing.make_school()
    teacher = testing.make_teacher(school)
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher,
        kind="skill_level",
        level="grade4",
        issued_on=date(2015, 1, 1),
        expires_on=date(2026, 3, 15),
    )
    for day in (date(2026, 3, 1), date(2026, 4, 1)):
        monkeypatch.setattr(timezone, "localdate", lambda *a, d=day: d)
        services.qualifications_refresh_due(on=day)
        services.ratios_snapshot()  # as the schedule's job calls it, with no month
    points = dict(RatioSnapshot.objects.filter(scope="province").values_list("month", "qualified"))
    assert points == {date(2026, 2, 1): 1, date(2026, 3, 1): 0}
    with pytest.raises(services.MonthNotEnded):
        services.ratios_snapshot(month=date(2026, 4, 1))  # April ends on the 30th
    assert not RatioSnapshot.objects.filter(month=date(2026, 4, 1)).exists()


@pytest.mark.django_db(transaction=True)
def test_pipelined_rebuild_on_postgresql_matches_the_sequential_one():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("reader/writer threads need a database shared between connections")
    school = testing.make_school()
    for i in range(7):
        (make_qualified if i % 2 else testing.make_teacher)(school)
    before = stats(school)
    results = set(TeacherQualification.objects.values_list("teacher_id", "level", "in_scope"))
    TeacherQualification.objects.all().delete()
    assert services.qualifications_rebuild(batch_size=2, parallel=True) == 7
    assert stats(school) == before
    after = set(TeacherQualification.objects.values_list("teacher_id", "level", "in_scope"))
    assert after == results


def test_future_counts_from_stored_validity_equal_a_full_evaluation(school_a, school_b):
    today = timezone.localdate()
    make_qualified(school_a)
    t = make_qualified(school_b)
    testing.make_certificate(
        t,
        kind="skill_level",
        level="grade3",
        issued_on=date(2015, 1, 1),
        expires_on=today + timedelta(days=40),
    )
    expiring = testing.make_teacher(school_a)
    testing.make_certificate(expiring, expires_on=today + timedelta(days=10))
    testing.make_certificate(
        expiring, kind="one_plus_x", level="senior", issued_on=date(2020, 1, 1)
    )
    testing.make_teacher(school_b, hired_on=today + timedelta(days=30))
    testing.make_teacher(school_a, left_on=today + timedelta(days=5))
    testing.make_teacher(school_a, employment="part_time")
    for days in (0, 1, 6, 10, 11, 30, 41, 200, 400, 3000):
        on = today + timedelta(days=days)
        fast = selectors.counts_at(on)
        full = selectors.counts_at(on, use_stored=False)
        assert fast == full, days
        ids = [school_a.pk]
        assert selectors.counts_at(on, ids) == selectors.counts_at(on, ids, use_stored=False)


@pytest.mark.parametrize(
    "packed",
    [[0, None, "a", 'q"uote\\', 5, True, 1.5], [2047, "full_time/professional/employed", "中文"]],
)
def test_packed_json_is_json(packed):
    import json

    assert json.loads(services.packed_json(packed)) == packed


def test_large_reevaluations_run_in_chunks(school_a, monkeypatch):
    teachers = [make_qualified(school_a) for _ in range(5)]
    TeacherQualification.objects.all().delete()
    SchoolStats.objects.all().delete()
    monkeypatch.setattr(services, "REEVALUATE_CHUNK", 2)
    services.teachers_reevaluate(teacher_ids=[t.pk for t in teachers])
    assert TeacherQualification.objects.count() == 5
    assert stats(school_a)["qualified"] == 5


@pytest.mark.django_db(transaction=True)
def test_prefetched_reads_on_postgresql_give_the_same_counts():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the prefetching thread needs a database shared between connections")
    school = testing.make_school()
    for i in range(5):
        (make_qualified if i % 2 else testing.make_teacher)(school)
    on = timezone.localdate() - timedelta(days=1)
    counts = selectors.counts_at(on, use_stored=False)
    assert (counts[school.pk].in_scope, counts[school.pk].qualified) == (5, 2)
    batches = list(selectors.prefetched(selectors.iter_records(batch_size=2)))
    assert sum(len(b) for b in batches) == 5


def test_a_rebuild_writes_only_the_results_that_changed(school_a):
    from django.db import connection

    teachers = [make_qualified(school_a) for _ in range(3)]
    written: list[int] = []
    services.qualifications_rebuild(written=written)
    expected_unchanged = 0 if connection.vendor == "postgresql" else 3
    assert written == [expected_unchanged]
    # A change that bypassed the services (so nothing re-evaluated the teacher yet).
    from shuangshi.teachers.models import Certificate

    Certificate.objects.filter(teacher=teachers[0]).delete()
    services.qualifications_rebuild(written=written)
    assert written == [1 if connection.vendor == "postgresql" else 3]
    assert TeacherQualification.objects.get(teacher=teachers[0]).qualified is False
    assert stats(school_a)["qualified"] == 2
    services.qualifications_rebuild(rewrite_all=True, written=written)
    assert written == [3]
