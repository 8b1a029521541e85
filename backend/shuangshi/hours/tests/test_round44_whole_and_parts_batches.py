"""Round 44: a teaching-hours import checks the "whole and parts" rule of a school's term
(hours.validation.whole_and_parts_errors) against the whole file, plus the stored rows the
file does not replace, not against the rows of the batches read so far. A term whose rows
fall in different batches gets the same report as when they share one: a right file passes
(and commits), a wrong one is refused at the same row and column, and nothing is written.

The workbooks have more rows than one batch. services.BATCH is lowered (to 50) to keep the
tests quick: the rows still go through the real batching (services._batches), and one
test runs the real BATCH (2,000) on a 2,000-plus-row file."""

import io

import pytest
from openpyxl import Workbook

from shuangshi.hours import services
from shuangshi.hours.models import TeachingHours
from shuangshi.spreadsheets import importers
from shuangshi.spreadsheets import services as imports

pytestmark = pytest.mark.django_db

TERM = "2026-2027-1"
HEADERS = ["学期", "专业大类", "总课时", "实践教学课时", "学校代码"]
SMALL = 50


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


def filler(schools, count, skip=0):
    """``count`` consistent rows (after the first ``skip``) of other terms (2000-2001-1 to
    2025-2026-2, none is TERM) of ``schools`` in turn (1,040 a school): a whole-school row
    of 190 hours, then its 19 category rows of 10 each."""
    rows = []
    for school in schools:
        for year in range(2000, 2026):
            for half in (1, 2):
                term = f"{year}-{year + 1}-{half}"
                rows.append([term, None, 190, 95, school.code])
                rows.extend([term, str(code), 10, 5, school.code] for code in range(41, 60))
    assert len(rows) >= skip + count
    return rows[skip : skip + count]


def workbook(rows):
    book = Workbook()
    ws = book.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def validate(user, rows):
    return imports.import_validate(
        user=user, kind="teaching-hours", filename="h.xlsx", content=workbook(rows)
    )


def errors(job):
    return [(e["row"], e["column"], e["field"], e["cell"], e["value"]) for e in job.errors]


def in_term(school):
    return sorted(
        TeachingHours.objects.filter(school=school, term=TERM).values_list(
            "major_category", "total_hours", "practical_hours"
        )
    )


def counting_batches(monkeypatch):
    """BATCH lowered to SMALL, and the batches the importer checks recorded (their sizes)."""
    monkeypatch.setattr(imports, "BATCH", SMALL)
    sizes: list[int] = []
    check = importers.TeachingHoursImporter.check

    def counted(self, batch):
        sizes.append(len(batch))
        return check(self, batch)

    monkeypatch.setattr(importers.TeachingHoursImporter, "check", counted)
    return sizes


def test_a_right_term_split_across_batches_is_valid_and_commits(province, school_a, monkeypatch):
    """The stored whole-school row (1000) is below the stored category plus the file's
    first-batch one; the file's rows in a later batch (a lower 51, a whole-school row of
    1500) put it right. Checked with only the first batch it was refused."""
    sizes = counting_batches(monkeypatch)
    record(school_a, "", total=1000, practical=500)
    record(school_a, "51", total=500, practical=200)
    rows = [
        *filler([school_a], SMALL - 1),  # rows 2-50
        [TERM, "46", 600, 300, school_a.code],  # row 51: batch 1; 600 + 500 > 1000 stored
        *filler([school_a], SMALL + 10, skip=SMALL - 1),  # rows 52-111
        [TERM, "51", 400, 100, school_a.code],  # row 112: batch 3, replaces the stored 51
        [TERM, None, 1500, 600, school_a.code],  # row 113: batch 3, the whole school's
    ]
    job = validate(province, rows)
    assert sizes == [SMALL, SMALL, 12]  # the term's rows in batches 1 and 3
    assert job.status == "valid", job.errors
    assert job.rows == len(rows)
    imports.import_commit(job=job)
    assert in_term(school_a) == [("", 1500, 600), ("46", 600, 300), ("51", 400, 100)]


def test_a_right_term_passes_whatever_order_its_rows_come_in(hr_a, school_a, monkeypatch):
    """The whole-school row first and a stored category lowered by a later batch: the first
    batch alone (1000 < 700 + 400 stored) would refuse the whole-school row."""
    monkeypatch.setattr(imports, "BATCH", SMALL)
    record(school_a, "51", total=400, practical=300)
    rows = [
        [TERM, None, 1000, 500, school_a.code],  # row 2: batch 1
        [TERM, "46", 700, 200, school_a.code],  # row 3: batch 1
        *filler([school_a], SMALL),
        [TERM, "51", 300, 300, school_a.code],  # row 54: batch 2, 700 + 300 = 1000
    ]
    job = validate(hr_a, rows)
    assert job.status == "valid", job.errors
    imports.import_commit(job=job)
    assert in_term(school_a) == [("", 1000, 500), ("46", 700, 200), ("51", 300, 300)]


def test_a_wrong_term_split_across_batches_is_refused_at_its_whole_school_row(
    province, school_a, school_b, monkeypatch
):
    """Fine in each batch on its own, wrong once both are counted: refused at the
    whole-school row and the column that disagrees (as when the rows share one batch), and
    nothing written. The other school's right term split the same way is not blamed."""
    sizes = counting_batches(monkeypatch)
    record(school_a, "51", total=100, practical=100)  # stored, not replaced: counts too
    rows = [
        [TERM, None, 1000, 500, school_a.code],  # row 2: batch 1
        [TERM, "46", 600, 200, school_a.code],  # row 3: batch 1 (600 + 100 stored: fine)
        [TERM, None, 900, 900, school_b.code],  # row 4: batch 1
        *filler([school_a], SMALL),  # rows 5-54
        [TERM, "47", 300, 150, school_a.code],  # row 55: batch 2: 1000 total < 1000 + ...
        [TERM, "48", 1, 0, school_a.code],  # row 56: ... 1 (total 1001); practical 450: fine
        [TERM, "46", 900, 900, school_b.code],  # row 57: school B: equal, fine
    ]
    job = validate(province, rows)
    assert len(sizes) == 2
    assert job.status == "invalid"
    assert job.failed == 1
    assert errors(job) == [(2, "总课时", "total_hours", "C2", "1000")]
    assert "1001" in job.errors[0]["message"]
    # The same file in one batch: the same report.
    monkeypatch.setattr(imports, "BATCH", 2000)
    assert errors(validate(province, rows)) == errors(job)
    assert not TeachingHours.objects.exclude(term=TERM).exists()
    assert in_term(school_a) == [("51", 100, 100)]


def test_a_wrong_term_with_no_whole_school_row_in_the_file_names_its_last_category_row(
    hr_a, school_a, monkeypatch
):
    monkeypatch.setattr(imports, "BATCH", SMALL)
    record(school_a, "", total=1000, practical=500)
    rows = [
        [TERM, "46", 600, 250, school_a.code],  # row 2: batch 1
        *filler([school_a], SMALL),
        [TERM, "51", 400, 251, school_a.code],  # row 53: batch 2: practical 501 > 500
        [TERM, "52", 0, 0, school_a.code],  # row 54: batch 2, the last category row of the term
    ]
    job = validate(hr_a, rows)
    assert job.status == "invalid"
    assert errors(job) == [(54, "实践教学课时", "practical_hours", "D54", "0")]
    assert TeachingHours.objects.count() == 1


def test_a_commit_that_finds_the_term_wrong_writes_nothing_of_any_batch(
    hr_a, school_a, monkeypatch
):
    """Right at the dry run; a category row stored since makes it wrong: the commit (which
    writes each batch once it is checked) rolls every batch back and names the row."""
    monkeypatch.setattr(imports, "BATCH", SMALL)
    rows = [
        [TERM, "46", 600, 300, school_a.code],  # row 2: batch 1
        *filler([school_a], SMALL),
        [TERM, None, 1000, 500, school_a.code],  # row 53: batch 2
    ]
    job = validate(hr_a, rows)
    assert job.status == "valid", job.errors
    record(school_a, "51", total=401, practical=100)  # through the API, meanwhile
    with pytest.raises(imports.ImportNotCommittable):
        imports.import_commit(job=job)
    job.refresh_from_db()
    assert job.status == "invalid"
    assert errors(job) == [(53, "总课时", "total_hours", "C53", "1000")]
    assert list(TeachingHours.objects.values_list("major_category", flat=True)) == ["51"]


def test_the_real_batch_size_a_file_of_more_than_2000_rows(province, school_a, school_b):
    """BATCH as shipped: the term's category rows in the first 2,000 rows, its whole-school
    row after them. Right: valid; one more hour in a category row: refused at row 2002."""
    assert imports.BATCH == 2000
    rows = [
        [TERM, "46", 600, 300, school_a.code],  # row 2
        [TERM, "51", 400, 100, school_a.code],  # row 3
        *filler([school_a, school_b], 1998),  # rows 4-2001: the first batch ends here
        [TERM, None, 1000, 400, school_a.code],  # row 2002: the second batch
    ]
    record(school_a, "", total=900, practical=400)  # stored: the file replaces it
    job = validate(province, rows)
    assert job.status == "valid", job.errors
    rows[0][2] = 601
    job = validate(province, rows)
    assert job.status == "invalid"
    assert errors(job) == [(2002, "总课时", "total_hours", "C2002", "1000")]
