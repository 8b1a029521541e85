"""Hours are bounded per row (the sums never overflow, PostgreSQL's integer column never turns a
value into a DataError), a term may start no later than the next school year, and the default
term is the latest one not after today's (hours stored ahead do not take over the pages)."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import Workbook

from shuangshi.hours import services
from shuangshi.hours.models import TeachingHours
from shuangshi.hours.terms import current_term, latest_allowed_term, school_year, term_code
from shuangshi.hours.validation import MAX_HOURS, term_error
from shuangshi.spreadsheets import services as imports

pytestmark = pytest.mark.django_db

URL = "/api/v1/teaching-hours/"
TARGET = "/api/v1/targets/practical_hours_share/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
LARGEST_BIGINT = 9_223_372_036_854_775_807


def today():
    return timezone.localdate()


def now_term():
    return current_term(today())


def record(school, term, total=1000, practical=500, major=""):
    return services.teaching_hours_create(
        data={
            "school": school,
            "term": term,
            "major_category": major,
            "total_hours": total,
            "practical_hours": practical,
        }
    )


def body(term=None, total=1000, practical=500, **extra):
    return {"term": term or now_term(), "total_hours": total, "practical_hours": practical, **extra}


# --------------------------------------------------------------------------- the bound


@pytest.mark.parametrize("value", [MAX_HOURS + 1, 2_147_483_648, LARGEST_BIGINT])
def test_hr_cannot_record_more_hours_in_a_row_than_the_bound(api, hr_a, value):
    r = api(hr_a).post(
        URL, body(total=value, practical=value, major_category="46"), format="json", **EN
    )
    assert r.status_code == 400, r.content
    for field in ("total_hours", "practical_hours"):
        assert r.json()[field] == [
            "At most 1000000 hours in one row (school, term, major category)."
        ]
    assert not TeachingHours.objects.exists()


def test_the_bound_itself_is_accepted(api, hr_a):
    r = api(hr_a).post(URL, body(total=MAX_HOURS, practical=MAX_HOURS), format="json")
    assert r.status_code == 201, r.content


def test_hr_cannot_raise_a_row_above_the_bound(api, hr_a, school_a):
    row = record(school_a, now_term())
    r = api(hr_a).patch(
        f"{URL}{row.pk}/", {"total_hours": LARGEST_BIGINT, "version": 1}, format="json", **EN
    )
    assert r.status_code == 400 and "total_hours" in r.json()
    row.refresh_from_db()
    assert row.total_hours == 1000


def test_city_cannot_write_hours_at_all(api, city_nc, school_a):
    r = api(city_nc).post(URL, body(school=school_a.pk, total=10, practical=5), format="json")
    assert r.status_code == 403


def test_the_service_refuses_hours_above_the_bound(school_a):
    with pytest.raises(ValidationError) as exc:
        record(school_a, now_term(), total=LARGEST_BIGINT, practical=LARGEST_BIGINT)
    assert set(exc.value.message_dict) == {"total_hours", "practical_hours"}


def test_an_import_row_above_the_bound_is_refused(hr_a):
    book = Workbook()
    book.active.append(["学期", "专业大类", "总课时", "实践教学课时"])
    book.active.append([now_term(), "", MAX_HOURS + 1, 10])
    out = io.BytesIO()
    book.save(out)
    job = imports.import_validate(
        user=hr_a, kind="teaching-hours", filename="h.xlsx", content=out.getvalue()
    )
    assert job.status == "invalid"
    assert job.errors[0]["column"] in ("总课时", "total_hours")


def test_province_reads_shares_and_target_of_rows_at_the_bound(api, province, school_a, school_b):
    for school in (school_a, school_b):
        record(school, now_term(), total=MAX_HOURS, practical=MAX_HOURS, major="46")
        record(school, now_term(), total=MAX_HOURS, practical=0, major="51")
    r = api(province).get(f"{URL}shares/")
    assert r.status_code == 200, r.content
    by = {row["school"]["id"]: row for row in r.json()["schools"]}
    assert by[school_a.pk]["total_hours"] == 2 * MAX_HOURS
    assert by[school_a.pk]["practical_share"] == 0.5
    target = api(province).get(TARGET)
    assert target.status_code == 200 and target.json()["current"] == 0.5


# --------------------------------------------------------------------------- the terms


@pytest.mark.parametrize(
    ("day", "year", "current", "latest"),
    [
        (date(2026, 8, 31), 2025, "2025-2026-2", "2026-2027-2"),
        (date(2026, 9, 1), 2026, "2026-2027-1", "2027-2028-2"),
        (date(2027, 2, 28), 2026, "2026-2027-1", "2027-2028-2"),
        (date(2027, 3, 1), 2026, "2026-2027-2", "2027-2028-2"),
    ],
)
def test_the_school_year_starts_in_september(day, year, current, latest):
    assert school_year(day) == year
    assert current_term(day) == current
    assert latest_allowed_term(day) == latest


def test_a_term_may_start_in_the_next_school_year_and_not_later():
    day = date(2026, 12, 6)
    assert term_error("2027-2028-2", today=day) is None
    assert "2027-2028-2" in (term_error("2028-2029-1", today=day) or "")


def test_hr_cannot_record_a_term_after_the_next_school_year(api, hr_a):
    year = school_year(today())
    r = api(hr_a).post(URL, body(term_code(year + 2, 1)), format="json", **EN)
    assert r.status_code == 400
    assert r.json()["term"] == [
        "A term can start no later than the next school year: the latest is "
        f"{latest_allowed_term(today())}."
    ]
    far = api(hr_a).post(URL, body("2099-2100-1"), format="json")
    assert far.status_code == 400 and "term" in far.json()
    assert not TeachingHours.objects.exists()


def test_hr_may_record_next_school_years_hours(api, hr_a):
    r = api(hr_a).post(URL, body(latest_allowed_term(today())), format="json")
    assert r.status_code == 201, r.content


def test_hours_stored_ahead_do_not_take_over_the_default_term(api, province, school_a, school_b):
    record(school_a, now_term(), total=1000, practical=600)
    record(school_b, now_term(), total=1000, practical=400)
    record(school_a, latest_allowed_term(today()), total=1000, practical=100)  # a plan
    # A row stored before terms were bounded (the service now refuses it).
    TeachingHours.objects.create(
        school=school_a, term="2099-2100-1", total_hours=10, practical_hours=10
    )
    data = api(province).get(f"{URL}shares/").json()
    assert data["term"] == now_term()
    assert {row["total_hours"] for row in data["schools"]} == {1000}
    assert api(province).get(TARGET).json()["current"] == 0.5
    ahead = api(province).get(f"{URL}shares/?term=2099-2100-1").json()
    assert ahead["term"] == "2099-2100-1"  # still readable when asked for


def test_base_staff_cannot_read_the_shares(api, base_staff):
    assert api(base_staff).get(f"{URL}shares/").status_code == 403
