"""Excel import end to end, over HTTP, as the app runs in production.

gunicorn (production settings, 2 workers) and one jobs worker (started as in production: its
default poll interval, woken by NOTIFY) serve a PostgreSQL database with its dated counts
built (as after the first nightly run: the import moves them too);
a province user uploads a teacher workbook (POST /imports/), polls until the dry run says
`valid`, commits (POST /imports/{id}/commit/) and polls until `committed`: every row written
and re-evaluated. Timed from the first byte of the upload to the `committed` answer.
Beside it, in the same run and on the same rows, django-import-export 4.3 (`use_bulk`,
dry run + import, in-process: it does not even pay for HTTP).

Sizes: 10,000 rows (BENCH_IMPORT_ROWS; run BENCH_IMPORT_REPEAT times, default 3, the median
reported; the peer runs before and after, their mean the baseline) and 100,000 rows
(BENCH_IMPORT_BIG_ROWS, 0 skips);
peak RSS (VmHWM) of the jobs worker and of the gunicorn workers; CPU seconds of each side
(the worker, gunicorn, PostgreSQL's backends) and the load average, since wall-clock figures
on a shared 2-CPU machine are noisy.
Targets: >= 10,000 rows/s on 10,000 rows (>= 30x django-import-export); 100,000 rows in
<= 15 s within <= 300 MB.
Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/xl_bench \
     .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import contextlib
import io
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "backend"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
# DEBUG keeps every SQL statement in memory: measure what production runs.
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from shuangshi.accounts.models import Role, User  # noqa: E402
from shuangshi.common.idnumbers import make_id_number  # noqa: E402
from shuangshi.qualification.models import IntervalHorizon  # noqa: E402
from shuangshi.qualification.services import qualifications_rebuild  # noqa: E402
from shuangshi.schools.models import City, School  # noqa: E402
from shuangshi.spreadsheets.columns import TEACHERS  # noqa: E402
from shuangshi.teachers.models import Certificate, Teacher  # noqa: E402

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
# The 10,000-row import is run this many times and its median reported; the peer runs once
# before ours and once after, and their mean is the baseline. On a shared 2-CPU machine one
# run of either moved by a fifth from one minute to the next (docs/spreadsheets.md, round 19).
REPEAT = max(1, int(os.environ.get("BENCH_IMPORT_REPEAT", "3")))
BIG_ROWS = int(os.environ.get("BENCH_IMPORT_BIG_ROWS", "100000"))
OUT = ROOT / "benchmarks" / "out"
SCHOOLS = 20


def say(text: str) -> None:
    print(text, flush=True)


def setup() -> User:
    if connection.vendor != "postgresql":
        say(f"warning: running on {connection.vendor}; the figures are meant for PostgreSQL")
    call_command("migrate", verbosity=0)
    city = City.objects.order_by("code").first()
    for n in range(SCHOOLS):
        School.objects.get_or_create(
            code=f"XLB{n:03d}",
            defaults={"name": f"导入基准学校{n}", "city": city, "kind": "secondary_vocational"},
        )
    if not IntervalHorizon.objects.exists():
        # As in production after the first nightly run: dated counts exist, and every
        # write (the import's too) moves them.
        qualifications_rebuild()
    user = User.objects.filter(username="xl_bench_province").first()
    return user or User.objects.create_user(
        username="xl_bench_province", password="bench-only-x1", role=Role.PROVINCE
    )  # (wipe() truncates users too: teachers are referenced by accounts)


def settle(timeout: float = 120) -> None:
    """Wait until the worker has finished with the last job (its status, the notification,
    the engine's result row come after the import says `committed`): emptying the tables
    under it made it fail, and the next import waited for a worker that was gone."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    while DBTaskResult.objects.filter(status="RUNNING").exists():
        if time.monotonic() > deadline:
            raise RuntimeError("the jobs worker did not finish its last job")
        time.sleep(0.1)


def wipe() -> None:
    """Empty the tables the imports write (this database is the benchmark's own)."""
    settle()
    tables = [
        Certificate._meta.db_table,
        Teacher._meta.db_table,
        "qualification_teacherqualification",
        "qualification_schoolstats",
        "qualification_teacherlevelinterval",
        "qualification_schoolcountdelta",
        "qualification_schoolcountmonth",
        "qualification_intervalhorizon",
        "spreadsheets_importjob",
        "jobs_job",
        "django_tasks_database_dbtaskresult",
        "auditlog_logentry",  # (emptied by the users' CASCADE while it had a key to them)
    ]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for table in tables:
                cur.execute(f"DELETE FROM {table}")


def people(n: int) -> list[tuple[str, date, str]]:
    out = []
    for i in range(n):
        birth = date(1965, 1, 1) + timedelta(days=(i // 500) % 12000)
        gender = "male" if i % 2 else "female"
        number = make_id_number(
            "360102", birth, (i % 500) * 2 + (1 if gender == "male" else 0), gender
        )
        out.append((number, birth, gender))
    return out


def teacher_values(n: int) -> list[dict]:
    rows = []
    for i, (number, birth, gender) in enumerate(people(n)):
        # Hire dates spread over 20 years, as in a real staff list (no two neighbours alike).
        hired = date(max(birth.year + 23, 1995), 9, 1) + timedelta(days=(i * 7919) % 7300)
        rows.append({
            "name": f"教师{i}", "id_number": number, "staff_no": f"T{i:06d}",
            "gender": gender, "birth_date": birth,
            "employment": "full_time" if i % 7 else "part_time",
            "course_type": ("professional", "practical", "public")[i % 3],
            "major": "机电一体化技术",
            "education": ("bachelor", "master", "higher_vocational")[i % 3],
            "normal_graduate": i % 5 == 0, "title": ("intermediate", "junior", "none")[i % 3],
            "hired_on": hired, "teaching_since": hired, "left_on": None,
            "school": f"XLB{i % SCHOOLS:03d}",
        })  # fmt: skip
    return rows


def sheet(spec, rows: list[dict], *, english: bool = False) -> bytes:
    """The workbook a clerk would upload (Chinese headers and labels), or the peer's."""
    columns = spec.template_columns(scoped=False)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(spec.title)
    if english:
        ws.append([PEER_HEADERS.get(c.field, c.field) for c in columns])
        for row in rows:
            ws.append([row.get(c.field) for c in columns])
    else:
        ws.append([c.zh for c in columns])
        for row in rows:
            ws.append([c.write(row.get(c.field)) for c in columns])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


PEER_HEADERS = {"id_number": "id_number", "cert_name": "name", "name": "name"}


def http_import(base: str, token: str, content: bytes) -> tuple[float, str]:
    """Upload → valid → commit → committed over HTTP; seconds from upload to `committed`,
    and where they went (the upload's answer, the dry run until `valid` is seen, the commit
    until `committed` is seen)."""
    import requests

    session = requests.Session()
    session.headers["Authorization"] = f"Token {token}"
    start = time.perf_counter()
    response = session.post(
        f"{base}/api/v1/imports/",
        data={"kind": "teachers"},
        files={"file": ("教师.xlsx", content, XLSX)},
        timeout=600,
    )
    assert response.status_code == 201, response.text[:500]
    uploaded = time.perf_counter()
    body = poll(session, f"{base}/api/v1/imports/{response.json()['id']}/", "valid")
    valid = time.perf_counter()
    response = session.post(f"{base}/api/v1/imports/{body['id']}/commit/", timeout=600)
    assert response.status_code == 200, response.text[:500]
    poll(session, f"{base}/api/v1/imports/{body['id']}/", "committed")
    end = time.perf_counter()
    phases = (
        f"upload {uploaded - start:.2f} s, dry run {valid - uploaded:.2f} s, "
        f"commit {end - valid:.2f} s"
    )
    return end - start, phases


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BUSY = {"queued", "validating", "committing"}


def poll_seconds(busy_for: float) -> float:
    """The web app's schedule (`busyPollMs` in frontend/src/lib/polling.ts): every 0.05 s in
    a status's first second, every 0.1 s until 2 s, then every 0.25 s until 20 s, then every
    second. Each ask costs gunicorn about 2.5 ms of CPU; a 0.02 s loop took a third of a CPU
    from the worker and PostgreSQL on a 2-CPU machine (1.6 of 5.4 CPU seconds at 10k rows)."""
    if busy_for < 1:
        return 0.05
    if busy_for < 2:
        return 0.1
    return 0.25 if busy_for < 20 else 1.0


def poll(session: Any, url: str, wanted: str) -> dict:
    """Ask as the web app does until the upload leaves its busy statuses."""
    status, since = None, time.perf_counter()
    while True:
        body = session.get(url, timeout=60).json()
        if body["status"] not in BUSY:
            assert body["status"] == wanted, {k: body.get(k) for k in ("status", "message")}
            return body
        if body["status"] != status:
            status, since = body["status"], time.perf_counter()
        time.sleep(poll_seconds(time.perf_counter() - since))


def job_times() -> str:
    """Each job's wait for the worker (created → started) and its run (started → finished):
    what the phases spent inside the jobs worker, the rest being the request and the polling."""
    from shuangshi.jobs.models import Job

    parts = []
    for job in Job.objects.order_by("id"):
        if job.started_at and job.finished_at:
            waited = (job.started_at - job.created_at).total_seconds()
            ran = (job.finished_at - job.started_at).total_seconds()
            parts.append(f"{job.kind} waited {waited:.2f} s, ran {ran:.2f} s")
    return "".join(f"\n  {p}" for p in parts)


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_by_pid(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds of each of these processes so far (those still alive), with
    their children that have ended (the jobs worker's dry-run helpers)."""
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    return found


class HelperPeak:
    """The largest peak RSS of the jobs worker's forked dry-run helpers while it watches
    (each lives a fraction of a second: sampled every 10 ms from the worker's children list,
    one small file; the figure includes the pages the helper shares with the worker)."""

    def __init__(self, pid: int) -> None:
        import threading

        self.pid, self.mb, self.seen = pid, 0.0, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()

    def watch(self) -> None:
        known: set[int] = set()
        listing = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        while not self.done.wait(0.01):
            try:
                pids = [int(p) for p in listing.read_text().split()]
            except OSError:
                continue
            for pid in pids:
                known.add(pid)
                with contextlib.suppress(OSError):  # ended meanwhile
                    self.mb = max(self.mb, vm_hwm_mb(pid))
        self.seen = len(known)

    def stop(self) -> tuple[float, int]:
        self.done.set()
        self.thread.join()
        return self.mb, self.seen


def cpu_seconds(pids: list[int]) -> float:
    return sum(cpu_by_pid(pids).values())


def cpu_since(before: dict[int, float], pids: list[int]) -> float:
    """CPU used since ``before`` by the processes alive now (one that ended is left out)."""
    return sum(t - before.get(pid, 0.0) for pid, t in cpu_by_pid(pids).items())


def pg_backends() -> list[int]:
    """The PostgreSQL backends serving this benchmark's database (same machine)."""
    with connection.cursor() as cur:
        cur.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        return [row[0] for row in cur.fetchall()]


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


class Servers:
    """gunicorn with production settings and one jobs worker, on this benchmark's database."""

    def __init__(self) -> None:
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "bench-" + "k7" * 30,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "API_RATE_USER": "100000/min",
            "SHUANGSHI_VAR_DIR": str(OUT / "var"),
        }
        backend = ROOT / "backend"
        self.web = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application",
             "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
            cwd=backend, env=self.env, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        # The worker as production starts it (default 1 s poll; a queued job wakes it at once
        # by NOTIFY); only the schedule is off, so that no periodic job runs beside the import.
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "jobs_worker", "--no-schedule", "-v", "0"],
            cwd=backend, env=self.env,
        )  # fmt: skip
        wait_up(f"{self.base}/api/v1/auth/csrf/", self.web)
        wait_listening(self.worker)

    def token(self, username: str, password: str) -> str:
        import requests

        response = requests.post(
            f"{self.base}/api/v1/auth/token/",
            json={"username": username, "password": password},
            timeout=60,
        )
        assert response.status_code == 200, response.text[:300]
        return str(response.json()["token"])

    def peaks(self) -> tuple[float, float]:
        """(jobs worker, largest gunicorn worker) peak RSS in MB so far."""
        web = max((vm_hwm_mb(pid) for pid in children(self.web.pid)), default=0.0)
        return vm_hwm_mb(self.worker.pid), web

    def stop(self) -> None:
        for proc in (self.worker, self.web):
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "gunicorn exited"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def wait_listening(proc: subprocess.Popen, timeout: float = 120) -> None:
    """Until the worker has started and waits for jobs (its LISTEN connection is up): its
    start-up is not the first import's time."""
    from shuangshi.jobs.wakeup import CHANNEL

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the jobs worker exited"
        with connection.cursor() as cur:
            cur.execute(
                "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query = %s",
                [f"LISTEN {CHANNEL}"],
            )
            if cur.fetchone():
                return
        time.sleep(0.2)
    raise RuntimeError("the jobs worker did not start")


PASSWORD = "bench-only-x1"


def peer(teachers: list[dict]) -> float:
    """django-import-export 4.3 with use_bulk: dry run + import, reading the same rows."""
    import tablib
    from import_export import fields, resources, widgets

    class TeacherResource(resources.ModelResource):
        school = fields.Field(
            attribute="school",
            column_name="school",
            widget=widgets.ForeignKeyWidget(School, "code"),
        )

        class Meta:
            model = Teacher
            import_id_fields = ("id_number",)
            fields = tuple(c.field for c in TEACHERS.columns)
            use_bulk = True
            batch_size = 1000
            skip_unchanged = True

    content = sheet(TEACHERS, teachers, english=True)
    start = time.perf_counter()
    dataset = tablib.Dataset().load(content, format="xlsx")
    for dry_run in (True, False):
        result = TeacherResource().import_data(dataset, dry_run=dry_run, raise_errors=True)
        assert not result.has_validation_errors()
    return time.perf_counter() - start


def peer_run(rows: list[dict]) -> tuple[float, tuple[float, float]]:
    """django-import-export on an emptied database: its seconds and its CPU (Python, and
    PostgreSQL's backend)."""
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        backend = cur.fetchone()[0]
    cpu0, pg0 = time.process_time(), cpu_seconds([backend])
    seconds = peer(rows)
    assert Teacher.objects.count() == len(rows)
    return seconds, (time.process_time() - cpu0, cpu_seconds([backend]) - pg0)


def main() -> None:
    if connection.vendor != "postgresql":
        raise SystemExit("set DATABASE_URL to a PostgreSQL database of the benchmark's own")
    setup()
    OUT.mkdir(exist_ok=True)
    say("django-import-export first (in-process), then ours over HTTP, on the same rows:")
    sizes = [ROWS] + ([BIG_ROWS] if BIG_ROWS else [])
    books = {n: sheet(TEACHERS, teacher_values(n)) for n in sizes}
    wipe()
    setup()
    peer_rows = teacher_values(ROWS)
    peer_runs = [peer_run(peer_rows)]
    servers = Servers()
    try:
        results = []
        cpu_notes = []
        for n in [ROWS] * REPEAT + sizes[1:]:
            wipe()
            setup()
            token = servers.token("xl_bench_province", PASSWORD)
            web = children(servers.web.pid)
            before = cpu_by_pid([servers.worker.pid, *web, *pg_backends()])
            helpers = HelperPeak(servers.worker.pid)
            seconds, phases = http_import(servers.base, token, books[n])
            helper_mb, helper_count = helpers.stop()
            w = cpu_since(before, [servers.worker.pid])
            g = cpu_since(before, web)
            p = cpu_since(before, pg_backends())
            settle()  # the jobs' ends are written after `committed`: waited for, not counted
            phases += job_times()
            assert Teacher.objects.count() == n
            worker_mb, web_mb = servers.peaks()
            results.append((n, seconds, worker_mb, web_mb))
            cpu_notes.append(
                f"  dry-run helpers {helper_count}, peak RSS {helper_mb:.0f} MB (pages shared "
                f"with the worker included)\n"
                f"  {phases}; CPU: jobs worker {w:.1f} s (with its helper), gunicorn {g:.1f} s "
                f"(the polling too), PostgreSQL {p:.1f} s (backends sampled); load average "
                f"{os.getloadavg()[0]:.1f}"
            )
    finally:
        servers.stop()
    wipe()
    setup()
    peer_runs.append(peer_run(peer_rows))
    peer_rate = sum(ROWS / seconds for seconds, _cpu in peer_runs) / len(peer_runs)
    for seconds, (python_cpu, pg_cpu) in peer_runs:
        say(
            f"django-import-export 4.3 (use_bulk), {ROWS:,} rows: {ROWS / seconds:8,.0f} rows/s"
            f"  (CPU: Python {python_cpu:.1f} s, PostgreSQL {pg_cpu:.1f} s)"
        )
    say(f"  the peer's mean: {peer_rate:,.0f} rows/s")
    for note, (n, seconds, worker_mb, web_mb) in zip(cpu_notes, results, strict=True):
        rate = n / seconds
        say(
            f"shuangshi over HTTP, {n:>7,} rows: {seconds:6.2f} s, {rate:8,.0f} rows/s "
            f"({rate / peer_rate:5.1f}x the peer), peak RSS jobs worker {worker_mb:5.0f} MB, "
            f"gunicorn worker {web_mb:5.0f} MB"
        )
        say(note)
    runs = sorted(seconds for _n, seconds, _w, _g in results[:REPEAT])
    seconds = statistics.median(runs)
    rate = ROWS / seconds
    say(
        f"{ROWS:,} rows, median of {REPEAT}: {seconds:.2f} s = {rate:,.0f} rows/s = "
        f"{rate / peer_rate:.1f}x the peer (runs {', '.join(f'{r:.2f}' for r in runs)} s)"
    )
    say(
        f"target {ROWS:,} rows >= 10,000 rows/s and >= 30x: "
        f"{'OK' if rate >= 10_000 and rate >= 30 * peer_rate else 'MISSED'}"
    )
    if BIG_ROWS:
        n, seconds, worker_mb, web_mb = results[-1]
        ok = seconds <= 15 and max(worker_mb, web_mb) <= 300
        say(f"target {BIG_ROWS:,} rows <= 15 s and <= 300 MB: {'OK' if ok else 'MISSED'}")
    wipe()


if __name__ == "__main__":
    main()
