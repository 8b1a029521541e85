"""Full re-evaluation of every teacher (the nightly `reevaluate` command) in a child
process: teachers per second and the child's peak RSS, with the raw-SQL GROUP BY baseline
measured in the same run for scale.

Targets: ≥ 20,000 teachers/s, peak RSS ≤ 500 MB.
Run: DATABASE_URL=postgres://… BENCH_TEACHERS=… .venv/bin/python benchmarks/bench_reevaluate.py
BENCH_WORKERS=N passes `--workers N` (forked worker processes); their CPU is counted with the
command's (waited-for descendants), and the memory figure is the peak of the summed RSS of
the command and every process under it, sampled every 0.1 s.
"""

import os
import re
import resource
import subprocess
import sys
import threading
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


def database_backends_cpu(seen: dict[int, float]) -> None:
    """CPU so far of each live PostgreSQL backend serving this benchmark's database, kept in
    ``seen`` by pid (sampled: a backend's last 0.1 s before it exits can be missed)."""
    name = os.environ.get("DATABASE_URL", "").rsplit("/", 1)[-1].split("?")[0]
    tick = os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                title = f.read().decode(errors="replace")
            if not title.startswith("postgres: ") or f" {name} " not in title:
                continue
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        seen[int(pid)] = (int(fields[11]) + int(fields[12])) / tick


def tree_rss_mb(root: int) -> float:
    """Summed RSS of ``root`` and every process under it (shared pages count in each)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{name}/status") as f:
                status = f.read()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(name)] = int(fields.get("PPid", "0"))
        rss[int(name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(rss.get(pid, 0) for pid in tree) / 1024


def run_reevaluate(label: str, *extra: str) -> None:
    """One `manage.py reevaluate` in a child process, with its CPU, RSS and PostgreSQL CPU."""
    workers = os.environ.get("BENCH_WORKERS")
    if workers:
        extra = (*extra, "--workers", workers)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    pg_before = postgres_cpu_seconds()
    say(f"-- {label}: manage.py reevaluate {' '.join(extra)}; load average {load()}")
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "manage.py", "reevaluate", *extra],
        cwd=BACKEND,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak_sum = [0.0]
    backends: dict[int, float] = {}
    database_backends_cpu(backends)
    backends_before = dict(backends)

    def sample() -> None:
        while child.poll() is None:
            peak_sum[0] = max(peak_sum[0], tree_rss_mb(child.pid))
            database_backends_cpu(backends)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = child.communicate()
    sampler.join()
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, child.args, stdout, stderr)
    done = subprocess.CompletedProcess(child.args, 0, stdout, stderr)
    wall = time.perf_counter() - started
    pg_cpu = pg_all = postgres_cpu_seconds() - pg_before
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_mb = after.ru_maxrss / 1024  # the largest single process so far
    match = re.search(r"re-evaluated (\d+) teachers in ([\d.]+)s", done.stdout)
    changed = re.search(r"(\d+) stored results changed", done.stdout)
    n = int(match.group(1)) if match else 0
    inner = float(match.group(2)) if match else wall
    rate = n / inner if inner else 0.0
    say(f"   {changed.group(1) if changed else '?'} stored results written")
    say(
        f"full re-evaluation: {n:,} teachers in {inner:.1f}s (process wall {wall:.1f}s) "
        f"= {rate:,.0f} teachers/s (target >= 20,000) {'OK' if rate >= 20000 else 'MISSED'}; "
        f"{inner / BASE[0]:.0f}x the baseline scan"
    )
    db_cpu = sum(v - backends_before.get(pid, 0.0) for pid, v in backends.items())
    pg_cpu = min(pg_cpu, db_cpu) if db_cpu else pg_cpu
    both = cpu + pg_cpu
    # One process evaluates on one core (the GIL); N workers on up to N.
    critical = cpu / max(int(workers or 1), 1)
    say(
        f"CPU: re-evaluation processes {cpu:.1f}s ({n / cpu:,.0f} teachers per CPU-second), "
        f"PostgreSQL {pg_cpu:.1f}s (the backends serving this database, sampled; all local "
        f"postgres processes: {pg_all:.1f}s). They overlap, so on two otherwise idle cores the "
        f"run takes at least "
        f"max(Python per process {critical:.1f}s, all CPU {both:.1f}s / 2 cores) "
        f"= {max(critical, both / 2):.1f}s "
        f"= {n / max(critical, both / 2):,.0f} teachers/s"
    )
    say(
        f"peak RSS: all re-evaluation processes together {peak_sum[0]:,.0f} MB (target <= 500 MB) "
        f"{'OK' if peak_sum[0] <= 500 else 'MISSED'}; the largest single one {peak_mb:,.0f} MB"
    )
    say(f"   load average after: {load()}")


def load() -> str:
    return f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


BASE = [1.0]


def main() -> None:
    schools, teachers = ensure_country()
    BASE[0] = p50(baseline_group_by, runs=5, warmup=1)
    say(f"size: {schools:,} schools, {teachers:,} teachers")
    say(f"baseline GROUP BY school over teachers  p50 {BASE[0] * 1000:8.1f} ms")
    say(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    run_reevaluate("every result rewritten (worst case, as a first evaluation)", "--rewrite-all")
    if os.environ.get("BENCH_NIGHTLY", "1") != "0":  # BENCH_NIGHTLY=0: the worst case only
        run_reevaluate("nightly run: results equal to the stored ones are left alone")
    say(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
