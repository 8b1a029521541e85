"""ratios/schools/ and ratios/candidates/ page by hand (and refuse a bad `page` or
`page_size`), so their schema lists both as every paginated list does (round 42)."""

import json

import pytest
from django.test import Client

from shuangshi import testing

from .test_api import staffed  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

SCHOOLS = "/api/v1/ratios/schools/"
CANDIDATES = "/api/v1/ratios/candidates/"
PAGING = {"page", "page_size"}


def parameters(path, language="en"):
    response = Client().get("/api/schema/", {"lang": language}, HTTP_ACCEPT="application/json")
    operation = json.loads(response.content)["paths"][path]["get"]
    return {p["name"]: p for p in operation.get("parameters", [])}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("path", [SCHOOLS, CANDIDATES])
def test_the_ratio_lists_document_their_pages_as_the_other_lists_do(path, language):
    listed = parameters(path, language)
    assert PAGING <= set(listed)
    hours = parameters("/api/v1/teaching-hours/", language)
    for name in PAGING:
        # ("required": false or left out: the same in OpenAPI)
        assert {**listed[name], "required": False} == {**hours[name], "required": False}, name
    assert listed["page_size"]["schema"]["maximum"] == 200


def test_the_school_ratios_page_as_documented(api, province, staffed):  # noqa: F811
    client = api(province)
    first = client.get(SCHOOLS, {"page_size": 1}).json()
    assert first["count"] == 2 and len(first["results"]) == 1
    second = client.get(SCHOOLS, {"page_size": 1, "page": 2}).json()["results"]
    assert second[0]["school"]["id"] != first["results"][0]["school"]["id"]
    # A page past the last is the last page (round 50; it was a 404).
    past = client.get(SCHOOLS, {"page_size": 1, "page": 3})
    assert past.status_code == 200
    assert past.json()["results"] == second
    refused = client.get(SCHOOLS, {"page_size": 201})
    assert refused.status_code == 400 and list(refused.json()) == ["page_size"]


def test_the_candidates_page_as_documented(api, hr_a, school_a):
    for n in range(3):
        testing.make_teacher(school_a, name=f"候选{n}", staff_no=f"C{n}")
    client = api(hr_a)
    first = client.get(CANDIDATES, {"page_size": 2}).json()
    assert first["count"] == 3 and len(first["results"]) == 2
    assert len(client.get(CANDIDATES, {"page_size": 2, "page": 2}).json()["results"]) == 1
    refused = client.get(CANDIDATES, {"page_size": 0})
    assert refused.status_code == 400 and list(refused.json()) == ["page_size"]


def test_base_staff_are_refused_the_ratio_lists_whatever_the_page(api, base_staff):
    for path in (SCHOOLS, CANDIDATES):
        assert api(base_staff).get(path, {"page_size": 1}).status_code == 403
