"""The province workbook at national size: time and peak RSS.

1. The builder alone on plain data of national size (BENCH_SCHOOLS schools, default
   11,000, in 340 prefecture cities; 620 training bases; BENCH_RECRUITMENT_ROWS hires failing the
   recruitment check, default 100,000), in a fresh process.
2. End to end from the database (province_report() + the workbook) on the country that
   benchmarks/_country.py builds (BENCH_TEACHERS, default 1,300,000; BENCH_SCHOOLS), in a
   fresh process. BENCH_PROVINCE_LIVE=0 skips it.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/xl_bench \\
     .venv/bin/python benchmarks/bench_province_workbook.py
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
# DEBUG keeps every SQL statement in memory: measure what production runs.
os.environ.setdefault("DJANGO_DEBUG", "0")

SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "11000"))
RECRUITMENT_ROWS = int(os.environ.get("BENCH_RECRUITMENT_ROWS", "100000"))
LIVE = os.environ.get("BENCH_PROVINCE_LIVE", "1") != "0"


def say(text: str) -> None:
    print(text, flush=True)


def peak_mb() -> float:
    """This process's peak RSS (VmHWM): unlike ru_maxrss it does not inherit the parent's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic() -> None:
    import django

    django.setup()
    from shuangshi.spreadsheets.reports import (
        BaseRow,
        GroupRow,
        ProvinceReport,
        RecruitmentRow,
        SchoolRow,
        Share,
        province_workbook,
    )

    rng = random.Random(7)
    kinds = ["higher_vocational", "secondary_vocational", "technician_college",
             "senior_technical_school", "technical_school"]  # fmt: skip

    def share(n: int) -> Share:
        q = rng.randint(0, n)
        need = int(0.6 * n) + 1
        return Share(
            n,
            q,
            q / n if n else None,
            max(need - q, 0) if n else None,
            q > 0.6 * n,
            q // 2,
            q // 3,
            q - q // 2 - q // 3,
            n // 10,
            n // 40,
        )

    schools = []
    for i in range(SCHOOLS):
        n = rng.randint(0, 400)
        staffing = (rng.randint(500, 20000), rng.randint(40, 600), rng.randint(0, 80))
        schools.append(
            SchoolRow(f"S{i:05d}", f"职业学校{i}", f"市{i % 340}", kinds[i % 5], share(n),
                      *staffing, rng.randint(0, 30), 17.5, True)
        )  # fmt: skip
    bases = [
        BaseRow(f"B{i:04d}", f"培养培训基地{i}", f"市{i % 340}", "dual_qualified", "enterprise",
                "active", date(2024, 1, 1), 12, 900, 700, 850)
        for i in range(620)
    ]  # fmt: skip

    def recruitment():
        for i in range(RECRUITMENT_ROWS):
            code = f"S{i % SCHOOLS:05d}"
            hired = date(2023, 8, 1) + timedelta(days=i % 800)
            yield RecruitmentRow(code, f"学校{code}", "南昌", f"教师{i}", f"T{i:06d}",
                                 "360102198506150126", hired, "bachelor", False)  # fmt: skip

    report = ProvinceReport(
        as_of=date.today(), target_ratio=0.6, ratio_deadline=date(2025, 12, 31), bases_target=20,
        bases_deadline=date(2025, 12, 31), province=share(1_300_000),
        by_city=[GroupRow(f"市{i}", 32, share(4000)) for i in range(340)],
        by_kind=[GroupRow(k, SCHOOLS // 5, share(260_000)) for k in kinds],
        schools=schools, bases=bases, bases_active=620, recruitment=recruitment(),
    )  # fmt: skip
    before = peak_mb()
    start = time.perf_counter()
    content = province_workbook(report)
    took = time.perf_counter() - start
    say(
        f"builder on plain data: {SCHOOLS:,} schools, 340 cities, 620 bases, "
        f"{RECRUITMENT_ROWS:,} recruitment rows -> {len(content) / 1e6:.1f} MB xlsx in "
        f"{took:.1f} s, peak RSS {peak_mb():.0f} MB (data built before: {before:.0f} MB)"
    )


def country() -> None:
    """(Own process) generate and evaluate the country, so its memory is not counted."""
    from _country import ensure_country

    ensure_country()


def live() -> None:
    import django

    django.setup()
    from shuangshi.schools.models import School
    from shuangshi.spreadsheets.report_data import province_report
    from shuangshi.teachers.models import Teacher

    schools, teachers = School.objects.count(), Teacher.objects.count()
    from shuangshi.spreadsheets.reports import province_workbook

    before = peak_mb()
    start = time.perf_counter()
    report = province_report()
    content = province_workbook(report)
    took = time.perf_counter() - start
    say(
        f"from the database: {schools:,} schools, {teachers:,} teachers -> "
        f"{len(content) / 1e6:.1f} MB xlsx in {took:.1f} s, peak RSS {peak_mb():.0f} MB "
        f"(process before: {before:.0f} MB)"
    )


def main() -> None:
    steps = {"--synthetic": synthetic, "--country": country, "--live": live}
    if len(sys.argv) == 2 and sys.argv[1] in steps:
        steps[sys.argv[1]]()
        return
    subprocess.run([sys.executable, __file__, "--synthetic"], check=True)
    if LIVE:
        subprocess.run([sys.executable, __file__, "--country"], check=True)
        subprocess.run([sys.executable, __file__, "--live"], check=True)


if __name__ == "__main__":
    main()
