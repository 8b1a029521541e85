"""Round 45: a teaching-hours write through the API and an import's commit of the same
school are serialized. The API's write locked the school (hours.services) before checking
the term's whole-and-parts rule; the import's commit did not, so an API write landing
between the commit's check and its write could break the rule the commit had checked (or
the reverse). Both now take the same lock (hours.services.schools_lock) before they read
the term: one waits for the other, then checks the term as the other left it.

Tested without timing: both paths call the shared lock with the school (every database);
on PostgreSQL, while either holds it, another session cannot take the school's row (FOR
UPDATE NOWAIT fails at once instead of waiting)."""

import io
import threading
from typing import Any

import pytest
from django.db import OperationalError, connection, connections, transaction
from openpyxl import Workbook

from shuangshi.hours import selectors
from shuangshi.hours import services as hours_services
from shuangshi.hours.models import TeachingHours
from shuangshi.schools.models import School
from shuangshi.spreadsheets import importers
from shuangshi.spreadsheets import services as imports
from shuangshi.spreadsheets.models import ImportStatus

pytestmark = pytest.mark.django_db

URL = "/api/v1/teaching-hours/"
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


@pytest.fixture
def locks(monkeypatch: Any) -> list[list[int]]:
    """The schools each call of hours.services.schools_lock locked (and it still locks)."""
    calls: list[list[int]] = []
    original = hours_services.schools_lock

    def spy(school_ids: Any) -> None:
        ids = sorted(school_ids)
        calls.append(ids)
        original(ids)

    monkeypatch.setattr(hours_services, "schools_lock", spy)
    return calls


def test_the_import_commit_locks_the_schools_it_writes_the_api_too(
    api, province, school_a, school_b, locks
):
    job = _validated(
        province,
        [
            [TERM, None, 1000, 500, school_a.code],
            [TERM, "46", 400, 100, school_a.code],
            [TERM, None, 800, 300, school_b.code],
        ],
    )
    assert locks == []  # the dry run locks nothing (it writes nothing)
    imports.import_commit(job=job)
    assert locks == [sorted([school_a.pk, school_b.pk])]
    assert TeachingHours.objects.count() == 3

    locks.clear()
    body = {"school": school_a.pk, "term": TERM, "major_category": "51"}
    response = api(province).post(
        URL, {**body, "total_hours": 600, "practical_hours": 400}, format="json"
    )
    assert response.status_code == 201, response.content
    assert locks == [[school_a.pk]]


def test_a_school_hr_import_commit_locks_its_school(hr_a, school_a, locks):
    job = _validated(hr_a, [[TERM, None, 1000, 500, None], [TERM, "46", 400, 100, None]])
    imports.import_commit(job=job)
    assert locks == [[school_a.pk]]


# --------------------------------------------------------------------------- PostgreSQL


def _taken_elsewhere(school_id: int) -> bool:
    """Whether another session finds the school's row locked (NOWAIT: no waiting)."""
    answer: list[bool] = []

    def probe() -> None:
        try:
            with transaction.atomic():
                list(School.objects.select_for_update(nowait=True).filter(pk=school_id))
            answer.append(False)
        except OperationalError:
            answer.append(True)
        finally:
            connections.close_all()

    other = threading.Thread(target=probe)
    other.start()
    other.join()
    return answer[0]


postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks")


@postgresql
@pytest.mark.django_db(transaction=True)
def test_postgresql_the_school_is_locked_while_the_import_commit_writes(
    monkeypatch, province, school_a, school_b
):
    job = _validated(
        province, [[TERM, None, 1000, 500, school_a.code], [TERM, "46", 400, 100, school_a.code]]
    )
    assert not _taken_elsewhere(school_a.pk)
    seen: list[tuple[bool, bool]] = []
    original = importers.TeachingHoursImporter.write

    def write(self: Any, batch: list[Any]) -> Any:
        seen.append((_taken_elsewhere(school_a.pk), _taken_elsewhere(school_b.pk)))
        return original(self, batch)

    monkeypatch.setattr(importers.TeachingHoursImporter, "write", write)
    imports.import_commit(job=job)
    assert seen == [(True, False)]  # its school, not another
    assert not _taken_elsewhere(school_a.pk)  # released with the commit


@postgresql
@pytest.mark.django_db(transaction=True)
def test_postgresql_the_school_is_locked_while_the_api_checks_the_term(
    monkeypatch, api, hr_a, school_a
):
    seen: list[bool] = []
    original = selectors.term_rows

    def term_rows(*args: Any, **kwargs: Any) -> Any:
        seen.append(_taken_elsewhere(school_a.pk))
        return original(*args, **kwargs)

    monkeypatch.setattr(selectors, "term_rows", term_rows)
    body = {"term": TERM, "major_category": "", "total_hours": 1000, "practical_hours": 500}
    assert api(hr_a).post(URL, body, format="json").status_code == 201
    assert seen == [True]
