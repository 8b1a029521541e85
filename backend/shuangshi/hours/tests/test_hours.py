import io

import pytest
from openpyxl import Workbook

from shuangshi.hours import services
from shuangshi.hours.models import TeachingHours
from shuangshi.spreadsheets import services as imports

pytestmark = pytest.mark.django_db

URL = "/api/v1/teaching-hours/"


def record(school, term="2026-2027-1", total=1000, practical=600, major=""):
    return services.teaching_hours_create(
        data={
            "school": school,
            "term": term,
            "major_category": major,
            "total_hours": total,
            "practical_hours": practical,
        }
    )


def test_hr_records_their_schools_hours(api, hr_a, school_a):
    r = api(hr_a).post(URL, {"term": "2026-2027-1", "total_hours": 1000, "practical_hours": 480})
    assert r.status_code == 201, r.content
    assert r.json()["school"] == school_a.pk and r.json()["practical_share"] == 0.48


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"term": "2026-2028-1", "total_hours": 10, "practical_hours": 5}, "term"),
        ({"term": "2026-2027-3", "total_hours": 10, "practical_hours": 5}, "term"),
        ({"term": "2026-2027-1", "total_hours": 10, "practical_hours": 11}, "practical_hours"),
        ({"term": "2026-2027-1", "total_hours": -1, "practical_hours": 0}, "total_hours"),
    ],
)
def test_bad_hours_are_a_400_naming_the_field(api, hr_a, body, field):
    r = api(hr_a).post(URL, body)
    assert r.status_code == 400 and field in r.json()


def test_the_same_term_twice_is_a_400(api, hr_a, school_a):
    record(school_a)
    r = api(hr_a).post(URL, {"term": "2026-2027-1", "total_hours": 10, "practical_hours": 5})
    assert r.status_code == 400 and "term" in r.json()


def test_city_reads_and_cannot_write_hr_cannot_touch_another_school(api, city_nc, hr_b, school_a):
    row = record(school_a)
    assert api(city_nc).get(URL).json()["count"] == 1
    assert api(city_nc).post(URL, {"school": school_a.pk}).status_code == 403
    assert api(hr_b).get(f"{URL}{row.pk}/").status_code == 404
    assert api(hr_b).patch(f"{URL}{row.pk}/", {"version": 1}).status_code == 404


def test_shares_against_the_50_percent_target_at_least(api, province, school_a, school_b):
    record(school_a, total=1000, practical=500)  # exactly 50%: meets
    record(school_b, total=1000, practical=499)
    data = api(province).get(f"{URL}shares/").json()
    assert data["term"] == "2026-2027-1" and data["target"] == 0.5
    by = {row["school"]["id"]: row for row in data["schools"]}
    assert by[school_a.pk]["meets_target"] is True
    assert by[school_b.pk]["meets_target"] is False
    below = api(province).get(f"{URL}shares/?below_target=true").json()["schools"]
    assert [row["school"]["id"] for row in below] == [school_b.pk]
    target = api(province).get("/api/v1/targets/practical_hours_share/").json()
    assert target["value"] in ("0.5000", 0.5) and target["current"] == 0.4995


def _workbook(rows):
    book = Workbook()
    ws = book.active
    ws.append(["学期", "专业大类", "总课时", "实践教学课时"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_hr_imports_hours_and_a_reimport_creates_no_duplicates(hr_a, school_a):
    content = _workbook([["2026-2027-1", "装备制造大类", 800, 500], ["2026-2027-1", "", 1200, 500]])
    for _ in range(2):
        job = imports.import_validate(
            user=hr_a, kind="teaching-hours", filename="h.xlsx", content=content
        )
        assert job.status == "valid", job.errors
        imports.import_commit(job=job)
    assert TeachingHours.objects.filter(school=school_a).count() == 2


def test_an_import_row_with_more_practical_than_total_is_refused(hr_a):
    content = _workbook([["2026-2027-1", "", 100, 200]])
    job = imports.import_validate(
        user=hr_a, kind="teaching-hours", filename="h.xlsx", content=content
    )
    assert job.status == "invalid"
    assert job.errors[0]["column"] in ("实践教学课时", "practical_hours")


def test_the_template_downloads_for_hr_and_not_for_base_staff(api, hr_a, base_staff):
    assert api(hr_a).get("/api/v1/imports/templates/teaching-hours/").status_code == 200
    assert api(base_staff).get("/api/v1/imports/templates/teaching-hours/").status_code == 403


def test_the_demo_terms_are_the_two_latest():
    from datetime import date

    from shuangshi.hours.demo import recent_terms

    assert recent_terms(date(2026, 12, 1)) == ["2025-2026-2", "2026-2027-1"]
    assert recent_terms(date(2027, 4, 1)) == ["2026-2027-1", "2026-2027-2"]
    assert recent_terms(date(2027, 1, 15)) == ["2025-2026-2", "2026-2027-1"]


def test_the_demo_loads_two_terms_once(school_a, school_b):
    import random
    from datetime import date

    from shuangshi.hours.demo import load_hours_demo

    assert load_hours_demo(rng=random.Random(1), today=date(2026, 12, 1)) == 4
    assert load_hours_demo(rng=random.Random(1), today=date(2026, 12, 1)) == 0
