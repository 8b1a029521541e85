"""The jobs app's own job: deleting old uploads and generated files."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Job
from .registry import RETENTION_HOOKS, job, retention
from .services import jobs_delete_older_than


@retention("jobs")
def _finished_jobs(cutoff: Any) -> int:
    return jobs_delete_older_than(cutoff=cutoff)


@job("jobs.retention", title=_("Delete old uploads and generated files"))
def retention_run(run: Job, *, slot: str | None = None) -> None:
    cutoff = timezone.now() - timedelta(days=settings.JOBS_RETENTION_DAYS)
    run.result = {name: hook(cutoff) for name, hook in sorted(RETENTION_HOOKS.items())}
