"""The alert kinds of DESIGN §9: which subjects are due, and for whom.

Each finder returns :class:`Alert` values (kind, subject, due date, recipients, text). The
daily job stores them once per (user, kind, subject, due date); an alert that no longer
holds (the certificate was renewed, new practice was logged) is marked resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db.models import Q

from shuangshi.duty import rules as duty
from shuangshi.duty import selectors as duty_selectors
from shuangshi.qualification import engine, forecast, selectors
from shuangshi.qualification.models import TeacherQualification
from shuangshi.schools.models import School
from shuangshi.teachers.models import Certificate, EnterprisePeriod, RecordStatus, Teacher

from . import recipients
from .models import AlertSettings, Kind

CONFIRMED = RecordStatus.CONFIRMED  # only confirmed records count in any rule
_LEVEL_RANK = {level: i for i, level in enumerate(engine.LEVELS)}
TEACHER_KINDS = (Kind.CERTIFICATE_EXPIRING, Kind.PRACTICE_LAPSING, Kind.LEVEL_DROPPING)
# Kinds the daily job recomputes in full: an open alert it no longer finds is resolved.
SCANNED_KINDS = (*TEACHER_KINDS, Kind.SCHOOL_FALLING_BELOW, Kind.RECOGNITION_EXPIRING)


@dataclass(frozen=True, slots=True)
class Alert:
    kind: str
    subject: str
    due_on: date
    users: tuple[int, ...]
    params: dict[str, Any]  # what `wording.WORDS[kind]` words it from
    link: str
    teacher_id: int | None = None


def _employed(on: date, teacher: str = "teacher__") -> Q:
    """Rows of teachers still employed on ``on`` (``teacher``: the path to the teacher)."""
    return Q(**{f"{teacher}left_on__isnull": True}) | Q(**{f"{teacher}left_on__gte": on})


def _teacher_users(teacher_school: dict[int, int]) -> dict[int, tuple[int, ...]]:
    """teacher id → the teacher's own accounts and their school's HR."""
    hr = recipients.school_hr(teacher_school.values())
    own = recipients.teachers(teacher_school)
    return {
        tid: tuple(sorted({*own.get(tid, ()), *hr.get(sid, ())}))
        for tid, sid in teacher_school.items()
    }


# --------------------------------------------------------------------------- certificates


def certificate_expiring(
    today: date, lead: int, teacher_ids: Sequence[int] | None = None
) -> list[Alert]:
    """A certificate whose expiry lowers the teacher's level expires within ``lead`` days."""
    certs = Certificate.objects.filter(
        expires_on__gte=today, expires_on__lte=today + timedelta(days=lead), status=CONFIRMED
    ).filter(_employed(today))
    if teacher_ids is not None:
        certs = certs.filter(teacher_id__in=teacher_ids)
    rows = list(certs.values_list("pk", "teacher_id", "kind", "level", "issued_on", "expires_on"))
    if not rows:
        return []
    _version, profile = selectors.profile_current()
    loaded = {item.teacher_id: item for item in selectors.records_for_ids(r[1] for r in rows)}
    names = dict(Teacher.objects.filter(pk__in=loaded).values_list("pk", "name"))
    found: list[tuple[int, int, date, str, str]] = []
    for cid, tid, kind, level, issued_on, expires_on in rows:
        item = loaded.get(tid)
        if item is None or expires_on is None:
            continue
        after = expires_on + timedelta(days=1)
        lapsed = engine.evaluate(item.record, after, profile).level
        renewed = _renewed(item, kind, level, issued_on, expires_on)
        kept = engine.evaluate(renewed.record, after, profile)
        if _LEVEL_RANK[lapsed] < _LEVEL_RANK[kept.level]:
            found.append((cid, tid, expires_on, kept.level, lapsed))
    users = _teacher_users({tid: loaded[tid].school_id for _c, tid, *_ in found})
    return [
        Alert(
            kind=Kind.CERTIFICATE_EXPIRING,
            subject=f"certificate:{cid}",
            due_on=expires_on,
            users=users[tid],
            params={
                "name": names.get(tid, ""),
                "date": expires_on.isoformat(),
                "before": before,
                "after": after,
            },
            link=f"/teachers/{tid}?certificate={cid}",
            teacher_id=tid,
        )
        for cid, tid, expires_on, before, after in found
    ]


def _renewed(
    item: selectors.Loaded, kind: str, level: str, issued_on: date, expires_on: date
) -> selectors.Loaded:
    """The teacher's rows with this one certificate never expiring."""
    certs = list(item.certificates)
    for i, c in enumerate(certs):
        if (c.kind, c.level, c.issued_on, c.expires_on) == (kind, level, issued_on, expires_on):
            certs[i] = c._replace(expires_on=None)
            break
    return item._replace(certificates=certs)


# --------------------------------------------------------------------------- practice


def practice_lapsing(
    today: date, lead: int, teacher_ids: Sequence[int] | None = None
) -> list[Alert]:
    """The practice duty (E_PRACTICE's 6 months in 5 years) stops being met within ``lead``,
    for the teachers who owe it: practice-duty/'s (duty.selectors.owing), so the alert and
    the duty list never disagree on who is short."""
    _version, profile = selectors.profile_current()
    years, need = profile.practice_window_years, profile.practice_min_days
    # Whoever meets the duty today has practice that ended inside today's window.
    recent = EnterprisePeriod.objects.filter(
        Q(end_on__isnull=True) | Q(end_on__gte=engine.add_years(today, -years)),
        status=CONFIRMED,
    )
    if teacher_ids is not None:
        recent = recent.filter(teacher_id__in=teacher_ids)
    rows = (
        EnterprisePeriod.objects.filter(
            teacher__in=duty_selectors.owing(Teacher.objects.all(), today).values("pk"),
            teacher_id__in=recent.values("teacher_id"),  # one query: no long id lists
            status=CONFIRMED,
        )
        .order_by("teacher_id")
        .values_list("teacher_id", "teacher__school_id", "teacher__name", "start_on", "end_on")
    )
    found: list[tuple[int, date]] = []
    info: dict[int, tuple[int, str]] = {}
    last = today + timedelta(days=lead)
    for tid, group in groupby(rows.iterator(chunk_size=20000), key=itemgetter(0)):
        items = list(group)
        spans = [(start_on, end_on) for *_rest, start_on, end_on in items]
        if duty.days_in_window(spans, today, years=years) < need:
            continue
        lapses = duty.lapses_on(spans, today, years=years, need=need, until=last)
        if lapses is not None and lapses <= last:
            found.append((tid, lapses))
            info[tid] = (items[0][1], items[0][2])  # school, name
    users = _teacher_users({tid: info[tid][0] for tid, _d in found})
    return [
        Alert(
            kind=Kind.PRACTICE_LAPSING,
            subject=f"practice:{tid}",
            due_on=on,
            users=users[tid],
            params={"name": info[tid][1], "date": on.isoformat(), "days": need, "years": years},
            link=f"/teachers/{tid}",
            teacher_id=tid,
        )
        for tid, on in found
    ]


# --------------------------------------------------------------------------- level


def level_dropping(today: date, lead: int, teacher_ids: Sequence[int] | None = None) -> list[Alert]:
    """The stored result ends within ``lead`` days and the level is lower after it.

    Whatever the ratio's scope: a part-time or public-course teacher's page shows a level
    too (and `certificate_expiring` tells them of its drop). The engine's level does not end
    with a post, so leaving alone is never a drop; a teacher who has left is told nothing.
    When the level does drop, a teacher in scope today and out of it by then (leaving,
    turning part-time) is told it goes to none, as before; one never in scope, the level
    their page will show.
    """
    version, profile = selectors.profile_current()
    rows = TeacherQualification.objects.filter(
        _employed(today),
        qualified=True,
        profile_version=version,
        valid_until__gt=today,
        valid_until__lte=today + timedelta(days=lead),
    )
    if teacher_ids is not None:
        rows = rows.filter(teacher_id__in=teacher_ids)
    stored = {
        tid: (level, until, in_scope)
        for tid, level, until, in_scope in rows.values_list(
            "teacher_id", "level", "valid_until", "in_scope"
        )
    }
    found: list[tuple[int, int, date, str, str]] = []
    ids = list(stored)
    for i in range(0, len(ids), 20000):
        for item in selectors.records_for_ids(ids[i : i + 20000]):
            before, until, in_scope = stored[item.teacher_id]
            if until is None:
                continue
            after = engine.evaluate(item.record, until, profile)
            if _LEVEL_RANK[after.level] >= _LEVEL_RANK[before]:
                continue  # the level holds or rises: leaving scope alone is no drop
            # Out of the ratio's scope by then (having been in it): no longer counted, none.
            level_after = "none" if in_scope and not after.in_scope else after.level
            found.append((item.teacher_id, item.school_id, until, before, level_after))
    names = dict(Teacher.objects.filter(pk__in=[f[0] for f in found]).values_list("pk", "name"))
    users = _teacher_users({tid: sid for tid, sid, *_ in found})
    return [
        Alert(
            kind=Kind.LEVEL_DROPPING,
            subject=f"level:{tid}",
            due_on=until,
            users=users[tid],
            params={
                "name": names.get(tid, ""),
                "date": until.isoformat(),
                "before": before,
                "after": after,
            },
            link=f"/teachers/{tid}",
            teacher_id=tid,
        )
        for tid, _sid, until, before, after in found
    ]


def teachers_awaiting_rebuild() -> Any:
    """The teachers whose stored result is of an older rule profile than the one in force (a
    rebuild is pending): `level_dropping` does not read them, so it cannot tell whether their
    level drops (a queryset of teacher ids, for ``__in``)."""
    version, _profile = selectors.profile_current()
    return TeacherQualification.objects.exclude(profile_version=version).values("teacher_id")


# --------------------------------------------------------------------------- schools


def school_falling_below(today: date, lead: int) -> list[Alert]:
    """The school's forecast stops meeting the target within ``lead`` days."""
    falling = forecast.schools_falling_below(days=lead, on=today)
    if not falling:
        return []
    schools = {s.pk: s for s in School.objects.filter(pk__in=falling)}
    hr = recipients.school_hr(falling)
    cities = recipients.city_users(s.city_id for s in schools.values())
    province = recipients.province_users()
    out = []
    for sid, on in sorted(falling.items()):
        school = schools.get(sid)
        if school is None:
            continue
        users = {*hr.get(sid, ()), *cities.get(school.city_id, ()), *province}
        out.append(
            Alert(
                kind=Kind.SCHOOL_FALLING_BELOW,
                subject=f"school:{sid}",
                due_on=on,
                users=tuple(sorted(users)),
                params={"school": school.name, "date": on.isoformat()},
                link=f"/schools/{sid}",
            )
        )
    return out


# --------------------------------------------------------------------------- all of them


def settings_current() -> AlertSettings:
    return AlertSettings.objects.filter(pk=1).first() or AlertSettings(pk=1)


def teacher_alerts(
    today: date, lead: AlertSettings, teacher_ids: Sequence[int] | None = None
) -> Iterator[Alert]:
    yield from certificate_expiring(today, lead.certificate_expiring_days, teacher_ids)
    yield from practice_lapsing(today, lead.practice_lapsing_days, teacher_ids)
    yield from level_dropping(today, lead.level_dropping_days, teacher_ids)


def all_alerts(today: date, lead: AlertSettings) -> Iterable[Alert]:
    yield from teacher_alerts(today, lead)
    yield from school_falling_below(today, lead.school_falling_below_days)
    from . import recognition_alerts  # the recognition app may not be installed yet

    yield from recognition_alerts.recognition_expiring(today, lead.recognition_expiring_days)
    yield from recognition_alerts.review_waiting(today)
