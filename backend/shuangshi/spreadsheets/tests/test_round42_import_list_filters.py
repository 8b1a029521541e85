"""Round 42: the imports list filters by ?status= and ?kind= (DESIGN §5, §6).

`GET /imports/?status=bogus` and `?kind=zzz` answered 200, the value ignored, while jobs/
answered 400 naming them; the schema offered neither. Now both are choice filters, as on
jobs/: a value that is not one is a 400 naming its parameter. And `?ordering=` offers the
list's own names, not the model's (`created_rows`, which the API calls `created`).
"""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from shuangshi.spreadsheets.models import ImportStatus
from tests.spreadsheets.books import teacher_row, teachers_book

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def language_kept() -> Any:
    with translation.override(translation.get_language()):
        yield


def _upload(client: Any, content: bytes, name: str = "staff.xlsx") -> int:
    answer = client.post(
        "/api/v1/imports/",
        {"kind": "teachers", "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )
    assert answer.status_code == 201, answer.content
    return int(answer.json()["id"])


@pytest.fixture
def uploads(api: Any, hr_a: Any, hr_b: Any) -> dict[str, int]:
    client = api(hr_a)
    valid = _upload(client, teachers_book([teacher_row()]), "b.xlsx")
    invalid = _upload(client, teachers_book([teacher_row(身份证号="123")]), "a.xlsx")
    other = _upload(api(hr_b), teachers_book([teacher_row()]))  # another school's
    return {"valid": valid, "invalid": invalid, "other": other}


def _ids(client: Any, **query: str) -> list[int]:
    response = client.get("/api/v1/imports/", query)
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_the_list_filters_by_status_and_kind(api: Any, hr_a: Any, uploads: dict[str, int]) -> None:
    client = api(hr_a)
    assert _ids(client, status=ImportStatus.VALID) == [uploads["valid"]]
    assert _ids(client, status=ImportStatus.INVALID) == [uploads["invalid"]]
    assert _ids(client, status=ImportStatus.COMMITTED) == []
    assert sorted(_ids(client, kind="teachers")) == sorted([uploads["valid"], uploads["invalid"]])
    assert _ids(client, kind="certificates") == []
    assert _ids(client, kind="teachers", status=ImportStatus.VALID) == [uploads["valid"]]


@pytest.mark.parametrize(("parameter", "value"), [("status", "bogus"), ("kind", "zzz")])
def test_a_value_that_is_not_one_is_a_400_naming_its_parameter(
    api: Any, hr_a: Any, parameter: str, value: str
) -> None:
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/api/v1/imports/", {parameter: value})
    assert response.status_code == 400
    assert list(response.json()) == [parameter]
    assert value in response.json()[parameter][0]


def test_the_schema_offers_the_filters_with_their_values(api: Any, hr_a: Any) -> None:
    schema = api(hr_a).get("/api/schema/", {"format": "json"}).json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/imports/"]["get"]["parameters"]}
    assert set(params["status"]["schema"]["enum"]) == set(ImportStatus.values)
    assert "teachers" in params["kind"]["schema"]["enum"]
    assert "ordering" in params


def test_the_list_sorts_by_the_names_it_shows(api: Any, hr_a: Any, uploads: dict[str, int]) -> None:
    client = api(hr_a)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    assert _ids(client, ordering="filename") == [uploads["invalid"], uploads["valid"]]
    assert _ids(client, ordering="-created_at") == [uploads["invalid"], uploads["valid"]]
    assert _ids(client, ordering="failed") == [uploads["valid"], uploads["invalid"]]
    # Not by the model's names of the counts: the 400 lists only names the list shows.
    bad = client.get("/api/v1/imports/", {"ordering": "zzz"})
    assert bad.status_code == 400
    message = bad.json()["ordering"][0]
    for model_name in ("created_rows", "updated_rows", "unchanged_rows", "header_row", "job"):
        assert model_name not in message
    shown = set(client.get("/api/v1/imports/").json()["results"][0])
    allowed = message.split("use one of: ")[1].split(" (")[0].split(", ")
    assert allowed and set(allowed) <= shown
    assert client.get("/api/v1/imports/", {"ordering": "created_rows"}).status_code == 400


def test_the_list_stays_the_owners(api: Any, hr_b: Any, uploads: dict[str, int]) -> None:
    assert _ids(api(hr_b), status=ImportStatus.VALID) == [uploads["other"]]
    assert _ids(api(hr_b), status=ImportStatus.INVALID) == []
