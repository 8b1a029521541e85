"""The periodic schedule, run by the workers themselves (no host cron).

Each entry names a registered job (registry.py) and a cron expression, read in
settings.TIME_ZONE (Asia/Shanghai). Every worker ticks the schedule (JOBS_TICK_SECONDS);
the first to insert the (entry, slot) row starts the job, so with N workers on any number
of machines an entry fires once per slot. A slot missed while no worker ran (only the
latest one) is run when a worker comes back.

To add an entry from another app, call `schedule_add(Entry(...))` in its `jobs.py`, or add
a line below.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from cronsim import CronSim
from django.conf import settings
from django.utils import timezone

from .models import Job, ScheduleRun
from .registry import JOBS


@dataclass(frozen=True)
class Entry:
    name: str
    cron: str  # minute hour day-of-month month day-of-week
    job: str
    description: str = ""


SCHEDULE: list[Entry] = [
    Entry(
        "due-reevaluation",
        "30 1 * * *",
        "qualification.reevaluate_due",
        "nightly: results whose validity ended, or made under an older rule profile",
    ),
    Entry(
        "monthly-snapshot",
        "0 2 1 * *",
        "qualification.snapshot",
        "on the 1st: the month just ended, as on its last day, per school, city and province",
    ),
    Entry(
        "retention",
        "0 3 * * *",
        "jobs.retention",
        "nightly: delete uploads and generated files older than JOBS_RETENTION_DAYS",
    ),
    # Other apps add theirs in their jobs.py: recognition (publicity-finalize), teachers
    # (teacher-counts-tidy), notifications (daily-alerts, daily-digest); docs/jobs.md.
]


def schedule_add(entry: Entry) -> None:
    """Add (or replace, by name) a schedule entry."""
    SCHEDULE[:] = [e for e in SCHEDULE if e.name != entry.name] + [entry]


def latest_slot(entry: Entry, now: datetime) -> datetime:
    """The last time at or before `now` that the entry's cron expression names."""
    local = timezone.localtime(now, ZoneInfo(settings.TIME_ZONE)).replace(second=0, microsecond=0)
    # cronsim's reverse iteration starts strictly before the given time.
    return next(CronSim(entry.cron, local.replace(second=1), reverse=True))


def schedule_tick(*, now: datetime | None = None) -> list[Job]:
    """Start the jobs whose latest slot has not run yet; returns the jobs started."""
    from .services import schedule_slot_start

    now = now or timezone.now()
    started: list[Job] = []
    for entry in SCHEDULE:
        if entry.job not in JOBS:
            continue  # its app is not installed
        slot = latest_slot(entry, now)
        if ScheduleRun.objects.filter(entry=entry.name, slot=slot).exists():
            continue
        job = schedule_slot_start(entry=entry.name, slot=slot, kind=entry.job)
        if job is not None:
            started.append(job)
    return started
