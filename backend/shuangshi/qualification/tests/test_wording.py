"""What a teacher lacks, in words, in either language (qualification.wording)."""

from django.utils import translation

from shuangshi.qualification.wording import (
    level_words,
    missing_sentence,
    missing_words,
    next_level_words,
)

YEARS = {"message": "qualification.missing.teaching_years", "quantity": 1}
PRACTICE = {"message": "qualification.missing.e_practice", "quantity": 74, "one_of": True}
SKILL = {"message": "qualification.missing.e_skill", "quantity": 1, "one_of": True, "needed": 1}


def test_each_item_in_english_with_one_in_the_singular():
    with translation.override("en"):
        assert missing_words(YEARS) == "1 more year of teaching"
        assert missing_words({**YEARS, "quantity": 3}) == "3 more years of teaching"
        assert missing_words(PRACTICE) == "74 more days of enterprise practice"
        assert missing_words(SKILL) == (
            "Obtain a grade-4 or higher skill certificate (in the teaching field)"
        )


def test_each_item_in_chinese():
    with translation.override("zh-hans"):
        assert missing_words(YEARS) == "再任教 1 年"
        assert missing_words(PRACTICE) == "再完成 74 天企业实践"
        assert level_words("intermediate") == "中级"
        assert next_level_words("none") == "初级"
        assert next_level_words("junior") == "中级"
        assert next_level_words("senior") == ""


def test_the_alternatives_read_as_any_n_of_them():
    items = [YEARS, {**PRACTICE, "needed": 1}, SKILL]
    with translation.override("en"):
        assert missing_sentence(items) == (
            "1 more year of teaching; any 1 of: 74 more days of enterprise practice"
            " / Obtain a grade-4 or higher skill certificate (in the teaching field)"
        )
    with translation.override("zh-hans"):
        assert missing_sentence(items) == (
            "再任教 1 年；以下任选 1 项：再完成 74 天企业实践／"
            "取得四级及以上技能证书（与任教专业相关）"
        )
    assert missing_sentence([]) == ""


def test_an_unknown_key_falls_back_to_the_engines_english():
    item = {"message": "qualification.missing.something_new", "text": "needs something new"}
    assert missing_words(item) == "needs something new"
    assert level_words("unknown") == "unknown"
