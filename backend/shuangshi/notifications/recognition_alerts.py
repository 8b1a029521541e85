"""`recognition_expiring` and `review_waiting` (DESIGN §9) read the recognition app (§8)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from django.apps import apps
from django.db.models import Max

from shuangshi.accounts.models import Role, User

from . import recipients
from .alerts import Alert
from .models import Kind


def _installed() -> bool:
    return apps.is_installed("shuangshi.recognition")


def recognition_expiring(today: date, lead: int) -> Iterator[Alert]:
    """An active recognition ends within ``lead`` days: the teacher and their school's HR."""
    if not _installed():
        return
    from shuangshi.recognition.models import Recognition

    rows = list(
        Recognition.objects.filter(
            revoked_on__isnull=True,
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=lead),
        ).select_related("teacher")
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


def review_waiting(today: date) -> Iterator[Alert]:
    """An application waits for this user's stage: the school's HR (submitted), the province
    (approved by the school, or objected), the round's experts who have not voted yet."""
    if not _installed():
        return
    from shuangshi.recognition.models import Application, ApplicationStatus, Round, Vote

    S = ApplicationStatus
    waiting = list(
        Application.objects.filter(status__in=[S.SUBMITTED, S.SCHOOL_APPROVED, S.OBJECTED])
        .select_related("teacher", "round")
        .annotate(since=Max("events__at"))
    )
    if not waiting:
        return
    hr = recipients.school_hr(a.teacher.school_id for a in waiting)
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
        since = a.since.date() if a.since else today  # type: ignore[attr-defined]
        if a.status == S.SUBMITTED:
            users = set(hr.get(a.teacher.school_id, ()))
        elif a.status == S.OBJECTED:
            users = set(province)
        else:
            users = set(province) | {
                u.pk
                for u in experts.get(a.round_id, ())
                if u.pk not in voted[a.pk] and u.school_id != a.teacher.school_id
            }
        if not users:
            continue
        yield Alert(
            kind=Kind.REVIEW_WAITING,
            subject=f"application:{a.pk}:{a.status}",
            due_on=since,
            users=tuple(sorted(users)),
            params={"name": a.teacher.name, "round": a.round.name, "status": a.status},
            link=f"/recognition?application={a.pk}",
            teacher_id=a.teacher_id,
        )
