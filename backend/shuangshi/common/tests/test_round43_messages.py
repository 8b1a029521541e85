"""Round 43: two of the API's refusals read in English, or wrongly, on a Chinese screen: a
body that is not JSON ("JSON parse error - …", DRF's own words) and a NUL character in a
text field (Django's Chinese for it says empty strings are not allowed)."""

import pytest

pytestmark = pytest.mark.django_db

SCHOOLS = "/api/v1/schools/"


def _post(client, body, language):
    return client.post(
        SCHOOLS, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "请求内容不是有效的 JSON："), ("en", "The request body is not valid JSON: ")],
)
def test_a_body_that_is_not_json_is_refused_in_the_readers_language(
    api, province, language, expected
):
    response = _post(api(province), '{"code": "JX9', language)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith(expected)
    assert "JSON parse error" not in detail
    assert "char" in detail  # where the JSON breaks, from the parser


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "不允许包含空字符（NUL）。"), ("en", "Null characters are not allowed.")],
)
def test_a_nul_character_is_refused_in_words_that_say_so(api, province, language, expected):
    body = {"code": "JX9\x00", "name": "空字符学校", "city": 1, "kind": "secondary"}
    response = _post(api(province), body, language)
    assert response.status_code == 400
    assert response.json()["code"] == [expected]
