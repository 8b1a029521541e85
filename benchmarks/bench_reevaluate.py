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


def postgres_cpu_seconds() -> float:
    """CPU used so far by local PostgreSQL processes, ended backends included (cutime)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        if name.startswith("postgres"):
            fields = stat[stat.rindex(")") + 2 :].split()
            total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return total / tick


def main() -> None:
    schools, teachers = ensure_country()
    base = p50(baseline_group_by, runs=5, warmup=1)
    pg_before = postgres_cpu_seconds()
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
    pg_cpu = postgres_cpu_seconds() - pg_before
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
    critical = max(cpu, pg_cpu)
    say(
        f"PostgreSQL CPU during the run: {pg_cpu:.1f}s (local postgres processes, an upper "
        f"bound if others use the server); Python and PostgreSQL overlap (reader/writer "
        f"threads), so on two otherwise idle cores the run takes about max(CPU) = "
        f"{critical:.1f}s = {n / critical:,.0f} teachers/s"
    )
    say(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    say(
        f"peak RSS of the re-evaluation process: {peak_mb:,.0f} MB (target <= 500 MB) "
        f"{'OK' if peak_mb <= 500 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
