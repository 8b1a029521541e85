"""Round 48: the OpenAPI schema types the contract's main fields (DESIGN §4, §5, §6, §10).

`Teacher.qualification` and `TeacherList.qualification` read `{type: object}` with no keys,
`ImportJob.errors`, `Application.eligibility` and `Job.result` had no type at all, the teacher
history's page lacked `count_exact`, and every list's `ordering` was a bare string although
the server refuses any value but its own few. Each is now documented as the server answers
it; the real answers are checked against the documented shapes.
"""

import json
from typing import Any

import pytest
from django.test import Client
from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.qualification.engine import LEVELS

pytestmark = pytest.mark.django_db

TYPES = {"string": str, "integer": int, "boolean": bool, "array": list, "object": dict}


def load_schema() -> dict[str, Any]:
    return json.loads(Client().get("/api/schema/", HTTP_ACCEPT="application/json").content)


def component(schema: dict[str, Any], name: str) -> dict[str, Any]:
    return schema["components"]["schemas"][name]


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while True:
        if "$ref" in node:
            node = component(schema, node["$ref"].rsplit("/", 1)[-1])
        elif len(node.get("allOf", [])) == 1:
            node = node["allOf"][0]
        else:
            return node


def mismatches(schema: dict[str, Any], node: dict[str, Any], value: Any, at: str = "") -> list:
    """Where a real answer differs from its documented shape: a key documented but absent
    or present but undocumented, a value of another type or outside its enum."""
    if value is None:
        return [] if node.get("nullable") or "oneOf" in node else [f"{at}: null"]
    if "oneOf" in node:  # an enum that may be null (…Enum | NullEnum)
        options = [resolve(schema, o) for o in node["oneOf"]]
        return [] if any(not mismatches(schema, o, value, at) for o in options) else [at]
    node = resolve(schema, node)
    kind = node.get("type")
    if kind is None:
        return []  # documented as any value
    if kind == "number":
        return [] if isinstance(value, int | float) else [f"{at}: {value!r}"]
    if not isinstance(value, TYPES[kind]) or (kind == "integer" and isinstance(value, bool)):
        return [f"{at}: {value!r} is not {kind}"]
    if "enum" in node and value not in node["enum"]:
        return [f"{at}: {value!r} not in {node['enum']}"]
    found = []
    if kind == "array":
        for i, item in enumerate(value):
            found += mismatches(schema, node.get("items", {}), item, f"{at}[{i}]")
    if kind == "object" and "properties" in node:
        props, extra = node["properties"], node.get("additionalProperties")
        for key in node.get("required", []):
            if key not in value:
                found.append(f"{at}.{key}: missing")
        for key, item in value.items():
            if key in props:
                found += mismatches(schema, props[key], item, f"{at}.{key}")
            elif isinstance(extra, dict):
                found += mismatches(schema, extra, item, f"{at}.{key}")
            else:
                found.append(f"{at}.{key}: not documented")
    return found


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        return load_schema()


def _property(schema: dict[str, Any], name: str, key: str) -> dict[str, Any]:
    return component(schema, name)["properties"][key]


def test_the_teachers_qualification_is_documented_as_the_api_writes_it(schema):
    detail = resolve(schema, _property(schema, "Teacher", "qualification"))
    summary = resolve(schema, _property(schema, "TeacherList", "qualification"))
    assert _property(schema, "Teacher", "qualification")["nullable"] is True
    for shape in (detail, summary):
        props = shape["properties"]
        assert resolve(schema, props["level"])["enum"] == list(LEVELS)
        assert props["qualified"]["type"] == "boolean"
        assert props["valid_until"] == {**props["valid_until"], "format": "date", "nullable": True}
    reasons = detail["properties"]["reasons"]
    assert reasons["type"] == "array"
    reason = resolve(schema, reasons["items"])
    assert {"code", "met", "value", "threshold", "message", "params"} <= set(reason["properties"])
    assert "reasons" not in summary["properties"]  # the list carries the verdict only


def test_a_teacher_read_and_a_list_row_answer_the_documented_shapes(schema, api, hr_a, teacher_a):
    client = api(hr_a)
    detail = client.get(f"/api/v1/teachers/{teacher_a.pk}/").json()
    assert detail["qualification"] is not None and detail["qualification"]["reasons"]
    teacher = component(schema, "Teacher")
    assert "reasons" in resolve(schema, teacher["properties"]["qualification"])["properties"]
    assert mismatches(schema, teacher, detail) == []
    row = client.get("/api/v1/teachers/").json()["results"][0]
    assert row["qualification"] is not None
    assert mismatches(schema, component(schema, "TeacherList"), row) == []


def test_the_history_page_documents_count_exact(schema, api, hr_a, teacher_a):
    page = component(schema, "HistoryPage")
    assert page["properties"]["count_exact"]["type"] == "boolean"
    body = api(hr_a).get(f"/api/v1/teachers/{teacher_a.pk}/history/").json()
    assert "count_exact" in body
    assert mismatches(schema, page, body) == []


def test_import_errors_and_job_results_are_typed(schema):
    errors = _property(schema, "ImportJob", "errors")
    assert errors["type"] == "array"
    error = resolve(schema, errors["items"])
    assert set(error["properties"]) == {"row", "column", "cell", "field", "value", "message"}
    assert error["properties"]["row"]["type"] == "integer"
    result = _property(schema, "Job", "result")
    assert result["type"] == "object"
    assert {"status", "rows", "failed", "created", "updated", "as_of"} <= set(result["properties"])


def test_the_eligibility_of_an_application_is_typed(schema):
    eligibility = _property(schema, "Application", "eligibility")
    assert eligibility["nullable"] is True
    shape = resolve(schema, eligibility)
    assert set(shape["properties"]) == {
        "level", "qualified", "in_scope", "reasons", "missing", "valid_until",
        "rule_version", "evaluated_on",
    }  # fmt: skip
    assert resolve(schema, shape["properties"]["level"])["enum"] == list(LEVELS)


@pytest.fixture
def everyone(school_a: Any, base_a: Any, teacher_a: Any, hr_a: Any, province: Any) -> list[User]:
    city = testing.make_user("city_x", Role.CITY, city=testing.city("360100"))
    staff = testing.make_user("base_x", Role.BASE_STAFF, training_base=base_a)
    teacher = testing.make_user("teacher_x", Role.TEACHER, teacher=teacher_a)
    expert = testing.make_user("expert_x", Role.EXPERT, school=school_a)
    return [province, city, hr_a, staff, teacher, expert]


def test_every_lists_ordering_offers_exactly_what_the_list_sorts_by(schema, api, everyone):
    checked = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        found = [p for p in (get or {}).get("parameters", []) if p["name"] == "ordering"]
        if not found or path == "/api/v1/ratios/schools/":  # its own sorts, one at a time
            continue
        parameter = found[0]
        assert parameter["schema"]["type"] == "array", path
        assert parameter["explode"] is False, path  # a comma list: ?ordering=name,-id
        values = parameter["schema"]["items"]["enum"]
        names = [v for v in values if not v.startswith("-")]
        assert values == [v for n in names for v in (n, f"-{n}")], path
        for user in everyone:
            # Every documented value sorts (one request: the comma list of all of them)…
            response = api(user).get(path, {"ordering": ",".join(values)})
            if response.status_code in (403, 404):
                continue  # not this role's list
            assert response.status_code == 200, (path, user.role, response.json())
            # …and the list refuses one a letter off.
            assert api(user).get(path, {"ordering": f"{names[0]}x"}).status_code == 400, path
            checked.append(path)
            break
        else:
            pytest.fail(f"no role reads {path}")
    assert len(checked) >= 20
