"""Practical shares per school and term against the target `practical_hours_share`."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Max, QuerySet, Sum

from shuangshi.qualification.models import TargetCode
from shuangshi.qualification.selectors import target_get
from shuangshi.schools.models import School

from .models import TeachingHours


def share_target() -> Decimal:
    return target_get(TargetCode.PRACTICAL_HOURS_SHARE).value


def meets(practical: int, total: int, target: Decimal) -> bool | None:
    """At least the target (not strictly more); None without any hours."""
    if total <= 0:
        return None
    return Fraction(practical, total) >= Fraction(str(target))


def latest_term(rows: QuerySet[TeachingHours]) -> str | None:
    return rows.aggregate(term=Max("term"))["term"]


def school_shares(
    rows: QuerySet[TeachingHours], schools: QuerySet[School], term: str | None
) -> dict[str, Any]:
    """Per school, the term's total and practical hours (all major categories together)."""
    term = term or latest_term(rows)
    target = share_target()
    sums = {
        r["school_id"]: (r["total"] or 0, r["practical"] or 0)
        for r in rows.filter(term=term)
        .values("school_id")
        .annotate(total=Sum("total_hours"), practical=Sum("practical_hours"))
    }
    out = []
    for school in schools.order_by("code"):
        total, practical = sums.get(school.pk, (0, 0))
        out.append(
            {
                "school": {"id": school.pk, "code": school.code, "name": school.name},
                "term": term,
                "total_hours": total,
                "practical_hours": practical,
                "practical_share": round(practical / total, 4) if total else None,
                "meets_target": meets(practical, total, target),
            }
        )
    return {"term": term, "target": float(target), "schools": out}


def province_share(term: str | None = None) -> float | None:
    rows = TeachingHours.objects.all()
    term = term or latest_term(rows)
    agg = rows.filter(term=term).aggregate(t=Sum("total_hours"), p=Sum("practical_hours"))
    if not agg["t"]:
        return None
    return round(agg["p"] / agg["t"], 4)
