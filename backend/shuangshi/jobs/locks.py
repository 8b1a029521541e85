"""PostgreSQL session locks that say whether a running job's worker is still alive.

The worker holds the lock of the job it runs for as long as it runs it; the lock goes with
the worker's connection, so when the process dies (kill -9, lost machine) the lock is freed
at once and the reaper can tell the job will never finish. SQLite (the embedded `make run`
default: one machine) has no such locks; there a job whose heartbeat is older than
JOBS_STALE_MINUTES counts as dead.
"""

from django.db import connection

NAMESPACE = 5311  # first key of pg_advisory_lock(int, int): these are the jobs' locks


def supported() -> bool:
    return connection.vendor == "postgresql"


def try_lock(job_id: int) -> bool:
    if not supported():
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [NAMESPACE, job_id])
        return bool(cursor.fetchone()[0])


def unlock(job_id: int) -> None:
    if not supported():
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [NAMESPACE, job_id])


def holder_gone(job_id: int) -> bool:
    """True when no session holds the job's lock (its worker is gone)."""
    if try_lock(job_id):
        unlock(job_id)
        return True
    return False
