"""`recognition_expiring` and `review_waiting` (DESIGN §9) read the recognition app (§8)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from shuangshi.accounts.models import Role, User

from . import recipients
from .alerts import Alert
from .models import Kind


def _installed() -> bool:
    return apps.is_installed("shuangshi.recognition")


def recognition_expiring(today: date, lead: int) -> Iterator[Alert]:
    """An active recognition ends within ``lead`` days: the teacher and their school's HR.
    Not for a teacher who has left, nor when a newer recognition (a later round's) lasts
    beyond it: nothing needs renewing."""
    if not _installed():
        return
    from shuangshi.recognition.models import Recognition

    outlasted = Recognition.objects.filter(
        teacher=OuterRef("teacher"),
        revoked_on__isnull=True,
        valid_until__gt=OuterRef("valid_until"),
    )
    rows = list(
        Recognition.objects.filter(
            Q(teacher__left_on__isnull=True) | Q(teacher__left_on__gte=today),
            revoked_on__isnull=True,
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=lead),
        )
        .exclude(Exists(outlasted))
        .select_related("teacher")
    )
    hr = recipients.school_hr(r.teacher.school_id for r in rows)
    own = recipients.teachers(r.teacher_id for r in rows)
    for r in rows:
        yield Alert(
            kind=Kind.RECOGNITION_EXPIRING,
            subject=f"recognition:{r.pk}",
            due_on=r.valid_until,
            users=tuple(sorted({*own.get(r.teacher_id, ()), *hr.get(r.teacher.school_id, ())})),
            params={
                "name": r.teacher.name,
                "number": r.certificate_no,
                "date": r.valid_until.isoformat(),
            },
            link=f"/recognition/certificates/{r.pk}",
            teacher_id=r.teacher_id,
        )


def _entered(steps: Iterable[tuple[str, datetime]]) -> datetime | None:
    """When the application entered its current status, from its steps in order: the last
    step that changed the status. A vote never does (the application stays with the
    province), nor does a revocation (of a recognition, after the application ended), nor an
    objection to an application already objected to."""
    from shuangshi.recognition.models import Stage

    since: datetime | None = None
    previous = ""
    for stage, at in steps:
        if stage in (Stage.VOTE, Stage.REVOKE):
            continue
        if not (stage == Stage.OBJECTION and previous == Stage.OBJECTION):
            since = at
        previous = stage
    return since


def _entered_on(application_ids: list[int]) -> dict[int, date]:
    """application id → the (local) date it entered its current status."""
    from shuangshi.recognition.models import ApplicationEvent, Stage

    steps: dict[int, list[tuple[str, datetime]]] = defaultdict(list)
    rows = (
        ApplicationEvent.objects.filter(application_id__in=application_ids)
        .exclude(stage__in=[Stage.VOTE, Stage.REVOKE])  # never a change of status
        .order_by("application_id", "at", "id")
        .values_list("application_id", "stage", "at")
    )
    for app_id, stage, at in rows:
        steps[app_id].append((stage, at))
    out: dict[int, date] = {}
    for app_id, app_steps in steps.items():
        since = _entered(app_steps)
        if since is not None:
            out[app_id] = timezone.localdate(since)
    return out


def review_subject(application_id: int, status: str) -> str:
    """A `review_waiting` alert's subject: the application and the stage (status) it waits
    at; with ``status`` "" the prefix of all the application's."""
    return f"application:{application_id}:{status}"


def waiting_statuses() -> tuple[str, ...]:
    """The statuses at which an application waits for a review."""
    from shuangshi.recognition.models import ApplicationStatus as S

    return (S.SUBMITTED, S.SCHOOL_APPROVED, S.OBJECTED)


def _waiting(
    round_ids: Iterable[int] | None = None, application_ids: Iterable[int] | None = None
) -> QuerySet[Any]:
    """The applications waiting for a review (of these rounds; these applications)."""
    from shuangshi.recognition.models import Application

    waiting = Application.objects.filter(status__in=waiting_statuses())
    if round_ids is not None:
        waiting = waiting.filter(round_id__in=list(round_ids))
    if application_ids is not None:
        waiting = waiting.filter(pk__in=list(application_ids))
    return waiting


def review_subjects(round_ids: Iterable[int]) -> list[str]:
    """The subjects of the `review_waiting` alerts the rounds' applications may have open
    now: each waiting application's, at the stage it is at."""
    return [
        review_subject(pk, status) for pk, status in _waiting(round_ids).values_list("pk", "status")
    ]


def review_waiting(
    today: date,
    round_ids: Iterable[int] | None = None,
    application_ids: Iterable[int] | None = None,
) -> Iterator[Alert]:
    """An application waits for this user's stage: the school's HR (submitted), the province
    (approved by the school, or objected), the round's experts who have not voted yet. Its
    due date is the day the application entered that status, so a vote or a further
    objection adds no alert: one alert per application and stage reached. ``round_ids``:
    only those rounds' applications (their experts changed); ``application_ids``: only
    those applications (their status changed)."""
    if not _installed():
        return
    from shuangshi.recognition.models import ApplicationStatus, Round, Vote

    S = ApplicationStatus
    waiting = list(_waiting(round_ids, application_ids).select_related("teacher", "round"))
    if not waiting:
        return
    entered = _entered_on([a.pk for a in waiting])
    # The school that submitted it reviews it, wherever the teacher works now (§8).
    school_of = {a.pk: a.school_id or a.teacher.school_id for a in waiting}
    hr = recipients.school_hr(school_of.values())
    province = recipients.province_users()
    experts: dict[int, list[User]] = defaultdict(list)
    round_ids = {a.round_id for a in waiting if a.status == S.SCHOOL_APPROVED}
    memberships = Round.experts.through.objects.filter(
        round_id__in=round_ids, user__is_active=True, user__role=Role.EXPERT
    ).select_related("user")
    for m in memberships:
        experts[m.round_id].append(m.user)
    voted: dict[int, set[int]] = defaultdict(set)
    approved = [a.pk for a in waiting if a.status == S.SCHOOL_APPROVED]
    for app_id, expert_id in Vote.objects.filter(application_id__in=approved).values_list(
        "application_id", "expert_id"
    ):
        voted[app_id].add(expert_id)
    for a in waiting:
        # An application without steps (older data): the day it was submitted, else created.
        fallback = a.submitted_at or a.created_at
        since = entered.get(a.pk) or (timezone.localdate(fallback) if fallback else today)
        if a.status == S.SUBMITTED:
            users = set(hr.get(school_of[a.pk], ()))
        elif a.status == S.OBJECTED:
            users = set(province)
        else:
            users = set(province) | {
                u.pk
                for u in experts.get(a.round_id, ())
                if u.pk not in voted[a.pk]
                and u.school_id not in (school_of[a.pk], a.teacher.school_id)
            }
        if not users:
            continue
        yield Alert(
            kind=Kind.REVIEW_WAITING,
            subject=review_subject(a.pk, a.status),
            due_on=since,
            users=tuple(sorted(users)),
            params={"name": a.teacher.name, "round": a.round.name, "status": a.status},
            link=f"/recognition?application={a.pk}",
            teacher_id=a.teacher_id,
        )
