"""A certificate's level in words, in the active language (the confirmations queue's summary)."""

import pytest
from django.utils import translation

from shuangshi.teachers.models import CERTIFICATE_LEVELS, certificate_level_label


@pytest.mark.parametrize(
    ("kind", "level", "zh", "en"),
    [
        ("skill_level", "grade3", "三级/高级工", "Grade 3 / senior worker"),
        (
            "teacher_qualification",
            "higher_education",
            "高等学校教师资格",
            "Higher education teacher",
        ),
        ("one_plus_x", "intermediate", "中级", "Intermediate"),
        ("one_plus_x", "senior", "高级", "Senior"),
        ("professional_title", "senior", "正高级", "Full senior"),
        ("professional_title", "associate_senior", "副高级", "Associate senior"),
        ("skill_level", "zhongji", "zhongji", "zhongji"),  # an old free-text code: as it is
    ],
)
def test_a_level_reads_in_words_in_either_language(kind, level, zh, en):
    with translation.override("zh-hans"):
        assert certificate_level_label(kind, level) == zh
    with translation.override("en"):
        assert certificate_level_label(kind, level) == en


def test_every_level_of_every_kind_has_words_in_both_languages():
    for kind, levels in CERTIFICATE_LEVELS.items():
        for level in levels:
            with translation.override("en"):
                english = certificate_level_label(kind, level)
            with translation.override("zh-hans"):
                chinese = certificate_level_label(kind, level)
            assert english != level
            assert chinese not in (level, english), (kind, level)
