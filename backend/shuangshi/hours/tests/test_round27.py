"""Round 27: a blank major category is the whole school's total (the template: 可留空（全校合计）),
so a school with that row and a breakdown by category is not counted twice; major categories
are the §3 codes (a code or a name in, the code stored), anything else a 400 / a row error."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from shuangshi.hours import selectors, services
from shuangshi.hours.models import TeachingHours
from shuangshi.spreadsheets import services as imports

pytestmark = pytest.mark.django_db

URL = "/api/v1/teaching-hours/"
TERM = "2026-2027-1"


def record(school, major="", total=1000, practical=500, term=TERM):
    return services.teaching_hours_create(
        data={
            "school": school,
            "term": term,
            "major_category": major,
            "total_hours": total,
            "practical_hours": practical,
        }
    )


def body(major=None, total=1000, practical=500, **extra):
    data = {"term": TERM, "total_hours": total, "practical_hours": practical, **extra}
    if major is not None:
        data["major_category"] = major
    return data


def shares(client, query=""):
    rows = client.get(f"{URL}shares/{query}").json()["schools"]
    return {row["school"]["id"]: row for row in rows}


# --------------------------------------------------------------------------- the sums


def test_hr_whole_school_row_and_a_breakdown_count_once(api, hr_a, province, school_a):
    client = api(hr_a)
    assert client.post(URL, body(total=1000, practical=500)).status_code == 201
    assert client.post(URL, body("46", total=400, practical=100)).status_code == 201
    assert client.post(URL, body("51", total=600, practical=400)).status_code == 201
    row = shares(api(province))[school_a.pk]
    assert (row["total_hours"], row["practical_hours"]) == (1000, 500)
    assert row["practical_share"] == 0.5 and row["meets_target"] is True  # at least 50%
    assert shares(client)[school_a.pk]["total_hours"] == 1000  # HR reads the same


def test_without_a_whole_school_row_the_categories_are_summed(api, province, school_a):
    record(school_a, "46", total=400, practical=100)
    record(school_a, "51", total=600, practical=400)
    row = shares(api(province))[school_a.pk]
    assert (row["total_hours"], row["practical_hours"]) == (1000, 500)
    assert row["meets_target"] is True


def test_the_schools_below_list_uses_the_whole_school_row(api, province, school_a, school_b):
    record(school_a, "", total=1000, practical=500)  # meets on its total …
    record(school_a, "46", total=400, practical=100)  # … a weak category does not add to it
    record(school_b, "46", total=1000, practical=400)
    record(school_b, "51", total=1000, practical=500)  # 900 / 2000: below
    below = api(province).get(f"{URL}shares/?below_target=true").json()["schools"]
    assert [row["school"]["id"] for row in below] == [school_b.pk]


def test_the_province_card_reads_each_schools_figure_once(api, province, school_a, school_b):
    record(school_a, "", total=1000, practical=500)
    record(school_a, "46", total=1000, practical=0)
    record(school_b, "46", total=500, practical=300)
    record(school_b, "51", total=500, practical=300)
    assert selectors.province_share() == round(1100 / 2000, 4)
    target = api(province).get("/api/v1/targets/practical_hours_share/").json()
    assert target["current"] == 0.55


def test_only_the_term_asked_counts(api, province, school_a):
    record(school_a, "", total=1000, practical=500, term="2025-2026-2")
    record(school_a, "46", total=100, practical=10)
    row = shares(api(province), f"?term={TERM}")[school_a.pk]
    assert (row["total_hours"], row["practical_hours"]) == (100, 10)
    row = shares(api(province), "?term=2025-2026-2")[school_a.pk]
    assert (row["total_hours"], row["practical_hours"]) == (1000, 500)


# --------------------------------------------------------------------------- the API


@pytest.mark.parametrize("given", ["46", "装备制造", "装备制造大类", "66", " 46 "])
def test_hr_may_write_a_code_or_a_name_and_the_code_is_stored(api, hr_a, given):
    r = api(hr_a).post(URL, body(given))
    assert r.status_code == 201, r.content
    assert r.json()["major_category"] == "46"
    assert TeachingHours.objects.get().major_category == "46"


@pytest.mark.parametrize("given", ["", None])
def test_blank_or_null_is_the_whole_school(api, hr_a, given):
    r = api(hr_a).post(URL, {**body(), "major_category": given}, format="json")
    assert r.status_code == 201, r.content
    assert r.json()["major_category"] == ""


@pytest.mark.parametrize("given", ["not a category", "40", "60", "80", "装备", "4"])
def test_hr_writing_no_category_is_a_400_naming_major_category(api, hr_a, given):
    r = api(hr_a).post(URL, body(given))
    assert r.status_code == 400
    assert list(r.json()) == ["major_category"]
    assert "41–59" in r.json()["major_category"][0]
    assert not TeachingHours.objects.exists()


def test_a_category_by_name_and_by_code_is_one_row(api, hr_a):
    client = api(hr_a)
    assert client.post(URL, body("46", total=400, practical=100)).status_code == 201
    r = client.post(URL, body("装备制造", total=400, practical=100))
    assert r.status_code == 400 and "term" in r.json()  # already there under its code
    assert TeachingHours.objects.count() == 1


def test_hr_patches_the_category_by_name_and_not_to_nonsense(api, hr_a, school_a):
    row = record(school_a, "46")
    client = api(hr_a)
    r = client.patch(f"{URL}{row.pk}/", {"major_category": "电子与信息大类", "version": 1})
    assert r.status_code == 200, r.content
    assert r.json()["major_category"] == "51"
    r = client.patch(f"{URL}{row.pk}/", {"major_category": "nonsense", "version": 2})
    assert r.status_code == 400 and "major_category" in r.json()
    row.refresh_from_db()
    assert row.major_category == "51"


def test_a_role_that_may_not_write_is_refused(api, city_nc, base_staff, school_a):
    r = api(city_nc).post(URL, body("46", school=school_a.pk))
    assert r.status_code == 403
    assert api(base_staff).post(URL, body("46", school=school_a.pk)).status_code == 403
    assert not TeachingHours.objects.exists()


def test_the_english_message_names_the_reason(api, hr_a):
    r = api(hr_a).post(URL, body("x"), HTTP_ACCEPT_LANGUAGE="en")
    assert r.json()["major_category"] == [
        "Not a major category: write one of the 19 category codes (41–59) or a category "
        "name, or leave it blank for the whole school's total."
    ]


# --------------------------------------------------------------------------- the service


def test_the_service_stores_the_code_and_refuses_nonsense(school_a):
    assert record(school_a, "装备制造大类").major_category == "46"
    with pytest.raises(ValidationError) as exc:
        record(school_a, "not a category")
    assert "major_category" in exc.value.message_dict
    assert (
        services.teaching_hours_upsert(
            school_id=school_a.pk,
            term=TERM,
            major_category="46",
            total_hours=900,
            practical_hours=1,
        )[1]
        is False
    )  # the same row as 装备制造大类


# --------------------------------------------------------------------------- the import


def _workbook(rows):
    book = Workbook()
    ws = book.active
    ws.append(["学期", "专业大类", "总课时", "实践教学课时"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _validate(user, rows):
    return imports.import_validate(
        user=user, kind="teaching-hours", filename="h.xlsx", content=_workbook(rows)
    )


def test_an_import_row_with_no_category_names_the_row_and_column(hr_a):
    job = _validate(hr_a, [[TERM, "", 1000, 500], [TERM, "not a category", 100, 50]])
    assert job.status == "invalid"
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "专业大类")]
    assert not TeachingHours.objects.exists()


def test_an_import_stores_codes_and_a_name_and_its_code_are_one_record(hr_a, school_a):
    job = _validate(hr_a, [[TERM, "装备制造大类", 400, 100], [TERM, 46, 400, 100]])
    assert job.status == "invalid"
    assert [e["row"] for e in job.errors] == [3]  # the same record as row 2
    job = _validate(hr_a, [[TERM, "装备制造大类", 400, 100], [TERM, None, 1000, 500]])
    assert job.status == "valid", job.errors
    imports.import_commit(job=job)
    assert set(TeachingHours.objects.values_list("major_category", flat=True)) == {"46", ""}
    job = _validate(hr_a, [[TERM, "46", 400, 200]])  # by code: updates the same record
    imports.import_commit(job=job)
    assert TeachingHours.objects.get(major_category="46").practical_hours == 200
    assert selectors.term_totals(TeachingHours.objects.all(), TERM) == {school_a.pk: (1000, 500)}


def test_the_template_offers_the_categories(api, hr_a):
    from shuangshi.spreadsheets.columns import TEACHING_HOURS

    column = next(c for c in TEACHING_HOURS.columns if c.field == "major_category")
    assert "装备制造大类" in column.dropdown() and not column.required
    assert "全校合计" in column.help


# --------------------------------------------------------------------------- old rows


def _to_codes():
    name = "shuangshi.hours.migrations.0002_major_category_codes"
    importlib.import_module(name).to_codes(apps, None)


def _legacy(school, major, term=TERM, total=100, practical=50):
    # Rows as stored before the check (free text): written past the service on purpose.
    return TeachingHours.objects.create(
        school=school, term=term, major_category=major, total_hours=total, practical_hours=practical
    )


def test_the_data_migration_codes_names_and_leaves_the_rest(api, province, school_a, school_b):
    a = _legacy(school_a, "装备制造大类")
    b = _legacy(school_a, "not a category")
    c = _legacy(school_a, "电子与信息", term="2025-2026-2")
    d = _legacy(school_b, "46")
    e = _legacy(school_b, "装备制造")  # the code is taken: left as it is
    f = _legacy(school_b, "  ", term="2025-2026-2")
    _to_codes()
    got = {r.pk: r.major_category for r in TeachingHours.objects.all()}
    assert got == {
        a.pk: "46",
        b.pk: "not a category",
        c.pk: "51",
        d.pk: "46",
        e.pk: "装备制造",
        f.pk: "",
    }
    _to_codes()  # twice: nothing more
    assert {r.pk: r.major_category for r in TeachingHours.objects.all()} == got
    # Reads survive what is left.
    client = api(province)
    assert client.get(URL).status_code == 200
    row = shares(client, f"?term={TERM}")[school_a.pk]
    assert (row["total_hours"], row["practical_hours"]) == (200, 100)
    assert client.get(f"{URL}{b.pk}/").json()["major_category"] == "not a category"
    assert selectors.province_share(TERM) == 0.5


def test_an_old_row_with_no_category_must_get_one_when_edited(api, hr_a, school_a):
    row = _legacy(school_a, "not a category")
    client = api(hr_a)
    r = client.patch(f"{URL}{row.pk}/", {"total_hours": 200, "version": 1})
    assert r.status_code == 400 and "major_category" in r.json()
    r = client.patch(f"{URL}{row.pk}/", {"major_category": "旅游", "version": 1})
    assert r.status_code == 200 and r.json()["major_category"] == "54"
    assert client.delete(f"{URL}{_legacy(school_a, 'junk').pk}/").status_code == 204
