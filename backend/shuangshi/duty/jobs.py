"""The practice-duty export as a background job (DESIGN §9, §10)."""

from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shuangshi.jobs.models import Job
from shuangshi.jobs.registry import JobFailed, job
from shuangshi.jobs.services import job_attach_file, job_progress
from shuangshi.spreadsheets.workbooks import XLSX


@job("exports.duty", title=_("Practice duty export"))
def export_duty(run: Job, *, query: dict[str, Any], scope: str = "") -> None:
    from shuangshi.audit import services as audit_services

    from . import selectors
    from .api import validated_query
    from .exports import duty_filename, duty_workbook

    user = run.owner
    if user is None:
        raise JobFailed(_("An export needs the user who asked for it."))
    job_progress(job=run, done=0, total=0, force=True)  # working out the standings
    try:
        rows = selectors.rows_in(user, validated_query(query))
    except Http404:  # the school is no longer visible to this user
        raise JobFailed(_("This school is not visible to you.")) from None
    job_progress(job=run, done=0, total=len(rows), force=True)
    content = duty_workbook(rows)
    audit_services.export_record(
        user=user, what="practice_duty", scope=scope, count=len(rows), full_ids=0
    )
    name = duty_filename(timezone.localdate())
    job_attach_file(job=run, name=name, content=content, content_type=XLSX)
    run.done = run.total = len(rows)
    run.result = {"rows": len(rows)}
