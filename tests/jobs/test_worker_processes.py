"""Real worker processes on PostgreSQL: one run for one job, and a worker killed mid-commit.

These start `manage.py jobs_worker` as subprocesses against the test database, so the data
they read must be committed (transactional tests). SQLite cannot show either property
across processes the way production runs (and has no session locks): they skip there.
"""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from shuangshi.jobs.models import Job, JobStatus
from shuangshi.jobs.services import jobs_reap
from shuangshi.spreadsheets import services
from shuangshi.spreadsheets.models import ImportJob, ImportStatus
from shuangshi.teachers.models import Teacher
from shuangshi.testing import wait_until

from tests.spreadsheets.books import teacher_row, teachers_book

ROOT = Path(__file__).resolve().parents[2]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL (DATABASE_URL=postgres://…): worker processes share the "
        "database, and a dead worker is recognised by its freed session lock",
    ),
]


def _wait(predicate: Any, what: str, timeout: float = 120) -> None:
    """Wait for a state (not a time): fail only if it never comes."""
    if not wait_until(predicate, timeout):
        raise AssertionError(f"never happened: {what}")


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Any]:
    """start_worker(name) -> a `jobs_worker` process on the test database (stopped after)."""
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "0",
        "JOBS_TICK_SECONDS": "3600",  # no schedule firing during the test
        "PYTHONUNBUFFERED": "1",
    }
    procs: list[tuple[subprocess.Popen[bytes], Path]] = []

    def start(name: str) -> subprocess.Popen[bytes]:
        log = tmp_path / f"{name}.log"
        proc = subprocess.Popen(
            [sys.executable, "manage.py", "jobs_worker", "--interval", "0.05", "--no-schedule"],
            cwd=ROOT / "backend",
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        proc.log = log  # type: ignore[attr-defined]
        procs.append((proc, log))
        return proc

    yield start
    for proc, _log in procs:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def _upload(user: Any, rows: int) -> ImportJob:
    content = teachers_book([teacher_row(工号=f"K{i:05d}") for i in range(rows)])
    return services.import_upload(user=user, kind="teachers", filename="k.xlsx", content=content)


@override_settings(TASKS=DATABASE_TASKS)
def test_two_workers_and_one_job_run_it_once(hr_a: Any, start_worker: Any) -> None:
    upload = _upload(hr_a, 50)
    from shuangshi.jobs.tasks import run_job

    run_job.enqueue(upload.job_id)  # delivered twice, as a retry would
    workers = [start_worker("one"), start_worker("two")]
    _wait(lambda: ImportJob.objects.get(pk=upload.pk).status == ImportStatus.VALID, "valid")
    _wait(lambda: Job.objects.get(pk=upload.job_id).status == JobStatus.SUCCEEDED, "succeeded")
    for proc in workers:
        proc.terminate()
        proc.wait(timeout=20)
    logs = "".join(proc.log.read_text() for proc in workers)  # type: ignore[attr-defined]
    assert logs.count(f"job {upload.job_id} (imports.validate) started") == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_killed_during_a_commit_writes_nothing_and_the_job_fails(
    hr_a: Any, start_worker: Any
) -> None:
    upload = _upload(hr_a, 3000)
    worker = start_worker("victim")
    _wait(lambda: ImportJob.objects.get(pk=upload.pk).status == ImportStatus.VALID, "valid")

    # Hold the school statistics table: the commit writes every teacher row, then waits
    # here (re-evaluation updates the school's counts) inside its transaction.
    import psycopg

    settings = connection.settings_dict
    blocker = psycopg.connect(
        host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname=settings["NAME"]
    )
    blocker.execute("BEGIN")
    blocker.execute("LOCK TABLE qualification_schoolstats IN ACCESS EXCLUSIVE MODE")
    try:
        upload = services.import_commit_start(job=ImportJob.objects.get(pk=upload.pk))
        commit = Job.objects.get(pk=upload.job_id)
        _wait(lambda: Job.objects.get(pk=commit.pk).done == 3000, "every row written")
        waiting = "SELECT count(*) FROM pg_locks WHERE NOT granted"
        _wait(
            lambda: blocker.execute(waiting).fetchone()[0],  # type: ignore[index]
            "the commit waiting inside its transaction",
        )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=20)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()

    # The transaction died with the worker's connection: not one teacher was written.
    _wait(lambda: bool(jobs_reap()), "the reaper finds the dead worker's job")
    assert not Teacher.objects.filter(school=hr_a.school).exists()
    commit.refresh_from_db()
    assert commit.status == JobStatus.FAILED
    assert commit.message
    upload.refresh_from_db()
    assert upload.status == ImportStatus.FAILED
    assert upload.message == commit.message


@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_killed_between_taking_a_task_and_claiming_its_job_is_replaced_once(
    hr_a: Any, start_worker: Any
) -> None:
    """The gap between the engine's claim of the task and job_run's claim of the job: a
    worker lost there (the process killed, its connections gone with its machine) leaves
    the job queued and the task taken. The reaper delivers it again; it runs once."""
    import psycopg
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult
    from shuangshi.jobs.services import jobs_redeliver_lost

    upload = _upload(hr_a, 20)
    job = Job.objects.get(pk=upload.job_id)
    settings = connection.settings_dict
    blocker = psycopg.connect(
        host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname=settings["NAME"]
    )
    try:
        # The job's row held: the victim takes the engine's task, then waits at its claim.
        blocker.execute("BEGIN")
        blocker.execute("SELECT id FROM jobs_job WHERE id = %s FOR UPDATE", [job.pk])
        victim = start_worker("victim")
        task = DBTaskResult.objects.filter(id=job.task_id)
        _wait(lambda: task.get().status == "RUNNING", "the victim took the task")
        waiting = "SELECT count(*) FROM pg_locks WHERE NOT granted"
        _wait(lambda: blocker.execute(waiting).fetchone()[0], "the victim at its claim")  # type: ignore[index]
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait(timeout=20)
        with connection.cursor() as cursor:  # its machine gone: its sessions end too
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                "current_database() AND pid NOT IN (pg_backend_pid(), %s)",
                [blocker.info.backend_pid],
            )
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()

    job.refresh_from_db()
    assert (job.status, job.deliveries) == (JobStatus.QUEUED, 1)  # taken, never claimed
    later = timezone.now() + timedelta(minutes=2)  # past JOBS_CLAIM_GRACE_SECONDS
    _wait(lambda: [j.pk for j in jobs_redeliver_lost(now=later)] == [job.pk], "delivered again")
    rescuer = start_worker("rescuer")
    _wait(lambda: Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED, "succeeded")
    assert ImportJob.objects.get(pk=upload.pk).status == ImportStatus.VALID
    job.refresh_from_db()
    assert job.deliveries == 2
    assert task.get().status == "FAILED"  # the lost delivery, not left running
    rescuer.terminate()
    rescuer.wait(timeout=20)
    logs = victim.log.read_text() + rescuer.log.read_text()  # type: ignore[attr-defined]
    assert logs.count(f"job {job.pk} (imports.validate) started") == 1
