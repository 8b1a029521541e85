"""Round 46: the evidence upload's refusal of a file type names the types the server
accepts (settings.EVIDENCE_CONTENT_TYPES, which my-record/ reports too), not a fixed
"PDF, JPEG or PNG"."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from shuangshi.recognition.evidence import accepted_types

pytestmark = pytest.mark.django_db

FILES = "/api/v1/evidence-files/"
MY_RECORD = "/api/v1/my-record/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
TEXT = b"just some text, not a scan"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _post(api, user, name, content, **headers):
    body = {"kind": "other", "file": SimpleUploadedFile(name, content)}
    return api(user).post(FILES, body, format="multipart", **headers)


def test_the_refusal_names_every_accepted_type_by_default(api, teacher_user):
    response = _post(api, teacher_user, "note.txt", TEXT)
    assert response.status_code == 400
    [message] = response.json()["file"]
    assert "PDF、JPEG、PNG" in message  # 仅接受以下类型的文件：PDF、JPEG、PNG。


def test_the_refusal_names_the_configured_types(api, teacher_user, settings):
    settings.EVIDENCE_CONTENT_TYPES = ["image/png", "application/pdf"]
    assert api(teacher_user).get(MY_RECORD).json()["evidence_content_types"] == [
        "application/pdf",
        "image/png",
    ]
    assert _post(api, teacher_user, "scan.png", PNG).status_code == 201
    refused = _post(api, teacher_user, "photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 32)
    assert refused.status_code == 400
    [message] = refused.json()["file"]
    assert "PDF、PNG" in message and "JPEG" not in message
    with translation.override("en"):
        english = _post(api, teacher_user, "note.txt", TEXT, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["file"] == ["Only files of these types are accepted: PDF, PNG."]


def test_a_setting_naming_an_unknown_type_is_refused_loudly(settings):
    settings.EVIDENCE_CONTENT_TYPES = ["application/pdf", "text/html"]
    with pytest.raises(ImproperlyConfigured, match="text/html"):
        accepted_types()


def test_a_role_that_does_not_upload_evidence_is_still_refused(api, base_staff):
    assert _post(api, base_staff, "scan.pdf", PDF).status_code == 403
