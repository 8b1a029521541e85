"""Round 47: every share the API sends is rounded once, to 6 places (engine.api_share), so
the web app's one rounding for display (to 0.1 %) is the only one that counts. The part-time
and mentor share was sent with 4 places: 8 of 42 went out as 0.1905 and showed "19.1%"
(8 / 42 = 0.190476…, 19.0%); 0.19996, just under the 20% norm, would have shown "20.0%"
beside 未达标. Practical hours shares and training pass rates had 4 places too."""

from datetime import date

import pytest

from shuangshi import testing
from shuangshi.hours import services as hours
from shuangshi.mentors.tests.conftest import appoint, make_mentor
from shuangshi.qualification import engine
from shuangshi.training.tests.conftest import make_completion, make_program

pytestmark = pytest.mark.django_db


def test_one_rule_six_places():
    assert engine.SHARE_PLACES == 6
    assert engine.api_share(8 / 42) == 0.190476
    assert engine.api_share(2 / 3) == 0.666667
    assert engine.api_share(0.199996) == 0.199996
    assert engine.api_share(0.5) == 0.5
    assert engine.api_share(None) is None


def test_the_part_time_share_just_under_the_norm_is_not_sent_as_the_norm():
    s = engine.staffing(
        kind="secondary_vocational", student_count=0, full_time=25000, part_time=4999
    )
    assert (s.part_time_share, s.part_time_ok) == (0.19996, False)  # 20.0% was 0.2000


def test_school_hr_reads_8_of_42_as_0_190476(api, hr_a, base_staff, school_a):
    for _ in range(42):
        testing.make_teacher(school_a)
    for _ in range(5):
        testing.make_teacher(school_a, employment="part_time")
    for n in range(3):
        appoint(make_mentor(name=f"导师{n}"), school_a, start_on=date(2023, 9, 1))
    url = f"/api/v1/ratios/schools/?search={school_a.code}"
    response = api(hr_a).get(url)
    assert response.status_code == 200
    [row] = response.json()["results"]
    staffing = row["staffing"]
    assert (staffing["full_time"], staffing["part_time"], staffing["mentors"]) == (42, 5, 3)
    assert staffing["part_time_share"] == 0.190476  # was 0.1905: "19.1%"
    assert staffing["part_time_ok"] is False
    # A base's staff read no school's ratios.
    assert api(base_staff).get(url).status_code == 403


def test_practical_hours_shares_have_six_places(api, hr_a, province, base_staff, school_a):
    hours.teaching_hours_create(
        data={
            "school": school_a,
            "term": "2026-2027-1",
            "major_category": "",
            "total_hours": 3000,
            "practical_hours": 1000,
        }
    )
    rows = api(hr_a).get("/api/v1/teaching-hours/").json()["results"]
    assert [r["practical_share"] for r in rows] == [0.333333]  # was 0.3333
    shares = api(hr_a).get("/api/v1/teaching-hours/shares/").json()["schools"]
    assert [r["practical_share"] for r in shares] == [0.333333]
    target = api(province).get("/api/v1/targets/practical_hours_share/").json()
    assert target["current"] == 0.333333
    assert api(base_staff).get("/api/v1/teaching-hours/shares/").status_code == 403


def test_a_base_pass_rate_has_six_places(api, base_staff, hr_a, base_a, school_a):
    program = make_program(base_a, start_on=date(2025, 3, 1), end_on=date(2025, 3, 20))
    for passed in (True, False, False):
        make_completion(program, testing.make_teacher(school_a), hours=40, passed=passed)
    url = "/api/v1/training-bases/stats/?as_of=2025-06-01"
    response = api(base_staff).get(url)
    assert response.status_code == 200
    [row] = [r for r in response.json() if r["base"]["id"] == base_a.pk]
    assert (row["completions"], row["passed"], row["pass_rate"]) == (3, 1, 0.333333)
    # A school's HR reads no base's figures.
    assert api(hr_a).get(url).status_code == 403
