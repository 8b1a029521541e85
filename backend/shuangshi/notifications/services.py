"""Writes of the notifications app: storing alerts, reading them, e-mail choice, lead times,
the daily digest."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shuangshi.accounts.models import User
from shuangshi.audit import services as audit
from shuangshi.common.api import changed_values

from . import alerts, recognition_alerts, selectors, wording
from .alerts import Alert
from .models import LEAD_FIELDS, AlertSettings, Digest, Kind, Notification, Preference
from .recognition_alerts import review_subject


class StaleSettings(Exception):
    """The lead times were changed since the client read them."""

    def __init__(self, current: AlertSettings) -> None:
        self.current = current


# --------------------------------------------------------------------------- storing alerts


Key = tuple[str, str, date]  # (kind, subject, due date)
# Each alert that holds now, with the users it holds for.
Holding = dict[Key, set[int]]

# What an alert that comes back is stored with again: it is new (the list shows it first,
# the bell counts it unread, the next digest carries it), worded as found now.
_REOPENED = (
    "resolved_at",
    "read_at",
    "emailed_at",
    "created_at",
    "title",
    "body",
    "params",
    "link",
)


def _holding(found: Iterable[Alert]) -> Holding:
    holding: Holding = defaultdict(set)
    for alert in found:
        holding[(alert.kind, alert.subject, alert.due_on)].update(alert.users)
    return holding


def _store(found: Iterable[Alert]) -> tuple[int, int, Holding]:
    """Create each (user, kind, subject, due date) once, and reopen one that was resolved
    and holds again; return how many were new, how many reopened, and the alerts that hold
    now with their users. The title and body are stored in the default language too, for
    the digest; the API words them again in each reader's (`wording`)."""
    holding: Holding = defaultdict(set)
    rows: list[Notification] = []
    with translation.override(settings.LANGUAGE_CODE):
        for alert in found:
            holding[(alert.kind, alert.subject, alert.due_on)].update(alert.users)
            title, body = wording.WORDS[alert.kind](alert.params)
            rows.extend(
                Notification(
                    user_id=user_id,
                    kind=alert.kind,
                    subject=alert.subject,
                    teacher_id=alert.teacher_id,
                    due_on=alert.due_on,
                    title=title[:200],
                    body=body or "",
                    params=alert.params,
                    link=alert.link,
                )
                for user_id in alert.users
            )
    reopened = _reopen(rows)
    before = Notification.objects.count()
    Notification.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return Notification.objects.count() - before, reopened, holding


def _reopen(rows: list[Notification]) -> int:
    """The resolved alerts among ``rows`` (by user, kind, subject and due date) hold again:
    open them as new. The condition came back (a renewal undone, a stage reached again the
    same day), so the user is told again: unread, in the next digest, first in the list."""
    wanted = {(n.user_id, n.kind, n.subject, n.due_on): n for n in rows}
    if not wanted:
        return 0
    subjects = sorted({n.subject for n in rows})
    kinds = sorted({n.kind for n in rows})
    earliest = min(n.due_on for n in rows)
    now = timezone.now()
    again: list[Notification] = []
    for i in range(0, len(subjects), 2000):
        resolved = Notification.objects.filter(
            resolved_at__isnull=False,
            kind__in=kinds,
            due_on__gte=earliest,
            subject__in=subjects[i : i + 2000],
        ).only("pk", "user_id", "kind", "subject", "due_on")
        for old in resolved:
            found = wanted.get((old.user_id, old.kind, old.subject, old.due_on))
            if found is None:
                continue
            old.resolved_at = old.read_at = old.emailed_at = None
            old.created_at = now
            old.title, old.body, old.params = found.title, found.body, found.params
            old.link = found.link
            again.append(old)
    Notification.objects.bulk_update(again, _REOPENED, batch_size=2000)
    return len(again)


def _resolve(open_alerts: Any, holding: Holding, now: Any) -> int:
    """Mark resolved the open alerts whose condition no longer holds for their user (an
    expert who voted is no longer waited for; the others still are)."""
    gone = [
        pk
        for pk, user_id, kind, subject, due_on in open_alerts.values_list(
            "pk", "user_id", "kind", "subject", "due_on"
        )
        if user_id not in holding.get((kind, subject, due_on), ())
    ]
    for i in range(0, len(gone), 5000):
        Notification.objects.filter(pk__in=gone[i : i + 5000]).update(resolved_at=now)
    return len(gone)


def _decided(open_alerts: Any) -> Any:
    """Leave out the `level_dropping` alerts of teachers whose stored result predates the
    rule profile in force: until the rebuild reaches them `level_dropping` cannot tell
    (it reads only current results), so their alerts stay as they are rather than being
    resolved now and raised again as new once the rebuild is done."""
    return open_alerts.exclude(
        kind=Kind.LEVEL_DROPPING, teacher_id__in=alerts.teachers_awaiting_rebuild()
    )


@transaction.atomic
def alerts_daily(*, on: date | None = None) -> dict[str, int]:
    """Create every alert that is due (once per user, subject and due date), reopen those
    that hold again, and resolve those that no longer hold. Running it twice on a day
    creates nothing the second time."""
    today = on or timezone.localdate()
    lead = alerts.settings_current()
    with translation.override(settings.LANGUAGE_CODE):
        created, reopened, holding = _store(alerts.all_alerts(today, lead))
    # An alert whose day has come is left as it is: what it warned of happened (the finders
    # see no lapse ahead on that day), which is not "resolved".
    open_alerts = Notification.objects.filter(resolved_at__isnull=True).filter(
        Q(kind__in=alerts.SCANNED_KINDS, due_on__gt=today) | Q(kind=Kind.REVIEW_WAITING)
    )
    resolved = _resolve(_decided(open_alerts), holding, timezone.now())
    return {
        "created": created,
        "reopened": reopened,
        "resolved": resolved,
        "subjects": len(holding),
    }


@transaction.atomic
def alerts_refresh_teachers(*, teacher_ids: Sequence[int], on: date | None = None) -> int:
    """After a teacher's records changed: resolve their alerts that no longer hold (a
    renewed certificate ends its `certificate_expiring` alert at once)."""
    today = on or timezone.localdate()
    open_alerts = Notification.objects.filter(
        teacher_id__in=teacher_ids,
        kind__in=alerts.TEACHER_KINDS,
        resolved_at__isnull=True,
        due_on__gt=today,  # as alerts_daily: on its day an alert is not resolved
    )
    if not open_alerts.exists():
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        holding = _holding(alerts.teacher_alerts(today, alerts.settings_current(), teacher_ids))
    return _resolve(_decided(open_alerts), holding, timezone.now())


@transaction.atomic
def review_waiting_settle(*, application_id: int, status: str, voter: User | None = None) -> int:
    """The application is now at ``status`` (and ``voter`` has voted at it): resolve at once
    its `review_waiting` alerts that no longer hold, rather than at the next daily run: every
    one of another stage (it left that stage), and the voter's of this one (no longer waited
    for). The others of this stage stay open."""
    now_at = review_subject(application_id, status)
    ended = Q(subject__startswith=review_subject(application_id, "")) & ~Q(subject=now_at)
    if voter is not None:
        ended |= Q(subject=now_at, user=voter)
    return Notification.objects.filter(
        ended, kind=Kind.REVIEW_WAITING, resolved_at__isnull=True
    ).update(resolved_at=timezone.now())


@transaction.atomic
def review_waiting_open(*, application_id: int, on: date | None = None) -> int:
    """The application has reached a stage that waits for a review: its `review_waiting`
    alerts open now for whoever acts at it (the same finder and keys as the daily run, so
    that run adds nothing), not at the next daily run. Returns how many were new or
    reopened."""
    today = on or timezone.localdate()
    found = recognition_alerts.review_waiting(today, application_ids=[application_id])
    created, reopened, _holding = _store(found)
    return created + reopened


@transaction.atomic
def review_waiting_refresh(*, round_ids: Iterable[int], on: date | None = None) -> int:
    """The rounds' experts changed: their applications' `review_waiting` alerts become what
    the daily run would make them (the same finder), now rather than at its next run: an
    expert added gets the alerts of the applications waiting for their vote, one removed
    (or no longer an active expert) has theirs resolved. Returns how many were resolved."""
    round_ids = sorted(set(round_ids))
    if not round_ids:
        return 0
    today = on or timezone.localdate()
    _created, _reopened, holding = _store(recognition_alerts.review_waiting(today, round_ids))
    subjects = recognition_alerts.review_subjects(round_ids)
    now, resolved = timezone.now(), 0
    for i in range(0, len(subjects), 2000):
        open_alerts = Notification.objects.filter(
            kind=Kind.REVIEW_WAITING, resolved_at__isnull=True, subject__in=subjects[i : i + 2000]
        )
        resolved += _resolve(open_alerts, holding, now)
    return resolved


@transaction.atomic
def notification_create(
    *,
    user: User,
    kind: str,
    subject: str,
    title: str,
    body: str = "",
    link: str = "",
    due_on: date | None = None,
    params: dict[str, Any] | None = None,
) -> Notification | None:
    """One notification for one user (once per kind, subject and due date); with ``params``
    the API words it again in each reader's language (`wording`)."""
    obj, created = Notification.objects.get_or_create(
        user=user,
        kind=kind,
        subject=subject,
        due_on=due_on or timezone.localdate(),
        defaults={"title": title[:200], "body": body, "link": link, "params": params or {}},
    )
    return obj if created else None


# --------------------------------------------------------------------------- reading


@transaction.atomic
def notifications_drop_out_of_scope(*, user: User) -> int:
    """The user's scope changed (another school, city or role): their alerts name teachers,
    schools and applications of the old scope, which they may no longer read. Dropped; the
    daily run brings those of the new scope. Their own jobs' notices stay."""
    deleted, _by_model = (
        Notification.objects.filter(user=user).exclude(kind=Kind.JOB_FINISHED).delete()
    )
    return deleted


def notification_read(*, notification: Notification, user: User) -> Notification:
    if notification.user_id != user.pk:
        raise PermissionError
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_read_all(*, user: User) -> int:
    """Mark read what the bell counts (selectors.UNREAD); a resolved alert is left as it
    is (it no longer waits)."""
    return selectors.notifications_unread(user=user).update(read_at=timezone.now())


# --------------------------------------------------------------------------- preferences


def preference_get(*, user: User) -> Preference:
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def has_address(user: User) -> bool:
    """Whether the account has an e-mail address a digest can go to."""
    return bool((user.email or "").strip())


def digest_active(*, user: User, pref: Preference) -> bool:
    """Whether digests actually go out: turned on and an address on file."""
    return pref.email_enabled and has_address(user)


@transaction.atomic
def preference_set(
    *, user: User, email_enabled: bool | None = None, language: str | None = None
) -> Preference:
    """Change what is given (the digest on or off, its language); keep the rest. Turning
    the digest on needs an address to send it to (the province adds it to the account)."""
    if email_enabled and not has_address(user):
        raise ValidationError(
            {
                "email_enabled": [
                    _(
                        "Your account has no e-mail address: ask the province to add one "
                        "before turning the digest on."
                    )
                ]
            }
        )
    pref = Preference.objects.select_for_update().filter(user=user).first()
    if pref is None:
        pref = Preference(user=user)
    if email_enabled is not None:
        pref.email_enabled = email_enabled
    if language is not None:
        pref.language = language
    pref.save()  # audited (django-auditlog)
    return pref


@transaction.atomic
def alert_settings_update(
    *, data: dict[str, int], user: User, version: int | None = None
) -> AlertSettings:
    current = AlertSettings.objects.select_for_update().filter(pk=1).first()
    if current is None:
        current = AlertSettings(pk=1)
    if version is not None and version != current.version:
        raise StaleSettings(current)
    changes = changed_values(current, {k: v for k, v in data.items() if k in LEAD_FIELDS})
    if not changes:
        return current  # the values it has: no new version, no history
    if current._state.adding:  # the first edit: logged as a change from the defaults
        current = audit.defaults_stored(current, pk=1)
    for name, value in changes.items():
        setattr(current, name, value)
    current.updated_by = user
    current.version += 1  # the default (unsaved) row reads as version 1 too
    current.save()  # audited (django-auditlog)
    return current


# --------------------------------------------------------------------------- digest


def _digest_text(user: User, items: list[Notification]) -> tuple[str, str]:
    """The digest in the active language: each alert worded again from its parameters
    (`wording`), or as stored for one stored without them."""
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    subject = ngettext(
        "Shuangshi: %(count)s new alert", "Shuangshi: %(count)s new alerts", len(items)
    ) % {"count": len(items)}
    lines = [_("Hello %(name)s,") % {"name": user.get_full_name() or user.username}, ""]
    for n in items:
        title, body = wording.worded(n)
        lines.append(f"- {title}")
        if body:
            lines.append(f"  {body}")
        if n.link:
            lines.append(f"  {base}{n.link}")
    return subject, "\n".join(lines)


def digest_daily(*, on: date | None = None) -> dict[str, int]:
    """One e-mail per user per day with what is new since their last digest and still
    unread (selectors.UNREAD: not read in the app, not resolved); nothing for a user without
    an address, with e-mail turned off, or with nothing new."""
    today = on or timezone.localdate()
    since = timezone.now() - timedelta(days=7)
    pending = (
        Notification.objects.filter(
            selectors.UNREAD, emailed_at__isnull=True, created_at__gte=since
        )
        .filter(user__is_active=True)
        .exclude(user__email__regex=r"^\s*$")  # no address (or a blank one): nowhere to send
        .exclude(user__notification_preference__email_enabled=False)
        .exclude(user__in=Digest.objects.filter(sent_on=today).values("user_id"))
        .order_by("user_id", "due_on", "pk")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for n in pending.select_related("user"):
        by_user[n.user_id].append(n)
    sent = 0
    for items in by_user.values():
        sent += _send_digest(items[0].user, items, today)
    return {"sent": sent, "users": len(by_user)}


@transaction.atomic
def _send_digest(user: User, items: list[Notification], today: date) -> int:
    if not has_address(user):
        return 0  # never to an empty address
    _digest, created = Digest.objects.get_or_create(
        user=user, sent_on=today, defaults={"count": len(items)}
    )
    if not created:
        return 0  # another run got there first
    language = preference_get(user=user).language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject, body = _digest_text(user, items)
    send_mail(subject, body, None, [user.email])
    Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
    return 1


def job_finished_notify(*, job: Any) -> Notification | None:
    """The owner of an import, export or rebuild hears that it ended."""
    owner = getattr(job, "owner", None)
    if owner is None:
        return None
    failed = str(getattr(job, "status", "")) == "failed"
    params = {
        "job": getattr(job, "title", "") or getattr(job, "kind", ""),
        "kind": getattr(job, "kind", ""),
        "failed": failed,
    }
    with translation.override(settings.LANGUAGE_CODE):
        title, _body = wording.WORDS[Kind.JOB_FINISHED](params)
    return notification_create(
        user=owner,
        kind=Kind.JOB_FINISHED,
        subject=f"job:{job.pk}",
        title=title,
        params=params,
        body=getattr(job, "message", "") or "",
        link=_page_of(getattr(job, "link", "")),
    )


_IMPORT_RECORD = re.compile(r"^/api/v1/imports/(\d+)/$")


def _page_of(link: str) -> str:
    """A notice opens a page of the web app: an import's record (/api/v1/imports/6/) opens
    the import page at the step that upload has reached (/imports?import=6: the check's
    errors, or its rows ready to commit); any other API record opens the user's jobs page."""
    if found := _IMPORT_RECORD.match(link or ""):
        return f"/imports?import={found[1]}"
    return link if link and not link.startswith("/api/") else "/jobs"


def open_for_teacher(teacher_id: int) -> bool:
    return Notification.objects.filter(
        Q(teacher_id=teacher_id), resolved_at__isnull=True, kind__in=alerts.TEACHER_KINDS
    ).exists()
