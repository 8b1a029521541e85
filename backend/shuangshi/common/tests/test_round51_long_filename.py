"""A file's name so long that its part's headers pass Django's limit (1,024 bytes) was a 400
of the parser's own English words ("Multipart form parse error - Request max total header
size exceeded."), naming no field. It is now a 400 naming `file`, in the reader's language.
"""

import pytest
from rest_framework.test import APIClient

from shuangshi.common.tests.test_round47_surrogates import multipart

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def client(user, language: str = "zh-hans") -> APIClient:
    c = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    c.force_authenticate(user=user)
    c.raise_request_exception = False
    return c


def post(user, url: str, parts, filename: str, language: str = "zh-hans"):
    return client(user, language).post(
        url, multipart(parts, filename), content_type="multipart/form-data; boundary=BB"
    )


def test_an_import_with_a_file_name_of_thousands_of_characters_is_a_400_naming_file(hr_a):
    response = post(hr_a, "/api/v1/imports/", [("kind", b"teachers"), ("file", b"x")], "名" * 2000)
    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["file"]
    assert "文件名太长" in body["file"][0]


def test_an_evidence_file_so_named_is_a_400_naming_file_in_english_too(hr_a, teacher_a):
    parts = [("teacher", str(teacher_a.pk).encode()), ("kind", b"certificate"), ("file", PDF)]
    response = post(hr_a, "/api/v1/evidence-files/", parts, "a" * 5000 + ".pdf", language="en")
    assert response.status_code == 400
    assert list(response.json()) == ["file"]
    assert "name is too long" in response.json()["file"][0]


def test_a_long_but_ordinary_name_still_uploads(hr_a, teacher_a):
    parts = [("teacher", str(teacher_a.pk).encode()), ("kind", b"certificate"), ("file", PDF)]
    name = "职业技能等级证书" * 30 + ".pdf"  # 240 characters, 724 bytes
    response = post(hr_a, "/api/v1/evidence-files/", parts, name)
    assert response.status_code == 201, response.json()
    assert response.json()["filename"].endswith(".pdf")


def test_another_broken_multipart_body_keeps_the_parsers_own_400(hr_a):
    response = client(hr_a).post(
        "/api/v1/imports/", b"--BB\r\nbroken", content_type="multipart/form-data; boundary="
    )
    assert response.status_code == 400
    assert "file" not in response.json()
