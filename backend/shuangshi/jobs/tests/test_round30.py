"""Round 30: a job whose every delivery is lost (each worker that takes it stops before it
claims the job) is delivered again a bounded number of times, then ends `failed` with a
message in the reader's language, not queued for ever (DESIGN §10)."""

import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from shuangshi.jobs.models import Job, JobStatus
from shuangshi.jobs.registry import NEVER_STARTED, shown_message
from shuangshi.jobs.services import job_start, jobs_reap

pytestmark = pytest.mark.django_db

LIMITED = override_settings(JOBS_CLAIM_GRACE_SECONDS=60, JOBS_DELIVERIES_MAX=3)


def _engine_rows(job: Job) -> list[DBTaskResult]:
    return [
        row
        for row in DBTaskResult.objects.order_by("enqueued_at")
        if row.args_kwargs["args"] == [job.pk]
    ]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _lose_delivery(job: Job) -> None:
    """A worker takes the job's waiting task and dies before claiming the job."""
    [waiting] = [row for row in _engine_rows(job) if row.status == "READY"]
    waiting.claim(f"elsewhere:{_dead_pid()}")


@LIMITED
def test_a_job_whose_deliveries_keep_being_lost_ends_failed_after_the_limit(
    database_backend: Any, test_job: str, hr_a: Any
) -> None:
    with translation.override("en"):
        job = job_start(kind=test_job, owner=hr_a)
    later = timezone.now()
    for delivery in range(1, 4):
        job.refresh_from_db()
        assert (job.status, job.deliveries) == (JobStatus.QUEUED, delivery)
        _lose_delivery(job)
        later += timedelta(minutes=2)
        assert jobs_reap(now=later) == []
    job.refresh_from_db()
    # Three deliveries lost: not a fourth, but an end the user can read and act on.
    assert job.status == JobStatus.FAILED
    assert job.finished_at is not None
    with translation.override("en"):  # in the language of the request that started it
        assert job.message == str(NEVER_STARTED)
    assert "Start it again" in job.message
    rows = _engine_rows(job)
    assert [row.status for row in rows] == ["FAILED", "FAILED", "FAILED"]
    # Read in Chinese, the stored English message is worded in Chinese.
    with translation.override("zh-hans"):
        assert shown_message(job.kind, job.message) == str(NEVER_STARTED)
        assert "重新" in shown_message(job.kind, job.message)
    # Later passes leave the ended job alone.
    jobs_reap(now=later + timedelta(hours=1))
    assert len(_engine_rows(job)) == 3


@LIMITED
def test_a_job_delivered_again_still_runs_once_within_the_limit(
    database_backend: Any, run_worker: Any, test_job: str, hr_a: Any
) -> None:
    job = job_start(kind=test_job, owner=hr_a, params={"n": 2})
    later = timezone.now()
    for _lost in range(2):
        _lose_delivery(job)
        later += timedelta(minutes=2)
        jobs_reap(now=later)
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.deliveries, job.result["calls"]) == (JobStatus.SUCCEEDED, 3, 1)


def test_the_jobs_api_shows_the_message_of_a_job_that_never_started(
    database_backend: Any, test_job: str, hr_a: Any, hr_b: Any, client: Any
) -> None:
    with LIMITED:
        job = job_start(kind=test_job, owner=hr_a)
        later = timezone.now()
        for _lost in range(3):
            _lose_delivery(job)
            later += timedelta(minutes=2)
            jobs_reap(now=later)
    client.force_login(hr_a)
    answer = client.get(f"/api/v1/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 200
    assert answer.json()["status"] == "failed"
    assert answer.json()["message"] == (
        "The job never started: each worker that took it stopped before it began. Start it again."
    )
    with translation.override("zh-hans"):
        chinese = client.get(f"/api/v1/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert (
        chinese.json()["message"]
        == "该任务未能开始：每个接手它的进程都在开始前停止了。请重新发起。"
    )
    # Another school's clerk does not see it.
    client.force_login(hr_b)
    assert client.get(f"/api/v1/jobs/{job.pk}/").status_code == 404
