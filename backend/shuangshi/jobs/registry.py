"""Declaring a job: a plain function registered under a name.

    from shuangshi.jobs.registry import job, JobFailed
    from shuangshi.jobs.services import job_progress

    @job("alerts.daily", title=_("Daily alerts"))
    def alerts_daily(run: Job, *, on: str | None = None) -> None:
        ...
        job_progress(job=run, done=i, total=n)      # optional, shows a progress bar
        raise JobFailed(_("…"))                      # ends the job failed with this message

Put it in `<app>/jobs.py`: the jobs app imports every app's `jobs` module at start-up.
Start it with `services.job_start(kind="alerts.daily", owner=user, params={...})` (params must
be JSON) or put it on the schedule (schedule.py). The function runs in a worker, outside
any request; whatever it writes it writes in its own transaction(s).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Job

JobFunction = Callable[..., Any]
FailureHook = Callable[[Job, str], None]
OutcomeHook = Callable[[Job], bool]


class JobFailed(Exception):
    """Raised by a job to end it `failed` with this message (shown to the user)."""


@dataclass(frozen=True)
class JobSpec:
    name: str
    run: JobFunction
    title: Any = ""  # lazy: worded in the language active where it is read
    # Called (outside the job's transaction) when the job fails or its worker died, so the
    # record it worked on can say so too (an import goes `failed`).
    on_failure: FailureHook | None = None
    # The job's message (stored in the language of the request that started it) in the
    # active language, for a kind whose messages come from a catalogue of its own (imports).
    read_message: Callable[[str], str] | None = None
    # Asked when the job's worker is gone (or could not record the job's end) before the job
    # is ended `failed`: whether its work was done all the same, as the record it worked on
    # says (an import reads `committed`). True after setting the job's result and message as
    # the run would have; the job then ends `succeeded` with them (services._end_lost).
    outcome: OutcomeHook | None = None


JOBS: dict[str, JobSpec] = {}


def job(
    name: str,
    *,
    title: Any = "",
    on_failure: FailureHook | None = None,
    read_message: Callable[[str], str] | None = None,
    outcome: OutcomeHook | None = None,
) -> Callable[[JobFunction], JobFunction]:
    """Register `fn(job, **params)` as the job `name` (unique across the project)."""

    def register(fn: JobFunction) -> JobFunction:
        existing = JOBS.get(name)
        if existing is not None and existing.run is not fn:
            raise ValueError(f"job {name!r} is registered twice")
        JOBS[name] = JobSpec(
            name=name,
            run=fn,
            title=title,
            on_failure=on_failure,
            read_message=read_message,
            outcome=outcome,
        )
        return fn

    return register


def spec_for(name: str) -> JobSpec:
    try:
        return JOBS[name]
    except KeyError:
        raise LookupError(f"no job registered as {name!r}") from None


def _wordings(message: Any) -> frozenset[str]:
    """A lazy message as worded in every language the site speaks."""
    found = set()
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            found.add(str(message))
    return frozenset(found)


@cache
def _titles(name: str) -> frozenset[str]:
    """The job's title in every language the site speaks."""
    return _wordings(JOBS[name].title)


def own_titles(name: str) -> frozenset[str]:
    """The job kind's own title in every language the site speaks (none: no title)."""
    return _titles(name) if name in JOBS and JOBS[name].title else frozenset()


def is_own_title(name: str, stored: str) -> bool:
    """Is `stored` the job kind's own title, in any language the site speaks?"""
    return name in JOBS and bool(JOBS[name].title) and stored in _titles(name)


def shown_title(name: str, stored: str) -> str:
    """A job's title in the active language: a job stores its title in the language of the
    request that started it; one that is the kind's own title (not a file's or a school's
    name) reads in the reader's language."""
    if name in JOBS and JOBS[name].title and (not stored or stored in _titles(name)):
        return str(JOBS[name].title)
    return stored


# The messages the jobs app words itself, whatever the job (services: a worker that stopped,
# an unexpected error).
WORKER_GONE = _(
    "The worker running this job stopped before it finished; "
    "nothing it was writing was kept. Start it again."
)
UNEXPECTED_ERROR = _("The job stopped with an unexpected error.")
NEVER_STARTED = _(
    "The job never started: each worker that took it stopped before it began. Start it again."
)
OWN_MESSAGES = (WORKER_GONE, UNEXPECTED_ERROR, NEVER_STARTED)


@cache
def _own_messages() -> dict[str, Any]:
    """Each of OWN_MESSAGES as worded in every language the site speaks → the message."""
    return {wording: message for message in OWN_MESSAGES for wording in _wordings(message)}


def shown_message(name: str, stored: str) -> str:
    """A job's message in the active language: the jobs app's own, or the kind's read back
    by its `read_message`; any other text as stored."""
    if not stored:
        return stored
    own = _own_messages().get(stored)
    if own is not None:
        return str(own)
    spec = JOBS.get(name)
    if spec is not None and spec.read_message is not None:
        return spec.read_message(stored)
    return stored


# Old uploads and generated files: each app that keeps some registers how to delete them;
# the scheduled `jobs.retention` job calls every hook with the cutoff (JOBS_RETENTION_DAYS).
RetentionHook = Callable[[Any], int]
RETENTION_HOOKS: dict[str, RetentionHook] = {}


def retention(name: str) -> Callable[[RetentionHook], RetentionHook]:
    """Register `fn(cutoff) -> rows deleted` under `name`."""

    def register(fn: RetentionHook) -> RetentionHook:
        RETENTION_HOOKS[name] = fn
        return fn

    return register
