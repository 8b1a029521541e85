"""Round 47: a lone surrogate (U+D800–U+DFFF) in any field is a 400 naming it, never a 500.

A choice field echoed the value in its error ("“\\ud800” is not a valid choice."), and the
JSON renderer failed on encoding it: a 500. JSON escapes carry one; so does a form, multipart
or query string decoded under the charset the request names (`charset=unicode_escape`).
Each answer is DRF's text fields' own: {"field": ["不允许使用代理字符: U+D800。"]}.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

LONE = "\ud800"
MESSAGE = "不允许使用代理字符: U+D800。"
MESSAGE_EN = "Surrogate characters are not allowed: U+D800."
ESCAPING = "charset=unicode_escape"  # "\\ud800" in the bytes decodes to the surrogate


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def client(user) -> APIClient:
    c = APIClient()
    c.force_authenticate(user=user)
    c.raise_request_exception = False  # a 500 is an answer to assert, not an exception
    return c


def send_json(user, method: str, url: str, body) -> object:
    # json.dumps writes the surrogate as the escape `\ud800`, as the QA's curl did.
    return getattr(client(user), method)(url, json.dumps(body), content_type="application/json")


# ------------------------------------------------------------------ JSON bodies, by role

CASES = {
    "certificate kind (school HR)": ("hr_a", "post", "/api/v1/certificates/", "kind"),
    "teacher course_type (school HR)": ("hr_a", "post", "/api/v1/teachers/", "course_type"),
    "mentor category (school HR)": ("hr_a", "post", "/api/v1/mentors/", "category"),
    "period kind (school HR)": ("hr_a", "post", "/api/v1/enterprise-periods/", "kind"),
    "teacher major_category (school HR)": ("hr_a", "patch", "teacher", "major_category"),
    "user role (province)": ("province", "post", "/api/v1/users/", "role"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_lone_surrogate_in_a_choice_field_is_a_400_naming_it(request, teacher_a, case):
    role, method, url, field = CASES[case]
    user = request.getfixturevalue(role)
    if url == "teacher":
        url = f"/api/v1/teachers/{teacher_a.pk}/"
    response = send_json(user, method, url, {field: LONE, "teacher": teacher_a.pk})
    assert response.status_code == 400
    assert response.json() == {field: [MESSAGE]}


def test_a_round_level_list_holding_a_surrogate_is_a_400_naming_levels(province):
    body = {"name": "2026 年认定", "levels": ["junior", LONE]}
    response = send_json(province, "post", "/api/v1/recognition-rounds/", body)
    assert response.status_code == 400
    assert response.json() == {"levels": [MESSAGE]}


def test_every_field_holding_one_is_named_and_the_wording_follows_the_language(hr_a, teacher_a):
    c = client(hr_a)
    c.credentials(HTTP_ACCEPT_LANGUAGE="en")
    body = {"teacher": teacher_a.pk, "kind": "x" + LONE, "name": "电工", "level": "\udfff"}
    response = c.post("/api/v1/certificates/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "kind": [MESSAGE_EN],
        "level": ["Surrogate characters are not allowed: U+DFFF."],
    }


def test_a_surrogate_in_a_key_or_deep_inside_names_the_top_level_field(hr_a, teacher_a):
    body = {"teacher": teacher_a.pk, LONE + "x": 1, "extra": {"a": [{"b": LONE}]}}
    response = send_json(hr_a, "post", "/api/v1/certificates/", body)
    assert response.status_code == 400
    assert response.json() == {"\\ud800x": [MESSAGE], "extra": [MESSAGE]}
    nested_key = {"teacher": teacher_a.pk, "extra": {LONE: 1}}
    response = send_json(hr_a, "post", "/api/v1/certificates/", nested_key)
    assert response.json() == {"extra": [MESSAGE]}
    response = send_json(hr_a, "post", "/api/v1/certificates/", [LONE])
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [MESSAGE]}


def test_a_json_body_under_an_escaping_charset_is_refused_too(hr_a, teacher_a):
    body = b'{"kind": "\\\\ud800", "teacher": %d}' % teacher_a.pk
    response = client(hr_a).post(
        "/api/v1/certificates/", body, content_type=f"application/json; {ESCAPING}"
    )
    assert response.status_code == 400
    assert response.json() == {"kind": [MESSAGE]}


def test_nesting_too_deep_is_still_the_depth_error(hr_a):
    body = '{"kind": "\\ud800", "x": ' + "[" * 50 + "]" * 50 + "}"
    response = client(hr_a).post("/api/v1/certificates/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "JSON 嵌套超过 20 层。"


# ------------------------------------------------------------------ forms and multipart


def test_a_form_post_under_an_escaping_charset_is_a_400(hr_a, teacher_a):
    body = f"kind=%5Cud800&teacher={teacher_a.pk}"
    response = client(hr_a).post(
        "/api/v1/certificates/",
        body,
        content_type=f"application/x-www-form-urlencoded; {ESCAPING}",
    )
    assert response.status_code == 400
    assert response.json() == {"kind": [MESSAGE]}


def multipart(parts: list[tuple[str, bytes]], filename: str = "") -> bytes:
    out = b""
    for name, value in parts:
        out += b'--BB\r\nContent-Disposition: form-data; name="%s"' % name.encode()
        if name == "file":
            out += b'; filename="%s"\r\nContent-Type: application/pdf' % filename.encode()
        out += b"\r\n\r\n" + value + b"\r\n"
    return out + b"--BB--\r\n"


def test_the_import_kind_in_a_multipart_form_is_a_400_naming_kind(hr_a):
    body = multipart([("kind", b"\\ud800")])
    response = client(hr_a).post(
        "/api/v1/imports/", body, content_type=f"multipart/form-data; boundary=BB; {ESCAPING}"
    )
    assert response.status_code == 400
    assert response.json() == {"kind": [MESSAGE]}


def test_an_evidence_kind_in_a_multipart_upload_is_a_400_naming_kind(hr_a, teacher_a):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    parts = [("teacher", str(teacher_a.pk).encode()), ("kind", b"\\ud800"), ("file", pdf)]
    response = client(hr_a).post(
        "/api/v1/evidence-files/",
        multipart(parts, filename="证书.pdf"),
        content_type=f"multipart/form-data; boundary=BB; {ESCAPING}",
    )
    assert response.status_code == 400
    assert response.json() == {"kind": [MESSAGE]}


# ------------------------------------------------------------------ query strings


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/v1/teachers/?course_type=%5Cud800", "course_type"),
        ("/api/v1/certificates/?kind=%5Cud800", "kind"),
        ("/api/v1/teachers/?ordering=%5Cud800", "ordering"),
        ("/api/v1/teachers/?search=%5Cud800", "search"),
        ("/api/v1/teachers/?%5Cud800=1", "\\ud800"),
    ],
)
def test_a_query_parameter_holding_a_surrogate_is_a_400_naming_it(hr_a, url, param):
    response = client(hr_a).get(url, content_type=f"text/plain; {ESCAPING}")
    assert response.status_code == 400
    assert response.json() == {param: [MESSAGE]}


def test_a_percent_encoded_surrogate_in_utf8_is_only_a_replacement_character(hr_a):
    # UTF-8 has no surrogates: the bytes decode to U+FFFD, an unknown choice (Django's own).
    response = client(hr_a).get("/api/v1/certificates/?kind=%ED%A0%80")
    assert response.status_code == 400
    assert list(response.json()) == ["kind"]
    assert client(hr_a).get("/api/v1/teachers/?search=%ED%A0%80").status_code == 200


# ------------------------------------------------------------------ valid requests still work


def test_valid_requests_still_work(hr_a, teacher_a):
    # A surrogate pair in JSON is one character (𠮷, outside the BMP): a name like any other.
    body = {
        "teacher": teacher_a.pk,
        "kind": "skill_level",
        "level": "grade4",
        "name": "电工\U00020bb7",
        "number": "SK-1",
        "issued_on": "2020-01-01",
    }
    response = send_json(hr_a, "post", "/api/v1/certificates/", body)
    assert response.status_code == 201, response.json()
    assert response.json()["name"] == "电工\U00020bb7"
    response = client(hr_a).get(
        "/api/v1/certificates/?kind=skill_level", content_type=f"text/plain; {ESCAPING}"
    )
    assert response.status_code == 200
    assert response.json()["count"] == 1
    upload = {
        "teacher": teacher_a.pk,
        "kind": "certificate",
        "file": SimpleUploadedFile(
            "证书.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        ),
    }
    response = client(hr_a).post("/api/v1/evidence-files/", upload, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["filename"] == "证书.pdf"
    period = {
        "teacher": teacher_a.pk,
        "kind": "practice",
        "enterprise": "江铃汽车股份有限公司",
        "start_on": "2024-01-01",
        "end_on": "2024-06-30",
    }
    assert client(hr_a).post("/api/v1/enterprise-periods/", period).status_code == 201
