"""The worker: runs queued jobs (django-tasks' database worker) and ticks the schedule.

Start as many as you like, on any machines sharing the database:
`python manage.py jobs_worker`. Each also ticks the periodic schedule and reaps jobs whose
worker died; the database makes sure each happens once.
"""

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from shuangshi.common.collector import freeze_startup
from shuangshi.jobs.schedule import schedule_tick
from shuangshi.jobs.services import WORKER, job_end_after_worker_error, jobs_reap
from shuangshi.jobs.wakeup import Listener, SleepUntilNotified

logger = logging.getLogger("shuangshi.jobs")


def upkeep_once() -> None:
    """Tick the schedule, then reap dead workers' jobs: each on its own, and no error ends
    the upkeep (it runs for as long as the worker does, every JOBS_TICK_SECONDS)."""
    try:
        try:
            for job in schedule_tick():
                logger.info("schedule: started %s #%s", job.kind, job.pk)
        except DatabaseError:
            # A locked SQLite file or a lost connection: try again on the next tick.
            logger.warning("schedule tick failed; retrying later", exc_info=True)
        except Exception:
            logger.exception("schedule tick failed; retrying later")
        try:
            jobs_reap()
        except DatabaseError:
            logger.warning("reaping dead workers' jobs failed; retrying later", exc_info=True)
        except Exception:
            logger.exception("reaping dead workers' jobs failed; retrying later")
    finally:
        close_old_connections()


class Worker(db_worker.Worker):
    """django-tasks' worker, which outlives a database error in its own bookkeeping (a locked
    SQLite file while another process commits): the engine's run_task records a task's end
    itself, and an error there ended the worker's process. The task's job ends failed once
    the database answers, and the worker takes the next task."""

    def run_task(self, db_task_result: Any) -> None:
        try:
            super().run_task(db_task_result)
        except DatabaseError:
            logger.exception("task %s: its end could not be recorded", db_task_result.id)
            for attempt in range(5):
                close_old_connections()
                try:
                    job_end_after_worker_error(task_args=db_task_result.args_kwargs)
                    return
                except DatabaseError:
                    time.sleep(2 * (attempt + 1))  # the lock passes: try again
            logger.error("task %s: its job could not be ended; the reaper will", db_task_result.id)


def _upkeep_loop(stop: threading.Event) -> None:
    while not stop.is_set():
        upkeep_once()
        stop.wait(settings.JOBS_TICK_SECONDS)
    connection.close()


class Command(DbWorkerCommand):
    help = "Run background jobs and the periodic schedule (start one or more per machine)."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Only run jobs: do not tick the schedule or reap dead workers' jobs.",
        )
        # Reloading would stop a running job half-way: off unless asked for.
        parser.set_defaults(reload=False)
        if len(WORKER) <= 64:
            # The engine's tasks name the process that took them, as the jobs do (the
            # reaper tells a dead one on SQLite by it: services.jobs_redeliver_lost).
            parser.set_defaults(worker_id=WORKER)

    def handle(self, *args: Any, **options: Any) -> None:
        freeze_startup()
        stop = threading.Event()
        if not options.pop("no_schedule"):
            if options.get("batch"):
                upkeep_once()
            else:
                threading.Thread(
                    target=_upkeep_loop, args=(stop,), name="jobs-upkeep", daemon=True
                ).start()
        # Idle between polls until a job is queued (PostgreSQL NOTIFY), not a whole interval.
        listener = Listener()
        db_worker.time = SleepUntilNotified(listener)  # type: ignore[assignment]
        engine_worker, db_worker.Worker = db_worker.Worker, Worker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            db_worker.time = time  # type: ignore[assignment]
            db_worker.Worker = engine_worker  # type: ignore[misc]
            listener.close()
