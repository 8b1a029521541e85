"""Dated results (issue 10): the stored intervals and per-school counts by date always equal
a fresh evaluation of every teacher at that date, after a full build and after writes."""

from dataclasses import asdict
from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import intervals, selectors, services
from shuangshi.qualification.models import TeacherLevelInterval, TeacherQualification
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db


def _staff(school, n=0):
    """A few teachers whose levels change inside the horizon, for several reasons."""
    today = timezone.localdate()
    lapsing = testing.make_teacher(school)
    testing.make_certificate(lapsing, expires_on=today + timedelta(days=40))
    testing.make_period(
        lapsing, start_on=today - timedelta(days=700), end_on=today - timedelta(days=400)
    )
    skilled = testing.make_teacher(
        school, hired_on=date(2024, 9, 1), teaching_since=date(2024, 9, 1)
    )
    testing.make_certificate(skilled, issued_on=date(2022, 1, 1))
    testing.make_certificate(
        skilled, kind="skill_level", level="grade3", issued_on=date(2023, 3, 1)
    )
    leaver = testing.make_teacher(school, left_on=today - timedelta(days=200))
    testing.make_certificate(leaver)
    testing.make_period(leaver, start_on=date(2021, 1, 1), end_on=date(2021, 12, 31))
    testing.make_teacher(school, course_type="public")
    testing.make_teacher(school, employment="part_time")
    return lapsing, skilled, leaver


def _dates():
    today = timezone.localdate()
    start, end = intervals.horizon_for(today)
    picks = {start, end, today, today - timedelta(days=365), today + timedelta(days=41)}
    d = start
    while d < end:
        picks.add(d)
        d += timedelta(days=97)
    picks.update(intervals.month_ends(today - timedelta(days=800), today)[::5])
    return sorted(picks)


def _assert_lookups_equal_fresh_evaluation():
    for on in _dates():
        looked_up = selectors.counts_from_intervals(on)
        assert looked_up is not None, on
        fresh = selectors.counts_at(on, use_stored=False)
        assert _nonzero(looked_up) == _nonzero(fresh), on


def _nonzero(counts):
    return {k: asdict(v) for k, v in counts.items() if any(asdict(v).values())}


def test_counts_at_any_date_of_the_horizon_equal_a_fresh_evaluation(school_a, school_b):
    _staff(school_a)
    _staff(school_b)
    assert selectors.counts_from_intervals(timezone.localdate()) is None  # not built yet
    services.qualifications_rebuild()
    _assert_lookups_equal_fresh_evaluation()


def test_writes_move_the_intervals_and_counts_in_the_same_transaction(school_a, school_b):
    lapsing, skilled, _leaver = _staff(school_a)
    services.qualifications_rebuild()
    today = timezone.localdate()
    # A back-dated transfer, a renewed certificate, a deleted teacher, a new one.
    teacher_services.teacher_update(
        teacher=skilled,
        data={"school": school_b, "title": "junior"},
        effective_on=today - timedelta(days=300),
    )
    testing.make_certificate(lapsing, issued_on=today + timedelta(days=10))
    teacher_services.teacher_delete(teacher=_leaver)
    testing.make_teacher(school_b)
    _assert_lookups_equal_fresh_evaluation()
    assert not TeacherLevelInterval.objects.filter(teacher_id=_leaver.pk).exists()


def test_a_teachers_intervals_tile_the_horizon(school_a):
    lapsing, _skilled, _leaver = _staff(school_a)
    services.qualifications_rebuild()
    rows = list(TeacherLevelInterval.objects.filter(teacher_id=lapsing.pk).order_by("valid_from"))
    start, _end = intervals.horizon_for(timezone.localdate())
    assert rows[0].valid_from == start and rows[-1].valid_to is None
    for a, b in pairwise(rows):
        assert a.valid_to == b.valid_from
        assert (a.level, a.in_scope) != (b.level, b.in_scope) or a.school_id != b.school_id
    today = timezone.localdate()
    now = selectors.teacher_level_on(lapsing.pk, today)
    later = selectors.teacher_level_on(lapsing.pk, today + timedelta(days=41))
    assert (now.level, later.level) == ("junior", "none")


def test_a_teacher_written_while_a_full_build_runs_is_current_after_it(school_a, monkeypatch):
    lapsing, _skilled, _leaver = _staff(school_a)
    services.qualifications_rebuild()
    today = timezone.localdate()
    read, renewed = selectors.records_for_id_range, []

    def read_then_renew(lo, hi, school_ids=None):
        batch = read(lo, hi, school_ids)
        if lo <= lapsing.pk < hi and not renewed:  # written after the build read the teacher
            renewed.append(testing.make_certificate(lapsing, issued_on=today))
        return batch

    monkeypatch.setattr(selectors, "records_for_id_range", read_then_renew)
    services.qualifications_rebuild(parallel=False)
    assert renewed
    stored = TeacherQualification.objects.get(teacher=lapsing)
    assert stored.level == "junior" and stored.valid_until > today + timedelta(days=41)
    later = selectors.teacher_level_on(lapsing.pk, today + timedelta(days=41))
    assert later is not None and later.level == "junior"
    _assert_lookups_equal_fresh_evaluation()


def _updated_at(teacher):
    teacher.refresh_from_db(fields=["updated_at"])
    return teacher.updated_at


def test_a_write_before_any_build_leaves_the_teachers_updated_at_alone(school_a):
    lapsing, _skilled, _leaver = _staff(school_a)
    assert intervals.horizon() is None  # no full build has ever run
    before = _updated_at(lapsing)
    services.teachers_reevaluate(teacher_ids=[lapsing.pk])
    assert _updated_at(lapsing) == before


def test_a_write_that_finds_a_build_under_way_marks_the_teacher(school_a):
    from django.db import connection

    lapsing, _skilled, _leaver = _staff(school_a)
    before = _updated_at(lapsing)
    if connection.vendor == "postgresql":  # a build in another session holds the lock
        other = connection.copy()
        with other.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(%s)", [services._BUILDING_LOCK])
        try:
            services.teachers_reevaluate(teacher_ids=[lapsing.pk])
        finally:
            other.close()
    else:  # SQLite: a build in this process
        with services._building():
            services.teachers_reevaluate(teacher_ids=[lapsing.pk])
    assert _updated_at(lapsing) > before
