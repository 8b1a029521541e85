"""Reads for training bases, programmes and completions, always scoped to the user."""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import in_school_scope
from shuangshi.common.idnumbers import normalize_id_number
from shuangshi.qualification.engine import add_years, api_share
from shuangshi.qualification.models import TargetCode
from shuangshi.qualification.selectors import profile_current, target_get
from shuangshi.teachers.models import Teacher

from .models import (
    BaseStatus,
    BaseStatusChange,
    Designation,
    HostKind,
    TrainingBase,
    TrainingCompletion,
    TrainingProgram,
)
from .validation import CompletionBounds

# DESIGN §1: 20 bases within 3 years of the 2023 measures (used when a stored target
# has no deadline).
DEFAULT_BASES_DEADLINE = date(2025, 12, 31)


def bases_visible_to(user: User) -> QuerySet[TrainingBase]:
    """Bases are public to the monitoring and school roles; base staff see their own base."""
    bases = TrainingBase.objects.all()
    if user.role in (Role.PROVINCE, Role.CITY, Role.SCHOOL_HR):
        return bases
    if user.role == Role.BASE_STAFF and user.training_base_id is not None:
        return bases.filter(pk=user.training_base_id)
    return bases.none()


def programs_visible_to(user: User) -> QuerySet[TrainingProgram]:
    programs = TrainingProgram.objects.all()
    if user.role in (Role.PROVINCE, Role.CITY, Role.SCHOOL_HR):
        return programs
    if user.role == Role.BASE_STAFF and user.training_base_id is not None:
        return programs.filter(base_id=user.training_base_id)
    return programs.none()


def completions_visible_to(user: User) -> QuerySet[TrainingCompletion]:
    """Base staff see what their base logged; the others see their schools' teachers."""
    completions = TrainingCompletion.objects.all()
    if user.role == Role.BASE_STAFF:
        if user.training_base_id is None:
            return completions.none()
        return completions.filter(program__base_id=user.training_base_id)
    return in_school_scope(completions, user, school="teacher__school")


def completion_teachers_for(user: User) -> QuerySet[Teacher]:
    """Teachers a completion may name by id: base staff only those their base already trained.

    Base staff reach any other teacher through the exact ID number, never by id, so they
    cannot walk the teacher table.
    """
    if user.role == Role.PROVINCE:
        return Teacher.objects.all()
    if user.role == Role.BASE_STAFF and user.training_base_id is not None:
        return Teacher.objects.filter(completions__program__base_id=user.training_base_id)
    return Teacher.objects.none()


def teacher_by_id_number(id_number: str) -> Teacher | None:
    return (
        Teacher.objects.select_related("school")
        .filter(id_number=normalize_id_number(id_number))
        .first()
    )


def program_completion_bounds(program: TrainingProgram) -> CompletionBounds:
    agg = program.completions.aggregate(
        max_hours=Max("hours"), first_on=Min("completed_on"), last_on=Max("completed_on")
    )
    return CompletionBounds(agg["max_hours"], agg["first_on"], agg["last_on"])


def status_histories(base_ids: Iterable[int]) -> dict[int, list[tuple[date, str]]]:
    """Each base's dated status changes, oldest first (one read for a whole sheet)."""
    out: dict[int, list[tuple[date, str]]] = defaultdict(list)
    rows = (
        BaseStatusChange.objects.filter(base_id__in=set(base_ids))
        .order_by("base_id", "effective_on", "id")
        .values_list("base_id", "effective_on", "status")
    )
    for base_id, effective_on, status in rows:
        out[base_id].append((effective_on, status))
    return out


def status_in(history: Sequence[tuple[date, str]], on: date) -> str:
    """The status a history gives on ``on`` (planned before its first change)."""
    status = BaseStatus.PLANNED.value
    for effective_on, value in history:
        if effective_on > on:
            break
        status = value
    return status


def base_status_on(base_id: int, on: date) -> str:
    """A base's status on ``on`` from its history (DESIGN §3; planned before any)."""
    return status_in(status_histories([base_id]).get(base_id, []), on)


def teacher_ids_trained_at(base: TrainingBase) -> list[int]:
    return list(
        TrainingCompletion.objects.filter(program__base=base)
        .values_list("teacher_id", flat=True)
        .distinct()
    )


# --------------------------------------------------------------------------- progress


@dataclass(frozen=True, slots=True)
class BasesTarget:
    count: int
    deadline: date


def bases_target() -> BasesTarget:
    """The province's stored target for training bases (kept by the qualification app)."""
    stored = target_get(TargetCode.TRAINING_BASES)
    return BasesTarget(int(stored.value), stored.deadline or DEFAULT_BASES_DEADLINE)


def _status_on(as_of: date) -> QuerySet[BaseStatusChange, Any]:
    """A base's status on ``as_of`` from its history, as a subquery on the base's pk."""
    return (
        BaseStatusChange.objects.filter(base=OuterRef("pk"), effective_on__lte=as_of)
        .order_by("-effective_on", "-id")
        .values("status")[:1]
    )


def bases_progress(*, as_of: date) -> dict[str, Any]:
    """Bases by status, designation, host kind and city against the target of 20, each
    base in the status its history gives on ``as_of`` (DESIGN §3–§4: a read answers for its
    date; a base not yet on record then counts as planned).

    A base counts towards the target when it is active; "on time" when it was also
    approved on or before the deadline.
    """
    target = bases_target()
    rows: list[dict[str, Any]] = list(
        TrainingBase.objects.annotate(status_on=Subquery(_status_on(as_of)))
        .order_by()
        .values(
            "designation",
            "host_kind",
            "approved_on",
            "city_id",
            "city__code",
            "city__name",
            "status_on",
        )
    )
    for row in rows:
        row["status"] = row.pop("status_on") or BaseStatus.PLANNED
    active = [r for r in rows if r["status"] == BaseStatus.ACTIVE]
    on_time = sum(
        1 for r in active if r["approved_on"] is not None and r["approved_on"] <= target.deadline
    )
    by_status = Counter(r["status"] for r in rows)
    cities: dict[int, dict[str, Any]] = {}
    for r in rows:
        city = cities.setdefault(
            r["city_id"],
            {
                "city": {"id": r["city_id"], "code": r["city__code"], "name": r["city__name"]},
                "total": 0,
                **dict.fromkeys(BaseStatus.values, 0),
            },
        )
        city["total"] += 1
        city[r["status"]] += 1
    deadline_passed = as_of > target.deadline
    return {
        "as_of": as_of,
        "target": {
            "count": target.count,
            "deadline": target.deadline,
            "deadline_passed": deadline_passed,
            "days_left": None if deadline_passed else (target.deadline - as_of).days,
        },
        "total": len(rows),
        "active": len(active),
        "active_on_time": on_time,
        "remaining": max(target.count - len(active), 0),
        "met": len(active) >= target.count,
        "missed": deadline_passed and on_time < target.count,
        "by_status": {s: by_status.get(s, 0) for s in BaseStatus.values},
        "by_designation": _split(rows, "designation", Designation.values),
        "by_host_kind": _split(rows, "host_kind", HostKind.values),
        "by_city": sorted(cities.values(), key=lambda c: c["city"]["code"]),
    }


def _split(rows: list[dict[str, Any]], field: str, values: list[str]) -> dict[str, Any]:
    out: dict[str, dict[str, int]] = {v: {"total": 0, "active": 0} for v in values}
    for r in rows:
        bucket = out.setdefault(r[field], {"total": 0, "active": 0})
        bucket["total"] += 1
        bucket["active"] += r["status"] == BaseStatus.ACTIVE
    return out


# --------------------------------------------------------------------------- per-base figures


def base_stats(*, bases: QuerySet[TrainingBase], as_of: date) -> list[dict[str, Any]]:
    """Per base: programmes run, completions, teachers trained, pass rate, and how many
    teachers are qualified at `as_of` only thanks to a completion at that base. Voided
    completions count in none of these (DESIGN §4), only in ``voided``."""
    bases = bases.annotate(
        program_count=Count("programs", distinct=True),
        programs_run=Count("programs", filter=Q(programs__start_on__lte=as_of), distinct=True),
    )
    figures: dict[int, dict[str, Any]] = defaultdict(
        lambda: {
            "completions": 0,
            "voided": 0,
            "passed": 0,
            "teachers": set(),
            "passed_teachers": set(),
        }
    )
    rows = (
        TrainingCompletion.objects.filter(program__base__in=bases, completed_on__lte=as_of)
        .order_by()  # summed: the list's order (newest first) would only cost a sort
        .values_list("program__base_id", "teacher_id", "passed", "voided", "hours", "completed_on")
    )
    # A pass can make E_TRAINING on as_of only with enough hours and inside the window
    # (engine._trainings): a teacher whose passes at a base all fall short cannot owe it
    # their level, so the counterfactual is not asked about them (half of the teachers at
    # national size). A day of slack on the window's edge: the engine decides exactly.
    version, profile = profile_current()
    min_hours = profile.training_min_hours
    window_from = add_years(as_of, -profile.training_window_years) - timedelta(days=1)
    for base_id, teacher_id, passed, voided, hours, completed_on in rows:
        f = figures[base_id]
        if voided:  # DESIGN §4: voided ones never count; only their number is shown
            f["voided"] += 1
            continue
        f["completions"] += 1
        f["teachers"].add(teacher_id)
        if passed:
            f["passed"] += 1
            if hours >= min_hours and completed_on >= window_from:
                f["passed_teachers"].add(teacher_id)
    through = qualified_through(
        {base_id: f["passed_teachers"] for base_id, f in figures.items()},
        as_of=as_of,
        profile=profile,
        profile_version=version,
    )
    out = []
    # Aggregating queries ignore Meta.ordering: default to code order.
    order = bases.query.order_by or ("code",)
    listed = bases.annotate(status_on=Subquery(_status_on(as_of)))
    for base in listed.select_related("city").order_by(*order):
        f = figures[base.pk]
        out.append(
            {
                "base": {
                    "id": base.pk,
                    "code": base.code,
                    "name": base.name,
                    # The status its history gives on as_of (planned before any).
                    "status": base.status_on or BaseStatus.PLANNED,  # type: ignore[attr-defined]
                    "city": base.city.name,
                },
                "programs": base.program_count,  # type: ignore[attr-defined]
                "programs_run": base.programs_run,  # type: ignore[attr-defined]
                "completions": f["completions"],
                "teachers_trained": len(f["teachers"]),
                "passed": f["passed"],
                "pass_rate": api_share(f["passed"] / f["completions"])
                if f["completions"]
                else None,
                "voided": f["voided"],
                "qualified_through": through.get(base.pk, 0),
            }
        )
    return out


def qualified_through(
    teachers_by_base: dict[int, set[int]],
    *,
    as_of: date,
    profile: Any = None,
    profile_version: int | None = None,
) -> dict[int, int]:
    """For each base, the teachers qualified at `as_of` who would not be without the
    completions they passed at that base (``profile`` and ``profile_version``: the one in
    force, if read already)."""
    from .qualifying import qualified_through_base

    return qualified_through_base(
        teachers_by_base, as_of=as_of, profile=profile, profile_version=profile_version
    )
