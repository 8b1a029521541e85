"""facts_compact: the fact rows that only repeat a teacher's columns go; the history the API
shows and every evaluation stay the same."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import selectors
from shuangshi.teachers.models import FACT_ATTRS, Teacher, TeacherFact
from shuangshi.teachers.services import facts_compact, teacher_update

pytestmark = pytest.mark.django_db


def _seed(teacher, **values):
    """The five rows every new teacher used to get (the columns, from hired_on)."""
    for field, attr in FACT_ATTRS.items():
        value = values.get(field, getattr(teacher, attr))
        TeacherFact.objects.create(
            teacher=teacher,
            field=field,
            value="" if value is None else str(value),
            effective_on=teacher.hired_on,
        )


def _shown(api, user, teacher):
    response = api(user).get(f"/api/v1/teachers/{teacher.pk}/facts/")
    assert response.status_code == 200
    return [(f["field"], f["value"], f["effective_on"]) for f in response.data]


def test_rows_repeating_the_columns_go_and_the_history_stays(api, hr_a, school_a):
    hired = date(2016, 9, 1)
    plain = testing.make_teacher(school_a, hired_on=hired, teaching_since=hired)
    _seed(plain)
    promoted = testing.make_teacher(school_a, hired_on=hired, teaching_since=hired, title="junior")
    _seed(promoted)
    teacher_update(
        teacher=promoted,
        data={"title": "intermediate"},
        effective_on=timezone.localdate() - timedelta(days=30),
    )
    odd = testing.make_teacher(school_a, hired_on=hired, teaching_since=hired)
    _seed(odd, title="senior")  # a row that does not say what the column says: kept
    before = {t.pk: _shown(api, hr_a, t) for t in (plain, promoted, odd)}
    loaded = {r.teacher_id: r for r in selectors.records_for_ids([plain.pk, promoted.pk, odd.pk])}

    assert facts_compact(batch=2) == len(FACT_ATTRS) + len(FACT_ATTRS) - 1

    assert not TeacherFact.objects.filter(teacher=plain).exists()
    assert TeacherFact.objects.filter(teacher=promoted).count() == len(FACT_ATTRS) + 1
    assert list(TeacherFact.objects.filter(teacher=odd).values_list("field", "value")) == [
        ("title", "senior")
    ]
    assert {t.pk: _shown(api, hr_a, t) for t in (plain, promoted, odd)} == before
    after = {r.teacher_id: r for r in selectors.records_for_ids([plain.pk, promoted.pk, odd.pk])}
    assert after == loaded
    assert facts_compact() == 0  # again: nothing left to delete


def test_the_command_reports_what_it_deleted(school_a):
    _seed(testing.make_teacher(school_a))
    assert Teacher.objects.count() == 1
    from io import StringIO

    out = StringIO()
    call_command("facts_compact", stdout=out)
    assert out.getvalue().strip() == f"{len(FACT_ATTRS)} dated-fact rows deleted"
