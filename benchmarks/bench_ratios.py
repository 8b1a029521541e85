"""ratios/schools (first page ordered by gap) and ratios/summary: p50 of 20 calls each,
today and at a past as_of (a year ago), over HTTP from gunicorn with production settings
(as a person meets them: token, middleware, throttling and all), against a raw-SQL GROUP BY
school over the teacher table measured in the same run.

Targets: today, schools list <= 1.0x the baseline, summary <= 0.5x; a year ago (issue 10:
a lookup in the dated per-school counts, not a re-evaluation of everyone), p50 <= 1 s.
Run: DATABASE_URL=postgres://… BENCH_TEACHERS=… BENCH_SCHOOLS=… \
    .venv/bin/python benchmarks/bench_ratios.py
"""

import logging
import os
from datetime import timedelta

import httpx
from _country import baseline_group_by, ensure_country, p50, say
from bench_load import free_port, start_server, stop_server
from django.utils import timezone
from shuangshi.accounts.models import Role, User
from shuangshi.accounts.services import token_issue


def main() -> None:
    schools, teachers = ensure_country()
    user = User.objects.filter(username="bench_province").first()
    if user is None:
        user = User.objects.create_user(
            username="bench_province", password="bench-only-x1", role=Role.PROVINCE
        )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token = token_issue(user=user)
    port = free_port()
    server = start_server(os.environ["DATABASE_URL"], port)
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}",
            headers={"Authorization": f"Token {token}"},
            timeout=60,
        ) as client:
            _measure(client, schools, teachers)
    finally:
        stop_server(server)


def _measure(client: httpx.Client, schools: int, teachers: int) -> None:
    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, response.text[:300]

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
