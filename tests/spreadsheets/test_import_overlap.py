"""The commit's writes overlap the worker's Python on PostgreSQL (bulk.overlapped): a COPY's
answer is read late. An error in one, mid-import, still leaves nothing written."""

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, connection
from shuangshi import testing
from shuangshi.common import bulk
from shuangshi.qualification.models import TeacherQualification
from shuangshi.spreadsheets import services
from shuangshi.spreadsheets.models import ImportJob
from shuangshi.teachers.models import Teacher

from .books import TEACHER_HEADERS, teacher_row, teachers_book


def test_a_copy_failing_in_the_second_batch_leaves_nothing_written(api, hr_a, upload, monkeypatch):
    client = api(hr_a)
    monkeypatch.setattr(services, "BATCH", 2)  # five rows: three batches
    body = upload(client, "teachers", teachers_book([teacher_row() for _ in range(5)])).json()
    assert (body["status"], body["rows"]) == ("valid", 5)

    insert, insert_lines = bulk.insert, bulk.insert_lines
    audits: list[bool] = []

    def audit_of_the_second_batch_fails(model, rows):
        if model is LogEntry:
            audits.append(bulk._overlap.active)
            if len(audits) == 2:  # entries of no kind: NOT NULL fails
                rows = [{**row, "content_type_id": None} for row in rows]
        insert(model, rows)

    def lines_of_the_second_batch_fail(model, names, lines):
        """PostgreSQL writes new records' entries as lines of COPY text (common.batch)."""
        assert model is LogEntry and names[0] == "content_type_id"
        audits.append(bulk._overlap.active)
        if len(audits) == 2:  # entries of no kind (the first value): NOT NULL fails
            lines = [bulk.NULL_TEXT + line[line.index("\t") :] for line in lines]
        insert_lines(model, names, lines)

    monkeypatch.setattr(bulk, "insert", audit_of_the_second_batch_fails)
    monkeypatch.setattr(bulk, "insert_lines", lines_of_the_second_batch_fail)
    upload_row = ImportJob.objects.get(pk=body["id"])
    with pytest.raises(IntegrityError):  # the commit job then ends failed (jobs tests)
        services.import_commit(job=upload_row)

    assert len(audits) == 2  # the third batch was never written
    assert audits[0] is (connection.vendor == "postgresql")  # overlapped there
    assert not Teacher.objects.filter(school=hr_a.school).exists()
    assert not TeacherQualification.objects.exists()
    assert not LogEntry.objects.filter(content_type__model="teacher").exists()
    assert ImportJob.objects.get(pk=body["id"]).status == "valid"  # as before the commit
    assert not bulk._overlap.active and bulk._overlap.pending is None


def _committed(client, upload, count, django_capture_on_commit_callbacks, staff=0):
    """Upload and commit ``count`` new teachers; the commit's statements and the callbacks
    it left for after its transaction."""
    from django.test.utils import CaptureQueriesContext

    rows = [teacher_row(工号=f"T{staff + n:03d}") for n in range(count)]
    body = upload(client, "teachers", teachers_book(rows)).json()
    assert (body["status"], body["rows"]) == ("valid", count)
    job = ImportJob.objects.get(pk=body["id"])
    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        done = services.import_commit(job=job)
    assert (done.status, done.created_rows) == ("committed", count)
    return [q["sql"] for q in captured.captured_queries], callbacks


def test_the_commit_reads_ahead_and_holds_no_statement_between_its_batches(
    api, hr_a, upload, monkeypatch, django_capture_on_commit_callbacks
):
    """Each statement inside the commit waits for the server to store the COPYs before it
    (bulk.overlapped): the look-ups of the recheck, the new teachers' ids and the rule
    profile are read once for many batches, the batches take no savepoint, and the search
    indexes' pending lists are merged once the rows are committed (issue 11)."""
    from shuangshi.qualification.services import qualifications_rebuild

    qualifications_rebuild()  # dated counts built, as after the first nightly run
    client = api(hr_a)
    monkeypatch.setattr(services, "BATCH", 2)
    one, _ = _committed(client, upload, 2, django_capture_on_commit_callbacks)  # one batch
    four, callbacks = _committed(
        client, upload, 7, django_capture_on_commit_callbacks, staff=10
    )  # four batches

    def lookups(statements):  # the recheck's: who holds each ID number now
        return [s for s in statements if s.startswith("SELECT") and '"version"' in s
                and 'FROM "teachers_teacher"' in s]  # fmt: skip

    assert len(lookups(four)) == len(lookups(one)) == 1
    assert sum("qualification_ruleprofile" in s for s in four) == 1
    teachers = list(Teacher.objects.filter(school=hr_a.school))
    assert len(teachers) == 9
    assert TeacherQualification.objects.filter(teacher__in=teachers).count() == 9
    if connection.vendor == "postgresql":
        # The same statements for four batches as for one: none is made per batch.
        assert len(four) == len(one), "\n".join(four)
        assert sum("nextval" in s for s in four) == 1  # seven ids, drawn at once
        assert not any("gin_clean_pending_list" in s for s in four)
        assert len(callbacks) == 1  # the merge, queued once for the commit, run after it
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as merged:
            for callback in callbacks:
                callback()
        assert any("gin_clean_pending_list" in q["sql"] for q in merged.captured_queries)


def test_a_change_since_the_dry_run_in_a_later_read_ahead_is_still_caught(
    api, hr_a, school_b, upload, monkeypatch
):
    client = api(hr_a)
    monkeypatch.setattr(services, "BATCH", 2)
    monkeypatch.setattr(services, "AHEAD_BATCHES", 1)  # five rows: three reads ahead
    rows = [teacher_row(工号=f"T{n:03d}") for n in range(5)]
    body = upload(client, "teachers", teachers_book(rows)).json()
    assert body["status"] == "valid"
    last = rows[-1][TEACHER_HEADERS.index("身份证号")]
    testing.make_teacher(school_b, id_number=last)  # meanwhile, at another school

    client.post(f"/api/v1/imports/{body['id']}/commit/")

    after = client.get(f"/api/v1/imports/{body['id']}/").json()
    assert (after["status"], after["failed"]) == ("invalid", 1)
    assert [(e["row"], e["column"]) for e in after["errors"]] == [(6, "身份证号")]
    assert Teacher.objects.filter(school=hr_a.school).count() == 0  # nothing written
    assert not bulk._overlap.active and not bulk._overlap.pools
