"""A level alert read in English names the levels in English only ("Junior", not
"Junior (初级)"); in Chinese as before."""

import re

from django.utils import translation

from shuangshi.notifications import wording
from shuangshi.notifications.models import Kind

HAN = re.compile(r"[\u4e00-\u9fff]")
PARAMS = {"name": "Zhang", "date": "2027-01-31", "before": "junior", "after": "none"}


def test_a_level_dropping_alert_reads_in_english_only():
    with translation.override("en"):
        title, body = wording.words(Kind.LEVEL_DROPPING, PARAMS)  # type: ignore[misc]
    assert body == "From Junior to Not dual-qualified if nothing changes."
    assert not HAN.search(title + body)


def test_a_certificate_expiring_alert_reads_in_english_only():
    with translation.override("en"):
        params = {**PARAMS, "after": "junior", "before": "senior"}
        _title, body = wording.words(Kind.CERTIFICATE_EXPIRING, params)  # type: ignore[misc]
    assert body == "Without a renewal the level drops from Senior to Junior."


def test_a_level_dropping_alert_still_reads_in_chinese():
    with translation.override("zh-hans"):
        _title, body = wording.words(Kind.LEVEL_DROPPING, PARAMS)  # type: ignore[misc]
    assert body is not None and "初级" in body
