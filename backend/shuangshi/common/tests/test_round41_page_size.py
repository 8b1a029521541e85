"""A page size that is not a whole number from 1 to 200 is a 400 naming `page_size` and the
range, on every list (common.filtering's promise), not a page of another size."""

import json

import pytest
from django.test import Client

from shuangshi import testing
from shuangshi.hours import services as hours

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
MESSAGE = {"page_size": ["Choose a page size between 1 and 200."]}
BAD = ["abc", "0", "-1", "201", "1000", "1.5", "1e3", "²", "20 20"]
# Lists paginated by each path: the viewsets' own, the teacher list's bounded count, the
# views that page by hand (duty, ratios) and an action's (notifications).
LISTS = [
    "/api/v1/teachers/",
    "/api/v1/certificates/",
    "/api/v1/teaching-hours/",
    "/api/v1/users/",
    "/api/v1/audit-log/",
    "/api/v1/practice-duty/",
    "/api/v1/ratios/schools/",
    "/api/v1/notifications/",
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", BAD)
def test_a_bad_page_size_is_a_400_naming_it_and_the_range(api, province, path, value):
    response = api(province).get(path, {"page_size": value}, **EN)
    assert response.status_code == 400, (path, value, response.content)
    assert response.json() == MESSAGE


def test_school_hr_is_told_the_same_on_its_lists(api, hr_a):
    for path in ("/api/v1/teachers/", "/api/v1/teaching-hours/", "/api/v1/practice-duty/"):
        response = api(hr_a).get(path, {"page_size": "0"}, **EN)
        assert response.status_code == 400 and response.json() == MESSAGE


def test_a_role_refused_the_list_is_refused_whatever_the_page_size(api, hr_a, base_staff):
    assert api(hr_a).get("/api/v1/audit-log/", {"page_size": "0"}).status_code == 403
    assert api(base_staff).get("/api/v1/teaching-hours/", {"page_size": "x"}).status_code == 403


def test_sizes_from_1_to_200_page_and_an_empty_one_is_the_default(api, hr_a, school_a):
    for number in range(3):
        testing.make_teacher(school_a, name=f"教师{number}")
    client = api(hr_a)

    def page(size):
        response = client.get("/api/v1/teachers/", {"page_size": size})
        assert response.status_code == 200, (size, response.content)
        return response.json()

    assert len(page("1")["results"]) == 1 and page("1")["next"] is not None
    assert len(page("200")["results"]) == 3
    assert len(page(" 2 ")["results"]) == 2
    assert len(page("")["results"]) == 3


def test_the_hours_list_pages_by_the_size_asked(api, province, school_a, school_b):
    for school in (school_a, school_b):
        hours.teaching_hours_create(
            data={
                "school": school,
                "term": "2026-2027-1",
                "major_category": "",
                "total_hours": 100,
                "practical_hours": 50,
            }
        )
    data = api(province).get("/api/v1/teaching-hours/", {"page_size": 1}).json()
    assert data["count"] == 2 and len(data["results"]) == 1


def test_the_schema_gives_page_size_its_range():
    schema = json.loads(Client().get("/api/schema/", HTTP_ACCEPT="application/json").content)
    parameters = schema["paths"]["/api/v1/teachers/"]["get"]["parameters"]
    page_size = next(p for p in parameters if p["name"] == "page_size")
    assert page_size["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
