"""Round 45 (QA): the level-dropping notice said 认定等级 ("the recognized level") for the
computed level; 认定 is the official recognition (DESIGN §8). It says 测算等级 now."""

from django.utils import translation

from shuangshi.notifications import wording
from shuangshi.notifications.models import Kind


def test_the_level_dropping_notice_names_the_computed_level():
    params = {"name": "范欣刚", "date": "2027-01-30", "before": "junior", "after": "none"}
    with translation.override("zh-hans"):
        title, body = wording.WORDS[Kind.LEVEL_DROPPING](params)
        kind_label = str(Kind.LEVEL_DROPPING.label)
    assert title == "范欣刚：测算等级将于 2027-01-30 下降"
    assert body == "如无变化，将由初级降为不符合条件。"
    assert kind_label == "测算等级即将下降"
    assert "认定" not in title + body + kind_label
