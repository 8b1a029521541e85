"""Round 41 (exploratory QA): creating a teacher answered `"qualification": null`; a read of
the same teacher right after had the result (DESIGN §5: a teacher's read carries it). The
create answers as the read does. And the web app's teacher edit failed unless a date was
picked: its empty effective-date picker is sent as null."""

from datetime import date

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.teachers.models import TeacherFact

pytestmark = pytest.mark.django_db
URL = "/api/v1/teachers/"


def _payload(school, **fields):
    data = testing.teacher_data(school, **fields)
    data["school"] = school.pk
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


@pytest.mark.parametrize("who", ["hr_a", "province"])
def test_a_created_teacher_comes_back_with_its_result(api, request, school_a, who):
    user = request.getfixturevalue(who)
    response = api(user).post(URL, _payload(school_a), format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["qualification"] is not None
    assert created["qualification"]["level"] == "none"
    read = api(user).get(f"{URL}{created['id']}/").json()
    assert created["qualification"] == read["qualification"]


def test_another_schools_hr_still_cannot_create_there(api, hr_b, school_a):
    response = api(hr_b).post(URL, _payload(school_a), format="json")
    assert response.status_code == 400
    assert "school" in response.json()


def test_an_edit_with_an_empty_effective_date_holds_from_today(api, hr_a, teacher_a):
    """The edit form sends its empty date picker as null: every edit was a 400 on
    effective_on ("This field may not be null") unless a date was picked."""
    response = api(hr_a).patch(
        f"{URL}{teacher_a.pk}/",
        {
            "major": "数控技术",
            "title": "senior",
            "effective_on": None,
            "version": teacher_a.version,
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    teacher_a.refresh_from_db()
    assert (teacher_a.major, teacher_a.title) == ("数控技术", "senior")
    latest = TeacherFact.objects.filter(teacher=teacher_a, field="title").latest("effective_on")
    assert (latest.value, latest.effective_on) == ("senior", timezone.localdate())
