"""Practice duty writes: only the start of its export job (the standings are reads)."""

from typing import Any

from shuangshi.accounts.models import User
from shuangshi.jobs.models import Job
from shuangshi.jobs.services import job_start


def duty_export_start(*, user: User, query: dict[str, Any], scope: str) -> Job:
    """Queue the practice-duty export for this user (DESIGN §10): the file is the job's
    download, written in the language of the request that started it. The caller (the
    view) has checked the role and the filters; the job reads as the user."""
    return job_start(kind="exports.duty", owner=user, params={"query": query, "scope": scope})
