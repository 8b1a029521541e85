"""Round 28: a running job is reaped only when its worker is gone, and the worker's upkeep
(schedule and reaper) outlives one bad tick (DESIGN §10)."""

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone

from shuangshi.jobs.management.commands import jobs_worker
from shuangshi.jobs.models import Job, JobStatus
from shuangshi.jobs.registry import JOBS, job
from shuangshi.jobs.services import job_run, job_start, jobs_reap
from shuangshi.jobs.signals import job_finished

pytestmark = pytest.mark.django_db


def _reap_elsewhere(now: Any) -> list[int]:
    """jobs_reap as another worker's upkeep thread runs it: on a connection of its own."""
    found: list[int] = []
    errors: list[BaseException] = []

    def reap() -> None:
        try:
            found.extend(j.pk for j in jobs_reap(now=now))
        except BaseException as exc:  # handed to the test
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=reap)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return found


@pytest.mark.django_db(transaction=True)
def test_a_job_that_reopens_its_database_connection_is_not_reaped_while_it_runs(
    hr_a: Any,
) -> None:
    """The forked full re-evaluation closes the worker's connections before it forks
    (qualification.services._rebuild_forked); the job's worker is alive all along, so the
    reaper must not end the job `failed` meanwhile, and the job ends `succeeded`."""
    seen: list[list[int]] = []

    @job("tests.reconnects")
    def reconnects(run: Any, **params: Any) -> None:
        connections.close_all()  # as _rebuild_forked does before forking its workers
        seen.append(_reap_elsewhere(timezone.now() + timedelta(minutes=1)))
        run.result = {"ok": True}

    try:
        started = job_start(kind="tests.reconnects", owner=hr_a)
    finally:
        JOBS.pop("tests.reconnects", None)
    assert seen == [[]]
    started.refresh_from_db()
    assert (started.status, started.message) == (JobStatus.SUCCEEDED, "")
    assert started.result == {"ok": True}


@override_settings(JOBS_STALE_MINUTES=10)
def test_the_reaper_ends_a_dead_job_of_a_kind_no_longer_registered_and_goes_on(
    test_job: str, hr_a: Any
) -> None:
    """A job row whose kind was renamed or removed since (shown_title allows for those):
    its dead worker's job still ends `failed` with a message, its user is told, and the
    reaper goes on to the other dead jobs instead of stopping at it."""
    stale = timezone.now() - timedelta(minutes=11)
    other = Job.objects.create(
        kind=test_job, owner=hr_a, status=JobStatus.RUNNING, heartbeat_at=stale
    )
    gone = Job.objects.create(
        kind="tests.removed", owner=hr_a, status=JobStatus.RUNNING, heartbeat_at=stale
    )
    told: list[int] = []

    def receiver(sender: Any, job: Job, **kwargs: Any) -> None:
        told.append(job.pk)

    job_finished.connect(receiver)
    try:
        reaped = jobs_reap()
    finally:
        job_finished.disconnect(receiver)
    assert sorted(j.pk for j in reaped) == sorted([gone.pk, other.pk])
    for row in (gone, other):
        row.refresh_from_db()
        assert row.status == JobStatus.FAILED
        assert row.message
    assert sorted(told) == sorted([gone.pk, other.pk])


def test_a_queued_job_of_a_kind_no_longer_registered_ends_failed_and_its_user_is_told(
    hr_a: Any,
) -> None:
    queued = Job.objects.create(kind="tests.removed", owner=hr_a)
    told: list[int] = []

    def receiver(sender: Any, job: Job, **kwargs: Any) -> None:
        told.append(job.pk)

    job_finished.connect(receiver)
    try:
        ended = job_run(job_id=queued.pk)
    finally:
        job_finished.disconnect(receiver)
    assert ended is not None
    queued.refresh_from_db()
    assert queued.status == JobStatus.FAILED
    assert queued.message
    assert told == [queued.pk]


@override_settings(JOBS_STALE_MINUTES=10)
def test_a_failing_schedule_tick_neither_stops_the_upkeep_nor_skips_the_reaper(
    monkeypatch: pytest.MonkeyPatch, test_job: str, hr_a: Any
) -> None:
    """The upkeep thread of every worker ticks the schedule and reaps dead jobs for as long
    as the worker runs (no host cron): an error in one tick is logged, not the end of it."""
    dead = Job.objects.create(
        kind=test_job,
        owner=hr_a,
        status=JobStatus.RUNNING,
        heartbeat_at=timezone.now() - timedelta(minutes=11),
    )

    def broken(**kwargs: Any) -> list[Job]:
        raise ValueError("a schedule entry that cannot be read")

    monkeypatch.setattr(jobs_worker, "schedule_tick", broken)
    monkeypatch.setattr(jobs_worker, "close_old_connections", lambda: None)  # the test's own
    jobs_worker.upkeep_once()  # does not raise: the loop goes on to its next tick
    dead.refresh_from_db()
    assert dead.status == JobStatus.FAILED
    assert dead.message
