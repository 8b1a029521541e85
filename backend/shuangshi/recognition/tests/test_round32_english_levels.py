"""A refusal read in English names the levels in English only: "Junior", not "Junior (初级)"
(the Chinese screen reads 初级 as before)."""

import re

APPS = "/api/v1/recognition-applications/"
HAN = re.compile(r"[\u4e00-\u9fff]")


def _refused(api, teacher_user, round_open, language):
    created = api(teacher_user).post(APPS, {"round": round_open.pk, "level": "senior"})
    assert created.status_code == 201, created.json()
    return api(teacher_user).post(
        f"{APPS}{created.json()['id']}/submit/", {}, HTTP_ACCEPT_LANGUAGE=language
    )


def test_it_names_the_levels_in_english_in_an_english_refusal(api, teacher_user, round_open):
    response = _refused(api, teacher_user, round_open, "en")
    assert response.status_code == 400
    (message,) = response.json()["level"]
    assert message.startswith("The rules give Junior, below the level asked for. ")
    assert "To reach Intermediate: " in message
    assert not HAN.search(message), message


def test_it_names_the_levels_in_chinese_in_a_chinese_refusal(api, teacher_user, round_open):
    (message,) = _refused(api, teacher_user, round_open, "zh-hans").json()["level"]
    assert message.startswith("按认定规则只能认定为 初级，低于申报等级。升至中级还需：")


def test_each_level_has_a_plain_name_in_both_languages(settings):
    from django.utils import translation

    from shuangshi.qualification.wording import level_words as level_name

    with translation.override("en"):
        assert [level_name(c) for c in ("none", "junior", "intermediate", "senior")] == [
            "Not dual-qualified",
            "Junior",
            "Intermediate",
            "Senior",
        ]
    with translation.override("zh-hans"):
        assert [level_name(c) for c in ("junior", "intermediate", "senior")] == [
            "初级",
            "中级",
            "高级",
        ]
    assert level_name("unknown") == "unknown"
