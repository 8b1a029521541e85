"""Excel import: a 10,000-row teacher workbook and its 10,000 certificates, validated (dry run)
and committed through the importer's services, against django-import-export importing the
same rows into the same models (dry run + import, `use_bulk`) in the same run.

Then a 100,000-row teacher import (validate + commit) in a fresh process per reader
(python-calamine and openpyxl's read-only mode), each reporting its peak RSS.

Targets: ≥ 5× django-import-export's rows/s; 100k-row import peak RSS ≤ 300 MB.
Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/xl_bench \
     .venv/bin/python benchmarks/bench_import.py
Sizes: BENCH_IMPORT_ROWS (10000), BENCH_IMPORT_BIG_ROWS (100000; 0 skips the RSS part).
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

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
from shuangshi.schools.models import City, School  # noqa: E402
from shuangshi.spreadsheets import reader, services  # noqa: E402
from shuangshi.spreadsheets.columns import CERTIFICATES, TEACHERS  # noqa: E402
from shuangshi.teachers.models import Certificate, Teacher  # noqa: E402

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
BIG_ROWS = int(os.environ.get("BENCH_IMPORT_BIG_ROWS", "100000"))
OUT = ROOT / "benchmarks" / "out"
SCHOOLS = 20


def say(text: str) -> None:
    print(text, flush=True)


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM): unlike ru_maxrss it does not inherit the parent's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
    user = User.objects.filter(username="xl_bench_province").first()
    return user or User.objects.create_user(
        username="xl_bench_province", password="bench-only-x1", role=Role.PROVINCE
    )


def wipe() -> None:
    """Empty the tables the imports write (this database is the benchmark's own)."""
    tables = [
        Certificate._meta.db_table,
        Teacher._meta.db_table,
        "qualification_teacherqualification",
        "qualification_schoolstats",
        "spreadsheets_importjob",
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
        hired = date(max(birth.year + 23, 1995), 9, 1)
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


def certificate_values(teachers: list[dict]) -> list[dict]:
    return [
        {
            "id_number": t["id_number"], "name": "", "kind": "teacher_qualification",
            "level": "secondary_vocational", "cert_name": "中等职业学校教师资格证", "field": "",
            "number": f"Q{i:08d}", "issuer": "江西省教育厅", "issued_on": t["hired_on"],
            "expires_on": None,
        }
        for i, t in enumerate(teachers)
    ]  # fmt: skip


def sheet(spec, rows: list[dict], *, english: bool = False) -> bytes:
    """The workbook a clerk would upload (Chinese headers and labels), or the peer's."""
    columns = spec.template_columns(scoped=False)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(spec.title)
    if english:
        ws.append([PEER_HEADERS.get(c.field, c.field) for c in columns])
        for row in rows:
            ws.append([row[c.field] for c in columns])
    else:
        ws.append([c.zh for c in columns])
        for row in rows:
            ws.append([c.write(row[c.field]) for c in columns])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


PEER_HEADERS = {"id_number": "id_number", "cert_name": "name", "name": "name"}


def ours(user: User, teachers: bytes, certificates: bytes) -> tuple[float, float]:
    """(seconds for teachers, seconds for certificates): dry run + commit each."""
    times = []
    for kind, content in (("teachers", teachers), ("certificates", certificates)):
        start = time.perf_counter()
        job = services.import_validate(user=user, kind=kind, filename="x.xlsx", content=content)
        assert job.status == "valid", job.errors[:3]
        job = services.import_commit(job=job)
        assert job.status == "committed"
        times.append(time.perf_counter() - start)
    return times[0], times[1]


def peer(teachers: list[dict], certificates: list[dict]) -> tuple[float, float]:
    """django-import-export 4.3 with use_bulk: dry run + import, reading the same xlsx."""
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

    class CertificateResource(resources.ModelResource):
        teacher = fields.Field(
            attribute="teacher",
            column_name="id_number",
            widget=widgets.ForeignKeyWidget(Teacher, "id_number"),
        )

        class Meta:
            model = Certificate
            import_id_fields = ("teacher", "kind", "number")
            fields = (
                "teacher",
                "kind",
                "level",
                "name",
                "field",
                "number",
                "issuer",
                "issued_on",
                "expires_on",
            )
            use_bulk = True
            batch_size = 1000
            skip_unchanged = True

    certs = [{**c, "name": c["cert_name"]} for c in certificates]
    times = []
    for resource_class, spec, rows in (
        (TeacherResource, TEACHERS, teachers),
        (CertificateResource, CERTIFICATES, certs),
    ):
        content = sheet(spec, rows, english=True)
        start = time.perf_counter()
        dataset = tablib.Dataset().load(content, format="xlsx")
        for dry_run in (True, False):
            result = resource_class().import_data(dataset, dry_run=dry_run, raise_errors=True)
            assert not result.has_validation_errors()
        times.append(time.perf_counter() - start)
    return times[0], times[1]


def big(engine: str) -> None:
    """(Child process) a BIG_ROWS-row teacher import; prints seconds and peak RSS."""
    user = setup()
    wipe()
    path = OUT / f"teachers_{BIG_ROWS}.xlsx"
    content = path.read_bytes()
    services.READER = engine
    base = peak_rss_mb()
    start = time.perf_counter()
    job = services.import_validate(user=user, kind="teachers", filename=path.name, content=content)
    assert job.status == "valid", job.errors[:3]
    validated = time.perf_counter() - start
    validated_peak = peak_rss_mb()
    job = services.import_commit(job=job)
    total = time.perf_counter() - start
    peak = peak_rss_mb()
    assert Teacher.objects.count() == BIG_ROWS
    say(
        f"{BIG_ROWS:,}-row teacher import, reader {engine:9s}: validate {validated:6.1f} s, "
        f"validate+commit {total:6.1f} s ({BIG_ROWS / total:,.0f} rows/s), peak RSS "
        f"{peak:6.0f} MB (before the import {base:.0f} MB, after validating "
        f"{validated_peak:.0f} MB) (target <= 300 MB) "
        f"{'OK' if peak <= 300 else 'MISSED'}"
    )


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--big":
        big(sys.argv[2])
        return
    user = setup()
    teachers = teacher_values(ROWS)
    certificates = certificate_values(teachers)
    teacher_book = sheet(TEACHERS, teachers)
    certificate_book = sheet(CERTIFICATES, certificates)

    wipe()
    peer_t, peer_c = peer(teachers, certificates)
    assert Teacher.objects.count() == ROWS and Certificate.objects.count() == ROWS
    wipe()
    ours_t, ours_c = ours(user, teacher_book, certificate_book)
    assert Teacher.objects.count() == ROWS and Certificate.objects.count() == ROWS
    # Re-importing the same files changes nothing and is the common case for clerks.
    start = time.perf_counter()
    ours(user, teacher_book, certificate_book)
    again = time.perf_counter() - start
    assert Teacher.objects.count() == ROWS and Certificate.objects.count() == ROWS

    rows = 2 * ROWS
    ours_rate, peer_rate = rows / (ours_t + ours_c), rows / (peer_t + peer_c)
    say(f"{ROWS:,} teachers (15 columns) + {ROWS:,} certificates, dry run + commit, PostgreSQL")
    say(
        f"  shuangshi importer        teachers {ROWS / ours_t:8,.0f} rows/s  certificates "
        f"{ROWS / ours_c:8,.0f} rows/s  all {ours_rate:8,.0f} rows/s"
    )
    say(
        f"  django-import-export 4.3  teachers {ROWS / peer_t:8,.0f} rows/s  certificates "
        f"{ROWS / peer_c:8,.0f} rows/s  all {peer_rate:8,.0f} rows/s (use_bulk)"
    )
    say(
        f"  ratio {ours_rate / peer_rate:.1f}x django-import-export (target >= 5x) "
        f"{'OK' if ours_rate >= 5 * peer_rate else 'MISSED'}"
    )
    say(f"  re-import of both unchanged files: {rows / again:,.0f} rows/s")

    if BIG_ROWS:
        OUT.mkdir(exist_ok=True)
        path = OUT / f"teachers_{BIG_ROWS}.xlsx"
        if not path.exists():
            path.write_bytes(sheet(TEACHERS, teacher_values(BIG_ROWS)))
        say(
            f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, sheet XML "
            f"{reader.unpacked_size(path.read_bytes()) / 1e6:.0f} MB unpacked; the importer reads "
            f"it with {services.reader_for(path.read_bytes())} (sheets above "
            f"{services.STREAM_ABOVE_BYTES / 1e6:.0f} MB unpacked stream through openpyxl)"
        )
        for engine in ("calamine", "openpyxl"):
            subprocess.run([sys.executable, __file__, "--big", engine], check=True)
        wipe()


if __name__ == "__main__":
    main()
