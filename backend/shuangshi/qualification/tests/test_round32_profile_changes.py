"""A rule-profile change as the province makes it (DESIGN §4, §10): thresholds the engine
cannot use are refused with a 400 naming the setting, in the reader's language; and until
the background re-evaluation has run, no teacher read answers with the old profile's verdict."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import services

pytestmark = pytest.mark.django_db


def make_qualified(school, **kw):
    """Junior: a teacher-qualification certificate and 200 recent practice days."""
    teacher = testing.make_teacher(school, **kw)
    testing.make_certificate(teacher)
    today = timezone.localdate()
    testing.make_period(teacher, start_on=today - timedelta(days=199), end_on=today)
    return teacher


@pytest.mark.parametrize(
    "name", ["practice_window_years", "training_window_years", "senior_min_teaching_years"]
)
@pytest.mark.parametrize("path", ["/api/v1/rule-profiles/preview/", "/api/v1/rule-profiles/"])
def test_a_window_of_ten_thousand_years_is_refused_naming_the_setting(
    api, province, school_a, name, path
):
    make_qualified(school_a)
    response = api(province).post(path, {"values": {name: 10_000}}, format="json")
    assert response.status_code == 400, response.content[:200]
    assert list(response.json()["values"]) == [name]
    # Nothing stored: the ratios still answer.
    assert api(province).get("/api/v1/ratios/summary/").status_code == 200


def test_a_recruitment_date_outside_the_range_is_refused(api, province):
    response = api(province).post(
        "/api/v1/rule-profiles/preview/",
        {"values": {"recruitment_since": "0001-01-01"}},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["values"]) == ["recruitment_since"]


def test_setting_errors_are_in_the_readers_language(api, province):
    client = api(province)
    response = client.post(
        "/api/v1/rule-profiles/preview/",
        {"values": {"practice_min_days": -1, "skill_min_grade": "grade9"}},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-Hans",
    )
    assert response.status_code == 400
    errors = response.json()["values"]
    assert errors["practice_min_days"] == ["须为不小于 0 的整数"]
    assert errors["skill_min_grade"][0].startswith("须为以下之一")
    english = client.post(
        "/api/v1/rule-profiles/preview/",
        {"values": {"practice_min_days": -1}},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert english.json()["values"]["practice_min_days"] == ["must be a whole number of at least 0"]


def test_teacher_reads_follow_a_new_profile_before_the_re_evaluation_job_runs(
    api, province, school_a
):
    teacher = make_qualified(school_a)
    client = api(province)
    assert client.get(f"/api/v1/teachers/{teacher.pk}/").json()["qualification"]["level"] == (
        "junior"
    )
    # Stored, but the background job has not re-evaluated anyone yet.
    services.rule_profile_update(values={"practice_min_days": 365}, user=province, reevaluate=False)
    detail = client.get(f"/api/v1/teachers/{teacher.pk}/").json()
    assert detail["qualification"]["level"] == "none"
    row = client.get("/api/v1/teachers/").json()["results"][0]
    assert row["qualification"]["level"] == "none"
    juniors = client.get("/api/v1/teachers/?qualification_level=junior").json()
    assert juniors["count"] == 0
    nobody = client.get("/api/v1/teachers/?qualification_level=none").json()
    assert [r["id"] for r in nobody["results"]] == [teacher.pk]
    summary = client.get("/api/v1/ratios/summary/").json()["province"]
    assert summary["qualified"] == 0
