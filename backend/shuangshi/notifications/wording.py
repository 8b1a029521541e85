"""What each kind of notification says, worded when it is read, in the reader's language.

A notification stores its parameters (names, dates, level and status codes) beside a title
and body worded in the default language (for the e-mail digest, and for rows stored before the
parameters were). The API words it again in the language the request asks for, so an alert
made by the nightly job reads in English after the screen's switch as it reads in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from shuangshi.qualification.wording import LEVEL_NAMES, level_words

from .models import Kind, Notification

Params = Mapping[str, Any]


def _level(code: str) -> str:
    return level_words(code)  # "Junior" / 初级, not the choice label "Junior (初级)"


def _status(code: str) -> str:
    from shuangshi.recognition.models import ApplicationStatus

    return str(ApplicationStatus(code).label)


def _waiting(code: str) -> str:
    """What a waiting application's reader is to do, by the stage it reached."""
    next_steps = {
        "submitted": _("Submitted by the teacher: the school's review is next."),
        "school_approved": _(
            "Approved by the school: the experts' votes and the province's review are next."
        ),
        "objected": _("An objection was filed during publicity: the province decides on it."),
    }
    return next_steps.get(code) or _status(code)


def _job(p: Params) -> dict[str, Any]:
    from shuangshi.jobs.registry import JOBS, is_own_title, shown_title

    kind = p.get("kind", "")
    stored = "" if p["job"] == kind else p["job"]  # a job without a title stored its kind
    shown = shown_title(kind, stored) or p["job"]
    spec = JOBS.get(kind)
    # The kind's own title (stored in the starter's language) is already the whole name.
    if stored and not is_own_title(kind, stored) and spec is not None and spec.title:
        # A file's or a school's name (an import's check and its commit both store
        # "good.xlsx"): the step goes before it.
        shown = _("%(step)s · %(name)s") % {"step": spec.title, "name": stored}
    return {**p, "job": shown}


def _tensed(p: Params, ahead: str, past: str) -> str:
    """A dated alert's words: ``past`` once its day has gone by (``p["past"]``)."""
    return past if p.get("past") else ahead


def _levels(p: Params) -> dict[str, Any]:
    return {**p, "before": _level(p["before"]), "after": _level(p["after"])}


# kind → (title, body), worded in the active language. A body of None keeps the stored one
# (a finished job's message is the job's own text). A dated kind's alert read after its day
# (``past``: it stays open until the cause is fixed) says what happened, not what will.
WORDS: dict[str, Callable[[Params], tuple[str, str | None]]] = {
    Kind.CERTIFICATE_EXPIRING: lambda p: (
        _tensed(
            p,
            _("%(name)s: a certificate expires on %(date)s"),
            _("%(name)s: a certificate expired on %(date)s"),
        )
        % p,
        _tensed(
            p,
            _("Without a renewal the level drops from %(before)s to %(after)s."),
            _("Without a renewal the level has dropped from %(before)s to %(after)s."),
        )
        % _levels(p),
    ),
    Kind.PRACTICE_LAPSING: lambda p: (
        _tensed(
            p,
            _("%(name)s: enterprise practice falls short on %(date)s"),
            _("%(name)s: enterprise practice fell short on %(date)s"),
        )
        % p,
        _("Fewer than %(days)s days of enterprise practice in the last %(years)s years.") % p,
    ),
    Kind.LEVEL_DROPPING: lambda p: (
        _tensed(
            p,
            _("%(name)s: the level drops on %(date)s"),
            _("%(name)s: the level dropped on %(date)s"),
        )
        % p,
        _tensed(
            p,
            _("From %(before)s to %(after)s if nothing changes."),
            _("From %(before)s to %(after)s."),
        )
        % _levels(p),
    ),
    Kind.SCHOOL_FALLING_BELOW: lambda p: (
        _tensed(
            p,
            _("%(school)s falls below the target on %(date)s"),
            _("%(school)s fell below the target on %(date)s"),
        )
        % p,
        _tensed(
            p,
            _("If nothing changes, its dual-qualified share no longer exceeds the target."),
            _("Its dual-qualified share no longer exceeds the target."),
        ),
    ),
    Kind.RECOGNITION_EXPIRING: lambda p: (
        _tensed(
            p,
            _("%(name)s: the recognition %(number)s ends on %(date)s"),
            _("%(name)s: the recognition %(number)s ended on %(date)s"),
        )
        % p,
        _tensed(
            p,
            _("Apply in a new round before it ends."),
            _("Apply in a new round to be recognized again."),
        ),
    ),
    Kind.REVIEW_WAITING: lambda p: (
        _("%(name)s's application (%(round)s) waits for your review") % p,
        _waiting(p["status"]),
    ),
    Kind.JOB_FINISHED: lambda p: (
        (_("%(job)s failed") if p["failed"] else _("%(job)s finished")) % _job(p),
        None,
    ),
}

# The kinds whose alert names the day it is due (``due_on`` is its ``date``).
DATED = frozenset(
    {
        Kind.CERTIFICATE_EXPIRING,
        Kind.PRACTICE_LAPSING,
        Kind.LEVEL_DROPPING,
        Kind.SCHOOL_FALLING_BELOW,
        Kind.RECOGNITION_EXPIRING,
    }
)


def words(kind: str, params: Params) -> tuple[str, str | None] | None:
    """The title and body of a notification of ``kind`` in the active language, or None for
    a row stored without its parameters (it keeps the words it was stored with)."""
    if not params or kind not in WORDS:
        return None
    return WORDS[kind](params)


def worded(notification: Notification) -> tuple[str, str]:
    """A stored notification's title and body in the active language: worded again from its
    parameters, or as stored (a row without them; a body the kind does not word)."""
    params = notification.params
    if params and notification.kind in DATED and notification.due_on < timezone.localdate():
        params = {**params, "past": True}
    title, body = words(notification.kind, params) or (notification.title, None)
    if body is not None:
        return title, body
    if notification.kind == Kind.JOB_FINISHED and notification.params:
        # The job's own message, stored in the language of the request that started it.
        from shuangshi.jobs.registry import shown_message

        return title, shown_message(notification.params.get("kind", ""), notification.body)
    return title, notification.body


# --------------------------------------------------------------------------- search

_MARK = "\x00"  # a parameter's place in a wording (search terms never hold NUL: DRF drops it)


class _Marked(dict[str, Any]):
    """Wording parameters that each read as a mark: what a kind says around them."""

    def __missing__(self, key: str) -> str:
        return _MARK


def _variants() -> dict[str, list[tuple[Q, dict[str, Any]]]]:
    """kind → (rows, parameters) for each way the kind's words differ by a parameter that is
    not shown as given: a job's outcome, a waiting application's stage, whether a dated
    alert's day has passed."""
    from shuangshi.recognition.models import ApplicationStatus

    out: dict[str, list[tuple[Q, dict[str, Any]]]] = {kind: [(Q(), {})] for kind in WORDS}
    today = timezone.localdate()
    for kind in DATED:
        out[kind] = [(Q(due_on__gte=today), {}), (Q(due_on__lt=today), {"past": True})]
    out[Kind.JOB_FINISHED] = [(Q(params__failed=f), {"failed": f}) for f in (True, False)]
    out[Kind.REVIEW_WAITING] = [
        (Q(params__status=code), {"status": code}) for code in ApplicationStatus.values
    ]
    return out


def _says(kind: str, params: dict[str, Any], term: str) -> bool:
    title, body = WORDS[kind](_Marked(params))
    return any(term in part.casefold() for part in f"{title}{_MARK}{body or ''}".split(_MARK))


def search_condition(term: str) -> Q:
    """The notifications whose title or body, as the reader reads them (in the active
    language), contain ``term`` (case aside): the words stored (the default language's, with
    the names, dates and numbers), and those the active language puts around the parameters
    (a kind's sentence, a level's or a job's name, a waiting application's stage)."""
    from shuangshi.jobs.registry import JOBS

    folded = term.casefold()
    worded = ~Q(params={})  # a row stored without its parameters keeps its words
    found = Q(title__icontains=term) | Q(body__icontains=term)
    for kind, variants in _variants().items():
        for rows, params in variants:
            if _says(kind, params, folded):
                found |= Q(kind=kind) & rows & worded
    levels = [code for code, name in LEVEL_NAMES.items() if folded in str(name).casefold()]
    if levels:
        found |= Q(kind__in=[Kind.CERTIFICATE_EXPIRING, Kind.LEVEL_DROPPING]) & (
            Q(params__before__in=levels) | Q(params__after__in=levels)
        )
    jobs = [name for name, spec in JOBS.items() if folded in str(spec.title or "").casefold()]
    if jobs:
        found |= Q(kind=Kind.JOB_FINISHED, params__kind__in=jobs)
    return found
