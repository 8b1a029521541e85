"""Jobs: start one, run it once, report progress, end it, reap the ones whose worker died."""

import logging
import os
import socket
import threading
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import locks, wakeup
from .models import Job, JobStatus
from .registry import JOBS, JobFailed, spec_for
from .signals import job_finished

logger = logging.getLogger(__name__)

WORKER = f"{socket.gethostname()}:{os.getpid()}"[:100]


def job_start(
    *,
    kind: str,
    owner: Any = None,
    params: dict[str, Any] | None = None,
    title: str = "",
    link: str = "",
) -> Job:
    """Record a job and hand it to the task engine.

    With the database backend the engine's row is written in the caller's transaction, so
    the job runs only if the caller commits (and sees what the caller wrote).
    """
    from .tasks import run_job  # the engine's task module imports this one

    spec = spec_for(kind)
    job = Job.objects.create(
        owner=owner,
        kind=kind,
        params=params or {},
        title=title or str(spec.title),
        link=link,
        language=translation.get_language() or "",
    )
    run_job.enqueue(job.pk)
    wakeup.notify()  # idle workers poll at once (when the caller commits)
    return Job.objects.get(pk=job.pk)  # the immediate backend (tests) may have run it


def job_run(*, job_id: int) -> Job | None:
    """Run a queued job once: a second delivery, or a second worker, finds it taken."""
    # The lock that says the worker is alive, on the side connection: the job's own code
    # may close its connection (and open another) without letting the lock go.
    lock_db = _side_connection() if locks.supported() else None
    if not locks.try_lock(job_id, db=lock_db):
        close_side_connection()
        return None
    try:
        now = timezone.now()
        claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, worker=WORKER
        )
        if not claimed:
            return None
        job = Job.objects.get(pk=job_id)
        logger.info("job %s (%s) started on %s", job.pk, job.kind, WORKER)
        # Messages in the language of the request that started the job.
        with translation.override(job.language or settings.LANGUAGE_CODE):
            try:
                spec_for(job.kind).run(job, **job.params)
            except JobFailed as exc:
                return _end_failed(job, str(exc))
            except Exception:
                logger.exception("job %s (%s) failed", job.pk, job.kind)
                return _end_failed(job, _("The job stopped with an unexpected error."))
        job.status = JobStatus.SUCCEEDED
        job.finished_at = timezone.now()
        if job.total and job.done < job.total:
            job.done = job.total
        Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
            status=job.status,
            finished_at=job.finished_at,
            done=job.done,
            total=job.total,
            message=job.message,
            result=job.result,
            link=job.link,
        )
        _announce(job)
        return job
    finally:
        try:
            locks.unlock(job_id, db=lock_db)
        finally:
            close_side_connection()  # the lock's (and progress') connection


def _end_failed(job: Job, message: str) -> Job:
    updated = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED, finished_at=timezone.now(), message=message
    )
    job.refresh_from_db()
    if updated:
        # A row whose kind is no longer registered (renamed, its app removed) ends alike.
        spec = JOBS.get(job.kind)
        hook = spec.on_failure if spec is not None else None
        if hook is not None:
            try:
                hook(job, message)
            except Exception:
                logger.exception("on_failure of job %s (%s) failed", job.pk, job.kind)
        _announce(job)
    return job


def _announce(job: Job) -> None:
    if job.owner_id is None:
        return
    for receiver, response in job_finished.send_robust(sender=Job, job=job):
        if isinstance(response, Exception):
            logger.error("job_finished receiver %r failed: %r", receiver, response)


# --------------------------------------------------------------------------- progress

_side = threading.local()
PROGRESS_EVERY_SECONDS = 0.5


def _side_connection() -> Any:
    """A second connection (autocommit) for the running job: it holds the job's lock
    (locks.py) and carries its progress while the job's transaction runs."""
    conn = getattr(_side, "conn", None)
    if conn is None:
        conn = connections.create_connection("default")
        _side.conn = conn
    return conn


def close_side_connection() -> None:
    conn = getattr(_side, "conn", None)
    if conn is not None:
        conn.close()
        _side.conn = None


def job_progress(*, job: Job, done: int, total: int, force: bool = False) -> None:
    """Store how far the job is (throttled); also the worker's heartbeat."""
    job.done, job.total = done, total
    now = time.monotonic()
    last = getattr(job, "_progress_at", 0.0)
    if not force and done < total and now - last < PROGRESS_EVERY_SECONDS:
        return
    job._progress_at = now  # type: ignore[attr-defined]
    stamp = timezone.now()
    if connection.in_atomic_block and connection.vendor == "postgresql":
        # Inside the job's transaction an update would show only at its end.
        with _side_connection().cursor() as cursor:
            cursor.execute(
                "UPDATE jobs_job SET done = %s, total = %s, heartbeat_at = %s WHERE id = %s",
                [done, total, stamp, job.pk],
            )
    elif not connection.in_atomic_block or connection.vendor != "sqlite":
        Job.objects.filter(pk=job.pk).update(done=done, total=total, heartbeat_at=stamp)
    # SQLite inside a transaction: one writer at a time, the progress shows at the end.


def job_attach_file(*, job: Job, name: str, content: bytes, content_type: str) -> None:
    """Keep a generated file as the job's result (downloaded at /api/v1/jobs/{id}/download/)."""
    Job.objects.filter(pk=job.pk).update(
        result_name=name[:255], result_type=content_type[:100], result_content=content
    )
    job.result_name, job.result_type = name[:255], content_type[:100]


# --------------------------------------------------------------------------- upkeep


def jobs_reap(*, now: Any = None) -> list[Job]:
    """End `failed` the running jobs whose worker is gone (killed, machine lost).

    PostgreSQL: the worker's session lock on the job is free. SQLite: no heartbeat for
    JOBS_STALE_MINUTES.
    """
    now = now or timezone.now()
    stale_before = now - timedelta(minutes=settings.JOBS_STALE_MINUTES)
    reaped: list[Job] = []
    for job in Job.objects.filter(status=JobStatus.RUNNING).defer("result_content"):
        if locks.supported():
            dead = locks.holder_gone(job.pk)
        else:
            dead = (job.heartbeat_at or job.created_at) < stale_before
        if dead:
            logger.warning("job %s (%s): its worker %s is gone", job.pk, job.kind, job.worker)
            with translation.override(job.language or settings.LANGUAGE_CODE):
                message = _(
                    "The worker running this job stopped before it finished; "
                    "nothing it was writing was kept. Start it again."
                )
                reaped.append(_end_failed(job, message))
    return reaped


@transaction.atomic
def jobs_delete_older_than(*, cutoff: Any) -> int:
    """Delete finished jobs (and their files) created before `cutoff`."""
    finished = Job.objects.filter(
        created_at__lt=cutoff, status__in=[JobStatus.SUCCEEDED, JobStatus.FAILED]
    )
    deleted, _counts = finished.delete()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted
