"""Round 45: a cleared number field (JSON null) was refused in DRF's Chinese, "该字段不能为
null。" — a programmer's word on a clerk's screen. The catalogue words it for its readers."""

import pytest

pytestmark = pytest.mark.django_db

SCHOOLS = "/api/v1/schools/"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "该字段不能为空。"), ("en", "This field may not be null.")],
)
def test_a_cleared_number_field_is_refused_in_plain_words(api, province, language, expected):
    body = {
        "code": "JX98",
        "name": "空值学校",
        "city": 1,
        "kind": "secondary",
        "student_count": None,
    }
    response = api(province).post(
        SCHOOLS, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    assert response.json()["student_count"] == [expected]
