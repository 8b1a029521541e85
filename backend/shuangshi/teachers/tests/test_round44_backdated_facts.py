"""Round 44: a back-dated change to the value a later change already set was a silent
no-op. HR recorded 讲师 from 90 days ago, then learnt the promotion took effect 400 days
ago and sent {title: intermediate, effective_on: 400 days ago}: the answer was 200 and
nothing was stored (today's title was already intermediate), so the figures of the 310 days
between still counted a junior. DESIGN §3: a write's value holds from the date it names, the
old one before it; the change is recorded in the history, today's value stays."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import services as q_services
from shuangshi.teachers.models import TeacherFact

pytestmark = pytest.mark.django_db


def _ready(school):
    """Intermediate with the title 讲师, junior without it."""
    today = timezone.localdate()
    teacher = testing.make_teacher(school, title="junior")
    testing.make_certificate(teacher)
    testing.make_period(teacher, start_on=today - timedelta(days=700), end_on=today)
    testing.make_period(
        teacher, kind="employment", start_on=date(2004, 1, 1), end_on=date(2008, 12, 31)
    )
    return teacher


def _patch(client, teacher, **body):
    teacher.refresh_from_db()
    return client.patch(
        f"/api/v1/teachers/{teacher.pk}/", {**body, "version": teacher.version}, format="json"
    )


def _titles(teacher):
    return list(
        TeacherFact.objects.filter(teacher=teacher, field="title")
        .order_by("effective_on")
        .values_list("value", "effective_on")
    )


def test_an_earlier_date_for_a_change_already_recorded_is_recorded(api, hr_a, school_a):
    today = timezone.localdate()
    teacher = _ready(school_a)
    client = api(hr_a)
    recent, earlier = today - timedelta(days=90), today - timedelta(days=400)
    assert (
        _patch(client, teacher, title="intermediate", effective_on=recent.isoformat()).status_code
        == 200
    )
    version = teacher.version + 1
    response = _patch(client, teacher, title="intermediate", effective_on=earlier.isoformat())
    assert response.status_code == 200, response.data
    assert response.data["title"] == "intermediate"  # today's value stays
    assert response.data["version"] == version + 1  # a new history: a new version
    assert _titles(teacher) == [
        ("junior", date(2010, 9, 1)),
        ("intermediate", earlier),
        ("intermediate", recent),
    ]
    between = today - timedelta(days=200)
    assert q_services.selectors.counts_at(between)[school_a.pk].intermediate == 1
    assert q_services.selectors.counts_at(earlier - timedelta(days=1))[school_a.pk].junior == 1


def test_a_date_the_history_already_holds_the_value_on_changes_nothing(api, hr_a, school_a):
    today = timezone.localdate()
    teacher = _ready(school_a)
    client = api(hr_a)
    since = today - timedelta(days=400)
    assert (
        _patch(client, teacher, title="intermediate", effective_on=since.isoformat()).status_code
        == 200
    )
    teacher.refresh_from_db()
    stored = (teacher.version, _titles(teacher))
    later = today - timedelta(days=100)
    response = _patch(client, teacher, title="intermediate", effective_on=later.isoformat())
    assert response.status_code == 200
    teacher.refresh_from_db()
    assert (teacher.version, _titles(teacher)) == stored


def test_a_back_dated_other_value_before_a_later_change_keeps_todays(api, hr_a, school_a):
    """Already so before this round: recorded in the history, today's value stays."""
    today = timezone.localdate()
    teacher = _ready(school_a)
    client = api(hr_a)
    recent, earlier = today - timedelta(days=90), today - timedelta(days=400)
    _patch(client, teacher, title="associate_senior", effective_on=recent.isoformat())
    response = _patch(client, teacher, title="intermediate", effective_on=earlier.isoformat())
    assert response.status_code == 200
    assert response.data["title"] == "associate_senior"
    assert [v for v, _on in _titles(teacher)] == ["junior", "intermediate", "associate_senior"]
