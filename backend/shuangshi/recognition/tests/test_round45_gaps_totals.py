"""The gaps lists hold at most GAP_LIMIT rows each, and say how many there are in all
(round 45: the overview labelled its tab with the rows it got, 200, for 766)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.recognition import selectors, services
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db

GAPS = "/api/v1/recognitions/gaps/"


def _qualified(school, name):
    teacher = testing.make_teacher(school, name=name)
    testing.make_certificate(teacher)
    testing.make_certificate(teacher, kind="skill_level", level="grade3", name="电工")
    return teacher


def _recognized(teacher, hr_a, province, round_open):
    app = services.application_create(round=round_open, teacher=teacher, level="junior", user=hr_a)
    app = services.application_submit(application=app, user=hr_a)
    app = services.application_school_review(application=app, user=hr_a, decision="approve")
    app = services.application_province_review(application=app, user=province, decision="approve")
    return services.application_finalize(application=app, user=province)


def test_the_province_reads_the_true_total_beside_the_first_rows(
    api, monkeypatch, province, hr_b, qualified_teacher, school_a
):
    others = [_qualified(school_a, name) for name in ("甲一", "乙二")]
    monkeypatch.setattr(selectors, "GAP_LIMIT", 2)

    with CaptureQueriesContext(connection) as ctx:
        gaps = api(province).get(GAPS).json()
    assert len(gaps["should_apply"]) == 2  # the rows are capped
    assert gaps["should_apply_total"] == 3  # the total is not
    assert gaps["limit"] == 2
    assert {r["teacher"] for r in gaps["should_apply"]} <= {
        qualified_teacher.pk,
        *(t.pk for t in others),
    }
    assert (gaps["no_longer_qualified"], gaps["no_longer_qualified_total"]) == ([], 0)
    # Counted in the database, not by loading every row.
    assert any("COUNT(" in q["sql"] for q in ctx.captured_queries)

    other_school = api(hr_b).get(GAPS).json()
    assert (other_school["should_apply"], other_school["should_apply_total"]) == ([], 0)


def test_a_list_not_cut_short_counts_its_rows(api, province, qualified_teacher):
    gaps = api(province).get(GAPS).json()
    assert [r["teacher"] for r in gaps["should_apply"]] == [qualified_teacher.pk]
    assert gaps["should_apply_total"] == 1
    assert gaps["limit"] == selectors.GAP_LIMIT == 200


def test_the_holders_who_no_longer_qualify_are_counted_in_all(
    api, monkeypatch, province, hr_a, qualified_teacher, round_open, school_a
):
    teachers = [qualified_teacher, _qualified(school_a, "丙三")]
    for teacher in teachers:
        _recognized(teacher, hr_a, province, round_open)
        for cert in teacher.certificates.filter(kind="skill_level"):
            teacher_services.certificate_delete(certificate=cert)
    monkeypatch.setattr(selectors, "GAP_LIMIT", 1)

    gaps = api(province).get(GAPS).json()
    assert len(gaps["no_longer_qualified"]) == 1
    assert gaps["no_longer_qualified_total"] == 2
    assert (gaps["should_apply"], gaps["should_apply_total"]) == ([], 0)


def test_a_teacher_and_base_staff_are_refused_the_totals(api, teacher_user):
    assert api(teacher_user).get(GAPS).status_code == 403
    base = testing.make_user("base_45", Role.BASE_STAFF, training_base=testing.make_base())
    response = api(base).get(GAPS)
    assert response.status_code == 403
    assert "should_apply_total" not in response.json()
