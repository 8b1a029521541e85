"""`GET`/`POST exports/teachers/` take the teacher list's filters and search; the schema lists
them as the list's (it listed none: an APIView's filters are not looked for)."""

import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from shuangshi import testing

pytestmark = pytest.mark.django_db

EXPORT = "/api/v1/exports/teachers/"
PAGING = {"page", "page_size", "ordering"}  # the list's own: an export has no pages


def schema():
    return json.loads(Client().get("/api/schema/", HTTP_ACCEPT="application/json").content)


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_export_documents_the_teacher_lists_filters(method):
    paths = schema()["paths"]
    listed = {p["name"]: p for p in paths["/api/v1/teachers/"]["get"]["parameters"]}
    exported = {p["name"]: p for p in paths[EXPORT][method].get("parameters", [])}
    assert set(exported) == set(listed) - PAGING
    assert {"school", "city", "major_category", "qualification_level", "search"} <= set(exported)
    for name, parameter in exported.items():
        assert parameter == listed[name], name


def test_a_documented_filter_narrows_the_export_and_a_bad_one_is_a_400(api, hr_a, school_a):
    testing.make_teacher(school_a, name="王芳", course_type="practical")
    testing.make_teacher(school_a, name="李强")
    client = api(hr_a)
    response = client.get(EXPORT, {"course_type": "practical"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["教师"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["王芳"]
    for method in (client.get, client.post):
        refused = method(f"{EXPORT}?course_type=bogus")
        assert refused.status_code == 400 and "course_type" in refused.json()


def test_base_staff_is_refused_the_export(api, base_staff):
    assert api(base_staff).get(EXPORT, {"course_type": "practical"}).status_code == 403
