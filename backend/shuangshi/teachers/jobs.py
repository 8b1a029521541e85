"""The teachers app's nightly job: the list's per-school counts kept small (issue 11)."""

from django.utils.translation import gettext_lazy as _

from shuangshi.jobs.models import Job
from shuangshi.jobs.registry import job
from shuangshi.jobs.schedule import Entry, schedule_add

from . import services


@job("teachers.counts_tidy", title=_("Tidy the teacher counts"))
def counts_tidy(run: Job, *, slot: str | None = None) -> None:
    run.result = {"rows": services.teacher_counts_tidy()}


schedule_add(
    Entry(
        "teacher-counts-tidy",
        "15 1 * * *",
        "teachers.counts_tidy",
        "nightly: each school's teacher count in one row, the table rewritten to its size",
    )
)
