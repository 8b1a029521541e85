from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(school_a, school_b):
    today = timezone.localdate()
    done = testing.make_teacher(school_a, name="已实践")
    testing.make_period(done, start_on=today - timedelta(days=199), end_on=today)
    short = testing.make_teacher(school_a, name="缺实践")
    testing.make_period(short, start_on=today - timedelta(days=99), end_on=today)
    testing.make_teacher(school_a, course_type="public")  # owes nothing
    other = testing.make_teacher(school_b, name="外校")
    return done, short, other


def test_hr_sees_their_school_and_filters_the_short(api, hr_a, staff):
    done, short, _other = staff
    rows = api(hr_a).get("/api/v1/practice-duty/").json()["results"]
    assert {r["teacher"]["id"] for r in rows} == {done.pk, short.pk}
    by_id = {r["teacher"]["id"]: r for r in rows}
    assert by_id[short.pk]["short_by"] == 80 and by_id[short.pk]["lapses_on"] is None
    assert by_id[done.pk]["short_by"] == 0 and by_id[done.pk]["lapses_on"]
    only = api(hr_a).get("/api/v1/practice-duty/?short=true").json()["results"]
    assert [r["teacher"]["id"] for r in only] == [short.pk]


def test_a_teacher_sees_only_their_own_standing(api, staff):
    _done, short, _other = staff
    me = testing.make_user("t_short", Role.TEACHER, teacher=short)
    rows = api(me).get("/api/v1/practice-duty/").json()["results"]
    assert [r["teacher"]["id"] for r in rows] == [short.pk]
    assert api(me).get("/api/v1/practice-duty/summary/").status_code == 403


def test_the_summary_per_school_and_the_province_sees_all(api, province, hr_b, staff, school_a):
    rows = api(province).get("/api/v1/practice-duty/summary/").json()
    a = next(r for r in rows if r["school"]["id"] == school_a.pk)
    assert (a["teachers"], a["short"], a["share_short"]) == (2, 1, 0.5)
    assert api(hr_b).get(f"/api/v1/practice-duty/?school={school_a.pk}").status_code == 404


def test_the_export_is_a_workbook_and_base_staff_are_refused(api, hr_a, base_staff, staff):
    r = api(hr_a).get("/api/v1/practice-duty/export/")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert api(base_staff).get("/api/v1/practice-duty/").status_code == 403
    assert api(hr_a).get("/api/v1/practice-duty/?short=maybe").status_code == 400
