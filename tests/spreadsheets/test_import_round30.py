"""Round 30 (imports): a list inside a message is joined by the reader's language's mark.

"“博士后” is not one of: 中专及以下、高职(专科)、…" read on an English screen joined the
choices with the Chinese list mark; a file without the template's header listed the missing
columns the same way. The values stay what the sheet must hold; only the mark between them
follows the reader (、 in Chinese, ", " in English), for cell errors and for the summary line.
"""

import pytest
from django.utils import translation
from shuangshi.spreadsheets.messages import ZH, listing, read_message, t

from .books import TEACHER_HEADERS, teacher_row, teachers_book
from .test_import_language_round29 import by_row, read, uploaded

CHOICE = "“%(value)s” is not one of: %(allowed)s."
NO_HEADER = (
    "No sheet has the template's header row (missing: %(missing)s). "
    "Use the downloaded template and keep its header row."
)


@pytest.fixture(autouse=True)
def language_kept():
    with translation.override(translation.get_language()):
        yield


def test_a_choice_lists_its_values_with_the_readers_list_mark(api, hr_a, upload):
    row = teacher_row()
    row[TEACHER_HEADERS.index("学历")] = "博士后"
    import_id = uploaded(api, hr_a, upload, "zh-hans", teachers_book([row]))

    chinese = by_row(read(api, hr_a, import_id, "zh-hans"))[2]
    english = by_row(read(api, hr_a, import_id, "en"))[2]
    assert chinese.startswith("“博士后”不是可选值之一：中专及以下、")
    assert english.startswith("“博士后” is not one of: 中专及以下, ")
    assert "、" not in english
    # The same values, in the same order, either way.
    values = english.removeprefix("“博士后” is not one of: ").removesuffix(".").split(", ")
    assert chinese.removeprefix("“博士后”不是可选值之一：").removesuffix("。").split("、") == values
    assert len(values) > 3


def test_a_choice_found_in_english_reads_in_chinese_with_the_chinese_mark(api, hr_a, upload):
    row = teacher_row()
    row[TEACHER_HEADERS.index("学历")] = "博士后"
    import_id = uploaded(api, hr_a, upload, "en", teachers_book([row]))
    assert "中专及以下, " in by_row(read(api, hr_a, import_id, "en"))[2]
    chinese = by_row(read(api, hr_a, import_id, "zh-hans"))[2]
    assert "中专及以下、" in chinese and ", " not in chinese


def test_the_missing_columns_of_a_file_without_the_header_follow_the_reader(api, hr_a, upload):
    content = teachers_book([["x"] * 3], headers=["甲", "乙", "丙"])
    body = read(api, hr_a, uploaded(api, hr_a, upload, "zh-hans", content), "zh-hans")
    assert body["message"].startswith("没有找到含模板表头的工作表（缺少：姓名、")
    english = read(api, hr_a, body["id"], "en")["message"]
    assert english.startswith("No sheet has the template's header row (missing: 姓名, ")
    assert "、" not in english
    # And back: a summary stored in English reads in Chinese with the Chinese mark.
    with translation.override("zh-hans"):
        assert read_message(english) == body["message"]


def test_listing_is_a_message_parameter_in_every_language():
    with translation.override("en"):
        english = t(CHOICE, value="x", allowed=listing(["甲", "乙"]))
    with translation.override("zh-hans"):
        chinese = t(CHOICE, value="x", allowed=listing(["甲", "乙"]))
    assert english == "“x” is not one of: 甲, 乙."
    assert chinese == ZH[CHOICE] % {"value": "x", "allowed": "甲、乙"}
    with translation.override("en"):
        assert read_message(str(chinese)) == english
    assert NO_HEADER in ZH
