"""The daily alert and digest jobs on the job engine's schedule (DESIGN §10)."""

from django.utils.translation import gettext_lazy as _

from shuangshi.jobs.models import Job
from shuangshi.jobs.registry import job
from shuangshi.jobs.schedule import Entry, schedule_add

from . import services


@job("notifications.alerts_daily", title=_("Daily alerts"))
def alerts_daily(run: Job, *, slot: str | None = None) -> None:
    run.result = services.alerts_daily()


@job("notifications.digest_daily", title=_("Daily e-mail digest"))
def digest_daily(run: Job, *, slot: str | None = None) -> None:
    run.result = services.digest_daily()


schedule_add(
    Entry("daily-alerts", "0 7 * * *", "notifications.alerts_daily", "every morning: alerts")
)
schedule_add(
    Entry("daily-digest", "30 7 * * *", "notifications.digest_daily", "after the alerts: e-mail")
)
