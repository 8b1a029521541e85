"""The daily alert job over a national-size country, and the province forecast.

Targets (issue 13): `alerts_daily` (every kind of DESIGN §9) finishes in ≤ 5 minutes with a
peak resident memory ≤ 500 MB; GET ratios/forecast/ for the province (12 points) p50 ≤ 2 s.
Each school gets one HR account and the province one account, so alerts have recipients.
The second run of the job on the same day must create nothing (idempotent).
Run: DATABASE_URL=postgres://… BENCH_TEACHERS=… BENCH_SCHOOLS=… \
    .venv/bin/python benchmarks/bench_alerts.py
"""

import resource
import time

from _country import ensure_country, p50, say
from rest_framework.test import APIClient
from shuangshi.accounts.models import Role, User
from shuangshi.schools.models import School


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def ensure_users() -> User:
    province = User.objects.filter(username="bench_province").first()
    if province is None:
        province = User.objects.create_user(
            username="bench_province", password="bench-only-x1", role=Role.PROVINCE
        )
    have = set(
        User.objects.filter(role=Role.SCHOOL_HR, username__startswith="bench_hr_").values_list(
            "school_id", flat=True
        )
    )
    new = [
        User(username=f"bench_hr_{sid}", role=Role.SCHOOL_HR, school_id=sid, password="!")
        for sid in School.objects.values_list("pk", flat=True)
        if sid not in have
    ]
    User.objects.bulk_create(new, batch_size=5000)
    return province


def main() -> None:
    from shuangshi.notifications import services

    schools, teachers = ensure_country()
    province = ensure_users()
    say(f"size: {schools:,} schools, {teachers:,} teachers")
    before = rss_mb()
    started = time.perf_counter()
    first = services.alerts_daily()
    elapsed = time.perf_counter() - started
    peak = rss_mb()
    say(
        f"alerts_daily: {elapsed:7.1f} s, peak RSS {peak:6.0f} MB (before {before:.0f} MB); "
        f"{first['created']:,} created, {first['subjects']:,} subjects "
        f"(targets <= 300 s, <= 500 MB) {'OK' if elapsed <= 300 and peak <= 500 else 'MISSED'}"
    )
    started = time.perf_counter()
    again = services.alerts_daily()
    say(
        f"alerts_daily again: {time.perf_counter() - started:7.1f} s, {again['created']} created "
        f"(target 0) {'OK' if again['created'] == 0 else 'MISSED'}"
    )
    client = APIClient()
    client.force_authenticate(user=province)

    def forecast() -> None:
        response = client.get("/api/v1/ratios/forecast/")
        assert response.status_code == 200, response.content[:300]

    value = p50(forecast, runs=5, warmup=1)
    say(
        f"ratios/forecast (province, 12 points)  p50 {value * 1000:8.1f} ms "
        f"(target <= 2 s) {'OK' if value <= 2.0 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
