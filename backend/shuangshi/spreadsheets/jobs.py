"""Imports as background jobs (DESIGN §6, §10): the dry run and the commit."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from shuangshi.jobs.models import Job
from shuangshi.jobs.registry import job, retention
from shuangshi.jobs.services import job_progress

from . import services
from .models import ImportJob, ImportStatus


def _failed(run: Job, message: str) -> None:
    """The job died or raised: the upload says so (a commit wrote nothing: one transaction)."""
    ImportJob.objects.filter(job=run).exclude(status=ImportStatus.COMMITTED).update(
        status=ImportStatus.FAILED, message=message
    )


def _upload(run: Job, import_id: int) -> ImportJob:
    return ImportJob.objects.defer("content", "errors").select_related("owner").get(pk=import_id)


@job("imports.validate", title=_("Check an import"), on_failure=_failed)
def validate(run: Job, *, import_id: int) -> None:
    upload = _upload(run, import_id)

    def progress(rows: int) -> None:
        job_progress(job=run, done=rows, total=0)

    services.import_dry_run(upload=upload, progress=progress)
    upload.refresh_from_db(fields=["status", "rows", "failed", "message"])
    run.done = run.total = upload.rows
    run.result = {"status": upload.status, "rows": upload.rows, "failed": upload.failed}
    run.message = upload.message


@job("imports.commit", title=_("Commit an import"), on_failure=_failed)
def commit(run: Job, *, import_id: int) -> None:
    upload = _upload(run, import_id)
    total = upload.rows

    def progress(rows: int) -> None:
        job_progress(job=run, done=rows, total=max(total, rows))

    try:
        done = services.import_commit(job=upload, progress=progress)
    except services.ImportNotCommittable as refused:
        # The database changed since the dry run: the rows' errors are on the upload.
        run.result = {"status": refused.job.status, "failed": refused.job.failed}
        run.message = str(refused)
        return
    run.done = run.total = done.rows
    run.result = {
        "status": done.status,
        "created": done.created_rows,
        "updated": done.updated_rows,
        "unchanged": done.unchanged_rows,
    }


@retention("imports")
def _old_uploads(cutoff: datetime) -> int:
    """Uploaded workbooks older than the retention period: the file and its error list go,
    the row stays (it is the record of who imported what, and what came of it)."""
    busy = [ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.COMMITTING]
    old = ImportJob.objects.filter(created_at__lt=cutoff).exclude(status__in=busy)
    return old.exclude(content=b"").update(content=b"", errors=[])
