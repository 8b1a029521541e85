"""Round 31: a locked database (SQLite under `make run`) neither fails a job for its progress
nor ends the worker.

Seen: an export's progress update met "database is locked" while an import committed; the
job's failure could not be recorded either, the engine's set_failed raised, and the
`jobs_worker` process exited, leaving the job `running 0/0` until someone restarted it.
"""

from types import SimpleNamespace

import pytest
from django.db import OperationalError
from django.db.models import QuerySet

from shuangshi.jobs import services
from shuangshi.jobs.management.commands.jobs_worker import Worker
from shuangshi.jobs.models import Job, JobStatus
from shuangshi.jobs.registry import UNEXPECTED_ERROR

LOCKED = OperationalError("database is locked")


@pytest.mark.django_db(transaction=True)
def test_a_progress_update_meeting_a_locked_database_is_skipped(hr_a, monkeypatch):
    job = Job.objects.create(owner=hr_a, kind="exports.teachers", status=JobStatus.RUNNING)

    def locked(self, **kwargs):
        raise LOCKED

    monkeypatch.setattr(QuerySet, "update", locked)
    services.job_progress(job=job, done=5, total=10, force=True)  # no error: progress is advice
    monkeypatch.undo()
    assert (job.done, job.total) == (5, 10)
    services.job_progress(job=job, done=6, total=10, force=True)
    assert Job.objects.values_list("done", "total").get(pk=job.pk) == (6, 10)


@pytest.mark.django_db(transaction=True)
def test_the_worker_outlives_a_task_whose_outcome_cannot_be_recorded(hr_a, monkeypatch):
    job = Job.objects.create(
        owner=hr_a, kind="exports.teachers", status=JobStatus.RUNNING, worker=services.WORKER
    )
    monkeypatch.setattr("shuangshi.jobs.management.commands.jobs_worker.time.sleep", lambda s: 0)

    class Unrecordable:
        id = "t-1"
        args_kwargs = {"args": [job.pk], "kwargs": {}}

        @property
        def task(self):
            raise LOCKED  # the task cannot even be read back

        def set_failed(self, exc):
            raise LOCKED  # nor its failure recorded

    worker = Worker.__new__(Worker)
    worker.running_task, worker._run_tasks = False, 0
    worker.run_task(Unrecordable())  # returns: the worker goes on to the next task
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == str(UNEXPECTED_ERROR)


@pytest.mark.django_db(transaction=True)
def test_a_finished_job_is_left_as_it_ended(hr_a, monkeypatch):
    job = Job.objects.create(owner=hr_a, kind="exports.teachers", status=JobStatus.SUCCEEDED)
    task = SimpleNamespace(id="t-2", args_kwargs={"args": [job.pk]})
    services.job_end_after_worker_error(task_args=task.args_kwargs)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
