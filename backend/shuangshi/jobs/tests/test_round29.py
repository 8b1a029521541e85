"""Round 29: a job whose worker died between the engine's claim and the job's own claim is
delivered again (it ran never, it runs once); on SQLite a running job's worker on this
machine is judged by its process, not by a heartbeat it cannot write (DESIGN §10)."""

import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from shuangshi.jobs import locks
from shuangshi.jobs.models import Job, JobStatus
from shuangshi.jobs.services import WORKER, job_start, jobs_reap

pytestmark = pytest.mark.django_db

GRACE = override_settings(JOBS_CLAIM_GRACE_SECONDS=60)


def _engine_rows(job: Job) -> list[DBTaskResult]:
    return [
        row
        for row in DBTaskResult.objects.order_by("enqueued_at")
        if row.args_kwargs["args"] == [job.pk]
    ]


def _taken_by(row: DBTaskResult, worker_id: str) -> None:
    """The engine hands the task to a worker (db_worker's claim)..."""
    row.claim(worker_id)


def _dead_pid() -> int:
    """A pid that was this machine's and is no more (its process ended and was waited for)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@GRACE
def test_a_job_whose_worker_died_before_claiming_it_is_delivered_again_and_runs_once(
    database_backend: Any, run_worker: Any, test_job: str, hr_a: Any
) -> None:
    """The engine marked its task running, then the worker was killed before job_run
    claimed the job: nothing would ever run it. The reaper hands it to the engine again."""
    job = job_start(kind=test_job, owner=hr_a, params={"n": 1})
    [lost] = _engine_rows(job)
    _taken_by(lost, f"elsewhere:{_dead_pid()}")  # ...and the worker dies at once

    assert jobs_reap(now=timezone.now() + timedelta(minutes=2)) == []  # none ended failed
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    lost.refresh_from_db()
    assert lost.status == "FAILED"  # not left RUNNING for ever
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result == {"echo": {"n": 1}, "calls": 1}
    assert [row.status for row in _engine_rows(job)] == ["FAILED", "SUCCESSFUL"]
    # Once run, later passes of the reaper leave it alone.
    jobs_reap(now=timezone.now() + timedelta(hours=1))
    assert len(_engine_rows(job)) == 2


@GRACE
def test_a_queued_job_still_waiting_or_just_taken_is_not_delivered_again(
    database_backend: Any, test_job: str, hr_a: Any
) -> None:
    waiting = job_start(kind=test_job, owner=hr_a)  # the engine has not handed it out yet
    taken = job_start(kind=test_job, owner=hr_a)
    [row] = _engine_rows(taken)
    _taken_by(row, "elsewhere:1")  # a worker took it a moment ago: it claims it within ms
    jobs_reap(now=timezone.now() + timedelta(seconds=30))
    assert len(_engine_rows(taken)) == 1
    row.refresh_from_db()
    assert row.status == "RUNNING"
    # However long it waits for a worker, a job the engine still holds out is not doubled.
    jobs_reap(now=timezone.now() + timedelta(days=1))
    assert [r.status for r in _engine_rows(waiting)] == ["READY"]


@GRACE
def test_a_queued_job_whose_worker_is_at_it_is_not_delivered_again(
    database_backend: Any, test_job: str, hr_a: Any
) -> None:
    """Past the grace, a worker that is still between the two claims (slowed down) keeps
    it: PostgreSQL by the job's lock it holds, SQLite by its process being alive."""
    job = job_start(kind=test_job, owner=hr_a)
    [row] = _engine_rows(job)
    _taken_by(row, WORKER)  # this process: alive
    holder = connections.create_connection("default") if locks.supported() else None
    try:
        assert locks.try_lock(job.pk, db=holder)
        jobs_reap(now=timezone.now() + timedelta(minutes=5))
    finally:
        if holder is not None:
            locks.unlock(job.pk, db=holder)
            holder.close()
    row.refresh_from_db()
    assert row.status == "RUNNING"
    assert len(_engine_rows(job)) == 1


@GRACE
def test_two_reapers_that_find_the_same_lost_job_deliver_it_once(
    database_backend: Any, run_worker: Any, test_job: str, hr_a: Any
) -> None:
    from shuangshi.jobs.services import job_redeliver

    job = job_start(kind=test_job, owner=hr_a)
    [lost] = _engine_rows(job)
    _taken_by(lost, f"elsewhere:{_dead_pid()}")
    # Both read the job before either delivered it again.
    seen_by_one, seen_by_other = Job.objects.get(pk=job.pk), Job.objects.get(pk=job.pk)
    assert job_redeliver(job=seen_by_one) is True
    assert job_redeliver(job=seen_by_other) is False
    assert [row.status for row in _engine_rows(job)] == ["FAILED", "READY"]
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.result["calls"]) == (JobStatus.SUCCEEDED, 1)


@GRACE
def test_a_lost_job_from_before_task_ids_were_kept_is_found_by_its_engine_task(
    database_backend: Any, run_worker: Any, test_job: str, hr_a: Any
) -> None:
    """Jobs queued before the upgrade carry no task id: their engine row is the one whose
    argument is the job's id."""
    job = job_start(kind=test_job, owner=hr_a)
    Job.objects.filter(pk=job.pk).update(task_id="")
    [lost] = _engine_rows(job)
    _taken_by(lost, f"elsewhere:{_dead_pid()}")
    jobs_reap(now=timezone.now() + timedelta(minutes=2))
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.result["calls"]) == (JobStatus.SUCCEEDED, 1)
    assert [row.status for row in _engine_rows(job)] == ["FAILED", "SUCCESSFUL"]


# --------------------------------------------------------------------------- running jobs


@override_settings(JOBS_STALE_MINUTES=10)
def test_a_running_job_whose_worker_process_is_gone_is_reaped_at_once(
    test_job: str, hr_a: Any
) -> None:
    """SQLite: the worker (this machine, its pid) is dead, so the job is dead now, not
    JOBS_STALE_MINUTES after its last heartbeat. (PostgreSQL: its lock is free.)"""
    now = timezone.now()
    job = Job.objects.create(
        kind=test_job,
        owner=hr_a,
        status=JobStatus.RUNNING,
        worker=f"{WORKER.rpartition(':')[0]}:{_dead_pid()}",
        started_at=now,
        heartbeat_at=now,
    )
    assert [j.pk for j in jobs_reap(now=now)] == [job.pk]
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message


@override_settings(JOBS_STALE_MINUTES=10)
def test_a_running_job_whose_worker_is_alive_is_not_reaped_whatever_its_heartbeat(
    test_job: str, hr_a: Any
) -> None:
    """SQLite: a job inside its transaction cannot write a heartbeat (a big import's
    commit); its worker is alive (this process), so it is not ended `failed` while it runs.
    (PostgreSQL: the worker holds the job's lock.)"""
    now = timezone.now()
    job = Job.objects.create(
        kind=test_job,
        owner=hr_a,
        status=JobStatus.RUNNING,
        worker=WORKER,
        started_at=now,
        heartbeat_at=now,
    )
    holder = connections.create_connection("default") if locks.supported() else None
    try:
        assert locks.try_lock(job.pk, db=holder)
        assert jobs_reap(now=now + timedelta(hours=3)) == []
    finally:
        if holder is not None:
            locks.unlock(job.pk, db=holder)
            holder.close()
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


@pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="process start times are read from /proc"
)
@override_settings(JOBS_STALE_MINUTES=10)
def test_a_running_job_whose_worker_pid_now_belongs_to_a_newer_process_is_reaped(
    test_job: str, hr_a: Any
) -> None:
    """The dead worker's pid was given to another process (this one, started after the job
    did): that process is not the job's worker."""
    now = timezone.now()
    long_ago = now - timedelta(days=400)
    job = Job.objects.create(
        kind=test_job,
        owner=hr_a,
        status=JobStatus.RUNNING,
        worker=WORKER,
        started_at=long_ago,
        heartbeat_at=now,
    )
    assert [j.pk for j in jobs_reap(now=now)] == [job.pk]


def test_a_worker_elsewhere_or_unreadable_is_left_to_the_heartbeat() -> None:
    """Only a worker named "<this host>:<pid>" is judged by its process (None: not known)."""
    from shuangshi.jobs import liveness

    host = WORKER.rpartition(":")[0]
    assert liveness.process_alive(WORKER) is True
    assert liveness.process_alive(f"{host}:{_dead_pid()}") is False
    for worker in ["", "another-machine:1", f"{host}:", f"{host}:x1", "1234", f"{host}:0"]:
        assert liveness.process_alive(worker) is None, worker
