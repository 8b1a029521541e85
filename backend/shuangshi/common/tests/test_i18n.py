"""API errors come back in the language the client asks for (Chinese by default)."""

import ast
from datetime import date
from pathlib import Path

import pytest
from django.utils.translation import trans_real

from shuangshi import testing
from shuangshi.spreadsheets.messages import ZH as ZH_MESSAGES

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


# --------------------------------------------------------------------------- every message


def _source_calls() -> list[tuple[str, ast.Call]]:
    """Every call in the app's code (tests and migrations aside), with its file."""
    root = Path(__file__).resolve().parents[2]
    calls = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = str(path.relative_to(root))
        calls += [(name, node) for node in ast.walk(tree) if isinstance(node, ast.Call)]
    return calls


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy"}
PGETTEXT = {"pgettext", "pgettext_lazy"}


def test_every_message_the_code_writes_has_its_chinese():
    """Every literal given to gettext is in the Chinese catalogue, and every message of the
    importers (`spreadsheets.messages.t`, its English source) in their table: a message
    without its Chinese reads in English on a Chinese screen."""
    catalog = trans_real.translation("zh-hans")._catalog  # type: ignore[attr-defined]
    translated = {key if isinstance(key, str) else key[0] for key in catalog.keys()}
    untranslated, unworded, checked = [], [], 0
    for name, call in _source_calls():
        func = call.func.id if isinstance(call.func, ast.Name) else None
        texts: list[str | None] = []
        if func in GETTEXT and call.args:
            msgid = _text(call.args[0])
            if msgid is not None:
                checked += 1
                if msgid not in translated:
                    untranslated.append(f"{name}:{call.lineno} {msgid!r}")
            continue
        if func in PGETTEXT and len(call.args) >= 2:
            context, msgid = _text(call.args[0]), _text(call.args[1])
            if context is not None and msgid is not None:
                checked += 1
                if f"{context}\x04{msgid}" not in translated:
                    untranslated.append(f"{name}:{call.lineno} {context}|{msgid!r}")
            continue
        if func == "t" and call.args:
            first = call.args[0]  # t(message or "default") checks the default too
            parts = first.values if isinstance(first, ast.BoolOp) else [first]
            texts += [_text(part) for part in parts]
        # Messages the importers pass on to t(): `not_found=` and `once(row, key, message)`.
        texts += [_text(k.value) for k in call.keywords if k.arg == "not_found"]
        if isinstance(call.func, ast.Attribute) and call.func.attr == "once" and len(call.args) > 2:
            texts.append(_text(call.args[2]))
        for text in texts:
            if text is not None:
                checked += 1
                if text not in ZH_MESSAGES:
                    unworded.append(f"{name}:{call.lineno} {text!r}")
    assert checked > 500  # 611 in round 26: the scan finds the calls
    assert untranslated == []
    assert unworded == []
