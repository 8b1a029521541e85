"""Round 42: a job whose worker is gone ends as its work did (DESIGN §10).

A worker killed after the job's work was committed and before the job's success was
recorded left the job `running`; the reaper ended it `failed`, "nothing it was writing was
kept", over work that was kept. A kind may register `outcome(job) -> bool`: asked before the
job is ended failed, it reads the record the job worked on and, when the work was done,
sets the job's result as its run would have; the job then ends `succeeded` and its owner is
told so. The imports' own cases: spreadsheets/tests/test_round42_killed_after_commit.py.
"""

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from shuangshi.jobs import services
from shuangshi.jobs.models import Job, JobStatus
from shuangshi.jobs.registry import JOBS, WORKER_GONE, job
from shuangshi.jobs.signals import job_finished

pytestmark = pytest.mark.django_db

DONE: dict[int, dict[str, Any]] = {}  # the "record" each job worked on: its result, if done


@pytest.fixture
def kind() -> Iterator[str]:
    def outcome(run: Job) -> bool:
        if run.params.get("broken"):
            raise RuntimeError("the record cannot be read")
        if run.pk not in DONE:
            return False
        run.result = DONE[run.pk]
        run.message = "done before the worker stopped"
        return True

    @job("tests.outcome", title="Outcome", outcome=outcome)
    def run(run: Job, **params: Any) -> None:
        run.result = {"ran": True}

    yield "tests.outcome"
    JOBS.pop("tests.outcome", None)
    DONE.clear()


@pytest.fixture
def announced() -> Iterator[list[tuple[int, str]]]:
    heard: list[tuple[int, str]] = []

    def receiver(sender: Any, job: Job, **kwargs: Any) -> None:
        heard.append((job.pk, job.status))

    job_finished.connect(receiver)
    yield heard
    job_finished.disconnect(receiver)


def _dead_worker() -> str:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{services.WORKER.rpartition(':')[0]}:{child.pid}"


def _running(kind: str, owner: Any, **params: Any) -> Job:
    """A job claimed by a worker that is gone (PostgreSQL: nobody holds its lock)."""
    now = timezone.now()
    return Job.objects.create(
        kind=kind,
        owner=owner,
        params=params,
        status=JobStatus.RUNNING,
        started_at=now,
        heartbeat_at=now,
        worker=_dead_worker(),
        total=4,
        done=2,
    )


def test_a_job_whose_work_was_done_is_reaped_succeeded_and_its_owner_told(
    kind: str, hr_a: Any, announced: list[tuple[int, str]]
) -> None:
    lost = _running(kind, hr_a)
    DONE[lost.pk] = {"written": 4}

    assert [j.pk for j in services.jobs_reap()] == [lost.pk]

    lost.refresh_from_db()
    assert lost.status == JobStatus.SUCCEEDED
    assert lost.result == {"written": 4}
    assert lost.message == "done before the worker stopped"
    assert (lost.done, lost.total) == (4, 4)
    assert lost.finished_at is not None
    assert announced == [(lost.pk, JobStatus.SUCCEEDED)]
    services.jobs_reap()  # ended once
    assert announced == [(lost.pk, JobStatus.SUCCEEDED)]


def test_a_job_whose_work_was_not_done_is_reaped_failed(
    kind: str, hr_a: Any, announced: list[tuple[int, str]]
) -> None:
    lost = _running(kind, hr_a)
    services.jobs_reap()
    lost.refresh_from_db()
    assert (lost.status, lost.message) == (JobStatus.FAILED, str(WORKER_GONE))
    assert announced == [(lost.pk, JobStatus.FAILED)]


def test_an_outcome_that_cannot_be_read_ends_the_job_failed_and_the_reaper_goes_on(
    kind: str, hr_a: Any
) -> None:
    broken = _running(kind, hr_a, broken=True)
    other = _running(kind, hr_a)
    DONE[other.pk] = {"written": 1}
    services.jobs_reap()
    broken.refresh_from_db()
    other.refresh_from_db()
    assert (broken.status, broken.message) == (JobStatus.FAILED, str(WORKER_GONE))
    assert other.status == JobStatus.SUCCEEDED


def test_a_job_its_worker_ran_ends_succeeded_once(
    kind: str, hr_a: Any, announced: list[tuple[int, str]]
) -> None:
    ran = services.job_start(kind=kind, owner=hr_a)
    assert (ran.status, ran.result) == (JobStatus.SUCCEEDED, {"ran": True})
    assert announced == [(ran.pk, JobStatus.SUCCEEDED)]
