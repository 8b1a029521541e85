"""The nightly finalize of recognition applications whose publicity ended (DESIGN §8, §10)."""

from django.utils.translation import gettext_lazy as _

from shuangshi.jobs.models import Job
from shuangshi.jobs.registry import job
from shuangshi.jobs.schedule import Entry, schedule_add

from . import services


@job("recognition.finalize_publicity", title=_("Finalize ended publicity"))
def finalize_publicity(run: Job, *, slot: str | None = None) -> None:
    run.result = {"finalized": services.applications_finalize_due()}


schedule_add(
    Entry(
        "publicity-finalize",
        "0 1 * * *",
        "recognition.finalize_publicity",
        "nightly: recognize the applications whose publicity ended with no objection open",
    )
)
