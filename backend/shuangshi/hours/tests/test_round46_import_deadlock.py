"""Round 46: two teaching-hours imports whose rows meet the same schools in opposite
order across batches both commit. Each commit locked a batch's schools as it reached the
batch (hours.services.schools_lock), so one held school A and waited for B while the other
held B and waited for A: PostgreSQL broke the deadlock by failing one of them. A commit now
locks every school of its file at once, in id order, before its first batch.

On PostgreSQL with two sessions: each commit pauses after writing its first batch until
the other has written its own (or two seconds have passed, when the other waits for the
locks), so that the old order deadlocks every time. SQLite has no row locks."""

import io
import threading
from typing import Any

import pytest
from django.db import OperationalError, connection, connections, transaction
from openpyxl import Workbook

from shuangshi.hours import services as hours_services
from shuangshi.hours.models import TeachingHours
from shuangshi.spreadsheets import importers
from shuangshi.spreadsheets import services as imports
from shuangshi.spreadsheets.models import ImportJob, ImportStatus

TERM = "2026-2027-1"
HEADERS = ["学期", "专业大类", "总课时", "实践教学课时", "学校代码"]


def _book(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _validated(user: Any, rows: list[list[Any]]) -> Any:
    job = imports.import_validate(
        user=user, kind="teaching-hours", filename="h.xlsx", content=_book(rows)
    )
    assert job.status == ImportStatus.VALID, job.errors
    return job


@pytest.mark.django_db
def test_a_commit_locks_all_its_schools_once_before_its_first_batch(
    monkeypatch, province, school_a, school_b
):
    monkeypatch.setattr(imports, "BATCH", 1)
    job = _validated(
        province, [[TERM, None, 1000, 500, school_b.code], [TERM, None, 800, 300, school_a.code]]
    )
    events: list[Any] = []
    original_lock = importers.hours_services.schools_lock
    original_write = importers.TeachingHoursImporter.write

    def lock(school_ids: Any) -> None:
        events.append(sorted(school_ids))
        original_lock(school_ids)

    def write(self: Any, batch: list[Any]) -> Any:
        events.append("write")
        return original_write(self, batch)

    monkeypatch.setattr(importers.hours_services, "schools_lock", lock)
    monkeypatch.setattr(importers.TeachingHoursImporter, "write", write)
    imports.import_commit(job=job)
    assert events == [sorted([school_a.pk, school_b.pk]), "write", "write"]
    assert TeachingHours.objects.count() == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks (one database lock)"
)
@pytest.mark.django_db(transaction=True)
def test_postgresql_two_imports_meeting_schools_in_opposite_order_both_commit(
    monkeypatch, province, school_a, school_b
):
    monkeypatch.setattr(imports, "BATCH", 1)  # one row a batch: each school in its own
    forward = _validated(
        province, [[TERM, None, 1000, 500, school_a.code], [TERM, "46", 400, 100, school_b.code]]
    )
    backward = _validated(
        province, [[TERM, "46", 300, 100, school_b.code], [TERM, None, 900, 400, school_a.code]]
    )
    first_written = {forward.pk: threading.Event(), backward.pk: threading.Event()}
    other = {forward.pk: backward.pk, backward.pk: forward.pk}
    original = importers.TeachingHoursImporter.write

    def write(self: Any, batch: list[Any]) -> Any:
        written = original(self, batch)
        mine = self.job.pk
        if not first_written[mine].is_set():
            first_written[mine].set()
            first_written[other[mine]].wait(timeout=2)
        return written

    monkeypatch.setattr(importers.TeachingHoursImporter, "write", write)
    failures: list[BaseException] = []

    def commit(job: Any) -> None:
        try:
            imports.import_commit(job=job)
        except BaseException as exc:  # reported by the test
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=commit, args=(job,)) for job in (forward, backward)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    statuses = set(ImportJob.objects.filter(pk__in=[forward.pk, backward.pk]).values_list("status"))
    assert statuses == {(ImportStatus.COMMITTED,)}
    assert TeachingHours.objects.filter(term=TERM).count() == 2  # A whole, B "46"


def _row_taken_elsewhere(pk: int) -> bool:
    """Whether another session finds the hours row locked (NOWAIT: no waiting)."""
    answer: list[bool] = []

    def probe() -> None:
        try:
            with transaction.atomic():
                list(TeachingHours.objects.select_for_update(nowait=True).filter(pk=pk))
            answer.append(False)
        except OperationalError:
            answer.append(True)
        finally:
            connections.close_all()

    other = threading.Thread(target=probe)
    other.start()
    other.join()
    return answer[0]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks (one database lock)"
)
@pytest.mark.django_db(transaction=True)
def test_postgresql_an_api_update_locks_the_school_before_the_row(
    monkeypatch, api, hr_a, hr_b, school_a
):
    """An import's commit locks the schools, then writes (locks) their rows: an update
    through the API locked the row first, then the school, and the two could deadlock."""
    row = hours_services.teaching_hours_create(
        data={
            "school_id": school_a.pk,
            "term": TERM,
            "major_category": "",
            "total_hours": 1000,
            "practical_hours": 500,
        }
    )
    seen: list[bool] = []
    original = hours_services.schools_lock

    def lock(school_ids: Any) -> None:
        seen.append(_row_taken_elsewhere(row.pk))
        original(school_ids)

    monkeypatch.setattr(hours_services, "schools_lock", lock)
    url = f"/api/v1/teaching-hours/{row.pk}/"
    body = {"total_hours": 1200, "practical_hours": 600}
    refused = api(hr_b).patch(url, body, format="json", HTTP_IF_MATCH='"1"')
    assert refused.status_code == 404
    response = api(hr_a).patch(url, body, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.content
    assert seen and seen[0] is False  # the school first, while the row was still free
