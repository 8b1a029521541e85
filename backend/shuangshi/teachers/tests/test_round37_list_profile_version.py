"""The teacher list reads the rule profile in force with its page's rows (round 37): no
statement of its own for it on every page, and the rows still follow each new profile before
its re-evaluation job has run (round 32)."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import services
from shuangshi.teachers import selectors

pytestmark = pytest.mark.django_db

PROFILE_TABLE = '"qualification_ruleprofile"'


def make_junior(school: Any, **kw: Any) -> Any:
    """Junior: a teacher-qualification certificate and 200 recent practice days."""
    teacher = testing.make_teacher(school, **kw)
    testing.make_certificate(teacher)
    today = timezone.localdate()
    testing.make_period(teacher, start_on=today - timedelta(days=199), end_on=today)
    return teacher


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the page's one statement")
def test_a_list_page_asks_no_statement_of_its_own_for_the_profile(
    api: Any, province: Any, hr_a: Any, school_a: Any
) -> None:
    make_junior(school_a, name="王芳")
    testing.make_teacher(school_a, name="李强")
    services.rule_profile_update(values={"practice_min_days": 150}, user=province)
    for user, query in [(province, ""), (hr_a, "?search=王"), (province, "?ordering=name")]:
        with CaptureQueriesContext(connection) as queries:
            page = api(user).get(f"/api/v1/teachers/{query}")
        assert page.status_code == 200
        assert page.json()["results"], query
        reading = [q["sql"] for q in queries.captured_queries if PROFILE_TABLE in q["sql"]]
        # Only the page's rows statement names the profile table (its rows come with it).
        assert len(reading) == 1, (query, reading)
        assert "unnest(ARRAY(" in reading[0]


def test_the_rows_follow_each_new_profile_before_the_re_evaluation(
    api: Any, province: Any, school_a: Any
) -> None:
    make_junior(school_a)
    client = api(province)

    def level() -> str:
        return str(client.get("/api/v1/teachers/").json()["results"][0]["qualification"]["level"])

    assert level() == "junior"
    # Stored, but the background job has not re-evaluated anyone yet.
    services.rule_profile_update(values={"practice_min_days": 365}, user=province, reevaluate=False)
    assert level() == "none"
    services.rule_profile_update(values={"practice_min_days": 100}, user=province, reevaluate=False)
    assert level() == "junior"


def test_the_page_reads_the_same_with_the_profile_asked_on_its_own(
    api: Any, province: Any, hr_a: Any, school_a: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_junior(school_a, name="王芳")
    testing.make_teacher(school_a, name="李强")
    testing.make_teacher(school_a, name="张伟", left_on=timezone.localdate() - timedelta(days=3))
    services.rule_profile_update(values={"practice_min_days": 150}, user=province, reevaluate=False)
    read_with_rows = {
        (user.username, query): api(user).get(f"/api/v1/teachers/{query}").json()
        for user in (province, hr_a)
        for query in ("", "?ordering=-name", "?search=王")
    }
    rows_of = selectors.teacher_list_rows

    def without_the_version(ids: Any) -> list[selectors.TeacherRow]:
        return [row._replace(profile_version=None) for row in rows_of(ids)]

    monkeypatch.setattr(selectors, "teacher_list_rows", without_the_version)
    for (username, query), page in read_with_rows.items():
        user = province if username == province.username else hr_a
        assert api(user).get(f"/api/v1/teachers/{query}").json() == page, (username, query)
        assert page["results"], (username, query)
