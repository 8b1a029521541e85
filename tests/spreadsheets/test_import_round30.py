"""Round 30 (imports): a list inside a message is joined by the reader's language's mark.

"“博士后” is not one of: 中专及以下、高职(专科)、…" read on an English screen joined the
choices with the Chinese list mark; a file without the template's header listed the missing
columns the same way. The mark between the values follows the reader (、 in Chinese, "; " in
English: ", " until an English name with a comma made the list unreadable), for cell errors
and for the summary line. Round 40: so do a column's choices (the English labels to an
English reader: the English template offers them, and a cell may hold either); the missing
columns stay the Chinese headers the template has.
"""

import pytest
from django.utils import translation
from shuangshi.spreadsheets.columns import TEACHERS
from shuangshi.spreadsheets.messages import ZH, listing, read_message, t

from .books import TEACHER_HEADERS, teacher_row, teachers_book
from .test_import_language_round29 import by_row, read, uploaded

CHOICE = "“%(value)s” is not one of: %(allowed)s."
(education,) = [c for c in TEACHERS.columns if c.field == "education"]
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
    # Round 40: to an English reader, the English labels (which the English template offers,
    # and a cell may hold as well as the Chinese ones).
    assert english.startswith("“博士后” is not one of: Secondary; Higher vocational; ")
    assert "、" not in english
    # As many values, in the same order, either way.
    values = english.removeprefix("“博士后” is not one of: ").removesuffix(".").split("; ")
    assert values == education.english_dropdown()
    assert chinese.removeprefix("“博士后”不是可选值之一：").removesuffix("。").split("、") == (
        education.dropdown()
    )


def test_a_choice_found_in_english_reads_in_chinese_with_the_chinese_mark(api, hr_a, upload):
    row = teacher_row()
    row[TEACHER_HEADERS.index("学历")] = "博士后"
    import_id = uploaded(api, hr_a, upload, "en", teachers_book([row]))
    assert "Secondary; Higher vocational" in by_row(read(api, hr_a, import_id, "en"))[2]
    chinese = by_row(read(api, hr_a, import_id, "zh-hans"))[2]
    assert "中专及以下、" in chinese and "; " not in chinese


def test_the_missing_columns_of_a_file_without_the_header_follow_the_reader(api, hr_a, upload):
    content = teachers_book([["x"] * 3], headers=["甲", "乙", "丙"])
    body = read(api, hr_a, uploaded(api, hr_a, upload, "zh-hans", content), "zh-hans")
    assert body["message"].startswith("没有找到含模板表头的工作表（缺少：姓名、")
    english = read(api, hr_a, body["id"], "en")["message"]
    assert english.startswith("No sheet has the template's header row (missing: 姓名; ")
    assert "、" not in english
    # And back: a summary stored in English reads in Chinese with the Chinese mark.
    with translation.override("zh-hans"):
        assert read_message(english) == body["message"]


def test_listing_is_a_message_parameter_in_every_language():
    with translation.override("en"):
        english = t(CHOICE, value="x", allowed=listing(["甲", "乙"]))
    with translation.override("zh-hans"):
        chinese = t(CHOICE, value="x", allowed=listing(["甲", "乙"]))
    assert english == "“x” is not one of: 甲; 乙."
    assert chinese == ZH[CHOICE] % {"value": "x", "allowed": "甲、乙"}
    with translation.override("en"):
        assert read_message(str(chinese)) == english
    assert NO_HEADER in ZH
