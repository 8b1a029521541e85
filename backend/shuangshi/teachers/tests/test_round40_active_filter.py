"""Round 40 (exploratory QA): the list's `active` filter read any leaving date as gone, so a
teacher with a leaving date still ahead (still teaching, and counted in the ratio) showed
under "left" and vanished from the default list. Employed means through the leaving day
(docs/qualification.md), as the ratio counts them."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from shuangshi import testing

pytestmark = pytest.mark.django_db


def names(client: Any, active: str) -> set[str]:
    response = client.get("/api/v1/teachers/", {"active": active, "page_size": 100})
    assert response.status_code == 200, response.json()
    return {row["name"] for row in response.json()["results"]}


def test_a_leaving_date_still_ahead_is_still_employed(api, hr_a, city_nc, school_a):
    today = timezone.localdate()
    testing.make_teacher(school_a, name="在职")
    testing.make_teacher(school_a, name="下月离职", left_on=today + timedelta(days=30))
    testing.make_teacher(school_a, name="今日离职", left_on=today)
    testing.make_teacher(school_a, name="昨日离职", left_on=today - timedelta(days=1))
    for user in (hr_a, city_nc):  # the school's HR, and the city (reads only)
        client = api(user)
        assert names(client, "true") == {"在职", "下月离职", "今日离职"}
        assert names(client, "false") == {"昨日离职"}
        assert names(client, "") == {"在职", "下月离职", "今日离职", "昨日离职"}


def test_the_filter_refuses_what_is_not_yes_or_no(api, hr_a):
    response = api(hr_a).get("/api/v1/teachers/", {"active": "maybe"})
    assert response.status_code == 400
    assert "active" in response.json()
