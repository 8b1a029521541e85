"""Jobs: start one, run it once, report progress, end it, reap the ones whose worker died."""

import logging
import os
import socket
import threading
import time
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, connections, transaction
from django.db.models import F
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks_db.utils import is_locked_database_exception

from . import liveness, locks, wakeup
from .models import Job, JobStatus, ScheduleRun
from .registry import JOBS, NEVER_STARTED, UNEXPECTED_ERROR, WORKER_GONE, JobFailed, spec_for
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
    from shuangshi.accounts.scope import scope_key

    from .tasks import run_job  # the engine's task module imports this one

    spec = spec_for(kind)
    job = Job.objects.create(
        owner=owner,
        owner_scope=scope_key(owner)[:100] if owner is not None else "",
        kind=kind,
        params=params or {},
        title=title or str(spec.title),
        link=link,
        language=translation.get_language() or "",
    )
    task = run_job.enqueue(job.pk)
    # Which engine task delivers it: the reaper can tell when that delivery was lost.
    Job.objects.filter(pk=job.pk).update(task_id=task.id)
    wakeup.notify()  # idle workers poll at once (when the caller commits)
    if task.status == TaskResultStatus.READY:
        job.task_id = task.id
        return job  # queued, as created
    return Job.objects.get(pk=job.pk)  # the immediate backend (tests) has run it


def schedule_slot_start(*, entry: str, slot: datetime, kind: str) -> Job | None:
    """Start the job of a schedule entry's slot, unless another worker has: the first to
    insert the (entry, slot) row starts it. None when the slot was taken."""
    try:
        with transaction.atomic():
            run = ScheduleRun.objects.create(entry=entry, slot=slot)
            run.job = job_start(kind=kind, params={"slot": slot.isoformat()})
            run.save(update_fields=["job"])
    except IntegrityError:
        return None  # another worker took this slot
    return run.job


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
                _end_failed(job, str(exc))
                return job
            except Exception:
                logger.exception("job %s (%s) failed", job.pk, job.kind)
                _end_failed(job, str(UNEXPECTED_ERROR))
                return job
        # A worker killed here (its work committed, this not yet written) leaves the job
        # running: the reaper asks the job's kind how its work ended (_end_lost).
        _end_succeeded(job)
        return job
    finally:
        try:
            locks.unlock(job_id, db=lock_db)
        finally:
            close_side_connection()  # the lock's (and progress') connection


def _end_succeeded(job: Job) -> bool:
    """End a running job `succeeded` with the result and message its run (or its kind's
    outcome) set on ``job``, then tell its owner. True when this call ended it (a job
    another process ended meanwhile is read again and left as it is)."""
    job.status = JobStatus.SUCCEEDED
    job.finished_at = timezone.now()
    if job.total and job.done < job.total:
        job.done = job.total
    updated = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=job.status,
        finished_at=job.finished_at,
        done=job.done,
        total=job.total,
        message=job.message,
        result=job.result,
        link=job.link,
    )
    if not updated:
        job.refresh_from_db()
        return False
    _announce(job)
    return True


def _end_lost(job: Job, message: str) -> bool:
    """A running job whose worker is gone, or could not record its end: it ends as its work
    did. The work may have been done (an import's commit: its rows and `committed` in one
    transaction; the worker killed before it recorded the job's success): its kind's
    `outcome` reads that from the record it worked on, and the job ends `succeeded` with
    the result the run would have stored. Otherwise it ends `failed` with ``message``
    (nothing it was writing was kept). True when this call ended it."""
    spec = JOBS.get(job.kind)
    hook = spec.outcome if spec is not None else None
    done = False
    if hook is not None:
        try:
            done = bool(hook(job))
        except Exception:
            logger.exception("outcome of job %s (%s) failed", job.pk, job.kind)
    if done:
        logger.warning("job %s (%s): its work was done; ended succeeded", job.pk, job.kind)
        return _end_succeeded(job)
    return _end_failed(job, message)


def _end_failed(job: Job, message: str, *, never_claimed: bool = False) -> bool:
    """End a running job `failed` (or, ``never_claimed``, a queued one still waiting on the
    engine task the caller read), then tell its kind and its owner. ``job`` is read again
    either way; True when this call ended it (its guarded update found the row)."""
    if never_claimed:
        ending = Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED, task_id=job.task_id)
    else:
        ending = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING)
    updated = ending.update(status=JobStatus.FAILED, finished_at=timezone.now(), message=message)
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
    return bool(updated)


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
        try:
            Job.objects.filter(pk=job.pk).update(done=done, total=total, heartbeat_at=stamp)
        except OperationalError as exc:
            if not is_locked_database_exception(exc) or connection.in_atomic_block:
                raise
            # A locked SQLite file (another process commits): progress is advice, the next
            # update or the job's end says it; the job does not fail for it.
            logger.info("job %s: progress not stored, the database is locked", job.pk)
    # SQLite inside a transaction: one writer at a time, the progress shows at the end.


def job_end_after_worker_error(*, task_args: dict[str, Any]) -> bool:
    """The worker could not record how the engine's task ended (a database error in the
    engine's own bookkeeping): the task's job, if still running on this worker, ends (failed,
    or succeeded if its work was done: _end_lost) rather than staying `running` for as long
    as the (living) worker does. True if ended."""
    args = task_args.get("args") or []
    job_id = args[0] if args and isinstance(args[0], int) else None
    if job_id is None:
        return False
    job = Job.objects.filter(pk=job_id, status=JobStatus.RUNNING, worker=WORKER).first()
    if job is None:
        return False
    with translation.override(job.language or settings.LANGUAGE_CODE):
        ended = _end_lost(job, str(UNEXPECTED_ERROR))
    if ended:
        _tasks_lost(job, now=None, why="its outcome could not be recorded")
    return ended


def jobs_files_drop(*, owner: Any) -> int:
    """Delete the generated files of `owner`'s jobs (the jobs stay, with no download): called
    when what the user may see changes (role, school, city, base), as the files were made
    under the old scope and may hold what the user may no longer read."""
    return (
        Job.objects.filter(owner=owner)
        .exclude(result_name="", result_content__isnull=True)
        .update(result_name="", result_type="", result_content=None)
    )


def job_attach_file(*, job: Job, name: str, content: bytes, content_type: str) -> None:
    """Keep a generated file as the job's result (downloaded at /api/v1/jobs/{id}/download/)."""
    Job.objects.filter(pk=job.pk).update(
        result_name=name[:255], result_type=content_type[:100], result_content=content
    )
    job.result_name, job.result_type = name[:255], content_type[:100]


# --------------------------------------------------------------------------- upkeep


def jobs_reap(*, now: Any = None) -> list[Job]:
    """End the running jobs whose worker is gone (killed, machine lost): `failed`, or
    `succeeded` when their kind's record says the work was done all the same (_end_lost);
    and hand out again the queued ones whose worker died before it claimed them
    (jobs_redeliver_lost).

    PostgreSQL: the worker's session lock on the job is free. SQLite: the worker's process
    on this machine is gone (liveness.py); a worker elsewhere, or one that cannot be told,
    has written no heartbeat for JOBS_STALE_MINUTES.
    """
    now = now or timezone.now()
    stale_before = now - timedelta(minutes=settings.JOBS_STALE_MINUTES)
    reaped: list[Job] = []
    for job in Job.objects.filter(status=JobStatus.RUNNING).defer("result_content"):
        if locks.supported():
            dead = locks.holder_gone(job.pk)
        else:
            alive = liveness.process_alive(job.worker, since=job.started_at)
            if alive is None:
                dead = (job.heartbeat_at or job.created_at) < stale_before
            else:
                dead = not alive
        if dead:
            logger.warning("job %s (%s): its worker %s is gone", job.pk, job.kind, job.worker)
            with translation.override(job.language or settings.LANGUAGE_CODE):
                _end_lost(job, str(WORKER_GONE))
            reaped.append(job)
            _tasks_lost(job, now=now, why=f"its worker {job.worker} stopped while it ran")
    jobs_redeliver_lost(now=now)
    return reaped


_TASK_FIELDS = ("id", "status", "enqueued_at", "started_at", "finished_at", "worker_ids")


def jobs_redeliver_lost(*, now: Any = None) -> list[Job]:
    """Hand out again the queued jobs whose engine task a worker took and never ran; end
    `failed` (NEVER_STARTED) one handed out JOBS_DELIVERIES_MAX times already.

    The engine marks its task taken, then the worker claims the job (job_run); a worker
    killed between the two leaves the job queued and its task taken, and nothing runs it.
    Such a job, its task taken (or finished) for JOBS_CLAIM_GRACE_SECONDS while no worker
    is at it (PostgreSQL: the job's lock is free; SQLite: the taker's process is gone, or
    cannot be told), gets a fresh task. A live worker claims within milliseconds; if it
    still does, the second delivery finds the job taken (job_run), so the job runs once.
    """
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from .tasks import run_job

    if not isinstance(run_job.get_backend(), DatabaseBackend):
        return []  # another engine keeps its own books (the immediate one runs jobs at once)
    now = now or timezone.now()
    taken_before = now - timedelta(seconds=settings.JOBS_CLAIM_GRACE_SECONDS)
    waiting = list(
        Job.objects.filter(status=JobStatus.QUEUED, created_at__lt=taken_before).only(
            "id", "kind", "task_id", "created_at", "deliveries", "language", "status", "owner"
        )
    )
    ids = {job.pk: _task_uuid(job.task_id) for job in waiting}
    tasks = {
        task.id: task
        for task in DBTaskResult.objects.filter(
            id__in=[i for i in ids.values() if i is not None]
        ).only(*_TASK_FIELDS)
    }
    delivered: list[Job] = []
    for job in waiting:
        if job.task_id:
            found = [tasks[ids[job.pk]]] if ids[job.pk] in tasks else []
        else:  # queued before task ids were kept
            found = list(_tasks_of(job).only(*_TASK_FIELDS).order_by("enqueued_at"))
        if any(task.status == TaskResultStatus.READY for task in found):
            continue  # the engine still holds it out: a worker will take it
        last = found[-1] if found else None
        since = (last.finished_at or last.started_at) if last is not None else None
        if (since or job.created_at) >= taken_before or _taker_at_it(job, last):
            continue
        if job.deliveries >= settings.JOBS_DELIVERIES_MAX:
            _never_started(job, now=now)
        elif job_redeliver(job=job, now=now):
            logger.warning("job %s (%s): its delivery was lost; delivered again", job.pk, job.kind)
            delivered.append(job)
    return delivered


def job_redeliver(*, job: Job, now: Any = None) -> bool:
    """Give a queued job a fresh engine task, and end its lost one `FAILED` (not left
    RUNNING). `job` as the caller read it: when its task changed since (another reaper
    delivered it first) or it is no longer queued, nothing is done (False)."""
    from .tasks import run_job

    with transaction.atomic():
        fresh = run_job.enqueue(job.pk)
        moved = Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED, task_id=job.task_id)
        # The guard: a second reaper waits here for the first to commit, then finds no row.
        if not moved.update(task_id=fresh.id, deliveries=F("deliveries") + 1):
            transaction.set_rollback(True)  # and its fresh task with it
            return False
        why = f"its worker stopped before it claimed the job; delivered again as {fresh.id}"
        _tasks_lost(job, now=now, why=why)
        wakeup.notify()
    job.task_id = fresh.id
    job.deliveries += 1
    return True


def _never_started(job: Job, *, now: Any) -> None:
    """Its last delivery lost too: the job ends `failed`, its lost task `FAILED`. As in
    job_redeliver, a job whose task changed since the caller read it is left alone."""
    with translation.override(job.language or settings.LANGUAGE_CODE):
        message = str(NEVER_STARTED)
    if _end_failed(job, message, never_claimed=True):
        why = f"its worker stopped before it claimed the job, {job.deliveries} deliveries lost"
        _tasks_lost(job, now=now, why=why)
        logger.warning("job %s (%s): %s; ended failed", job.pk, job.kind, why)


def _task_uuid(task_id: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(task_id) if task_id else None
    except ValueError:  # another engine's id (the immediate backend's)
        return None


def _tasks_of(job: Job) -> Any:
    """The engine's task rows for `job`: its own by id, or (older jobs) by argument."""
    from django_tasks_db.models import DBTaskResult

    from .tasks import run_job

    if job.task_id:
        task_uuid = _task_uuid(job.task_id)
        if task_uuid is None:
            return DBTaskResult.objects.none()
        return DBTaskResult.objects.filter(id=task_uuid)
    return DBTaskResult.objects.filter(task_path=run_job.module_path, args_kwargs__args__0=job.pk)


def _tasks_lost(job: Job, *, now: Any, why: str) -> None:
    """End the job's engine tasks still marked RUNNING `FAILED`: their worker is gone."""
    _tasks_of(job).filter(status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now or timezone.now(),
        exception_class_path="shuangshi.jobs.services.WorkerLost",
        traceback=f"Job {job.pk}: {why}.",
    )


def _taker_at_it(job: Job, task: Any) -> bool:
    """Whether the worker that took the job's task is still on its way to claim the job."""
    if locks.supported():
        return not locks.holder_gone(job.pk)
    if task is None or task.status != TaskResultStatus.RUNNING or not task.worker_ids:
        return False
    return liveness.process_alive(str(task.worker_ids[-1]), since=task.started_at) is True


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
