"""Writes of the notifications app: storing alerts, reading them, e-mail choice, lead times,
the daily digest."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shuangshi.accounts.models import User

from . import alerts, wording
from .alerts import Alert
from .models import LEAD_FIELDS, AlertSettings, Digest, Kind, Notification, Preference


class StaleSettings(Exception):
    """The lead times were changed since the client read them."""

    def __init__(self, current: AlertSettings) -> None:
        self.current = current


# --------------------------------------------------------------------------- storing alerts


def _store(found: Iterable[Alert]) -> tuple[int, set[tuple[str, str, date]]]:
    """Create each (user, kind, subject, due date) once; return how many were new and the
    alert keys that hold now. The title and body are stored in the default language too,
    for the digest; the API words them again in each reader's (`wording`)."""
    keys: set[tuple[str, str, date]] = set()
    rows: list[Notification] = []
    with translation.override(settings.LANGUAGE_CODE):
        for alert in found:
            keys.add((alert.kind, alert.subject, alert.due_on))
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
    before = Notification.objects.count()
    Notification.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return Notification.objects.count() - before, keys


def _resolve(open_alerts: Any, holding: set[tuple[str, str, date]], now: Any) -> int:
    """Mark resolved the open alerts whose condition no longer holds."""
    gone = [
        pk
        for pk, kind, subject, due_on in open_alerts.values_list("pk", "kind", "subject", "due_on")
        if (kind, subject, due_on) not in holding
    ]
    for i in range(0, len(gone), 5000):
        Notification.objects.filter(pk__in=gone[i : i + 5000]).update(resolved_at=now)
    return len(gone)


@transaction.atomic
def alerts_daily(*, on: date | None = None) -> dict[str, int]:
    """Create every alert that is due (once per user, subject and due date) and resolve those
    that no longer hold. Running it twice on a day creates nothing the second time."""
    today = on or timezone.localdate()
    lead = alerts.settings_current()
    with translation.override(settings.LANGUAGE_CODE):
        created, holding = _store(alerts.all_alerts(today, lead))
    open_alerts = Notification.objects.filter(resolved_at__isnull=True).filter(
        Q(kind__in=alerts.SCANNED_KINDS, due_on__gte=today) | Q(kind=Kind.REVIEW_WAITING)
    )
    resolved = _resolve(open_alerts, holding, timezone.now())
    return {"created": created, "resolved": resolved, "subjects": len(holding)}


@transaction.atomic
def alerts_refresh_teachers(*, teacher_ids: Sequence[int], on: date | None = None) -> int:
    """After a teacher's records changed: resolve their alerts that no longer hold (a
    renewed certificate ends its `certificate_expiring` alert at once)."""
    today = on or timezone.localdate()
    open_alerts = Notification.objects.filter(
        teacher_id__in=teacher_ids,
        kind__in=alerts.TEACHER_KINDS,
        resolved_at__isnull=True,
        due_on__gte=today,
    )
    if not open_alerts.exists():
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        holding = {
            (a.kind, a.subject, a.due_on)
            for a in alerts.teacher_alerts(today, alerts.settings_current(), teacher_ids)
        }
    return _resolve(open_alerts, holding, timezone.now())


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
def notification_read(*, notification: Notification, user: User) -> Notification:
    if notification.user_id != user.pk:
        raise PermissionError
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_read_all(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --------------------------------------------------------------------------- preferences


def preference_get(*, user: User) -> Preference:
    return Preference.objects.filter(user=user).first() or Preference(user=user)


@transaction.atomic
def preference_set(
    *, user: User, email_enabled: bool | None = None, language: str | None = None
) -> Preference:
    """Change what is given (the digest on or off, its language); keep the rest."""
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
    for name in LEAD_FIELDS:
        if name in data:
            setattr(current, name, data[name])
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
    """One e-mail per user per day with what is new since their last digest; nothing for a
    user without an address, with e-mail turned off, or with nothing new."""
    today = on or timezone.localdate()
    since = timezone.now() - timedelta(days=7)
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True, resolved_at__isnull=True, created_at__gte=since
        )
        .filter(user__is_active=True)
        .exclude(user__email="")
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
        link=getattr(job, "link", "") or "/jobs",  # its record, or the user's jobs page
    )


def open_for_teacher(teacher_id: int) -> bool:
    return Notification.objects.filter(
        Q(teacher_id=teacher_id), resolved_at__isnull=True, kind__in=alerts.TEACHER_KINDS
    ).exists()
