"""practice-duty/ pages (and refuses a bad `page` or `page_size`), so its schema lists both as
every paginated list does; its export and the summary have no pages."""

import json

import pytest
from django.test import Client

from shuangshi import testing

pytestmark = pytest.mark.django_db

DUTY = "/api/v1/practice-duty/"
PAGING = {"page", "page_size"}


def parameters(path, method="get", language="en"):
    response = Client().get("/api/schema/", {"lang": language}, HTTP_ACCEPT="application/json")
    operation = json.loads(response.content)["paths"][path][method]
    return {p["name"]: p for p in operation.get("parameters", [])}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_duty_list_documents_its_pages_as_the_other_lists_do(language):
    duty = parameters(DUTY, language=language)
    assert set(duty) == {"school", "city", "short", *PAGING}
    hours = parameters("/api/v1/teaching-hours/", language=language)
    for name in PAGING:
        # ("required": false or left out: the same in OpenAPI)
        assert {**duty[name], "required": False} == {**hours[name], "required": False}, name


def test_the_export_and_the_summary_document_no_pages():
    for path, method in [
        (f"{DUTY}export/", "get"),
        (f"{DUTY}export/", "post"),
        (f"{DUTY}summary/", "get"),
    ]:
        assert not PAGING & set(parameters(path, method)), (path, method)


def test_the_documented_pages_page_the_list(api, hr_a, school_a):
    for n in range(3):
        testing.make_teacher(school_a, name=f"教师{n}", staff_no=f"S{n}")
    client = api(hr_a)
    first = client.get(DUTY, {"page_size": 2})
    assert first.status_code == 200
    assert first.json()["count"] == 3 and len(first.json()["results"]) == 2
    second = client.get(DUTY, {"page_size": 2, "page": 2}).json()["results"]
    assert [row["teacher"]["name"] for row in second] == ["教师2"]
    # A page past the last is the last page (round 50; it was a 404).
    past = client.get(DUTY, {"page": 3, "page_size": 2})
    assert past.status_code == 200
    assert [row["teacher"]["name"] for row in past.json()["results"]] == ["教师2"]
    assert client.get(DUTY, {"page_size": 0}).status_code == 400
