from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "spreadsheets"


@pytest.fixture
def upload():
    """upload(client, kind, content, name=...) -> the API response of POST /imports/."""

    def post(client: Any, kind: str, content: bytes, name: str = "upload.xlsx") -> Any:
        return client.post(
            "/api/v1/imports/",
            {"kind": kind, "file": SimpleUploadedFile(name, content)},
            format="multipart",
        )

    return post


@pytest.fixture
def fixture_file():
    return lambda name: (FIXTURES / name).read_bytes()


def errors_at(body: dict) -> list[tuple[int, str]]:
    """(row, column) of every error, in order."""
    return [(e["row"], e["column"]) for e in body["errors"]]
