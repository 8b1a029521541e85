"""PostgreSQL session locks that say whether a running job's worker is still alive.

The worker holds the lock of the job it runs for as long as it runs it; the lock goes with
the worker's connection, so when the process dies (kill -9, lost machine) the lock is freed
at once and the reaper can tell the job will never finish. SQLite (the embedded `make run`
default: one machine) has no such locks; there the worker's process says it
(liveness.py), and a job whose worker cannot be told so counts as dead when its heartbeat
is older than JOBS_STALE_MINUTES.

The worker takes the lock on a connection of its own (services: the job's side connection),
not on the connection the job's code runs on: a job may close that one and open another
(the forked full re-evaluation closes every connection before it forks), and with it the
lock would go while the worker is alive and the job still running.
"""

from typing import Any

from django.db import connection

NAMESPACE = 5311  # first key of pg_advisory_lock(int, int): these are the jobs' locks


def supported() -> bool:
    return connection.vendor == "postgresql"


def try_lock(job_id: int, db: Any = None) -> bool:
    """Take the job's lock on `db` (a connection; this thread's default one if None)."""
    if not supported():
        return True
    with (db or connection).cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [NAMESPACE, job_id])
        return bool(cursor.fetchone()[0])


def unlock(job_id: int, db: Any = None) -> None:
    if not supported():
        return
    with (db or connection).cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [NAMESPACE, job_id])


def holder_gone(job_id: int) -> bool:
    """True when no session holds the job's lock (its worker is gone)."""
    if try_lock(job_id):
        unlock(job_id)
        return True
    return False
