"""Round 43: a school's whole-school row of a term (no major category) cannot hold fewer hours
than its category rows add up to (DESIGN §9: they are its breakdown). The API refuses either
side (a whole-school row below its categories, a category row that takes them past it) with
a 400 naming the field; the import names the row and the column and writes nothing."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook

from shuangshi.hours import services
from shuangshi.hours.models import TeachingHours
from shuangshi.spreadsheets import services as imports

pytestmark = pytest.mark.django_db

URL = "/api/v1/teaching-hours/"
TERM = "2026-2027-1"
OTHER_TERM = "2025-2026-2"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def whole_below(parts):
    return (
        f"Less than this term's major category rows add up to ({parts}): the whole "
        "school's hours cannot be fewer than its categories'."
    )


def parts_above(parts, whole):
    return (
        f"This term's major category rows would add up to {parts}, more than the whole "
        f"school's row ({whole})."
    )


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


def body(major="", total=1000, practical=500, term=TERM):
    return {
        "term": term,
        "major_category": major,
        "total_hours": total,
        "practical_hours": practical,
    }


def patch(client, row, data):
    """A PATCH of the row as last read (its version)."""
    version = TeachingHours.objects.get(pk=row.pk).version
    return client.patch(f"{URL}{row.pk}/", {**data, "version": version}, format="json", **EN)


def stored(school):
    return sorted(
        TeachingHours.objects.filter(school=school).values_list(
            "term", "major_category", "total_hours", "practical_hours"
        )
    )


# --------------------------------------------------------------------------- the API


def test_a_whole_school_row_below_its_categories_is_a_400_naming_the_field(api, hr_a, school_a):
    record(school_a, "46", total=400, practical=100)
    record(school_a, "51", total=600, practical=400)
    client = api(hr_a)
    response = client.post(URL, body(total=900, practical=600), format="json", **EN)
    assert response.status_code == 400, response.content
    assert response.json() == {"total_hours": [whole_below(1000)]}
    response = client.post(URL, body(total=1000, practical=499), format="json", **EN)
    assert response.status_code == 400, response.content
    assert response.json() == {"practical_hours": [whole_below(500)]}
    assert len(stored(school_a)) == 2  # nothing written
    # Equal to the sum is consistent (the categories are the whole of it).
    assert client.post(URL, body(total=1000, practical=500), format="json").status_code == 201


def test_a_category_row_that_takes_the_categories_past_the_whole_is_a_400(api, hr_a, school_a):
    record(school_a, "", total=1000, practical=500)
    record(school_a, "46", total=400, practical=100)
    client = api(hr_a)
    response = client.post(URL, body("51", total=700, practical=300), format="json", **EN)
    assert response.status_code == 400, response.content
    assert response.json() == {"total_hours": [parts_above(1100, 1000)]}
    response = client.post(URL, body("51", total=600, practical=401), format="json", **EN)
    assert response.status_code == 400, response.content
    assert response.json() == {"practical_hours": [parts_above(501, 500)]}
    assert len(stored(school_a)) == 2
    assert client.post(URL, body("51", total=600, practical=400), format="json").status_code == 201


def test_an_update_is_refused_either_way_and_an_update_that_fits_goes_through(
    api, province, school_a
):
    whole = record(school_a, "", total=1000, practical=500)
    part = record(school_a, "46", total=400, practical=100)
    record(school_a, "51", total=600, practical=300)
    client = api(province)
    response = patch(client, whole, {"total_hours": 999})
    assert response.status_code == 400, response.content
    assert response.json() == {"total_hours": [whole_below(1000)]}
    response = patch(client, part, {"practical_hours": 201})
    assert response.status_code == 400, response.content
    assert response.json() == {"practical_hours": [parts_above(501, 500)]}
    assert stored(school_a) == [
        (TERM, "", 1000, 500),
        (TERM, "46", 400, 100),
        (TERM, "51", 600, 300),
    ]
    # The row itself is not counted twice: lowering a category, raising the whole are fine.
    assert patch(client, part, {"practical_hours": 200}).status_code == 200
    assert patch(client, whole, {"total_hours": 1200}).status_code == 200
    # A category moved to another term leaves this one's sum and is checked in its own.
    response = patch(client, part, {"term": OTHER_TERM})
    assert response.status_code == 200, response.content


def test_other_terms_and_other_schools_rows_do_not_count(api, hr_a, school_a, school_b):
    record(school_a, "46", total=5000, practical=4000, term=OTHER_TERM)
    record(school_b, "46", total=5000, practical=4000)
    record(school_a, "", total=1000, practical=500)
    response = api(hr_a).post(URL, body("46", total=1000, practical=500), format="json")
    assert response.status_code == 201, response.content


def test_a_school_with_categories_and_no_whole_school_row_takes_any_category(api, hr_a, school_a):
    record(school_a, "46", total=400, practical=100)
    response = api(hr_a).post(URL, body("51", total=99_000, practical=0), format="json")
    assert response.status_code == 201, response.content


def test_a_second_whole_school_row_is_still_refused_as_a_second_one(api, hr_a, school_a):
    record(school_a, "", total=1000, practical=500)
    part = record(school_a, "46", total=400, practical=100)
    response = patch(api(hr_a), part, {"major_category": ""})
    assert response.status_code == 400, response.content
    assert response.json() == {
        "term": ["This school already has hours for this term and major category."]
    }


def test_the_practical_hours_rule_comes_first_as_before(api, hr_a, school_a):
    record(school_a, "46", total=400, practical=100)
    response = api(hr_a).post(URL, body(total=300, practical=301), format="json", **EN)
    assert response.status_code == 400, response.content
    assert response.json() == {
        "practical_hours": ["Practical hours cannot exceed the total hours."]
    }


def test_the_service_refuses_it_for_every_caller(school_a):
    record(school_a, "", total=1000, practical=500)
    with pytest.raises(ValidationError) as exc:
        services.teaching_hours_upsert(
            school_id=school_a.pk,
            term=TERM,
            major_category="装备制造大类",
            total_hours=1001,
            practical_hours=0,
        )
    assert list(exc.value.message_dict) == ["total_hours"]
    assert len(stored(school_a)) == 1


# --------------------------------------------------------------------------- the import


HEADERS = ["学期", "专业大类", "总课时", "实践教学课时"]


def _workbook(rows, headers=HEADERS):
    book = Workbook()
    ws = book.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _validate(user, rows, headers=HEADERS):
    return imports.import_validate(
        user=user, kind="teaching-hours", filename="h.xlsx", content=_workbook(rows, headers)
    )


def _errors(job):
    return [(e["row"], e["column"], e["field"]) for e in job.errors]


def test_an_import_whose_whole_school_row_is_below_its_categories_names_it(hr_a, school_a):
    job = _validate(
        hr_a,
        [
            [TERM, "装备制造大类", 400, 100],
            [TERM, None, 900, 400],
            [TERM, "51", 600, 350],
            [OTHER_TERM, None, 100, 50],  # another term: fine
        ],
    )
    assert job.status == "invalid"
    assert sorted(_errors(job)) == [
        (3, "实践教学课时", "practical_hours"),
        (3, "总课时", "total_hours"),
    ]
    assert not TeachingHours.objects.exists()


def test_an_import_of_categories_past_the_stored_whole_names_the_last_one(hr_a, school_a):
    record(school_a, "", total=1000, practical=500)
    job = _validate(hr_a, [[TERM, "46", 400, 100], [TERM, "51", 700, 100]])
    assert job.status == "invalid"
    assert _errors(job) == [(3, "总课时", "total_hours")]
    assert stored(school_a) == [(TERM, "", 1000, 500)]


def test_an_import_that_leaves_the_term_consistent_passes_over_stored_rows(hr_a, school_a):
    """The file's rows replace the stored ones of their key: what counts is the term as the
    import leaves it, not as it was."""
    record(school_a, "", total=1000, practical=500)
    record(school_a, "46", total=900, practical=400)
    job = _validate(hr_a, [[TERM, "46", 300, 100], [TERM, "51", 700, 400]])
    assert job.status == "valid", job.errors
    imports.import_commit(job=job)
    assert stored(school_a) == [
        (TERM, "", 1000, 500),
        (TERM, "46", 300, 100),
        (TERM, "51", 700, 400),
    ]
    # Lowering the whole below the stored categories: refused, nothing changed.
    job = _validate(hr_a, [[TERM, None, 999, 500]])
    assert job.status == "invalid"
    assert _errors(job) == [(2, "总课时", "total_hours")]


def test_an_import_is_all_or_nothing_across_schools(province, school_a, school_b):
    headers = [*HEADERS, "学校代码"]
    rows = [
        [TERM, None, 1000, 500, school_a.code],
        [TERM, "46", 1000, 500, school_a.code],  # fine: equal to the whole
        [TERM, None, 1000, 500, school_b.code],
        [TERM, "46", 1000, 501, school_b.code],
    ]
    job = _validate(province, rows, headers)
    assert job.status == "invalid"
    assert _errors(job) == [(4, "实践教学课时", "practical_hours")]
    assert not TeachingHours.objects.exists()


def test_a_commit_rechecks_what_was_stored_since_the_dry_run(hr_a, school_a):
    job = _validate(hr_a, [[TERM, "46", 800, 400]])
    assert job.status == "valid", job.errors
    record(school_a, "", total=500, practical=200)  # stored meanwhile, through the API
    with pytest.raises(imports.ImportNotCommittable):
        imports.import_commit(job=job)
    job.refresh_from_db()
    assert (job.status, _errors(job)) == (
        "invalid",
        [(2, "总课时", "total_hours"), (2, "实践教学课时", "practical_hours")],
    )
    assert stored(school_a) == [(TERM, "", 500, 200)]


def test_a_term_whose_rows_straddle_two_batches_is_checked_with_both(hr_a, school_a, monkeypatch):
    monkeypatch.setattr(imports, "BATCH", 2)
    job = _validate(
        hr_a,
        [
            [OTHER_TERM, None, 100, 50],
            [TERM, None, 1000, 500],
            [TERM, "46", 600, 300],  # the next batch: 600 + 500 > 1000
            [TERM, "51", 500, 100],
        ],
    )
    assert job.status == "invalid"
    # Round 44: at the whole-school row, as when the rows share a batch (the term is
    # checked once the whole file is read), no longer at the batch's last category row.
    assert _errors(job) == [(3, "总课时", "total_hours")]
    assert not TeachingHours.objects.exists()


def test_the_import_error_reads_in_english(hr_a, school_a):
    with translation.override("en"):
        job = _validate(hr_a, [[TERM, "46", 400, 100], [TERM, None, 300, 100]])
    assert job.status == "invalid"
    assert whole_below(400) in [e["message"] for e in job.errors]
