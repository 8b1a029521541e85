"""Demo practical teaching hours for the last two terms (called by seed_demo).

Idempotent: a school that already has hours for a term gets none added.
"""

import random
from datetime import date

from shuangshi.schools.models import School

from . import services
from .models import TeachingHours
from .terms import term_code, term_of


def recent_terms(today: date, count: int = 2) -> list[str]:
    """The terms that started before today, newest last: 2025-2026-2 then 2026-2027-1 …"""
    terms = []
    y, t = term_of(today)
    for _ in range(count):
        terms.append(term_code(y, t))
        y, t = (y, 1) if t == 2 else (y - 1, 2)
    return list(reversed(terms))


def load_hours_demo(*, rng: random.Random, today: date) -> int:
    created = 0
    for term in recent_terms(today):
        done = set(TeachingHours.objects.filter(term=term).values_list("school_id", flat=True))
        for school in School.objects.order_by("code"):
            if school.pk in done:
                continue
            total = rng.randrange(6000, 20000, 100)
            share = rng.uniform(0.38, 0.68)  # some schools below the 50% line
            services.teaching_hours_create(
                data={
                    "school": school,
                    "term": term,
                    "total_hours": total,
                    "practical_hours": int(total * share),
                }
            )
            created += 1
    return created
