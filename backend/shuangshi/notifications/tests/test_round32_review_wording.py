"""A review_waiting notice says what the reader is to do, not a bare status word
("Objected" to the province; round 32)."""

import pytest
from django.utils import translation

from shuangshi.notifications import wording
from shuangshi.notifications.models import Kind

PARAMS = {"name": "王小明", "round": "JX2026A"}


@pytest.mark.parametrize(
    ("status", "english", "chinese"),
    [
        (
            "submitted",
            "Submitted by the teacher: the school's review is next.",
            "教师已提交，待学校审核。",
        ),
        (
            "school_approved",
            "Approved by the school: the experts' votes and the province's review are next.",
            "学校已审核通过，待专家评议和省级审核。",
        ),
        (
            "objected",
            "An objection was filed during publicity: the province decides on it.",
            "公示期间有人提出异议，待省级处理。",
        ),
    ],
)
def test_the_body_says_what_comes_next(status, english, chinese):
    params = {**PARAMS, "status": status}
    with translation.override("en"):
        assert wording.words(Kind.REVIEW_WAITING, params)[1] == english
    with translation.override("zh-hans"):
        assert wording.words(Kind.REVIEW_WAITING, params)[1] == chinese
