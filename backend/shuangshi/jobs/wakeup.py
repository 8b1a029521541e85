"""Prompt job pickup without busy polling (issue 11): PostgreSQL LISTEN/NOTIFY.

``job_start`` notifies CHANNEL in the caller's transaction, so the notification goes out
when the job's row is committed; an idle worker waits for it (``wait``) instead of sleeping
through its whole poll interval (1 s by default), then polls the queue at once. The poll
interval stays the fallback: a notification lost with a dropped connection costs at most
one interval. SQLite (one machine, `make run`) keeps plain polling.
"""

import contextlib
import logging
import time
from typing import Any

from django.db import connection, connections

logger = logging.getLogger(__name__)

CHANNEL = "shuangshi_jobs"


def notify() -> None:
    """Tell idle workers a job is queued (at the commit of the current transaction)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {CHANNEL}")


class Listener:
    """A worker's own connection listening on CHANNEL; ``wait`` is its idle sleep."""

    def __init__(self) -> None:
        self.db: Any = None

    def _connection(self) -> Any:
        if self.db is None:
            db = connections.create_connection("default")
            db.ensure_connection()  # autocommit, as Django opens every connection
            raw = db.connection
            raw.execute(f"LISTEN {CHANNEL}")
            self.db = db
        return self.db.connection

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``, less when a job is queued meanwhile (then True)."""
        if connection.vendor != "postgresql":
            time.sleep(seconds)
            return False
        try:
            raw = self._connection()
            woken = any(True for _note in raw.notifies(timeout=seconds, stop_after=1))
            # Several jobs queued while busy: one poll of the queue takes them in turn.
            for _note in raw.notifies(timeout=0):
                pass
            return woken
        except Exception:  # a dropped connection: plain sleep, a new one next time
            logger.warning("job wake-up listener lost; polling", exc_info=True)
            self.close()
            time.sleep(seconds)
            return False

    def close(self) -> None:
        if self.db is not None:
            with contextlib.suppress(Exception):  # already gone
                self.db.close()
            self.db = None


class SleepUntilNotified:
    """Stands in for the ``time`` module of django-tasks' worker loop: its ``sleep`` (the
    idle wait between polls) ends early when a job is queued."""

    def __init__(self, listener: Listener) -> None:
        self.listener = listener

    def sleep(self, seconds: float) -> None:
        self.listener.wait(seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)
