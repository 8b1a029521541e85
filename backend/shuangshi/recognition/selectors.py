"""Reads for recognition: what each role may see, eligibility under a round's rule version,
and recognized counts per school at a date."""

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import in_school_scope
from shuangshi.qualification import engine
from shuangshi.qualification import selectors as qualification
from shuangshi.teachers.models import Teacher, TeacherFact

from .models import (
    LEVELS,
    Application,
    ApplicationStatus,
    EvidenceFile,
    Objection,
    Recognition,
    Round,
)


def rounds_visible_to(user: User) -> QuerySet[Round]:
    """Every signed-in role reads the rounds; experts only those assigned to them."""
    rounds = Round.objects.prefetch_related("experts")
    if getattr(user, "role", None) == Role.EXPERT:
        return rounds.filter(experts=user)
    return rounds


def round_code_taken(code: str, *, exclude: int | None = None) -> bool:
    """Whether another round has this code, in any case (R2026 and r2026 are one)."""
    rounds = Round.objects.filter(code__iexact=code)
    if exclude is not None:
        rounds = rounds.exclude(pk=exclude)
    return rounds.exists()


def person_name(user: User) -> str:
    """A person as a reader knows them: a teacher account is its teacher; any other account
    its own name; its login when it has none. (Load ``teacher`` with the user.)"""
    if user.role == Role.TEACHER and user.teacher is not None:
        return str(user.teacher.name)
    return user.get_full_name() or user.username


def application_school_q(**lookup: Any) -> Q:
    """The application's school (DESIGN §8): the one that submitted it, kept when its
    teacher moves (§3 dated facts); while it is a draft (Application.school), the teacher's.
    ``lookup`` is one condition on the school, written from it (``id=3``, ``city_id=1``)."""
    ((path, value),) = lookup.items()
    return Q(**{f"school__{path}": value}) | Q(
        school__isnull=True, **{f"teacher__school__{path}": value}
    )


def applications_visible_to(user: User) -> QuerySet[Application]:
    """Province all; city and HR the applications of their schools (the school that
    submitted it, §8), a teacher their own; an expert the submitted applications of their
    rounds, never one of their own school (the submitting school, nor the teacher's now)."""
    apps = Application.objects.select_related("round", "teacher__school", "school", "recognition")
    role = getattr(user, "role", None)
    if role == Role.EXPERT:
        apps = (
            apps.filter(round__experts=user)
            .exclude(status=ApplicationStatus.DRAFT)
            # A draft withdrawn before it was ever submitted: never sent for review.
            .exclude(status=ApplicationStatus.WITHDRAWN, submitted_at__isnull=True)
        )
        if user.school_id is not None:
            apps = apps.exclude(application_school_q(id=user.school_id)).exclude(
                teacher__school_id=user.school_id
            )
        return apps
    if role == Role.CITY and user.city_id is not None:
        return apps.filter(application_school_q(city_id=user.city_id))
    if role == Role.SCHOOL_HR and user.school_id is not None:
        return apps.filter(application_school_q(id=user.school_id))
    return in_school_scope(apps, user, school="teacher__school", teacher="teacher")


PUBLIC_STATUSES = (ApplicationStatus.PUBLICIZED, ApplicationStatus.OBJECTED)


def reads_objections(user: User) -> bool:
    """Only the province reads objections (DESIGN §8); to anyone else an application under
    objection that they do not read in full reads as publicized (shown_status)."""
    return getattr(user, "role", None) == Role.PROVINCE


def _shown_status(hidden: Q) -> Case:
    """`status` as the reader reads it: publicized where ``hidden`` holds of an application
    under objection (the objection's existence is the province's to know), else its own."""
    return Case(
        When(
            hidden & Q(status=ApplicationStatus.OBJECTED), then=Value(ApplicationStatus.PUBLICIZED)
        ),
        default=F("status"),
        output_field=CharField(),
    )


def applications_in_publicity(user: User) -> QuerySet[Application]:
    """The publicity list every signed-in user may read (name, school and level only), with
    ``shown_status``: an application under objection reads as publicized but to the
    province (reads_objections)."""
    shown = F("status") if reads_objections(user) else _shown_status(Q())
    return (
        Application.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("round", "teacher__school", "school")
        .annotate(shown_status=shown)
        .order_by("round_id", "school_id", "id")
    )


def applications_to_object_to(visible: QuerySet[Application]) -> QuerySet[Application]:
    """Where an objection is filed (DESIGN §8): every application in publicity, which anyone
    signed in may object to, and those of ``visible`` (what the reader reads), which are
    found so that one not in publicity is refused in words (400), not as unknown (404)."""
    return Application.objects.filter(
        Q(status__in=PUBLIC_STATUSES) | Q(pk__in=visible.values("pk"))
    ).select_related("round", "teacher__school", "school")


def applications_with_publicized(visible: QuerySet[Application]) -> QuerySet[Application]:
    """The applications list asked for ?status=publicized (DESIGN §8: the publicity list is
    open to every signed-in user): those of ``visible`` (what the reader reads in full) and
    every one in publicity. ``in_full`` marks the former; the others read as a publicity row
    (name, school and level only), one under objection as publicized (``shown_status``, what
    ?status= filters: the province alone reads objections)."""
    return (
        Application.objects.filter(Q(pk__in=visible.values("pk")) | Q(status__in=PUBLIC_STATUSES))
        .select_related("round", "teacher__school", "school", "recognition")
        .annotate(in_full=Exists(visible.filter(pk=OuterRef("pk"))))
        .annotate(shown_status=_shown_status(Q(in_full=False)))
    )


def recognitions_visible_to(user: User) -> QuerySet[Recognition]:
    recognitions = Recognition.objects.select_related("round", "teacher__school")
    return in_school_scope(recognitions, user, school="teacher__school", teacher="teacher")


def evidence_visible_to(user: User) -> QuerySet[EvidenceFile]:
    """Scoped like the teacher; an expert reads the files of the applications they see, and
    so does the school (or city) an application of a teacher who has moved belongs to."""
    files = EvidenceFile.objects.select_related("teacher")
    seen = Exists(applications_visible_to(user).filter(evidence=OuterRef("pk")))
    role = getattr(user, "role", None)
    if role == Role.EXPERT:
        return files.filter(seen)
    if role in (Role.CITY, Role.SCHOOL_HR):
        own = in_school_scope(files, user, school="teacher__school", teacher="teacher")
        return files.filter(Q(pk__in=own.values("pk")) | seen)
    return in_school_scope(files, user, school="teacher__school", teacher="teacher")


def evidence_frozen(evidence: EvidenceFile) -> bool:
    """Attached to an application that has been submitted (its history keeps the file)."""
    return evidence.applications.filter(submitted_at__isnull=False).exists()


def open_objections(application: Application) -> QuerySet[Objection]:
    return application.objections.filter(status="open")


def eligibility(teacher: Teacher, round: Round, on: date) -> dict[str, Any]:
    """The §4 result for this teacher on `on` under the round's frozen rule version."""
    loaded = qualification.records_for_ids([teacher.pk])
    profile = qualification.profile_by_version(round.rule_version)
    ev = engine.evaluate(loaded[0], on, profile)  # type: ignore[arg-type]
    payload = {
        "level": ev.level,
        "qualified": ev.qualified,
        "in_scope": ev.in_scope,
        "reasons": [r.as_dict() for r in ev.reasons],
        "missing": [m.as_dict() for m in ev.missing],
        "valid_until": ev.valid_until.isoformat() if ev.valid_until else None,
        "rule_version": round.rule_version,
        "evaluated_on": on.isoformat(),
    }
    # Stored as JSON: dates in reasons and missing items become ISO strings.
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder))


def active_on(on: date) -> Q:
    """Recognitions in force on `on` (prefix-free: for Recognition querysets)."""
    return Q(recognized_on__lte=on, valid_until__gte=on) & (
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=on)
    )


def recognitions_in_force(on: date) -> QuerySet[Recognition]:
    """Recognitions in force on ``on`` (active_on), the one that counts first: the highest
    level (LEVELS), the latest to end among equals (the teacher list's rows read it, in SQL
    on PostgreSQL: teachers.selectors._rows_sql_parts)."""
    rank = Case(
        *(When(level=name, then=n) for n, name in enumerate(LEVELS, 1)),
        default=0,
        output_field=IntegerField(),
    )
    return Recognition.objects.filter(active_on(on)).order_by(rank.desc(), "-valid_until", "-pk")


def recognition_status_q(status: str, on: date) -> Q:
    """Recognitions whose status on ``on`` is ``status`` (rules.recognition_status)."""
    revoked = Q(revoked_on__isnull=False, revoked_on__lte=on)
    if status == "revoked":
        return revoked
    if status == "expired":
        return ~revoked & Q(valid_until__lt=on)
    return ~revoked & Q(valid_until__gte=on)


def _columns_hold(on: date) -> Q:
    """Teachers whose columns are their facts on ``on``: no dated fact starts after it (or
    none past hired_on, which the loader reads as no history; qualification.selectors)."""
    return (
        Q(teacher__facts_since__isnull=True)
        | Q(teacher__facts_since__lte=on)
        | Q(teacher__facts_since__lte=F("teacher__hired_on"))
    )


def _recognized_at(
    on: date, here: Q, near: Q, columns: tuple[str, ...]
) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """Teachers in scope on ``on`` (DESIGN §4: full-time, professional or practical course,
    employed) holding a recognition in force on ``on`` (§8), each at the school in effect
    on ``on`` (§3 dated facts), as the ratio beside them judges them. One statement:

    - for teachers whose columns are their facts on ``on`` (all but those with a dated
      fact after it), counted in the database: rows of ``columns`` (the school's) with
      ``n``, of those at the schools ``here`` names;
    - the others (``near``: those who may have been at the schools asked about) come back
      one by one and are judged from their facts on ``on`` (two statements more, only when
      there are any): {school on ``on``: teachers}, of any school."""
    dated = Q(teacher__facts_since__gt=on) & Q(teacher__facts_since__gt=F("teacher__hired_on"))
    in_scope = Q(
        teacher__employment="full_time",
        teacher__course_type__in=sorted(engine.IN_SCOPE_COURSES),
    )
    rows = (
        Recognition.objects.filter(active_on(on), teacher__hired_on__lte=on)
        .filter(Q(teacher__left_on__isnull=True) | Q(teacher__left_on__gte=on))
        .filter((_columns_hold(on) & in_scope & here) | (dated & near))
        .annotate(
            dated_id=Case(
                When(dated, then=F("teacher_id")), default=None, output_field=BigIntegerField()
            )
        )
        .values(*columns, "dated_id")
        .annotate(n=Count("teacher_id", distinct=True))
        .order_by()
    )
    counted: list[dict[str, Any]] = []
    ids: list[int] = []
    for row in rows:
        if row["dated_id"] is None:
            counted.append(row)
        else:
            ids.append(row["dated_id"])
    by_school: dict[int, int] = {}
    for facts in qualification.facts_on(ids, on).values():
        kind_ok = facts.employment == "full_time" and facts.course_type in engine.IN_SCOPE_COURSES
        if kind_ok and qualification.employed_on(facts, on):  # type: ignore[arg-type]
            by_school[facts.school_id] = by_school.get(facts.school_id, 0) + 1
    return counted, by_school


def _school_history(school_ids: Sequence[int] | None = None) -> Exists:
    """The teacher's dated history names a school (one of ``school_ids`` when given)."""
    rows = TeacherFact.objects.filter(teacher_id=OuterRef("teacher_id"), field="school")
    if school_ids is not None:
        rows = rows.filter(value__in=[str(s) for s in school_ids])
    return Exists(rows)


def recognized_counts(on: date, school_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Per school on `on`: in-scope teachers (full-time, professional or practical, employed
    on `on`, at the school in effect on `on`) holding a recognition in force on `on`."""
    here = near = Q()
    if school_ids is not None:
        here = Q(teacher__school_id__in=school_ids)
        near = here | Q(_school_history(school_ids))
    counted, dated = _recognized_at(on, here, near, ("teacher__school_id",))
    out = {row["teacher__school_id"]: row["n"] for row in counted}
    for school_id, n in dated.items():
        if school_ids is None or school_id in school_ids:
            out[school_id] = out.get(school_id, 0) + n
    return out


def recognized_by_school(on: date, schools: QuerySet[Any]) -> list[tuple[int, int, str, int]]:
    """(school id, city id, kind, recognized) for these schools on `on` (each teacher at the
    school in effect on `on`): one query, and three more when teachers have a dated fact
    after `on`."""
    here = Q(teacher__school__in=schools.values("pk"))
    columns = ("teacher__school_id", "teacher__school__city_id", "teacher__school__kind")
    counted, dated = _recognized_at(on, here, here | Q(_school_history()), columns)
    out = {
        r["teacher__school_id"]: [r["teacher__school__city_id"], r["teacher__school__kind"], r["n"]]
        for r in counted
    }
    if dated:
        for school_id, city_id, kind in schools.filter(pk__in=list(dated)).values_list(
            "pk", "city_id", "kind"
        ):
            row = out.setdefault(school_id, [city_id, kind, 0])
            row[2] += dated[school_id]
    return [(school_id, city_id, kind, n) for school_id, (city_id, kind, n) in out.items()]


GAP_LIMIT = 200


def _levels_afresh(teachers: QuerySet[Teacher], on: date, version: int) -> dict[int, str]:
    """{teacher id: level on ``on``, "none" when out of scope} of the teachers whose stored
    result does not answer for ``on`` (none yet, expired, or of an earlier profile), each
    evaluated now: reads are never stale (DESIGN §4), nightly run or not."""
    if on == timezone.localdate() and qualification.results_current(on):
        return {}  # two indexed look-ups: nobody's result is due (the usual case)
    due = teachers.exclude(qualification.result_holds_q(on, version)).order_by("pk")
    ids = list(due.values_list("pk", flat=True)[: qualification.DUE_LIMIT])
    if not ids:
        return {}
    profile = qualification.profile_current()[1]  # the thresholds only when someone is due
    levels = {}
    for item in qualification.records_for_ids(ids):
        ev = engine.evaluate(item.record, on, profile)  # type: ignore[arg-type]
        levels[item.teacher_id] = ev.level if ev.in_scope else "none"
    return levels


def _total(rows: QuerySet[Any]) -> tuple[list[Any], int]:
    """The first GAP_LIMIT rows and how many there are in all: counted (without loading
    them) only when the list is cut short."""
    first = list(rows[:GAP_LIMIT])
    return first, rows.count() if len(first) == GAP_LIMIT else len(first)


def recognition_gaps(user: User, on: date, school_id: int | None = None) -> dict[str, Any]:
    """Two work lists beside the ratios: teachers the rules say qualify who hold no
    recognition in force (they should apply), and holders of a recognition in force whose
    computed verdict no longer qualifies them (to review), up to GAP_LIMIT rows each with
    their true totals. From the stored results that hold on ``on``, and a fresh evaluation
    of the teachers whose result is due."""
    from shuangshi.accounts.scope import teachers_visible_to

    teachers = teachers_visible_to(user)
    if school_id is not None:
        teachers = teachers.filter(school_id=school_id)
    version = qualification.profile_version_current()
    afresh = _levels_afresh(teachers, on, version)
    qualified_afresh = [pk for pk, level in afresh.items() if level != "none"]
    holds = qualification.result_holds_q(on, version)
    stored_qualified = Q(qualification__in_scope=True) & ~Q(qualification__level="none")
    holders = Recognition.objects.filter(active_on(on)).values("teacher_id")
    should_apply = (
        teachers.exclude(pk__in=holders)
        .filter((holds & stored_qualified) | Q(pk__in=qualified_afresh))
        .select_related("school", "qualification")
        .order_by("school_id", "name")
    )
    lapsed = (
        Recognition.objects.filter(active_on(on), teacher__in=teachers)
        .filter(
            (
                qualification.result_holds_q(on, version, "teacher__")
                & (
                    Q(teacher__qualification__level="none")
                    | Q(teacher__qualification__in_scope=False)
                )
            )
            | Q(teacher_id__in=[pk for pk, level in afresh.items() if level == "none"])
        )
        .select_related("teacher__school", "round")
        .order_by("teacher__school_id", "teacher__name")
    )
    should_apply_rows, should_apply_total = _total(should_apply)
    lapsed_rows, lapsed_total = _total(lapsed)
    return {
        "should_apply_total": should_apply_total,
        "no_longer_qualified_total": lapsed_total,
        "limit": GAP_LIMIT,
        "should_apply": [
            {
                "teacher": t.pk,
                "teacher_name": t.name,
                "school_name": t.school.name,
                "level": afresh.get(t.pk) or t.qualification.level,
            }
            for t in should_apply_rows
        ],
        "no_longer_qualified": [
            {
                "teacher": r.teacher_id,
                "teacher_name": r.teacher.name,
                "school_name": r.teacher.school.name,
                "level": r.level,
                "certificate_no": r.certificate_no,
                "recognition": r.pk,
            }
            for r in lapsed_rows
        ],
    }
