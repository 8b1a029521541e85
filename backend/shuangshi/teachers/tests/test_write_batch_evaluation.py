"""teachers_write_batch evaluates the teachers it creates from their rows, without reading
them back (issue 11): what it stores — results, intervals, school totals and counts by
date — equals what a full re-evaluation of everyone stores."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import selectors, services
from shuangshi.qualification.models import (
    STAT_FIELDS,
    SchoolCountDelta,
    SchoolCountMonth,
    SchoolStats,
    TeacherLevelInterval,
    TeacherQualification,
)
from shuangshi.teachers.models import FACT_ATTRS, Teacher, TeacherFact
from shuangshi.teachers.selectors import teacher_facts
from shuangshi.teachers.services import teachers_write_batch

pytestmark = pytest.mark.django_db


def _rows(school_a, school_b):
    """New teachers hired, leaving and teaching in ways that move the counts inside the
    horizon (and before and after it)."""
    today = timezone.localdate()
    now = timezone.now()
    varied = [
        {},
        {"employment": "part_time"},
        {"course_type": "public"},
        {"hired_on": today - timedelta(days=200), "teaching_since": today - timedelta(days=200)},
        {"hired_on": today + timedelta(days=30), "teaching_since": today + timedelta(days=30)},
        {"left_on": today - timedelta(days=100)},
        {"left_on": today + timedelta(days=60)},
        {"title": "none", "education": "master", "normal_graduate": True},
        {"major_category": None, "hired_on": date(2023, 3, 1), "teaching_since": date(2023, 3, 1)},
    ]
    rows = []
    for n, fields in enumerate(varied * 3):  # the same row but for the id: evaluated once
        data = testing.teacher_data(school_a if n % 2 else school_b, **fields)
        school = data.pop("school")
        rows.append(
            {**data, "school_id": school.pk, "version": 1, "created_at": now, "updated_at": now}
        )
    return rows


RESULT_COLUMNS = (
    "teacher_id", "school_id", "level", "in_scope", "full_time", "part_time", "recruitment",
    "valid_until", "distance", "reasons", "changes_on",
)  # fmt: skip
INTERVAL_COLUMNS = (
    "teacher_id", "school_id", "valid_from", "valid_to", "level", "in_scope", "full_time",
    "part_time", "recruitment",
)  # fmt: skip


def _stored():
    def nonzero(model, *key):
        return sorted(
            (tuple(r[k] for k in key), tuple(r[f] for f in STAT_FIELDS))
            for r in model.objects.values(*key, *STAT_FIELDS)
            if any(r[f] for f in STAT_FIELDS)
        )

    return {
        "results": sorted(TeacherQualification.objects.values_list(*RESULT_COLUMNS)),
        "intervals": sorted(TeacherLevelInterval.objects.values_list(*INTERVAL_COLUMNS)),
        "totals": nonzero(SchoolStats, "school_id"),
        "deltas": nonzero(SchoolCountDelta, "school_id", "on"),
        "months": nonzero(SchoolCountMonth, "school_id", "month_end"),
    }


@pytest.mark.parametrize("built", [True, False], ids=["with intervals", "before any build"])
def test_created_teachers_store_what_a_full_re_evaluation_stores(school_a, school_b, built):
    testing.make_certificate(testing.make_teacher(school_a))  # someone already counted
    if built:
        services.qualifications_rebuild()
    ids = teachers_write_batch(new=_rows(school_a, school_b), updated=[])
    assert Teacher.objects.filter(pk__in=ids).count() == len(ids) == 27
    stored = _stored()
    assert len(stored["results"]) == 28
    services.qualifications_rebuild()
    assert _stored() == {**stored, **({} if built else _intervals_of(_stored()))}


def _intervals_of(stored):
    """Before the first build there are no dated counts to keep: the build makes them."""
    return {k: stored[k] for k in ("intervals", "deltas", "months")}


def test_counts_held_over_several_batches_move_once_to_the_same_totals(school_a, school_b):
    """An import's batches (counts_held): the totals and dated counts stay put until the
    end, then move by everything at once, to what a full re-evaluation gives."""
    testing.make_certificate(testing.make_teacher(school_a))
    services.qualifications_rebuild()
    before = _stored()
    rows = _rows(school_a, school_b)
    with transaction.atomic(), services.counts_held():
        teachers_write_batch(new=rows[:10], updated=[])
        teachers_write_batch(new=rows[10:], updated=[])
        held = _stored()
        assert {k: held[k] for k in ("totals", "months")} == {
            k: before[k] for k in ("totals", "months")
        }
    stored = _stored()
    assert stored["totals"] != before["totals"]
    services.qualifications_rebuild()
    assert _stored() == stored


def test_a_field_is_stored_once_it_changes_and_its_old_value_holds_before(school_a, school_b):
    """A new teacher has no fact rows; the batch that first changes a field stores the old
    value from hired_on and the new one from today, and the past is judged by the old."""
    today = timezone.localdate()
    hired = date(2015, 9, 1)
    row = _rows(school_a, school_b)[0]
    row.update(hired_on=hired, teaching_since=hired, title="junior", school_id=school_a.pk)
    [tid] = teachers_write_batch(new=[row], updated=[])
    assert not TeacherFact.objects.filter(teacher_id=tid).exists()
    teacher = Teacher.objects.get(pk=tid)
    shown = {(f.field, f.value, f.effective_on) for f in teacher_facts(teacher=teacher)}
    assert ("title", "junior", hired) in shown and ("school", str(school_a.pk), hired) in shown
    assert len(shown) == len(FACT_ATTRS)

    before = {"id": tid, "hired_on": hired, "title": "junior", "school_id": school_a.pk,
              "employment": teacher.employment, "course_type": teacher.course_type,
              "major_category": teacher.major_category}  # fmt: skip
    teachers_write_batch(new=[], updated=[(before, {**before, "title": "senior"})])
    stored = list(
        TeacherFact.objects.filter(teacher_id=tid).values_list("field", "value", "effective_on")
    )
    assert sorted(stored) == [("title", "junior", hired), ("title", "senior", today)]
    teacher.refresh_from_db()
    assert teacher.facts_since == today
    titles = [
        (f.value, f.effective_on) for f in teacher_facts(teacher=teacher) if f.field == "title"
    ]
    assert titles == [("junior", hired), ("senior", today)]
    [loaded] = selectors.records_for_ids([tid])  # what every evaluation reads
    assert [(h.field, h.value, h.effective_on) for h in loaded.history] == [
        ("title", "junior", hired),
        ("title", "senior", today),
    ]
