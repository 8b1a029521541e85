"""Round 48: POST imports/{id}/commit/ refused answers the API's `{field: [messages]}` too,
and the schema documents that answer, the rows' errors and the job's result.

The refusal was `{"detail": …, **the import job}` with only the 200 in the schema: a client
reading `non_field_errors`, as every other 400 of the API reads, found nothing. It keeps
`detail` and the job's fields and adds `non_field_errors: [the same message]`.
"""

import pytest

from tests.test_round48_schema_contract import component, load_schema, mismatches, resolve

from .books import teacher_row, teachers_book

pytestmark = pytest.mark.django_db


def _commit(client, body):
    return client.post(f"/api/v1/imports/{body['id']}/commit/")


def test_a_refused_commit_names_its_reason_as_every_400_does(api, hr_a, upload):
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([teacher_row()])).json()
    assert _commit(client, body).status_code == 200
    response = _commit(client, body)
    assert response.status_code == 400
    refused = response.json()
    assert refused["non_field_errors"] == [refused["detail"]] == ["该导入已提交，不能重复提交。"]
    assert refused["id"] == body["id"] and refused["status"] == "committed"  # the job as it is
    schema = load_schema()
    answer = schema["paths"]["/api/v1/imports/{id}/commit/"]["post"]["responses"]["400"]
    shapes = resolve(schema, answer["content"]["application/json"]["schema"])["oneOf"]
    documented = resolve(schema, shapes[0])
    assert {"detail", "non_field_errors"} <= set(documented["properties"])
    assert mismatches(schema, documented, refused) == []


def test_an_invalid_uploads_errors_and_its_jobs_result_answer_their_shapes(api, hr_a, upload):
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([teacher_row(性别="未知")])).json()
    assert body["status"] == "invalid" and body["errors"], body
    schema = load_schema()
    assert mismatches(schema, component(schema, "ImportJob"), body) == []
    assert set(body["errors"][0]) == set(
        resolve(schema, component(schema, "ImportRowError"))["properties"]
    )
    refused = _commit(client, body)
    assert refused.status_code == 400
    assert refused.json()["non_field_errors"] == [refused.json()["detail"]]
    job = client.get(f"/api/v1/jobs/{body['job']}/").json()
    assert job["result"]["failed"] == 1
    assert mismatches(schema, component(schema, "Job"), job) == []
