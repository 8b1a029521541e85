"""Round 42 (exploratory QA): `GET /imports/?search=` was offered by the schema and ignored
(the whole list came back). It finds the user's own uploads by the file's name."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.spreadsheets.books import teacher_row, teachers_book

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/"


def _upload(client: Any, name: str) -> int:
    answer = client.post(
        URL,
        {"kind": "teachers", "file": SimpleUploadedFile(name, teachers_book([teacher_row()]))},
        format="multipart",
    )
    assert answer.status_code == 201, answer.content
    return int(answer.json()["id"])


def _ids(client: Any, search: str) -> list[int]:
    response = client.get(URL, {"search": search})
    assert response.status_code == 200, response.json()
    return sorted(row["id"] for row in response.json()["results"])


def test_search_finds_the_users_uploads_by_file_name(api: Any, hr_a: Any, hr_b: Any) -> None:
    mine = api(hr_a)
    spring = _upload(mine, "教师名单-春季.xlsx")
    autumn = _upload(mine, "Staff-Autumn.xlsx")
    theirs = _upload(api(hr_b), "教师名单-春季.xlsx")
    assert _ids(mine, "春季") == [spring]
    assert _ids(mine, "staff-autumn") == [autumn]  # case aside
    assert _ids(mine, "教师名单 春季") == [spring]  # every word
    assert _ids(mine, "xlsx") == sorted([spring, autumn])
    assert _ids(mine, "冬季") == []
    assert theirs not in _ids(mine, "春季")  # another user's never
    assert _ids(api(hr_b), "春季") == [theirs]


def test_a_search_term_that_is_refused_names_search(api: Any, hr_a: Any) -> None:
    response = api(hr_a).get(URL, {"search": "a\x00b"})
    assert response.status_code == 400
    assert list(response.json()) == ["search"]


def test_an_anonymous_caller_is_refused_the_search(api: Any) -> None:
    assert api().get(URL, {"search": "xlsx"}).status_code == 401
