"""Round 48: every date query parameter takes exactly YYYY-MM-DD (DESIGN, `format: date`).

The audit found three parsers: ratios' `as_of` took ISO week dates (2024-W01-1), compact
dates (20240101) and 2024-1-1 (Django's parse_date, Python 3.11's fromisoformat), the bases'
and mentors' `as_of` refused 2024-1-1 but were `type: string` in the schema, and the list
filters (`active_on`, `expires_before`…) took the locale's formats (2024/01/01,
+2024-01-01). One parser now: a bad date is a 400 naming the parameter, saying the form.
"""

from typing import Any

import pytest

API = "/api/v1/"

# (path, the role that uses it, the date parameter, extra parameters)
ENDPOINTS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("ratios/summary/", "province", "as_of", {}),
    ("ratios/schools/", "province", "as_of", {}),
    ("ratios/trend/", "province", "as_of", {}),
    ("ratios/candidates/", "hr_a", "as_of", {}),
    ("exports/province/", "province", "as_of", {}),
    ("exports/school/", "hr_a", "as_of", {}),
    ("exports/teachers/", "hr_a", "hired_on", {}),
    ("training-bases/progress/", "province", "as_of", {}),
    ("training-bases/stats/", "base_staff", "as_of", {}),
    ("mentors/counts/", "hr_a", "as_of", {}),
    ("mentor-appointments/", "hr_a", "active_on", {}),
    ("certificates/", "hr_a", "expires_before", {}),
    ("certificates/", "hr_a", "expires_after", {}),
    ("teachers/", "hr_a", "hired_on", {}),
    ("teachers/", "hr_a", "left_on", {}),
    ("recognitions/", "hr_a", "valid_until_before", {}),
    ("training-programs/", "base_staff", "starts_after", {}),
    ("training-programs/", "base_staff", "ends_before", {}),
    ("training-completions/", "base_staff", "completed_after", {}),
    ("training-completions/", "base_staff", "completed_before", {}),
]
IDS = [f"{path}?{name}" for path, _, name, _ in ENDPOINTS]

NOT_THE_FORM = ["2024-W01-1", "20240101", "2024-1-1", "2024/01/01", "+2024-01-01", "2024-02-30"]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "role", "name", "extra"), ENDPOINTS, ids=IDS)
def test_the_date_form_is_answered(api, request, path, role, name, extra):
    user = request.getfixturevalue(role)
    answer = api(user).get(API + path, {**extra, name: "2024-01-01"})
    assert answer.status_code == 200, answer.content[:300]


@pytest.mark.django_db
@pytest.mark.parametrize("value", NOT_THE_FORM)
@pytest.mark.parametrize(("path", "role", "name", "extra"), ENDPOINTS, ids=IDS)
def test_any_other_form_is_a_400_naming_the_parameter(api, request, path, role, name, extra, value):
    user = request.getfixturevalue(role)
    answer = api(user).get(API + path, {**extra, name: value})
    assert answer.status_code == 400, (value, answer.content[:300])
    body = answer.json()
    assert name in body
    assert body[name] == ["请使用 YYYY-MM-DD 格式的日期。"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["exports/province/", "exports/school/"])
def test_a_workbook_job_refuses_another_form_too(api, province, school_a, path):
    answer = api(province).post(f"{API}{path}?school={school_a.pk}&as_of=2024-W01-1")
    assert answer.status_code == 400
    assert "as_of" in answer.json()


@pytest.mark.django_db
def test_the_message_is_english_in_english(api, province):
    answer = api(province).get(
        API + "ratios/summary/", {"as_of": "20240101"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert answer.status_code == 400
    assert answer.json()["as_of"] == ["Use a date in the form YYYY-MM-DD."]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["as_of", "active_on"])
def test_out_of_range_keeps_its_own_message(api, province, name):
    path = "ratios/summary/" if name == "as_of" else "mentor-appointments/"
    answer = api(province).get(API + path, {name: "1949-12-31"})
    assert answer.status_code == 400
    assert answer.json()[name] == ["请选择 1950-01-01 至 2100-12-31 之间的日期。"]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "role", "name", "extra"), ENDPOINTS, ids=IDS)
def test_anonymous_is_a_401(api, path, role, name, extra):
    assert api().get(API + path, {**extra, name: "2024-01-01"}).status_code == 401


def test_the_schema_says_format_date_for_each():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, _, name, _ in ENDPOINTS:
        operations = schema["paths"][f"/api/v1/{path}"]
        # The workbooks' POST (a job) takes the same parameters as their GET.
        for method in ("get", "post") if path.startswith("exports/") else ("get",):
            found = [p for p in operations[method].get("parameters", []) if p["name"] == name]
            assert found, (path, method, name)
            assert found[0]["schema"] == {"type": "string", "format": "date"}, (path, name)
