"""Full re-evaluation of every teacher (the nightly `reevaluate` command) in a child
process: teachers per second and the child's peak RSS, with the raw-SQL GROUP BY baseline
measured in the same run for scale.

Targets: ≥ 20,000 teachers/s, peak RSS ≤ 500 MB.
Run: DATABASE_URL=postgres://… BENCH_TEACHERS=… .venv/bin/python benchmarks/bench_reevaluate.py
"""

import os
import re
import resource
import subprocess
import sys
import time

from _country import BACKEND, baseline_group_by, ensure_country, p50, say


def main() -> None:
    schools, teachers = ensure_country()
    base = p50(baseline_group_by, runs=5, warmup=1)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", "reevaluate"],
        cwd=BACKEND,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime
    match = re.search(r"re-evaluated (\d+) teachers in ([\d.]+)s", done.stdout)
    n = int(match.group(1)) if match else teachers
    inner = float(match.group(2)) if match else wall
    rate = n / inner
    say(f"size: {schools:,} schools, {teachers:,} teachers")
    say(f"baseline GROUP BY school over teachers  p50 {base * 1000:8.1f} ms")
    say(
        f"full re-evaluation: {n:,} teachers in {inner:.1f}s (process wall {wall:.1f}s) "
        f"= {rate:,.0f} teachers/s (target >= 20,000) {'OK' if rate >= 20000 else 'MISSED'}; "
        f"{inner / base:.0f}x the baseline scan"
    )
    say(
        f"CPU time of the re-evaluation process: {cpu:.1f}s ({n / cpu:,.0f} teachers per "
        f"CPU-second; the rest of the wall time is PostgreSQL or other load on the machine)"
    )
    say(
        f"peak RSS of the re-evaluation process: {peak_mb:,.0f} MB (target <= 500 MB) "
        f"{'OK' if peak_mb <= 500 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
