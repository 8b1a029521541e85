"""Dated facts and field categories through the API (issue 10, DESIGN §3–§4)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import services as q_services

pytestmark = pytest.mark.django_db


def _intermediate_ready(school, **kw):
    """A teacher who is intermediate with the title 讲师 and junior without it."""
    today = timezone.localdate()
    teacher = testing.make_teacher(school, title="junior", **kw)
    testing.make_certificate(teacher)
    testing.make_period(teacher, start_on=today - timedelta(days=400), end_on=today)
    testing.make_period(
        teacher, kind="employment", start_on=date(2000, 1, 1), end_on=date(2004, 12, 31)
    )
    return teacher


def _level(api, user, teacher):
    response = api(user).get(f"/api/v1/teachers/{teacher.pk}/")
    assert response.status_code == 200
    return response.data["qualification"]["level"]


def _summary_qualified(api, user, on):
    response = api(user).get("/api/v1/ratios/summary/", {"as_of": on.isoformat()})
    assert response.status_code == 200, response.data
    return response.data["province"]["qualified"], response.data["province"]["in_scope"]


def test_hr_back_dates_a_title_change_and_each_date_is_judged_by_its_own_title(
    api, hr_a, province, school_a
):
    teacher = _intermediate_ready(school_a)
    assert _level(api, hr_a, teacher) == "junior"
    since = timezone.localdate() - timedelta(days=90)
    response = api(hr_a).patch(
        f"/api/v1/teachers/{teacher.pk}/",
        {"title": "intermediate", "effective_on": since.isoformat(), "version": teacher.version},
        format="json",
    )
    assert response.status_code == 200, response.data
    assert "effective_on" not in response.data  # write-only
    assert response.data["title"] == "intermediate"
    assert response.data["qualification"]["level"] == "intermediate"

    facts = api(hr_a).get(f"/api/v1/teachers/{teacher.pk}/facts/")
    assert facts.status_code == 200
    titles = [(f["value"], f["effective_on"]) for f in facts.data if f["field"] == "title"]
    assert titles == [("junior", "2010-09-01"), ("intermediate", since.isoformat())]
    assert {f["recorded_by"] for f in facts.data if f["field"] == "title"} == {None, "hr_a"}

    # A past date is never judged with a value that changed later.
    before = q_services.selectors.counts_at(since - timedelta(days=1))[school_a.pk]
    after = q_services.selectors.counts_at(since)[school_a.pk]
    assert (before.intermediate, after.intermediate) == (0, 1)
    assert (before.junior, after.junior) == (1, 0)


def test_the_history_is_scoped_and_read_only(api, hr_a, hr_b, city_nc, school_a):
    teacher = testing.make_teacher(school_a)
    assert api(hr_b).get(f"/api/v1/teachers/{teacher.pk}/facts/").status_code == 404
    assert api(city_nc).get(f"/api/v1/teachers/{teacher.pk}/facts/").status_code == 200
    assert api(hr_a).post(f"/api/v1/teachers/{teacher.pk}/facts/", {}).status_code == 405


def test_a_transfer_moves_the_teacher_from_its_date_and_is_not_a_new_hire(
    api, province, school_a, school_b
):
    teacher = _intermediate_ready(school_a, hired_on=date(2015, 9, 1))
    moved = timezone.localdate() - timedelta(days=30)
    response = api(province).patch(
        f"/api/v1/teachers/{teacher.pk}/",
        {"school": school_b.pk, "effective_on": moved.isoformat(), "version": teacher.version},
        format="json",
    )
    assert response.status_code == 200, response.data
    assert response.data["hired_on"] == "2015-09-01"
    earlier = q_services.selectors.counts_at(moved - timedelta(days=1))
    later = q_services.selectors.counts_at(moved)
    assert earlier[school_a.pk].in_scope == 1
    assert later.get(school_a.pk) is None or later[school_a.pk].in_scope == 0
    assert later[school_b.pk].in_scope == 1
    assert later[school_b.pk].recruitment_checked == 0  # not a new hire


def test_skill_evidence_needs_the_teachers_field_through_the_api(api, hr_a, school_a):
    teacher = testing.make_teacher(school_a, major_category="46")
    testing.make_certificate(teacher)
    response = api(hr_a).post(
        "/api/v1/certificates/",
        {
            "teacher": teacher.pk,
            "kind": "skill_level",
            "level": "grade3",
            "name": "中式烹调师",
            "issued_on": "2018-06-01",
            "field_category": "54",
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response.data["field_category"] == "54"
    q = api(hr_a).get(f"/api/v1/teachers/{teacher.pk}/").data["qualification"]
    skill = next(r for r in q["reasons"] if r["code"] == "E_SKILL")
    assert (q["level"], skill["met"], skill["note"]) == ("none", False, "field_mismatch")
    assert skill["params"]["certificate_category"] == "54"

    # The teacher's major category is corrected: the certificate now counts.
    teacher.refresh_from_db()
    response = api(hr_a).patch(
        f"/api/v1/teachers/{teacher.pk}/",
        {"major_category": "54", "version": teacher.version},
        format="json",
    )
    assert response.status_code == 200, response.data
    assert response.data["major_category"] == "54"
    assert response.data["qualification"]["level"] == "junior"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"major_category": "99"}, "major_category"),
        ({"effective_on": "yesterday"}, "effective_on"),
    ],
)
def test_bad_categories_and_dates_are_a_400_naming_the_field(api, hr_a, school_a, body, field):
    teacher = testing.make_teacher(school_a)
    response = api(hr_a).patch(
        f"/api/v1/teachers/{teacher.pk}/", {**body, "version": teacher.version}, format="json"
    )
    assert response.status_code == 400
    assert field in response.data


def test_a_teacher_cannot_change_their_own_dated_facts(api, school_a):
    teacher = testing.make_teacher(school_a)
    account = testing.make_user("t1", "teacher", teacher=teacher)
    response = api(account).patch(
        f"/api/v1/teachers/{teacher.pk}/",
        {"title": "senior", "version": teacher.version},
        format="json",
    )
    assert response.status_code == 403
