"""Qualification's background jobs: full re-evaluation, nightly due re-evaluation, snapshot."""

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from shuangshi.jobs.models import Job
from shuangshi.jobs.registry import job
from shuangshi.jobs.services import job_progress, job_start

from . import services
from .models import RuleProfile


def _progress(run: Job) -> services.Progress:
    def report(done: int, total: int) -> None:
        job_progress(job=run, done=done, total=total)

    return report


@job("qualification.rebuild", title=_("Re-evaluate every teacher"))
def rebuild(run: Job, *, version: int | None = None) -> None:
    """After a rule-profile change: everyone, under the current profile (no size limit)."""
    written: list[int] = []
    n = services.qualifications_rebuild(progress=_progress(run), written=written)
    run.result = {"evaluated": n, "changed": written[0] if written else 0, "version": version}


@job("qualification.reevaluate_due", title=_("Re-evaluate the results that fell due"))
def reevaluate_due(run: Job, *, slot: str | None = None) -> None:
    run.result = {"evaluated": services.qualifications_refresh_due(progress=_progress(run))}


@job("qualification.snapshot", title=_("Monthly ratio snapshot"))
def snapshot(run: Job, *, slot: str | None = None, month: str | None = None) -> None:
    chosen = date.fromisoformat(month) if month else None
    run.result = {"rows": services.ratios_snapshot(month=chosen)}


def rule_profile_change(*, values: dict[str, Any], note: str, user: Any) -> tuple[RuleProfile, Job]:
    """Store a new profile version, then re-evaluate every teacher in a background job.

    No size limit: the request only stores the version; until the job has run, results of
    the older version count as due and today's figures are evaluated rather than read.
    Raises ProfileInvalid like rule_profile_update.
    """
    row = services.rule_profile_update(values=values, note=note, user=user, reevaluate=False)
    run = job_start(
        kind="qualification.rebuild",
        owner=user,
        params={"version": row.version},
        link=f"/api/v1/rule-profiles/{row.version}/",
    )
    return row, run
