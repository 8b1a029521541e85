"""API errors come back in the language the client asks for (Chinese by default)."""

from datetime import date

import pytest

from shuangshi import testing

URL = "/api/v1/teachers/"


def bad_teacher(school):
    data = testing.teacher_data(school, hired_on=date(2015, 9, 1), left_on=date(2014, 7, 1))
    number = data["id_number"]
    wrong = next(ch for ch in "0123456789X" if ch != number[-1])
    data["id_number"] = number[:-1] + wrong
    data["school"] = school.pk
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


ZH = {
    "id_number": ["居民身份证号有误：校验码不符。"],
    "left_on": ["离职日期不能早于入职日期。"],
}
EN = {
    "id_number": ["Invalid ID number: check digit does not match."],
    "left_on": ["The leaving date cannot be before the hiring date."],
}


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "zh-hans"}, ZH),
        ({"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}, ZH),
        ({}, ZH),
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, EN),
        ({"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}, EN),
    ],
    ids=["zh-hans", "zh-CN", "no header", "en", "en-US"],
)
def test_a_refused_teacher_says_why_in_the_requested_language(
    api, hr_a, school_a, headers, expected
):
    response = api(hr_a).post(URL, bad_teacher(school_a), **headers)
    assert response.status_code == 400
    body = response.json()
    for field, messages in expected.items():
        assert body[field] == messages, body


def test_a_short_id_number_names_its_length_in_chinese_and_english(api, hr_a, school_a):
    data = bad_teacher(school_a)
    data["id_number"] = data["id_number"][:17]
    data["left_on"] = None
    client = api(hr_a)
    zh = client.post(URL, data, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    en = client.post(URL, data, HTTP_ACCEPT_LANGUAGE="en").json()
    assert zh["id_number"] == ["居民身份证号有误：应为 18 位，实际为 17 位。"]
    assert en["id_number"] == ["Invalid ID number: must be 18 characters, got 17."]


def test_framework_messages_follow_the_language_too(api, hr_a, school_a):
    data = bad_teacher(school_a)
    del data["name"]
    client = api(hr_a)
    assert client.post(URL, data).json()["name"] == ["该字段是必填项。"]
    en = client.post(URL, data, HTTP_ACCEPT_LANGUAGE="en").json()
    assert en["name"] == ["This field is required."]
