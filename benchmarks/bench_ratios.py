"""ratios/schools (first page ordered by gap) and ratios/summary: p50 of 20 calls each,
today and at a past as_of (a year ago), against a raw-SQL GROUP BY school over the teacher
table measured in the same run.

Targets: today, schools list ≤ 1.0× the baseline, summary ≤ 0.5×; a year ago (issue 10:
a lookup in the dated per-school counts, not a re-evaluation of everyone), p50 ≤ 1 s.
Run: DATABASE_URL=postgres://… BENCH_TEACHERS=… BENCH_SCHOOLS=… \
    .venv/bin/python benchmarks/bench_ratios.py
"""

from datetime import timedelta

from _country import baseline_group_by, ensure_country, p50, say
from django.utils import timezone
from rest_framework.test import APIClient
from shuangshi.accounts.models import Role, User


def main() -> None:
    schools, teachers = ensure_country()
    user = User.objects.filter(username="bench_province").first()
    if user is None:
        user = User.objects.create_user(
            username="bench_province", password="bench-only-x1", role=Role.PROVINCE
        )
    client = APIClient()
    client.force_authenticate(user=user)

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]

    base = p50(baseline_group_by)
    schools_list = p50(lambda: get("/api/v1/ratios/schools/?ordering=gap"))
    summary = p50(lambda: get("/api/v1/ratios/summary/"))
    say(f"size: {schools:,} schools, {teachers:,} teachers")
    say(f"baseline GROUP BY school over teachers  p50 {base * 1000:8.1f} ms")
    say(
        f"ratios/schools?ordering=gap (page 1)     p50 {schools_list * 1000:8.1f} ms  "
        f"{schools_list / base:.3f}x baseline (target <= 1.0x) "
        f"{'OK' if schools_list <= base else 'MISSED'}"
    )
    say(
        f"ratios/summary                          p50 {summary * 1000:8.1f} ms  "
        f"{summary / base:.3f}x baseline (target <= 0.5x) "
        f"{'OK' if summary <= 0.5 * base else 'MISSED'}"
    )
    past = (timezone.localdate() - timedelta(days=365)).isoformat()
    past_schools = p50(lambda: get(f"/api/v1/ratios/schools/?ordering=gap&as_of={past}"))
    past_summary = p50(lambda: get(f"/api/v1/ratios/summary/?as_of={past}"))
    for label, value in (
        (f"ratios/schools?as_of={past} (page 1)", past_schools),
        (f"ratios/summary?as_of={past}", past_summary),
    ):
        say(
            f"{label:40s}p50 {value * 1000:8.1f} ms  {value / base:.3f}x baseline "
            f"(target <= 1 s) {'OK' if value <= 1.0 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
