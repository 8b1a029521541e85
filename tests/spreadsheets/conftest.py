from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from shuangshi.spreadsheets import services

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


@pytest.fixture
def halves(monkeypatch):
    """Small sheets go in halves too, in batches of 3; records whether the helper's half
    was taken (True), checked here instead (False), or there was no helper (nothing)."""
    monkeypatch.setattr(services, "HALVES_FROM_ROWS", 10)
    monkeypatch.setattr(services, "BATCH", 3)
    took: list[bool] = []
    original = services._took_second_half

    def recorded(*args):
        took.append(original(*args))
        return took[-1]

    monkeypatch.setattr(services, "_took_second_half", recorded)
    return took
