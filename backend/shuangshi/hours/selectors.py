"""Practical shares per school and term against the target `practical_hours_share`."""

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from shuangshi.qualification.engine import api_share
from shuangshi.qualification.models import TargetCode
from shuangshi.qualification.selectors import target_get
from shuangshi.schools.models import School

from .models import TeachingHours
from .terms import current_term


def share_target() -> Decimal:
    return target_get(TargetCode.PRACTICAL_HOURS_SHARE).value


def meets(practical: int, total: int, target: Decimal) -> bool | None:
    """At least the target (not strictly more); None without any hours."""
    if total <= 0:
        return None
    return Fraction(practical, total) >= Fraction(str(target))


def latest_term(rows: QuerySet[TeachingHours], day: date | None = None) -> str | None:
    """The default term: the latest with hours, not after the one in effect on ``day``
    (default today), so hours stored ahead (next year's plan) do not take over every page
    before their term begins, and a past-dated page reads the term it was then."""
    now = current_term(day or timezone.localdate())
    return rows.filter(term__lte=now).aggregate(term=Max("term"))["term"]


def term_totals(rows: QuerySet[TeachingHours], term: str | None) -> dict[int, tuple[int, int]]:
    """Per school, the term's (total, practical) hours. A school's row with a blank major
    category is its whole-school total (the template: 可留空（全校合计）): when there is one it
    is the school's figure and the category rows are its breakdown, not added to it; without
    one the category rows are summed. Every aggregate of the hours reads this."""
    whole = Q(major_category="")
    totals: dict[int, tuple[int, int]] = {}
    for r in (
        rows.filter(term=term)
        .order_by()
        .values("school_id")
        .annotate(
            wholes=Count("id", filter=whole),
            whole_total=Sum("total_hours", filter=whole),
            whole_practical=Sum("practical_hours", filter=whole),
            parts_total=Sum("total_hours", filter=~whole),
            parts_practical=Sum("practical_hours", filter=~whole),
        )
    ):
        if r["wholes"]:
            totals[r["school_id"]] = (r["whole_total"] or 0, r["whole_practical"] or 0)
        else:
            totals[r["school_id"]] = (r["parts_total"] or 0, r["parts_practical"] or 0)
    return totals


def school_shares(
    rows: QuerySet[TeachingHours],
    schools: QuerySet[School],
    term: str | None,
    as_of: date | None = None,
) -> dict[str, Any]:
    """Per school, the term's total and practical hours (`term_totals`); without a term, the
    `latest_term` on ``as_of``."""
    term = term or latest_term(rows, as_of)
    target = share_target()
    sums = term_totals(rows, term)
    out = []
    for school in schools.order_by("code"):
        total, practical = sums.get(school.pk, (0, 0))
        out.append(
            {
                "school": {"id": school.pk, "code": school.code, "name": school.name},
                "term": term,
                "total_hours": total,
                "practical_hours": practical,
                "practical_share": api_share(practical / total) if total else None,
                "meets_target": meets(practical, total, target),
            }
        )
    return {"term": term, "target": float(target), "schools": out}


def province_share(term: str | None = None) -> float | None:
    """The province's share in a term (default: `latest_term`): every school's `term_totals`."""
    rows = TeachingHours.objects.all()
    term = term or latest_term(rows)
    sums = term_totals(rows, term).values()
    total = sum(t for t, _p in sums)
    if not total:
        return None
    return api_share(sum(p for _t, p in sums) / total)


def term_rows(
    school_id: int, term: str, *, exclude: int | None = None
) -> dict[str, tuple[int, int]]:
    """A school's rows of a term (but ``exclude``), major category → (total, practical):
    what hours.validation.whole_and_parts_errors checks a row written against."""
    rows = TeachingHours.objects.filter(school_id=school_id, term=term)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return {
        major: (total, practical)
        for major, total, practical in rows.values_list(
            "major_category", "total_hours", "practical_hours"
        )
    }
