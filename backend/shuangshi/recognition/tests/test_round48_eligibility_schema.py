"""Round 48: an application's `eligibility` (DESIGN §4's result under the round's rule
version) is documented in the schema as submit writes it; it had no type at all."""

import pytest

from tests.test_round48_schema_contract import component, load_schema, mismatches, resolve

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"


def test_a_submitted_applications_eligibility_answers_its_documented_shape(
    api, teacher_user, round_open
):
    client = api(teacher_user)
    draft = client.post(APPS, {"round": round_open.pk, "level": "junior", "statement": "十年"})
    assert draft.status_code == 201, draft.json()
    submitted = client.post(f"{APPS}{draft.json()['id']}/submit/").json()
    eligibility = submitted["eligibility"]
    assert eligibility["reasons"] and eligibility["rule_version"] == round_open.rule_version
    schema = load_schema()
    shape = resolve(schema, component(schema, "Application")["properties"]["eligibility"])
    assert set(shape["properties"]) == set(eligibility)
    assert mismatches(schema, shape, eligibility) == []
    assert mismatches(schema, component(schema, "Application"), submitted) == []
