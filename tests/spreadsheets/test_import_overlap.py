"""The commit's writes overlap the worker's Python on PostgreSQL (bulk.overlapped): a COPY's
answer is read late. An error in one, mid-import, still leaves nothing written."""

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, connection
from shuangshi.common import bulk
from shuangshi.qualification.models import TeacherQualification
from shuangshi.spreadsheets import services
from shuangshi.spreadsheets.models import ImportJob
from shuangshi.teachers.models import Teacher

from .books import teacher_row, teachers_book


def test_a_copy_failing_in_the_second_batch_leaves_nothing_written(api, hr_a, upload, monkeypatch):
    client = api(hr_a)
    monkeypatch.setattr(services, "BATCH", 2)  # five rows: three batches
    body = upload(client, "teachers", teachers_book([teacher_row() for _ in range(5)])).json()
    assert (body["status"], body["rows"]) == ("valid", 5)

    insert = bulk.insert
    audits: list[bool] = []

    def audit_of_the_second_batch_fails(model, rows):
        if model is LogEntry:
            audits.append(bulk._overlap.active)
            if len(audits) == 2:  # entries of no kind: NOT NULL fails
                rows = [{**row, "content_type_id": None} for row in rows]
        insert(model, rows)

    monkeypatch.setattr(bulk, "insert", audit_of_the_second_batch_fails)
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
