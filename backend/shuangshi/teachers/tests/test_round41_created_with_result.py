"""Round 41 (exploratory QA): creating a teacher answered `"qualification": null`; a read of
the same teacher right after had the result (DESIGN §5: a teacher's read carries it). The
create answers as the read does."""

from datetime import date

import pytest

from shuangshi import testing

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
