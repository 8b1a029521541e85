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


def run_reevaluate(label: str, *extra: str) -> None:
    """One `manage.py reevaluate` in a child process, with its CPU, RSS and PostgreSQL CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    pg_before = postgres_cpu_seconds()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", "reevaluate", *extra],
        cwd=BACKEND,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    pg_cpu = postgres_cpu_seconds() - pg_before
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_mb = after.ru_maxrss / 1024  # the largest child so far
    match = re.search(r"re-evaluated (\d+) teachers in ([\d.]+)s", done.stdout)
    changed = re.search(r"(\d+) stored results changed", done.stdout)
    n = int(match.group(1)) if match else 0
    inner = float(match.group(2)) if match else wall
    rate = n / inner if inner else 0.0
    critical = max(cpu, pg_cpu)
    say(f"-- {label}: {changed.group(1) if changed else '?'} stored results written")
    say(
        f"full re-evaluation: {n:,} teachers in {inner:.1f}s (process wall {wall:.1f}s) "
        f"= {rate:,.0f} teachers/s (target >= 20,000) {'OK' if rate >= 20000 else 'MISSED'}; "
        f"{inner / BASE[0]:.0f}x the baseline scan"
    )
    say(
        f"CPU: re-evaluation process {cpu:.1f}s ({n / cpu:,.0f} teachers per CPU-second), "
        f"PostgreSQL {pg_cpu:.1f}s (local postgres processes: an upper bound if others use "
        f"the server). They overlap (reader/writer threads), so on two otherwise idle cores "
        f"the run takes about {critical:.1f}s = {n / critical:,.0f} teachers/s"
    )
    say(
        f"peak RSS of the re-evaluation process: {peak_mb:,.0f} MB (target <= 500 MB) "
        f"{'OK' if peak_mb <= 500 else 'MISSED'}"
    )


BASE = [1.0]


def main() -> None:
    schools, teachers = ensure_country()
    BASE[0] = p50(baseline_group_by, runs=5, warmup=1)
    say(f"size: {schools:,} schools, {teachers:,} teachers")
    say(f"baseline GROUP BY school over teachers  p50 {BASE[0] * 1000:8.1f} ms")
    say(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    run_reevaluate("every result rewritten (worst case, as a first evaluation)", "--rewrite-all")
    run_reevaluate("nightly run: results equal to the stored ones are left alone")
    say(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
