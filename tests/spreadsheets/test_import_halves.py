"""A large dry run checks the second half of its rows in a forked helper process (PostgreSQL,
outside a transaction): the report, the rows kept for the commit and the ID-number lookups
charged are those of one pass, whatever the helper does (issue 11)."""

import logging
import os

import pytest
from django.db import connection, transaction
from shuangshi import testing
from shuangshi.audit.models import IdLookupCount
from shuangshi.spreadsheets import services
from shuangshi.spreadsheets.models import ImportJob
from shuangshi.teachers.models import Teacher

from .books import teacher_row, teachers_book, unique_id_number

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the helper is PostgreSQL's"),
    pytest.mark.django_db(transaction=True),  # the helper's own connection sees committed rows
]

ROWS = 24  # rows 2-25; with HALVES_FROM_ROWS = 10 the helper checks rows 14-25


def dry_run(user, content, *, in_halves: bool, monkeypatch):
    """(report, decoded kept rows, lookups charged) of a dry run of ``content``."""
    with monkeypatch.context() as m:
        if not in_halves:
            m.setattr(services, "HALVES_FROM_ROWS", 10**9)
        before = sum(IdLookupCount.objects.filter(user=user).values_list("count", flat=True))
        keep: list[bytes] = []
        report = services.import_run(
            importer=services.importer_for(user=user, kind="teachers"),
            content=content,
            commit=False,
            keep=keep,
        )
        after = sum(IdLookupCount.objects.filter(user=user).values_list("count", flat=True))
    kept = [
        (row.row, row.values)
        for frame in services._kept_frames(memoryview(b"".join(keep)))
        for row in services._decoded(frame)
    ]
    return report, kept, after - before


def same_as_one_pass(user, content, halves, monkeypatch):
    two, kept_two, charged_two = dry_run(user, content, in_halves=True, monkeypatch=monkeypatch)
    one, kept_one, charged_one = dry_run(user, content, in_halves=False, monkeypatch=monkeypatch)
    assert (two.rows, two.failed, two.errors) == (one.rows, one.failed, one.errors)
    assert kept_two == kept_one
    assert charged_two == charged_one
    return two, kept_two, charged_two


def test_a_large_dry_run_checks_its_second_half_in_a_helper_with_one_passs_report(
    hr_a, school_b, halves, monkeypatch
):
    elsewhere, birth = unique_id_number()
    testing.make_teacher(school=school_b, id_number=elsewhere, name="李四")
    rows = [teacher_row(工号=f"T{n:03d}") for n in range(ROWS)]
    rows[3][1] = "12345"  # row 5: an ID number too short (the parent's half)
    rows[18][1], rows[18][4] = elsewhere, birth  # row 20: at another school (the helper's)
    rows[20][5] = "外星人"  # row 22: no such employment type (the helper's)
    report, kept, charged = same_as_one_pass(hr_a, teachers_book(rows), halves, monkeypatch)

    assert halves == [True]  # the helper's half was taken (the one pass had no helper)
    assert (report.rows, report.failed) == (ROWS, 3)
    assert [(e["row"], e["field"]) for e in report.errors] == [
        (5, "id_number"),
        (20, "id_number"),
        (22, "employment"),
    ]
    assert charged == 1  # the row naming another school's teacher, charged by this process
    assert kept  # kept while no row had failed yet, as in one pass


def test_a_valid_sheet_keeps_every_row_in_order_and_commits_them(hr_a, halves, monkeypatch):
    rows = [teacher_row(工号=f"T{n:03d}") for n in range(ROWS)]
    report, kept, _charged = same_as_one_pass(hr_a, teachers_book(rows), halves, monkeypatch)
    assert report.failed == 0
    assert [number for number, _values in kept] == list(range(2, ROWS + 2))

    upload = services.import_upload(
        user=hr_a, kind="teachers", filename="t.xlsx", content=teachers_book(rows)
    )
    services.import_dry_run(upload=ImportJob.objects.get(pk=upload.pk))
    assert halves[-1] is True
    done = services.import_commit(job=ImportJob.objects.get(pk=upload.pk))
    assert (done.status, done.created_rows) == ("committed", ROWS)
    assert sorted(Teacher.objects.values_list("staff_no", flat=True)) == [
        f"T{n:03d}" for n in range(ROWS)
    ]


def test_a_duplicate_across_the_halves_names_the_first_row_as_one_pass_does(
    hr_a, halves, monkeypatch
):
    rows = [teacher_row(工号=f"T{n:03d}") for n in range(ROWS)]
    rows[19][1], rows[19][4] = rows[1][1], rows[1][4]  # row 21 repeats row 3's ID number
    report, _kept, _charged = same_as_one_pass(hr_a, teachers_book(rows), halves, monkeypatch)
    assert halves == [False]  # the helper saw the same key: its half checked here
    assert [(e["row"], e["message"]) for e in report.errors] == [(21, "该身份证号与第 3 行重复。")]


def test_a_helper_that_fails_leaves_its_half_to_this_process(hr_a, halves, monkeypatch, caplog):
    def fails(*args):
        raise RuntimeError("the helper died")

    monkeypatch.setattr(services, "_second_half", fails)
    rows = [teacher_row(工号=f"T{n:03d}") for n in range(ROWS)]
    rows[22][1] = "12345"
    with caplog.at_level(logging.WARNING, logger=services.__name__):
        report, _kept, _charged = same_as_one_pass(hr_a, teachers_book(rows), halves, monkeypatch)
    assert halves == [False]
    assert [e["row"] for e in report.errors] == [24]
    assert "helper gave no answer" in caplog.text


def test_the_helper_is_gone_when_the_dry_run_ends(hr_a, halves, monkeypatch):
    started: list[int] = []
    start = services._Helper.start.__func__

    def recorded(cls, work):
        helper = start(cls, work)
        started.append(helper.pid)
        return helper

    monkeypatch.setattr(services._Helper, "start", classmethod(recorded))
    rows = [teacher_row(工号=f"T{n:03d}") for n in range(ROWS)]
    dry_run(hr_a, teachers_book(rows), in_halves=True, monkeypatch=monkeypatch)
    assert len(started) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(started[0], os.WNOHANG)  # reaped: no such child any more


def test_inside_a_transaction_or_for_a_small_sheet_the_dry_run_is_one_pass(hr_a, halves):
    rows = [teacher_row(工号=f"T{n:03d}") for n in range(ROWS)]
    with transaction.atomic():  # a helper would not see what this transaction wrote
        services.import_run(
            importer=services.importer_for(user=hr_a, kind="teachers"),
            content=teachers_book(rows),
            commit=False,
        )
    services.import_run(
        importer=services.importer_for(user=hr_a, kind="teachers"),
        content=teachers_book(rows[:8]),  # fewer than HALVES_FROM_ROWS
        commit=False,
    )
    assert halves == []
